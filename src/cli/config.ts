import { readFile } from "node:fs/promises";
import { isAbsolute, relative, resolve } from "node:path";
import { CONFIG_FILE, defaultConfig, parseConfigText } from "../domain/config/load.js";
import type { Config, Language } from "../domain/config/schema.js";
import type { Problem } from "../domain/diagnostics/problem.js";
import { toPosix } from "../domain/postmortem/paths.js";
import { t } from "../text/catalog/index.js";
import { type CliIO, UsageError } from "./context.js";

export type CliConfig =
  | { ok: true; config: Config; file: string | null; problems: Problem[] }
  /** `language`: the one the config declares when it parses that far (its problems are in it). */
  | { ok: false; file: string; problems: Problem[]; language: Language };

/** The Commander option every command that reads the config takes. */
export const CONFIG_OPTION = ["--config <file>", `config file (default: ${CONFIG_FILE})`] as const;

/**
 * Load the config for a command. The default file may be absent (the defaults apply); a file named
 * with --config must exist (a usage error otherwise). An invalid config is never ignored: its
 * problems come back with their lines and the command exits 1.
 */
export async function loadCliConfig(io: CliIO, option: string | undefined): Promise<CliConfig> {
  const given = option !== undefined;
  const path = resolve(io.cwd, option ?? CONFIG_FILE);
  const display = displayPath(io.cwd, path);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" && !given) return { ok: true, config: defaultConfig(), file: null, problems: [] };
    if (code === "ENOENT") throw new UsageError((l) => t(l, "usage.config-not-found", { file: display }));
    if (code === "EISDIR") throw new UsageError((l) => t(l, "usage.config-is-directory", { file: display }));
    const why = code ?? String(error);
    throw new UsageError((l) => t(l, "usage.config-unreadable", { file: display, code: why }));
  }
  const result = parseConfigText(text, display);
  return result.ok
    ? { ok: true, config: result.config, file: display, problems: result.problems }
    : { ok: false, file: display, problems: result.problems, language: result.language };
}

/**
 * The language of a usage error: the one the config in the working folder declares (even an
 * invalid config, when it parses that far), else English.
 */
export async function localLanguage(cwd: string): Promise<Language> {
  const text = await readFile(resolve(cwd, CONFIG_FILE), "utf8").catch(() => null);
  if (text === null) return "en";
  const result = parseConfigText(text, CONFIG_FILE);
  return result.ok ? result.config.language : result.language;
}

/** A path as the user sees it: relative to the working folder (absolute outside it), forward slashes. */
export function displayPath(cwd: string, path: string): string {
  const rel = toPosix(relative(cwd, path));
  if (rel === "") return ".";
  return rel === ".." || rel.startsWith("../") || isAbsolute(rel) ? toPosix(path) : rel;
}
