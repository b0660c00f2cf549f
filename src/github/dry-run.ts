import type { RepoGateway } from "../domain/ports.js";
import type { WriteOperation } from "../text/catalog/sweep.js";
import { READS } from "./read-cache.js";

/**
 * The dry run: read everything, write nothing, and record what would have been written. One module,
 * used by every caller through the repository factory (`openRepository(octokit, repo, { dryRun })`
 * in ./repository.ts) and, for the GitHub Action, through the Octokit it builds:
 *
 * - at the ports (`dryRunGateway`): every method of the gateway that is not a read is recorded as
 *   data (`RecordedWrite`: operation, target, fields; no text) and answered locally, so the run goes
 *   on and its caller says what it would do in the run's language (the sweep's `would …` lines, from
 *   the catalog's `sweep.would-write`). Reads go through. A method this layer does not know is
 *   treated as a write: recorded, never sent.
 * - under the ports (`dryRunRequests`): every request that is not a read (anything but GET and
 *   HEAD, and GraphQL mutations) is recorded (`DryRunWrite`: method, route, summary, body) and
 *   answered with a plausible response. This is what guarantees that nothing at all is written
 *   whatever code path sends it (check runs, reactions, Probot's own requests): the Action turns it
 *   on for its whole run and prints each write as `dry run: would POST /repos/…`.
 */

// ---------------------------------------------------------------- at the ports

/** A write the dry run did not send, as data: the caller renders it in the run's language. */
export interface RecordedWrite {
  /** The gateway method (`createIssue`). */
  method: string;
  operation: WriteOperation;
  /**
   * What it writes to or creates: the issue's, label's or milestone's title or name (creations),
   * `#7` (an issue, the parent of a sub-issue), the comment id or milestone number (edits), how many
   * project items or values, the project fields' quoted names, the method's name (`other`).
   */
  target: string;
  /** The fields an update sets (`updateIssue`), in the order given; empty otherwise. */
  fields: readonly string[];
}

/** What a dry run answers in place of GitHub. */
function fakeResult(method: string, args: unknown[]): unknown {
  switch (method) {
    case "createLabel":
      return "created";
    case "createIssue":
      return { number: 0, url: "" };
    case "transferIssue":
      return { number: 0, url: "", nodeId: "" };
    case "createComment":
      return { id: 0, body: String(args[1] ?? ""), author: null, url: "" };
    case "addProjectItems":
      return new Map(((args[1] ?? []) as string[]).map((id) => [id, `dry-run-item-${id}`]));
    case "setProjectValues":
    case "createProjectFields":
      return [];
    case "createMilestone": {
      const input = (args[0] ?? {}) as { title?: string; dueOn?: string | null };
      return { number: 0, title: input.title ?? "", dueOn: input.dueOn ?? null, state: "open" };
    }
    default:
      return undefined;
  }
}

function record(method: string, args: unknown[]): RecordedWrite {
  const first = args[0] as Record<string, unknown> | number | string | undefined;
  const named = (key: "title" | "name") => String((first as Record<string, unknown>)?.[key] ?? "");
  const write = (operation: WriteOperation, target: string, fields: readonly string[] = []) => ({
    method,
    operation,
    target,
    fields,
  });
  switch (method) {
    case "createIssue":
      return write("create-issue", named("title"));
    case "updateIssue":
      return write("update-issue", `#${String(first)}`, Object.keys((args[1] as object) ?? {}));
    case "createComment":
      return write("create-comment", `#${String(first)}`);
    case "updateComment":
      return write("update-comment", String(first));
    case "createLabel":
      return write("create-label", named("name"));
    case "createMilestone":
      return write("create-milestone", named("title"));
    case "updateMilestone":
      return write("update-milestone", String(first));
    case "addProjectItems":
      return write("add-project-items", String(((args[1] ?? []) as unknown[]).length));
    case "setProjectValues":
      return write("set-project-values", String(((args[1] ?? []) as unknown[]).length));
    case "createProjectFields":
      return write(
        "create-project-fields",
        ((args[1] ?? []) as { name?: string }[]).map((f) => JSON.stringify(f.name ?? "")).join(", "),
      );
    case "addSubIssue":
      return write("add-sub-issue", `#${String(first)}`);
    case "transferIssue":
      return write("transfer-issue", `#${String((first as { number?: number } | undefined)?.number ?? "")}`, [
        String(args[1] ?? ""),
      ]);
    default:
      return write("other", method);
  }
}

/** A gateway that reads through `inner` and records every write in `recorded` instead of sending it. */
export function dryRunGateway(inner: RepoGateway, recorded: RecordedWrite[]): RepoGateway {
  return new Proxy(inner, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof prop !== "string" || typeof value !== "function") return value;
      const method = value as (...args: unknown[]) => unknown;
      if (READS.has(prop)) return method.bind(target);
      return async (...args: unknown[]) => {
        recorded.push(record(prop, args));
        return fakeResult(prop, args);
      };
    },
  });
}

// ---------------------------------------------------------------- under the ports (requests)

export interface DryRunWrite {
  method: string;
  /** The URL template, e.g. `/repos/{owner}/{repo}/issues`, expanded with the request's values. */
  route: string;
  /** A one-line description: the title, state, labels, or the first line of a body. */
  summary: string;
  /** The Markdown body the write would have sent, when it has one. */
  body?: string;
}

export interface RequestOptions {
  method: string;
  url: string;
  baseUrl?: string;
  headers?: Record<string, string>;
  [key: string]: unknown;
}

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

type Request = (
  options: RequestOptions,
) => Promise<{ data: unknown; status: number; headers: object; url: string }>;

/**
 * The request-level dry run: `request` is sent when it only reads; otherwise `onWrite` gets its
 * description and the caller a local answer (authored by `botLogin`). Use it inside an Octokit
 * `hook.wrap("request", …)` (the Action's plugin does).
 */
export function dryRunRequest(
  request: Request,
  options: RequestOptions,
  dryRun: { botLogin: string; onWrite: (write: DryRunWrite) => void },
): ReturnType<Request> {
  if (!isWrite(options)) return request(options);
  const write = describeWrite(options);
  dryRun.onWrite(write);
  const { data, status } = answer(options, dryRun.botLogin);
  return Promise.resolve({ data, status, headers: {}, url: `${options.baseUrl ?? ""}${write.route}` });
}
