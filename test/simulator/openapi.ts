/**
 * Contract side of the simulator: loads GitHub's published REST description from
 * `@octokit/openapi`, matches requests to operations and validates parameters and bodies.
 *
 * Parsing a dereferenced description takes ~0.5-1 s (70 MB of JSON), so the first load extracts a
 * slim index (operations, parameters, request-body schemas without descriptions/examples) and caches
 * it in `node_modules/.cache/github-simulator/` keyed by the package version. Later processes load
 * the ~1 MB index in a few milliseconds. Response schemas (only used with `checkResponses`) are
 * cached in a second file for the operations the simulator implements.
 */
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { declaredProperties, type JsonSchema, slimSchema, validate } from "./json-schema.js";

export type DescriptionName =
  | "api.github.com"
  | "ghec"
  | "ghes-3.17"
  | "ghes-3.18"
  | "ghes-3.19"
  | (string & {});

export interface OpParam {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required: boolean;
  schema: JsonSchema;
  multiSegment: boolean;
}

export interface OpEntry {
  id: string;
  method: string;
  path: string;
  params: OpParam[];
  body: { required: boolean; content: Record<string, JsonSchema> } | null;
}

interface Route {
  op: OpEntry;
  regex: RegExp;
  names: string[];
  literals: number;
  multi: number;
}

export interface ApiDescription {
  name: string;
  version: string;
  ops: OpEntry[];
  byId: Map<string, OpEntry>;
  routes: Map<string, Route[]>;
  /** operationId -> status -> response JSON schema (only when loaded with response schemas). */
  responses: Map<string, Record<string, JsonSchema | null>> | null;
}

const INDEX_FORMAT = 3;

/** Walks up from this file and from the cwd looking for `node_modules/<name>`. */
export function findPackageDir(name: string): string {
  const starts = [dirname(fileURLToPath(import.meta.url)), process.cwd()];
  for (const start of starts) {
    let dir = start;
    for (;;) {
      const candidate = join(dir, "node_modules", name);
      if (existsSync(join(candidate, "package.json"))) return candidate;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new Error(`github simulator: cannot find package ${name} (is it installed?)`);
}

function cacheDir(openapiDir: string): string {
  const candidates = [
    join(openapiDir, "..", "..", ".cache", "github-simulator"),
    join(tmpdir(), "github-simulator"),
  ];
  for (const dir of candidates) {
    try {
      mkdirSync(dir, { recursive: true });
      return dir;
    } catch {
      // try next
    }
  }
  return tmpdir();
}

/** Writes a cache file atomically and removes stale siblings (same `stalePrefix`, other name). */
function writeAtomic(file: string, data: string, stalePrefix: string): void {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, file);
    const dir = dirname(file);
    for (const name of readdirSync(dir)) {
      if (name.startsWith(stalePrefix) && name.endsWith(".json") && join(dir, name) !== file)
        unlinkSync(join(dir, name));
    }
  } catch {
    // the cache is an optimisation only
  }
}

const METHODS = ["get", "post", "put", "patch", "delete", "head", "options"];

interface RawDescription {
  paths: Record<string, Record<string, unknown>>;
}

let rawCache: { name: string; doc: RawDescription } | null = null;

function loadRaw(openapiDir: string, name: string): RawDescription {
  if (rawCache?.name === name) return rawCache.doc;
  const file = join(openapiDir, "generated", `${name}.deref.json`);
  if (!existsSync(file)) throw new Error(`github simulator: no OpenAPI description ${file}`);
  const doc = JSON.parse(readFileSync(file, "utf8")) as RawDescription;
  rawCache = { name, doc };
  return doc;
}

function extractOps(doc: RawDescription): OpEntry[] {
  const ops: OpEntry[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    const shared = Array.isArray(item.parameters) ? (item.parameters as Record<string, unknown>[]) : [];
    for (const method of METHODS) {
      const op = item[method] as Record<string, unknown> | undefined;
      if (!op || typeof op !== "object") continue;
      const rawParams = [...shared, ...((op.parameters as Record<string, unknown>[] | undefined) ?? [])];
      const params: OpParam[] = rawParams.map((p) => ({
        name: String(p.name),
        in: p.in as OpParam["in"],
        required: Boolean(p.required),
        schema: slimSchema(p.schema),
        multiSegment: Boolean(p["x-multi-segment"]),
      }));
      let body: OpEntry["body"] = null;
      const rb = op.requestBody as
        | { required?: boolean; content?: Record<string, { schema?: unknown }> }
        | undefined;
      if (rb?.content) {
        const content: Record<string, JsonSchema> = {};
        for (const [type, media] of Object.entries(rb.content)) content[type] = slimSchema(media.schema);
        body = { required: Boolean(rb.required), content };
      }
      ops.push({ id: String(op.operationId), method: method.toUpperCase(), path, params, body });
    }
  }
  return ops;
}

function extractResponses(
  doc: RawDescription,
  ids: Set<string>,
): Record<string, Record<string, JsonSchema | null>> {
  const out: Record<string, Record<string, JsonSchema | null>> = {};
  for (const item of Object.values(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method] as Record<string, unknown> | undefined;
      if (!op || typeof op !== "object" || !ids.has(String(op.operationId))) continue;
      const statuses: Record<string, JsonSchema | null> = {};
      const responses = (op.responses ?? {}) as Record<
        string,
        { content?: Record<string, { schema?: unknown }> }
      >;
      for (const [status, response] of Object.entries(responses)) {
        const content = response.content ?? {};
        const media = content["application/json"] ?? Object.values(content).find((m) => m.schema);
        statuses[status] = media?.schema ? slimSchema(media.schema) : null;
      }
      out[String(op.operationId)] = statuses;
    }
  }
  return out;
}

function buildRoutes(ops: OpEntry[]): Map<string, Route[]> {
  const routes = new Map<string, Route[]>();
  for (const op of ops) {
    const names: string[] = [];
    let literals = 0;
    let multi = 0;
    const source = op.path
      .split("/")
      .map((segment) => {
        const m = /^\{(\w+)\}$/.exec(segment);
        if (m?.[1]) {
          const name = m[1];
          names.push(name);
          const isMulti = op.params.some((p) => p.in === "path" && p.name === name && p.multiSegment);
          if (isMulti) multi++;
          // `contents/{path}` also serves the repository root (`contents`), other multi-segment
          // parameters (refs, basehead) need at least one character.
          if (isMulti) return name === "path" && op.path.endsWith("/contents/{path}") ? "\u0000" : "(.+)";
          return "([^/]+)";
        }
        // Mixed segments such as "{basehead}" never occur, but literal text is escaped anyway.
        literals++;
        return segment
          .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
          .replace(/\\\{(\w+)\\\}/g, (_all, name: string) => {
            names.push(name);
            return "([^/]+)";
          });
      })
      .join("/");
    const route: Route = {
      op,
      regex: new RegExp(`^${source.replace("/\u0000", "(?:/(.*))?")}/?$`),
      names,
      literals,
      multi,
    };
    const list = routes.get(op.method) ?? [];
    list.push(route);
    routes.set(op.method, list);
  }
  for (const list of routes.values()) list.sort((a, b) => b.literals - a.literals || a.multi - b.multi);
  return routes;
}

const descriptions = new Map<string, ApiDescription>();

function versionOf(dir: string): string {
  return (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string }).version;
}

/** Loads (once per process) the request index of an OpenAPI description. */
export function loadDescription(name: DescriptionName, responseOps?: string[]): ApiDescription {
  const existing = descriptions.get(name);
  if (existing && (!responseOps || existing.responses)) return existing;

  const openapiDir = findPackageDir("@octokit/openapi");
  const version = versionOf(openapiDir);
  const file = join(openapiDir, "generated", `${name}.deref.json`);
  const stamp = `${version}-${statSync(file).size}-f${INDEX_FORMAT}`;
  const dir = cacheDir(openapiDir);

  let ops = existing?.ops;
  if (!ops) {
    const indexFile = join(dir, `${name}-${stamp}.ops.json`);
    if (existsSync(indexFile)) {
      try {
        ops = JSON.parse(readFileSync(indexFile, "utf8")) as OpEntry[];
      } catch {
        ops = undefined;
      }
    }
    if (!ops) {
      ops = extractOps(loadRaw(openapiDir, name));
      writeAtomic(indexFile, JSON.stringify(ops), `${name}-`);
    }
  }

  let responses: ApiDescription["responses"] = existing?.responses ?? null;
  if (responseOps) {
    const ids = [...new Set(responseOps)].sort();
    const hash = createHash("sha1").update(ids.join(",")).digest("hex").slice(0, 10);
    const respFile = join(dir, `${name}-${stamp}.responses-${hash}.json`);
    let data: Record<string, Record<string, JsonSchema | null>> | undefined;
    if (existsSync(respFile)) {
      try {
        data = JSON.parse(readFileSync(respFile, "utf8")) as Record<
          string,
          Record<string, JsonSchema | null>
        >;
      } catch {
        data = undefined;
      }
    }
    if (!data) {
      data = extractResponses(loadRaw(openapiDir, name), new Set(ids));
      writeAtomic(respFile, JSON.stringify(data), `${name}-${stamp}.responses-`);
    }
    responses = new Map(Object.entries(data));
  }
  rawCache = null; // free the 70 MB document once the indexes exist

  const description: ApiDescription = {
    name,
    version,
    ops,
    byId: new Map(ops.map((op) => [op.id, op])),
    routes: existing?.routes ?? buildRoutes(ops),
    responses,
  };
  descriptions.set(name, description);
  return description;
}

export interface MatchResult {
  op: OpEntry;
  params: Record<string, string>;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Finds the operation for a method + path (path without query and without `/api/v3`). */
export function matchOperation(desc: ApiDescription, method: string, pathname: string): MatchResult | null {
  const list = desc.routes.get(method.toUpperCase()) ?? [];
  let fallback: MatchResult | null = null;
  for (const route of list) {
    const m = route.regex.exec(pathname);
    if (!m) continue;
    const params: Record<string, string> = {};
    route.names.forEach((name, i) => {
      params[name] = safeDecode(m[i + 1] ?? "");
    });
    // Prefer a candidate whose integer path parameters really are integers
    // (e.g. /issues/comments must not be read as /issues/{issue_number}).
    const typed = route.op.params.every(
      (p) => p.in !== "path" || p.schema.type !== "integer" || /^\d+$/.test(params[p.name] ?? ""),
    );
    if (typed) return { op: route.op, params };
    fallback ??= { op: route.op, params };
  }
  return fallback;
}

/** Methods under which a path exists (for a helpful "wrong method" message). */
export function methodsForPath(desc: ApiDescription, pathname: string): string[] {
  const out: string[] = [];
  for (const [method, list] of desc.routes) if (list.some((r) => r.regex.test(pathname))) out.push(method);
  return out;
}

function coerceQuery(schema: JsonSchema, raw: string[]): unknown {
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  const one = raw[raw.length - 1] ?? "";
  if (type === "integer" || type === "number") return /^-?\d+(\.\d+)?$/.test(one) ? Number(one) : one;
  if (type === "boolean") return one === "true" ? true : one === "false" ? false : one;
  if (type === "array") return raw.flatMap((v) => v.split(","));
  return one;
}

/** Validates path and query parameters. Unknown query parameters are reported too. */
export function validateParams(
  op: OpEntry,
  pathParams: Record<string, string>,
  query: URLSearchParams,
): string[] {
  const errors: string[] = [];
  for (const p of op.params) {
    if (p.in === "path") {
      const value = pathParams[p.name];
      if (value === undefined) continue;
      const coerced = coerceQuery(p.schema, [value]);
      validate(p.schema, coerced, `path parameter ${p.name}`, errors);
    } else if (p.in === "query") {
      const raw = query.getAll(p.name);
      if (raw.length === 0) {
        if (p.required) errors.push(`query: missing required parameter "${p.name}"`);
        continue;
      }
      validate(p.schema, coerceQuery(p.schema, raw), `query parameter ${p.name}`, errors);
    }
  }
  const known = new Set(op.params.filter((p) => p.in === "query").map((p) => p.name));
  for (const key of new Set(query.keys())) {
    if (!known.has(key)) {
      errors.push(`query: unknown parameter "${key}" (GitHub ignores it silently; is it misspelt?)`);
    }
  }
  return errors;
}

/** Validates a parsed JSON body against the operation's request-body schema. */
export function validateBody(
  op: OpEntry,
  body: unknown,
  hasBody: boolean,
  opts: { unknownProperties: boolean },
): string[] {
  if (!op.body) {
    if (!hasBody) return [];
    if (body && typeof body === "object" && !Array.isArray(body) && Object.keys(body).length === 0) return [];
    return [`body: ${op.id} takes no request body, got ${JSON.stringify(body)?.slice(0, 80)}`];
  }
  if (!hasBody) return op.body.required ? ["body: request body is required"] : [];
  const schema = op.body.content["application/json"] ?? Object.values(op.body.content)[0];
  if (!schema) return [];
  const errors = validate(schema, body, "body");
  if (opts.unknownProperties && body && typeof body === "object" && !Array.isArray(body)) {
    const known = declaredProperties(schema);
    if (known) {
      for (const key of Object.keys(body)) {
        if (!known.has(key)) {
          errors.push(
            `body: unknown property "${key}" (not in the published schema; GitHub ignores it silently)`,
          );
        }
      }
    }
  }
  return errors;
}

/** Validates a JSON response produced by the simulator against the published response schema. */
export function validateResponse(
  desc: ApiDescription,
  opId: string,
  status: number,
  body: unknown,
): string[] {
  const statuses = desc.responses?.get(opId);
  if (!statuses) return [];
  const schema = statuses[String(status)];
  if (schema === undefined) {
    return [
      `status ${status} is not a documented response (documented: ${Object.keys(statuses).join(", ")})`,
    ];
  }
  if (schema === null) return [];
  return validate(schema, body, "response");
}
