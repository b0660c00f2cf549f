import { Context } from "probot";
import { declaresExtends, extendsPosition, extendsTarget } from "../domain/config/extends.js";
import {
  CONFIG_FILE,
  CONFIG_NAME,
  type ConfigResult,
  declaredLanguage,
  parseConfigObject,
  parseConfigText,
} from "../domain/config/load.js";
import type { Config, Language } from "../domain/config/schema.js";
import { detail, type ProblemDetail, renderDetail } from "../domain/diagnostics/messages.js";
import type { Problem } from "../domain/diagnostics/problem.js";
// Not the yaml library's `parse`: its duplicate-key check is quadratic in the number of keys.
import { parseYamlValue as parseYaml } from "../domain/diagnostics/yaml-source.js";
import { errorMessage, statusOf } from "./client.js";
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
 * What loadRepoConfig needs of a Probot context: `config()`, and (a real context has them) the
 * octokit and `repo()` that let it see which files Probot's lookup read, so that an `_extends`
 * whose file is missing is an error rather than silently nothing.
 */
export type ConfigContext = Pick<Context, "config"> & {
  octokit?: unknown;
  repo?: (object?: Record<string, unknown>) => { owner: string; repo: string };
};

/** A file Probot's config plugin read (`config` null: GitHub answered 404). */
interface LookupFile {
  owner: string;
  repo: string;
  path: string;
  config: Record<string, unknown> | null;
}

type ConfigGet = (params: object) => Promise<{ config: unknown; files: LookupFile[] }>;

const PLUGIN_PREFIX = "[@probot/octokit-plugin-config]";

/**
 * The repository's config through Probot's `context.config()` (the repository's
 * `.github/postmortem-followups.yml`, else the organisation's `.github` repository, with
 * `_extends`), validated with the config schema. `context.config()` returns merged plain data, so
 * when it is invalid (or is not YAML at all) the repository's own file is read as text to report
 * each problem with its line.
 *
 * An `_extends` whose config cannot be read is an error, at the `_extends` line: malformed (the
 * schema's `extends-malformed`), GitHub answers 404 (`extends-not-found`: Probot's plugin drops
 * it and would apply the defaults) or 403 (`extends-forbidden`), or the file it names is not a
 * valid config (`extends-invalid`). Every caller stops on `ok: false`, so nothing is written.
 */
export async function loadRepoConfig(
  context: ConfigContext,
  gateway: Pick<RepoGateway, "readFile">,
): Promise<RepoConfigResult> {
  let value: unknown;
  let files: LookupFile[] | null;
  try {
    ({ value, files } = await probotLookup(context));
  } catch (error) {
    const message = errorMessage(error);
    // (A 403 that is a rate limit is not about the file: it is thrown on, as any request error.)
    const forbidden = statusOf(error) === 403 && !/rate limit/i.test(message);
    // Probot's config plugin throws on YAML it cannot parse and on a bad `_extends`; GitHub's 403
    // on a file `_extends` names (not on this repository's own file) is the config's problem too.
    if (!message.includes(PLUGIN_PREFIX) && !forbidden) throw error;
    const read = await readConfigFile(gateway);
    const own = read.kind === "parsed" ? read : null;
    if (own && !own.result.ok) return own.result;
    if (read.kind === "too-large") return { ok: false, problems: read.problems, language: read.language };
    const language = (own?.result.ok && own.result.config.language) || "en";
    const at = own ? extendsPosition(own.text) : undefined;
    if (forbidden) {
      if (!at) throw error;
      const target = targetOfUrl(requestUrl(error)) ?? "?";
      return {
        ok: false,
        language,
        problems: [extendsProblem(detail("extends-forbidden", { target }), at, language)],
      };
    }
    const plain = message.replace(`${PLUGIN_PREFIX} `, "");
    if (at) {
      const target = targetOfUrl(plain) ?? extendsTarget(own!.text) ?? "?";
      const problem = detail("extends-invalid", { target, detail: plain });
      return { ok: false, language, problems: [extendsProblem(problem, at, language)] };
    }
    return {
      ok: false,
      language,
      problems: [configProblem(detail("config-unreadable", { detail: plain }), language)],
    };
  }
  const language = declaredLanguage(value) ?? "en";
  const extended = files ? extendedFiles(files) : null;
  const missing = extended?.files.find((f) => f.config === null);
  if (extended && missing) {
    // Probot's plugin dropped a 404 and merged the rest: that is not the config people wrote.
    // (When the repository's own file has problems, `_extends: ..` say, those are reported.)
    const problem = detail("extends-not-found", { target: targetOf(missing) });
    if (!extended.own)
      return { ok: false, language, problems: [extendsProblem(problem, undefined, language)], raw: value };
    const read = await readConfigFile(gateway, undefined, language);
    if (read.kind === "parsed" && !read.result.ok) return { ...read.result, raw: value };
    const at = read.kind === "parsed" ? extendsPosition(read.text) : undefined;
    return { ok: false, language, problems: [extendsProblem(problem, at, language)], raw: value };
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
  const read = await readConfigFile(gateway, undefined, language);
  if (read.kind === "too-large")
    return { ok: false, problems: read.problems, language: read.language, raw: value };
  if (read.kind === "parsed" && !read.result.ok) return { ...read.result, raw: value };
  // The repository's own file is valid (or absent): the problem came with `_extends`, when it has one.
  const last = extended?.files[extended.files.length - 1];
  if (extended?.own && last && read.kind === "parsed") {
    const at = extendsPosition(read.text);
    if (at)
      return {
        ok: false,
        language,
        raw: value,
        problems: parseConfigObjectProblems(value, language).map((p) =>
          extendsProblem(
            detail("extends-invalid", {
              target: targetOf(last),
              detail: p.path ? `${p.path}: ${p.message}` : p.message,
            }),
            at,
            language,
          ),
        ),
      };
  }
  return { ...result, raw: value };
}

/**
 * Probot's `context.config()`, watching the files its plugin read: the same requests, the same
 * merge (Probot's own code runs), and the list of files with the 404s it otherwise drops. A
 * context without an octokit (a test's plain `{ config }`) gives no list.
 */
async function probotLookup(context: ConfigContext): Promise<{ value: unknown; files: LookupFile[] | null }> {
  const octokit = context.octokit as { config?: { get?: ConfigGet } } | undefined;
  const plugin = octokit?.config;
  const get = plugin?.get;
  if (!get || !context.repo) return { value: await context.config(CONFIG_NAME), files: null };
  let files: LookupFile[] | null = null;
  const observed = {
    repo: (object?: Record<string, unknown>) => context.repo!(object),
    octokit: {
      config: {
        get: async (params: object) => {
          const answer = await get.call(plugin, params);
          files = answer.files;
          return answer;
        },
      },
    },
  };
  const value = await Context.prototype.config.call(observed as unknown as Context, CONFIG_NAME);
  return { value, files };
}

/**
 * The files `_extends` brought in: those after the first file that has a config (the
 * repository's own, else the organisation's `.github` fallback). `own`: that first file is the
 * repository's own (its `_extends` line can be pointed at).
 */
function extendedFiles(files: readonly LookupFile[]): { own: boolean; files: LookupFile[] } | null {
  const base = files.findIndex((f) => f.config !== null);
  if (base === -1 || base === files.length - 1) return null;
  return { own: base === 0, files: files.slice(base + 1) };
}

function targetOf(file: Pick<LookupFile, "owner" | "repo" | "path">): string {
  return `${file.owner}/${file.repo}:${file.path}`;
}

/** `owner/repo:path` of a contents URL (`.../repos/o/r/contents/p`), when the text has one. */
function targetOfUrl(text: string | undefined): string | undefined {
  const m = text ? /\/repos\/([^/\s]+)\/([^/\s]+)\/contents\/([^?\s]+)/.exec(text) : null;
  return m ? targetOf({ owner: m[1]!, repo: m[2]!, path: decodeURIComponent(m[3]!) }) : undefined;
}

function requestUrl(error: unknown): string | undefined {
  const request = (error as { request?: { url?: unknown } }).request;
  return typeof request?.url === "string" ? request.url : undefined;
}

/**
 * A problem of `_extends`, at its line in the repository's own file; at line 1 when it is not
 * there (the organisation's `.github` fallback has it: its lines are in another repository).
 */
function extendsProblem(
  problem: ProblemDetail,
  at: { line: number; column: number } | undefined,
  language: Language,
): Problem {
  return { ...configProblem(problem, language), ...at, path: "_extends" };
}

/** A problem with the config file as a whole (line 1), in `language`. */
export function configProblem(problem: ProblemDetail, language: Language): Problem {
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
    if (declaresExtends(own.text)) return probot();
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
  if (org.kind !== "text" || declaresExtends(org.text)) return probot();
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

/** The problems of merged config data, every message in the catalog's words. */
function parseConfigObjectProblems(value: unknown, language: Language): Problem[] {
  const result = parseConfigObject(value, CONFIG_FILE, { language, catalog: true });
  return result.ok ? [] : result.problems;
}
