import type { Context } from "probot";
import {
  CONFIG_FILE,
  CONFIG_NAME,
  type ConfigResult,
  parseConfigObject,
  parseConfigText,
} from "../config/load.js";
import type { Config } from "../config/schema.js";
import type { Problem } from "../diagnostics/problem.js";
import { errorMessage } from "./client.js";
import type { RepoGateway } from "./gateway.js";

export type RepoConfigResult =
  | { ok: true; config: Config; source: "repository" | "default"; problems: Problem[] }
  /** `raw`: the merged config data when there was any (to guess `paths` and `language`). */
  | { ok: false; problems: Problem[]; raw?: unknown };

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
    const fromText = await problemsFromText(gateway);
    return {
      ok: false,
      problems: fromText ?? [
        {
          file: CONFIG_FILE,
          line: 1,
          column: 1,
          severity: "error",
          path: "",
          message: message.replace("[@probot/octokit-plugin-config] ", ""),
        },
      ],
    };
  }
  if (value === null || value === undefined) {
    const result = parseConfigObject({});
    if (!result.ok) return result;
    return { ok: true, config: result.config, source: "default", problems: [] };
  }
  const result = parseConfigObject(value);
  if (result.ok) return { ok: true, config: result.config, source: "repository", problems: result.problems };
  // The merged object is invalid: the repository's own file gives the lines, when the problem is there.
  const fromText = await problemsFromText(gateway);
  return { ok: false, problems: fromText ?? result.problems, raw: value };
}

export type ConfigFileRead =
  | { kind: "absent" }
  | { kind: "too-large"; problems: Problem[] }
  | { kind: "parsed"; text: string; result: ConfigResult };

/** The repository's own config file (at a ref), parsed with line numbers. */
export async function readConfigFile(
  gateway: Pick<RepoGateway, "readFile">,
  ref?: string,
): Promise<ConfigFileRead> {
  const file = await gateway.readFile(CONFIG_FILE, { ...(ref ? { ref } : {}), maxBytes: MAX_CONFIG_BYTES });
  if (!file) return { kind: "absent" };
  if (file.kind === "too-large") {
    const message = `the config file is ${file.size} bytes; at most ${MAX_CONFIG_BYTES} are read`;
    return {
      kind: "too-large",
      problems: [{ file: CONFIG_FILE, line: 1, column: 1, severity: "error", path: "", message }],
    };
  }
  const text = new TextDecoder().decode(file.content);
  return { kind: "parsed", text, result: parseConfigText(text) };
}

/** Problems (with lines) in the repository's own config file; null when it is absent or valid. */
async function problemsFromText(gateway: Pick<RepoGateway, "readFile">): Promise<Problem[] | null> {
  const read = await readConfigFile(gateway);
  if (read.kind === "absent") return null;
  if (read.kind === "too-large") return read.problems;
  return read.result.ok ? null : read.result.problems;
}
