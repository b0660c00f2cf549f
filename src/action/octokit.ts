import type { Octokit } from "@octokit/core";
import { CONFIG_FILE } from "../domain/config/load.js";

/**
 * What the GitHub Action adds to the app's Octokit, as one Octokit plugin:
 *
 * - `config`: the repository's config file at another path. Probot's `context.config()`, the
 *   sweep and the gateway all read `.github/postmortem-followups.yml` of the workflow's repository
 *   through `GET /repos/{owner}/{repo}/contents/{path}`; that one read is pointed at the chosen
 *   file. Other repositories (the organisation's `.github` defaults) are left alone.
 * - `dryRun`: nothing is written. Every request that is not a read (anything but GET and HEAD, and
 *   GraphQL mutations) is logged with what it would send and answered locally with a plausible
 *   response, so the run goes on and shows everything it would have done. The webhook handlers
 *   have no dry run of their own; this hook is the single place that guarantees it.
 */

export interface ActionOctokitOptions {
  /** `owner/name` of the workflow's repository. */
  repository: string;
  /** Repository path of the config file; `.github/postmortem-followups.yml` when unset. */
  configPath?: string;
  dryRun?: boolean;
  /** The login the run acts as (the author of answered writes in a dry run). */
  botLogin: string;
  /** Where a dry run's writes are reported (default: the Octokit's logger). */
  onDryRunWrite?: (write: DryRunWrite) => void;
}

export interface DryRunWrite {
  method: string;
  /** The URL template, e.g. `/repos/{owner}/{repo}/issues`, expanded with the request's values. */
  route: string;
  /** A one-line description: the title, state, labels, or the first line of a body. */
  summary: string;
  /** The Markdown body the write would have sent, when it has one. */
  body?: string;
}

interface RequestOptions {
  method: string;
  url: string;
  baseUrl?: string;
  headers?: Record<string, string>;
  [key: string]: unknown;
}

type Request = (
  options: RequestOptions,
) => Promise<{ data: unknown; status: number; headers: object; url: string }>;

/** Options that are part of the request, not of the JSON body. */
const NOT_BODY = new Set(["method", "url", "baseUrl", "headers", "request", "mediaType", "data"]);

export function isWrite(options: { method: string; url: string; query?: unknown }): boolean {
  const method = options.method.toUpperCase();
  if (method === "GET" || method === "HEAD") return false;
  if (method === "POST" && /\/graphql$/.test(options.url)) {
    const query = typeof options.query === "string" ? options.query : "";
    // A document is a mutation when its first operation is one (the app sends one per request).
    return /^\s*(#[^\n]*\n\s*)*mutation\b/.test(query);
  }
  return true;
}

/** `/repos/{owner}/{repo}/issues` with the request's values. */
export function expandRoute(options: RequestOptions): string {
  return options.url.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = options[name];
    return value === undefined ? `{${name}}` : encodeURIComponent(String(value)).replace(/%2F/g, "/");
  });
}

function bodyParams(options: RequestOptions): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const inRoute = new Set([...options.url.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]));
  for (const [key, value] of Object.entries(options)) {
    if (NOT_BODY.has(key) || inRoute.has(key)) continue;
    out[key] = value;
  }
  return out;
}

export function describeWrite(options: RequestOptions): DryRunWrite {
  const params = bodyParams(options);
  const parts: string[] = [];
  for (const key of ["title", "name", "state", "state_reason", "conclusion", "status", "content"]) {
    const value = params[key];
    if (typeof value === "string") parts.push(`${key}: ${JSON.stringify(value)}`);
  }
  for (const key of ["labels", "assignees"]) {
    const value = params[key];
    if (Array.isArray(value)) parts.push(`${key}: ${value.map(String).join(", ") || "(none)"}`);
  }
  const output = params.output as { title?: unknown; annotations?: unknown[] } | undefined;
  if (output && typeof output.title === "string") parts.push(`output: ${JSON.stringify(output.title)}`);
  if (output && Array.isArray(output.annotations)) parts.push(`annotations: ${output.annotations.length}`);
  const body = typeof params.body === "string" ? params.body : undefined;
  if (parts.length === 0 && body) parts.push(JSON.stringify(body.split("\n").find((l) => l.trim()) ?? ""));
  return {
    method: options.method.toUpperCase(),
    route: expandRoute(options),
    summary: parts.join("; "),
    ...(body !== undefined ? { body } : {}),
  };
}

/** A response good enough for the code that made the write to carry on. */
function answer(options: RequestOptions, botLogin: string): { data: unknown; status: number } {
  const method = options.method.toUpperCase();
  if (method === "DELETE") return { data: undefined, status: 204 };
  const params = bodyParams(options);
  const labels = Array.isArray(params.labels)
    ? params.labels.map((l) => (typeof l === "string" ? { name: l } : l))
    : undefined;
  const assignees = Array.isArray(params.assignees)
    ? params.assignees.map((login) => ({ login: String(login) }))
    : undefined;
  const data: Record<string, unknown> = {
    ...params,
    id: 0,
    number: 0,
    node_id: "",
    url: "",
    html_url: "",
    user: { login: botLogin, type: "Bot" },
    created_at: new Date(0).toISOString(),
    updated_at: new Date(0).toISOString(),
    ...(labels ? { labels } : {}),
    ...(assignees ? { assignees } : {}),
  };
  if (/\/graphql$/.test(options.url)) return { data: { data: {} }, status: 200 };
  return { data, status: method === "POST" ? 201 : 200 };
}

export function actionOctokitPlugin(config: ActionOctokitOptions) {
  const [owner = "", repo = ""] = config.repository.split("/");
  const configPath = config.configPath && config.configPath !== CONFIG_FILE ? config.configPath : null;
  return (octokit: Octokit): Record<string, never> => {
    const hook = octokit.hook as unknown as {
      wrap(name: "request", fn: (request: Request, options: RequestOptions) => Promise<unknown>): void;
    };
    hook.wrap("request", async (request, options) => {
      if (
        configPath &&
        options.url === "/repos/{owner}/{repo}/contents/{path}" &&
        options.path === CONFIG_FILE &&
        String(options.owner).toLowerCase() === owner.toLowerCase() &&
        String(options.repo).toLowerCase() === repo.toLowerCase()
      ) {
        options.path = configPath;
      }
      // The probes read the config in GraphQL (src/github/probe.ts, check-probe.ts; `<rev>:<path>`
      // expressions, at the default branch or the head commit): the same file.
      const variables = (options as { variables?: Record<string, unknown> }).variables;
      if (configPath && options.url === "/graphql" && variables)
        for (const [name, value] of Object.entries(variables))
          if (typeof value === "string" && value.endsWith(`:${CONFIG_FILE}`) && !value.includes("\n"))
            variables[name] = `${value.slice(0, -CONFIG_FILE.length)}${configPath}`;
      if (!config.dryRun || !isWrite(options)) return request(options);
      const write = describeWrite(options);
      if (config.onDryRunWrite) config.onDryRunWrite(write);
      else octokit.log.info(`dry run: would ${write.method} ${write.route} (${write.summary})`);
      const { data, status } = answer(options, config.botLogin);
      return { data, status, headers: {}, url: `${options.baseUrl ?? ""}${write.route}` };
    });
    return {};
  };
}

/** The config input: a repository path, relative, without `..`, ending in .yml or .yaml. */
export function checkConfigPath(path: string): string | null {
  if (path.startsWith("/") || path.split("/").includes("..") || path.includes("\\"))
    return `config must be a path inside the repository (got "${path}")`;
  if (!/\.ya?ml$/.test(path)) return `config must be a .yml or .yaml file (got "${path}")`;
  return null;
}
