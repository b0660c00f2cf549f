import type { FileRead } from "../../domain/check/evaluate.js";
import { declaresExtends } from "../../domain/config/extends.js";
import { CONFIG_FILE, parseConfigText } from "../../domain/config/load.js";
import type { Config, Language } from "../../domain/config/schema.js";
import type { Problem } from "../../domain/diagnostics/problem.js";
import type { RepoFile } from "../../domain/ports.js";
import { LIMITS } from "../../domain/postmortem/schema.js";
import { configProblem, MAX_CONFIG_BYTES, type RepoConfigResult } from "../../github/config.js";
import type { Repository } from "../../github/repository.js";
import { detail } from "../../text/catalog/index.js";

/**
 * What the PR check reads at the head commit: the changed files (one GraphQL request, REST for what
 * it cannot give) and the config the postmortems are judged with.
 */

/** Files at the head commit: read together in one GraphQL request, REST for what it cannot give. */
export class HeadReader {
  readonly #files = new Map<string, RepoFile | null>();

  constructor(
    private readonly repository: Repository,
    private readonly ref: string,
  ) {}

  async prefetch(paths: readonly string[]): Promise<void> {
    if (paths.length === 0) return;
    const files = await this.repository.readFiles(
      this.ref,
      paths,
      Math.max(LIMITS.fileBytes, MAX_CONFIG_BYTES),
    );
    for (const [path, file] of files) this.#files.set(path, file);
  }

  /** The file (too large over `maxBytes`), null when absent. */
  async read(path: string, maxBytes: number): Promise<FileRead> {
    let file = this.#files.get(path);
    if (file === undefined) file = await this.repository.gateway.readFile(path, { ref: this.ref, maxBytes });
    if (!file) return null;
    if (file.kind === "too-large") return { kind: "too-large", size: file.size };
    return file.size > maxBytes
      ? { kind: "too-large", size: file.size }
      : { kind: "file", content: file.content };
  }
}

export interface ChosenConfig {
  config: Config | null;
  problems: Problem[];
  language: Language;
  annotateConfig: boolean;
}

/**
 * The config the postmortems are judged with. The pull request's own config file, when it changes
 * it, is validated and its problems reported on it; when it is valid (and has no `_extends`, which
 * only the default branch's config can use) its settings judge the postmortems, because those are
 * the rules they will be synced under once this merges. They are data (names, numbers, choices),
 * never compiled into a matcher: `paths` is always the base's.
 */
export async function chooseConfig(input: {
  base: RepoConfigResult;
  basePaths: string[];
  configTouched: boolean;
  head: HeadReader;
  /** Whether the config file exists at the head commit (undefined: not probed, read it). */
  headConfigExists: boolean | undefined;
}): Promise<ChosenConfig> {
  const { base } = input;
  if (input.configTouched) {
    const read = await input.head.read(CONFIG_FILE, MAX_CONFIG_BYTES);
    if (read?.kind === "too-large") {
      const problem = detail("config-too-large", { bytes: read.size, max: MAX_CONFIG_BYTES });
      return {
        config: null,
        // The proposed file cannot be read, so its language is unknown: the base's.
        problems: [configProblem(problem, base.ok ? base.config.language : base.language)],
        language: base.ok ? base.config.language : base.language,
        annotateConfig: true,
      };
    }
    if (read) {
      const text = new TextDecoder().decode(read.content);
      const result = parseConfigText(text, CONFIG_FILE);
      if (!result.ok)
        return { config: null, problems: result.problems, language: result.language, annotateConfig: true };
      if (!declaresExtends(text))
        return {
          config: { ...result.config, paths: input.basePaths },
          problems: result.problems,
          language: result.config.language,
          annotateConfig: true,
        };
    }
  }
  if (base.ok)
    return {
      config: base.config,
      problems: base.problems,
      language: base.config.language,
      annotateConfig: input.configTouched,
    };
  // Annotations need a path that exists at the head commit.
  const exists =
    input.configTouched ||
    (input.headConfigExists ?? (await input.head.read(CONFIG_FILE, MAX_CONFIG_BYTES)) !== null);
  return { config: null, problems: base.problems, language: base.language, annotateConfig: exists };
}
