import type { Context } from "probot";
import {
  CONFIG_FILE,
  CONFIG_NAME,
  type ConfigResult,
  declaredLanguage,
  parseConfigObject,
  parseConfigText,
} from "../config/load.js";
import type { Config, Language } from "../config/schema.js";
import { detail, type ProblemDetail, renderDetail } from "../diagnostics/messages.js";
import type { Problem } from "../diagnostics/problem.js";
// Not the yaml library's `parse`: its duplicate-key check is quadratic in the number of keys.
import { parseYamlValue as parseYaml } from "../diagnostics/yaml-source.js";
import { errorMessage } from "./client.js";
import type { RepoGateway } from "./gateway.js";
import type { BlobRead, ConfigSources } from "./probe.js";

export type RepoConfigResult =
  | { ok: true; config: Config; source: "repository" | "default"; problems: Problem[] }
  /**
   * `raw`: the merged config data when there was any (to guess `paths`). `language`: the one the
   * config declares when it can be read that far (the problems are in it), else English.
   */
  | { ok: false; problems: Problem[]; language: Language; raw?: unknown };

export const MAX_CONFIG_BYTES = 256 * 1024;

/**
 * The repository's config through Probot's `context.config()` (the repository's
 * `.github/postmortem-followups.yml`, else the organisation's `.github` repository, with
 * `_extends`), validated with the config schema. `context.config()` returns merged plain data, so
 * when it is invalid (or is not YAML at all) the repository's own file is read as text to report
 * each problem with its line.
 */
export async function loadRepoConfig(
  context: Pick<Context, "config">,
  gateway: Pick<RepoGateway, "readFile">,
): Promise<RepoConfigResult> {
  let value: unknown;
  try {
    value = await context.config<Record<string, unknown>>(CONFIG_NAME);
  } catch (error) {
    const message = errorMessage(error);
    // Probot's config plugin throws on YAML it cannot parse and on a bad `_extends`.
    if (!message.includes("[@probot/octokit-plugin-config]")) throw error;
    const fromText = await problemsFromText(gateway, "en");
    return (
      fromText ?? {
        ok: false,
        language: "en",
        problems: [
          configProblem(
            detail("config-unreadable", { detail: message.replace("[@probot/octokit-plugin-config] ", "") }),
            "en",
          ),
        ],
      }
    );
  }
  if (value === null || value === undefined) {
    const result = parseConfigObject({});
    if (!result.ok) return result;
    return { ok: true, config: result.config, source: "default", problems: [] };
  }
  const result = parseConfigObject(value);
  if (result.ok) return { ok: true, config: result.config, source: "repository", problems: result.problems };
  // The merged object is invalid: the repository's own file gives the lines, when the problem is
  // there (in the language the merged config declares, when the file itself does not say).
  const fromText = await problemsFromText(gateway, declaredLanguage(value) ?? "en");
  return fromText ? { ...fromText, raw: value } : { ...result, raw: value };
}

function configProblem(problem: ProblemDetail, language: Language): Problem {
  return {
    file: CONFIG_FILE,
    line: 1,
    column: 1,
    severity: "error",
    path: "",
    code: problem.code,
    message: renderDetail(language, problem),
  };
}

export type ConfigFileRead =
  | { kind: "absent" }
  | { kind: "too-large"; problems: Problem[]; language: Language }
  | { kind: "parsed"; text: string; result: ConfigResult };

/**
 * The repository's own config file (at a ref), parsed with line numbers. `language`: of the
 * problems when the file does not declare its own (it cannot, when it is too large to read).
 */
export async function readConfigFile(
  gateway: Pick<RepoGateway, "readFile">,
  ref?: string,
  language: Language = "en",
): Promise<ConfigFileRead> {
  const file = await gateway.readFile(CONFIG_FILE, { ...(ref ? { ref } : {}), maxBytes: MAX_CONFIG_BYTES });
  if (!file) return { kind: "absent" };
  if (file.kind === "too-large") {
    const problem = detail("config-too-large", { bytes: file.size, max: MAX_CONFIG_BYTES });
    return { kind: "too-large", problems: [configProblem(problem, language)], language };
  }
  const text = new TextDecoder().decode(file.content);
  return { kind: "parsed", text, result: parseConfigText(text, CONFIG_FILE, { language }) };
}

/** Problems (with lines) in the repository's own config file; null when it is absent or valid. */
async function problemsFromText(
  gateway: Pick<RepoGateway, "readFile">,
  language: Language,
): Promise<{ ok: false; problems: Problem[]; language: Language } | null> {
  const read = await readConfigFile(gateway, undefined, language);
  if (read.kind === "absent") return null;
  if (read.kind === "too-large") return { ok: false, problems: read.problems, language: read.language };
  return read.result.ok ? null : read.result;
}

/** The YAML's top-level `_extends`, when it has one (or the text is not YAML: Probot decides then). */
function needsProbot(text: string): boolean {
  try {
    const value = parseYaml(text) as unknown;
    return value !== null && typeof value === "object" && "_extends" in (value as object);
  } catch {
    return false;
  }
}

/**
 * The config from the files a probe read (./probe.ts): the repository's own file, else the
 * owner's `.github` repository's, as Probot's `context.config()` would find them, without its
 * two REST requests. A file with `_extends`, or one GraphQL could not give as text, goes through
 * `probot` (the full lookup) instead.
 */
export async function configFromProbe(
  sources: ConfigSources,
  probot: () => Promise<RepoConfigResult>,
): Promise<RepoConfigResult> {
  const own: BlobRead = sources.repository;
  if (own.kind === "unreadable") return probot();
  if (own.kind === "too-large") {
    const problem = detail("config-too-large", { bytes: own.size, max: MAX_CONFIG_BYTES });
    return { ok: false, problems: [configProblem(problem, "en")], language: "en" };
  }
  if (own.kind === "text") {
    if (own.size > MAX_CONFIG_BYTES) {
      const problem = detail("config-too-large", { bytes: own.size, max: MAX_CONFIG_BYTES });
      return { ok: false, problems: [configProblem(problem, "en")], language: "en" };
    }
    if (needsProbot(own.text)) return probot();
    // An empty file is the repository's config, of defaults (as Probot has it).
    if (own.text.trim() === "") return defaults("repository");
    const result = parseConfigText(own.text, CONFIG_FILE);
    if (result.ok)
      return { ok: true, config: result.config, source: "repository", problems: result.problems };
    let raw: unknown;
    try {
      raw = parseYaml(own.text) as unknown;
    } catch {
      raw = undefined;
    }
    return raw === undefined ? result : { ...result, raw };
  }
  const org = sources.organisation;
  if (org.kind === "absent") return defaults();
  if (org.kind !== "text" || needsProbot(org.text)) return probot();
  // The organisation's file: Probot's merged data, checked as before (its lines are in another
  // repository, where no annotation can point).
  let value: unknown;
  try {
    value = parseYaml(org.text) as unknown;
  } catch (error) {
    const problem = detail("config-unreadable", { detail: errorMessage(error).split("\n")[0]! });
    return { ok: false, language: "en", problems: [configProblem(problem, "en")] };
  }
  if (value === null || value === undefined) return defaults();
  const result = parseConfigObject(value);
  if (result.ok) return { ok: true, config: result.config, source: "repository", problems: result.problems };
  return { ...result, raw: value };
}

function defaults(source: "repository" | "default" = "default"): RepoConfigResult {
  const result = parseConfigObject({});
  if (!result.ok) return result;
  return { ok: true, config: result.config, source, problems: [] };
}
