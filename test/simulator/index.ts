/**
 * In-process, stateful GitHub simulator for tests. See README.md in this folder.
 *
 *   const sim = await startSimulator();
 *   const repo = sim.seedRepo({ owner: "octo-org", name: "api", files: { "README.md": "hi" } });
 *   const octokit = new Octokit({ baseUrl: sim.url, auth: sim.createInstallationToken() });
 *   ...
 *   expect(sim.violations).toEqual([]);
 *   await sim.close();
 */
import { readdirSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { runGraphql } from "./graphql.js";
import {
  type AddCommitInput,
  ApiError,
  addCommit,
  addEvent,
  type CreateIssueInput,
  createComment,
  createIssue,
  createLabel,
  createMilestone,
  isoNow,
  type MergeInput,
  type ModelCtx,
  mergePullRequest,
  type OpenPullRequestInput,
  openPullRequest,
  requireIssue,
} from "./model.js";
import { oauthOf, oauthWeb } from "./oauth.js";
import {
  type ApiDescription,
  findPackageDir,
  loadDescription,
  matchOperation,
  methodsForPath,
  type OpEntry,
  validateBody,
  validateParams,
  validateResponse,
} from "./openapi.js";
import { type SeedProjectInput, seedProject } from "./projects.js";
import { type AuthInfo, handlers, isContentCreating, type RestRequest, type RestResponse } from "./rest.js";
import type { Urls } from "./serialize.js";
import {
  botLogin,
  createState,
  ensureUser,
  findRepo,
  nextId,
  nodeId,
  type Permission,
  type SimApp,
  type SimComment,
  type SimCommit,
  type SimInstallation,
  type SimIssue,
  type SimLabel,
  type SimMilestone,
  type SimProject,
  type SimRepo,
  type SimState,
  type SimTeam,
  type SimUser,
  type SimWorkflowRun,
  type UserType,
} from "./state.js";

export type { AddCommitInput, CreateIssueInput, MergeInput, OpenPullRequestInput } from "./model.js";
export type { SeedProjectInput } from "./projects.js";
export * from "./state.js";

// ---------------------------------------------------------------- public types

export interface SimulatorOptions {
  /** Delay added to every response (ms). Can be changed later with `sim.setLatency()`. */
  latencyMs?: number;
  /** Answer contract violations with 422 instead of serving the request. */
  strict?: boolean;
  /** Clock used for timestamps (default: real time). */
  now?: () => Date;
  /** Overrides for the GitHub App (id, slug, name, permissions...). */
  app?: Partial<SimApp>;
  /** REST description for github.com requests (default `api.github.com`). */
  description?: string;
  /** REST description for `/api/v3` requests (default: newest `ghes-*` shipped by @octokit/openapi). */
  ghesDescription?: string;
  /** Validate the simulator's own JSON responses against the published response schemas. */
  checkResponses?: boolean;
  /** Report body properties that the published request schema does not declare (default true). */
  reportUnknownBodyProperties?: boolean;
  /** `/app/*` endpoints require a JWT (`Authorization: Bearer eyJ...`) like GitHub (default true). */
  requireAppJwt?: boolean;
  /**
   * Cap REST pages at this size, whatever `per_page` asks (default: GitHub's own limits), so a test
   * walks several pages with a handful of items: a number for every list, or per operationId
   * (`{ "apps/list-installations": 1 }`). `sim.setMaxPerPage()` changes it.
   */
  maxPerPage?: PageCap;
  /**
   * `false`: the sub-issues API is missing, as on an older GitHub Enterprise Server (its endpoints
   * answer 404, issues carry no `sub_issues_summary`). `sim.setSubIssues()` changes it.
   */
  subIssues?: boolean;
}

export type ViolationKind = "unknown-endpoint" | "invalid-params" | "invalid-body" | "graphql";

export interface Violation {
  method: string;
  /** Path without query and without the `/api/v3` prefix. */
  path: string;
  message: string;
  kind: ViolationKind;
  operationId: string | null;
  ghes: boolean;
  seq: number;
}

export interface ResponseViolation {
  operationId: string;
  status: number;
  message: string;
  seq: number;
}

export type RequestKind = "rest" | "graphql";

/** A page-size cap for every REST list, or per operationId. */
export type PageCap = number | Record<string, number>;

export interface RequestRecord {
  seq: number;
  method: string;
  /** Path without query and without the `/api/v3` prefix (`/graphql` for both GraphQL endpoints). */
  path: string;
  /** Query string including `?`, or "". */
  search: string;
  kind: RequestKind;
  ghes: boolean;
  /** REST operationId, or the GraphQL operation name / root fields. */
  operation: string | null;
  access: "read" | "write";
  /** POST that creates issues, comments, check runs, ... (or a GraphQL create/add mutation). */
  contentCreating: boolean;
  status: number;
  fault: "respond" | "after-write" | "reset" | "reset-after-write" | null;
  body: unknown;
  startedAt: number;
  durationMs: number;
}

export interface FaultResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Apply the request to the state first, then answer with this response. */
  afterWrite?: boolean;
}

export interface InjectMatch {
  method?: string;
  /** Matched against the request path (without query and `/api/v3`; `/graphql` for GraphQL). */
  path?: RegExp | string;
  /** REST operationId (`issues/create`) or GraphQL operation name / root field. */
  operation?: RegExp | string;
  kind?: RequestKind;
  /**
   * `owner/name` (case-insensitive) the request is about: REST paths under `/repos/owner/name`,
   * GraphQL requests whose variables say `owner` and `name` (or `repo`).
   */
  repo?: string;
  /** Fire only on the nth matching request (1-based). */
  nth?: number;
  /** How many times the fault fires (default 1; `Infinity` for always). Ignored with `nth`. */
  times?: number;
}

export interface InjectSpec {
  match: InjectMatch;
  /** A canned response, `"reset"` (destroy the socket without touching state) or
   *  `"reset-after-write"` (apply the write, then destroy the socket). */
  respond: FaultResponse | "reset" | "reset-after-write";
  /** Extra latency for matching requests (ms). */
  delayMs?: number;
}

export interface Injection {
  readonly spec: InjectSpec;
  /** Requests that matched `match` (before nth/times). */
  matched: number;
  /** Times the fault fired. */
  fired: number;
  remove(): void;
}

export interface SimulatorStats {
  total: number;
  rest: number;
  graphql: number;
  reads: number;
  writes: number;
  contentCreating: number;
  errors: number;
  faults: number;
  violations: number;
  byOperation: Record<string, number>;
  byStatus: Record<string, number>;
}

export type RepoRef = SimRepo | string;

export interface SeedRepoInput {
  owner: string;
  name: string;
  ownerType?: "User" | "Organization";
  default_branch?: string;
  private?: boolean;
  archived?: boolean;
  description?: string | null;
  /** Files of the initial commit (default: a README.md). */
  files?: Record<string, string>;
  /** Installation id to attach to, `false` for none; default: the owner's installation (created on demand). */
  installation?: number | false;
  /** Labels to create, or `true` for GitHub's default label set. */
  labels?: Array<{ name: string; color?: string; description?: string }> | boolean;
  milestones?: Array<{ title: string; state?: "open" | "closed"; description?: string; due_on?: string }>;
  collaborators?: Record<string, Permission>;
}

export interface Simulator {
  /** `http://127.0.0.1:PORT` — use as Octokit `baseUrl` (GraphQL at `${url}/graphql`). */
  readonly url: string;
  /** `http://127.0.0.1:PORT/api/v3` — GHES-style base URL (GraphQL at `/api/graphql`). */
  readonly ghesUrl: string;
  /** `127.0.0.1:PORT`, for `GHE_HOST` (with `GHE_PROTOCOL=http`). */
  readonly host: string;
  readonly port: number;
  readonly state: SimState;
  readonly requests: RequestRecord[];
  readonly violations: Violation[];
  readonly responseViolations: ResponseViolation[];
  /** Valid GitHub operations / GraphQL fields the app used that the simulator does not model. */
  readonly unimplemented: string[];
  stats(): SimulatorStats;

  seedRepo(input: SeedRepoInput): SimRepo;
  addUser(login: string, opts?: { type?: UserType; name?: string; email?: string }): SimUser;
  addInstallation(
    account: string,
    opts?: { id?: number; permissions?: Record<string, string>; accountType?: UserType },
  ): SimInstallation;
  addCollaborator(repo: RepoRef, login: string, permission?: Permission): void;
  addTeam(
    org: string,
    slug: string,
    members?: Record<string, "member" | "maintainer">,
    name?: string,
  ): SimTeam;
  addLabel(repo: RepoRef, name: string, color?: string, description?: string): SimLabel;
  addMilestone(
    repo: RepoRef,
    title: string,
    opts?: { state?: "open" | "closed"; description?: string; due_on?: string },
  ): SimMilestone;
  addCommit(repo: RepoRef, input?: AddCommitInput): SimCommit;
  openPullRequest(repo: RepoRef, input: OpenPullRequestInput): SimIssue;
  mergePullRequest(repo: RepoRef, number: number, input?: MergeInput): SimCommit;
  /** Creates an issue directly in the state (`user` defaults to the repo owner). */
  createIssue(
    repo: RepoRef,
    input: CreateIssueInput & { user?: string; state?: "open" | "closed" },
  ): SimIssue;
  addComment(repo: RepoRef, issueNumber: number, body: string, user?: string): SimComment;
  /** Adds a cross-referenced event on `issueNumber` whose source is the issue/PR `source`. */
  addCrossReference(
    repo: RepoRef,
    issueNumber: number,
    source: { repo?: RepoRef; number: number },
    opts?: { willClose?: boolean },
  ): void;
  /** Links a PR to an issue like the "Development" sidebar (connected event; merging closes it). */
  linkPullRequest(
    repo: RepoRef,
    issueNumber: number,
    pullNumber: number,
    opts?: { pullRepo?: RepoRef },
  ): void;
  /** Seeds a GitHub Actions run (workflows themselves are `.github/workflows/*.yml` files). */
  addWorkflowRun(repo: RepoRef, input: Partial<SimWorkflowRun> & { path: string }): SimWorkflowRun;
  /** Issues an installation access token without the JWT round-trip. */
  createInstallationToken(installationId?: number): string;
  /** Registers a user token (`Authorization: token <token>` then acts as `login`). */
  addUserToken(login: string, token?: string): string;

  inject(spec: InjectSpec): Injection;
  clearInjections(): void;
  setLatency(ms: number): void;
  setStrict(strict: boolean): void;
  /** Cap REST pages (see `SimulatorOptions.maxPerPage`; `undefined`: GitHub's own limits). */
  setMaxPerPage(cap: PageCap | undefined): void;
  /**
   * The app's OAuth web flow (./oauth.ts): its client secret (default `SIM_CLIENT_SECRET`), its
   * registered callback URLs, and who is signed in to GitHub in the simulated browser.
   */
  setOAuth(options: { clientSecret?: string; callbackUrls?: string[]; webUser?: string | null }): void;
  /** Turn the sub-issues API on or off (see `SimulatorOptions.subIssues`). */
  setSubIssues(available: boolean): void;
  /** A Projects (v2) project of an organisation or user, with Title and Status plus `fields`. */
  addProject(owner: string, input?: SeedProjectInput): SimProject;
  /** Fresh empty state, empty logs, no injections. */
  reset(): void;
  /** Clears requests, violations and unimplemented lists only. */
  clearLog(): void;
  close(): Promise<void>;
}

// ---------------------------------------------------------------- fault presets

const SECONDARY_MESSAGE =
  "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0000:0000:0000000:0000000:00000000.";

export const faults = {
  /** 403 with `retry-after`, as GitHub sends for secondary (abuse) rate limits. */
  secondaryRateLimit(retryAfterSeconds = 60): FaultResponse {
    return {
      status: 403,
      headers: { "retry-after": String(retryAfterSeconds), "x-ratelimit-remaining": "4999" },
      body: {
        message: SECONDARY_MESSAGE,
        documentation_url:
          "https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
      },
    };
  },
  /** 429 variant of the secondary rate limit. */
  tooManyRequests(retryAfterSeconds = 60): FaultResponse {
    return { ...faults.secondaryRateLimit(retryAfterSeconds), status: 429 };
  },
  /** Primary rate limit exhausted (403, `x-ratelimit-remaining: 0`). */
  primaryRateLimit(resetInSeconds = 60): FaultResponse {
    return {
      status: 403,
      headers: {
        "x-ratelimit-limit": "5000",
        "x-ratelimit-remaining": "0",
        "x-ratelimit-used": "5000",
        "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + resetInSeconds),
      },
      body: {
        message: "API rate limit exceeded for installation ID 1.",
        documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
      },
    };
  },
  serverError(status = 502): FaultResponse {
    return { status, body: { message: "Server Error" } };
  },
};

// ---------------------------------------------------------------- implementation

const CONTENT_MUTATIONS = /^(create|addComment$|addPullRequestReview|addDiscussionComment)/;

function newestGhes(): string {
  try {
    const dir = join(findPackageDir("@octokit/openapi"), "generated");
    const versions = readdirSync(dir)
      .map((f) => /^ghes-(\d+)\.(\d+)\.deref\.json$/.exec(f))
      .filter((m): m is RegExpExecArray => m !== null)
      .sort((a, b) => Number(b[1]) - Number(a[1]) || Number(b[2]) - Number(a[2]));
    return versions[0] ? `ghes-${versions[0][1]}.${versions[0][2]}` : "ghes-3.19";
  } catch {
    return "ghes-3.19";
  }
}

function parseAuth(header: string | undefined, state: SimState): AuthInfo {
  const m = /^(?:token|bearer)\s+(\S+)$/i.exec(header ?? "");
  if (!m?.[1]) return { kind: "none", installationId: null, token: null };
  const token = m[1];
  if (/^eyJ[\w-]*\.[\w-]+\.[\w-]*$/.test(token)) return { kind: "app", installationId: null, token };
  const known = state.tokens[token];
  if (known?.installation_id != null)
    return { kind: "installation", installationId: known.installation_id, token };
  if (known) return { kind: "user", installationId: null, token };
  return { kind: "unknown", installationId: null, token };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function testPattern(pattern: RegExp | string | undefined, value: string): boolean {
  if (pattern === undefined) return true;
  if (typeof pattern === "string") return pattern === value;
  pattern.lastIndex = 0;
  return pattern.test(value);
}

const LABEL_DEFAULTS: Array<{ name: string; color: string; description: string }> = [
  { name: "bug", color: "d73a4a", description: "Something isn't working" },
  { name: "documentation", color: "0075ca", description: "Improvements or additions to documentation" },
  { name: "duplicate", color: "cfd3d7", description: "This issue or pull request already exists" },
  { name: "enhancement", color: "a2eeef", description: "New feature or request" },
  { name: "good first issue", color: "7057ff", description: "Good for newcomers" },
  { name: "help wanted", color: "008672", description: "Extra attention is needed" },
  { name: "invalid", color: "e4e669", description: "This doesn't seem right" },
  { name: "question", color: "d876e3", description: "Further information is requested" },
  { name: "wontfix", color: "ffffff", description: "This will not be worked on" },
];

/** Every operationId the simulator serves (used to pre-extract response schemas). */
export const IMPLEMENTED_OPERATIONS = Object.keys(handlers);

/** `owner/name` (lower-case) a request is about: its REST path, or its GraphQL variables. */
function repoKeyOf(kind: RequestKind, path: string, body: unknown): string | null {
  if (kind === "rest") {
    const m = /^\/repos\/([^/]+)\/([^/]+)/.exec(path);
    return m ? `${m[1]}/${m[2]}`.toLowerCase() : null;
  }
  const variables = (body as { variables?: Record<string, unknown> } | null)?.variables;
  const owner = variables?.owner;
  const name = variables?.name ?? variables?.repo;
  return typeof owner === "string" && typeof name === "string" ? `${owner}/${name}`.toLowerCase() : null;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const now = options.now ?? (() => new Date());
  let state = createState(now(), options.app);
  state.sub_issues = options.subIssues ?? true;
  let latency = options.latencyMs ?? 0;
  let strict = options.strict ?? false;
  let maxPerPage = options.maxPerPage;
  const pageCap = (operation: string): { maxPerPage?: number } => {
    const cap = typeof maxPerPage === "number" ? maxPerPage : maxPerPage?.[operation];
    return cap === undefined ? {} : { maxPerPage: cap };
  };
  const requests: RequestRecord[] = [];
  const violations: Violation[] = [];
  const responseViolations: ResponseViolation[] = [];
  const unimplemented: string[] = [];
  let injections: Injection[] = [];
  let seq = 0;
  const dotcomName = options.description ?? "api.github.com";
  const ghesName = options.ghesDescription ?? newestGhes();
  const describe = (ghes: boolean): ApiDescription =>
    loadDescription(
      ghes ? ghesName : dotcomName,
      options.checkResponses ? IMPLEMENTED_OPERATIONS : undefined,
    );

  let port = 0;
  const base = () => `http://127.0.0.1:${port}`;

  const modelCtx = (actor?: string): ModelCtx => ({ state, now, actor: actor ?? botLogin(state) });

  const repoOf = (ref: RepoRef): SimRepo => {
    if (typeof ref !== "string") return ref;
    const [owner, name] = ref.split("/");
    const repo = owner && name ? findRepo(state, owner, name) : undefined;
    if (!repo) throw new Error(`github simulator: unknown repository ${ref}`);
    return repo;
  };

  function recordUnimplemented(name: string) {
    if (!unimplemented.includes(name)) unimplemented.push(name);
  }

  function pickInjection(
    method: string,
    path: string,
    kind: RequestKind,
    operations: string[],
    repoKey: string | null,
  ): Injection | null {
    let chosen: Injection | null = null;
    for (const inj of injections) {
      const m = inj.spec.match;
      if (m.method && m.method.toUpperCase() !== method) continue;
      if (m.kind && m.kind !== kind) continue;
      if (!testPattern(m.path, path)) continue;
      if (m.operation !== undefined && !operations.some((op) => testPattern(m.operation, op))) continue;
      if (m.repo !== undefined && m.repo.toLowerCase() !== repoKey) continue;
      inj.matched += 1;
      if (chosen) continue;
      const fires = m.nth !== undefined ? inj.matched === m.nth : inj.fired < (m.times ?? 1);
      if (fires) {
        inj.fired += 1;
        chosen = inj;
      }
    }
    return chosen;
  }

  function send(
    res: ServerResponse,
    status: number,
    headers: Record<string, string>,
    body: unknown,
    raw?: string,
    head = false,
  ) {
    const common: Record<string, string> = {
      "x-github-request-id": `SIM:${seq}`,
      "x-github-api-version-selected": "2022-11-28",
      "x-github-media-type": "github.v3; format=json",
      "x-ratelimit-limit": "5000",
      "x-ratelimit-remaining": String(Math.max(0, 5000 - state.rate_limit.core_used)),
      "x-ratelimit-used": String(state.rate_limit.core_used),
      "x-ratelimit-reset": String(state.rate_limit.reset),
      "x-ratelimit-resource": "core",
    };
    if (raw !== undefined) {
      res.writeHead(status, { ...common, "content-type": "text/plain; charset=utf-8", ...headers });
      res.end(head ? undefined : raw);
      return;
    }
    if (status === 204 || status === 304 || body === undefined) {
      res.writeHead(status, { ...common, ...headers });
      res.end();
      return;
    }
    res.writeHead(status, { ...common, "content-type": "application/json; charset=utf-8", ...headers });
    res.end(head ? undefined : JSON.stringify(body));
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const startedAt = Date.now();
    const mySeq = ++seq;
    const method = (req.method ?? "GET").toUpperCase();
    const url = new URL(req.url ?? "/", base());
    let path = url.pathname;
    let ghes = false;
    if (path === "/api/v3" || path.startsWith("/api/v3/")) {
      ghes = true;
      path = path.slice("/api/v3".length) || "/";
    }
    let kind: RequestKind = "rest";
    if (path === "/api/graphql" && !ghes) {
      ghes = true;
      kind = "graphql";
      path = "/graphql";
    } else if (path === "/graphql" && !ghes && method === "POST") {
      kind = "graphql";
    }
    const urls: Urls = ghes
      ? { api: `${base()}/api/v3`, html: base() }
      : { api: base(), html: "https://github.com" };
    const raw = await readBody(req);
    // The OAuth web flow lives on the web host, outside the REST description (./oauth.ts).
    const web = ghes ? null : oauthWeb(state, method, url, raw, req.headers["content-type"], now());
    if (web) {
      const operation = path === "/login/oauth/authorize" ? "oauth/authorize" : "oauth/access-token";
      requests.push({
        seq: mySeq,
        method,
        path,
        search: url.search,
        kind: "rest",
        ghes,
        operation,
        access: "read",
        contentCreating: false,
        status: web.status,
        fault: null,
        body: raw.length > 0 ? raw.toString("utf8") : undefined,
        startedAt,
        durationMs: Date.now() - startedAt,
      });
      send(res, web.status, web.headers, web.body, web.raw);
      return;
    }
    const hasBody = raw.length > 0;
    let body: unknown;
    let badJson = false;
    if (hasBody) {
      try {
        body = JSON.parse(raw.toString("utf8"));
      } catch {
        badJson = true;
      }
    }

    const record: RequestRecord = {
      seq: mySeq,
      method,
      path,
      search: url.search,
      kind,
      ghes,
      operation: null,
      access: method === "GET" || method === "HEAD" ? "read" : "write",
      contentCreating: false,
      status: 0,
      fault: null,
      body,
      startedAt,
      durationMs: 0,
    };
    requests.push(record);
    const violate = (v: Omit<Violation, "method" | "path" | "ghes" | "seq">) => {
      violations.push({ method, path, ghes, seq: mySeq, ...v });
    };
    const finish = (status: number, headers: Record<string, string>, payload: unknown, rawText?: string) => {
      record.status = status;
      record.durationMs = Date.now() - startedAt;
      const extra: Record<string, string> = ghes
        ? { "x-github-enterprise-version": ghesName.replace(/^ghes-/, ""), ...headers }
        : headers;
      send(res, status, extra, payload, rawText, method === "HEAD");
    };

    const auth = parseAuth(req.headers.authorization, state);
    const actor =
      auth.kind === "user" && auth.token
        ? (state.tokens[auth.token]?.login ?? botLogin(state))
        : botLogin(state);
    const ctx: ModelCtx = {
      ...modelCtx(actor),
      ...(auth.kind === "installation" ? { installationId: auth.installationId } : {}),
    };

    // ---- routing (before faults, so faults can match on operation)
    let desc: ApiDescription | null = null;
    let match: { op: OpEntry; params: Record<string, string> } | null = null;
    let graphqlOps: string[] = [];
    if (kind === "rest") {
      desc = describe(ghes);
      // GitHub answers HEAD for every GET endpoint (the descriptions list no HEAD operations).
      match =
        matchOperation(desc, method, path) ?? (method === "HEAD" ? matchOperation(desc, "GET", path) : null);
      if (match) {
        record.operation = match.op.id;
        record.contentCreating = isContentCreating(method, match.op.id);
      }
    } else if (body && typeof body === "object") {
      const q = (body as { query?: unknown; operationName?: unknown }).query;
      const isMutation = typeof q === "string" && /^\s*mutation\b/.test(q);
      const name = (body as { operationName?: unknown }).operationName;
      if (typeof q === "string") {
        const opName = typeof name === "string" ? name : /^\s*(?:query|mutation)\s+(\w+)/.exec(q)?.[1];
        graphqlOps = opName ? [opName] : [];
        record.operation = opName ?? null; // also for a request a fault answers before it runs
      }
      record.access = isMutation ? "write" : "read";
    }

    const injection = pickInjection(
      method,
      path,
      kind,
      [...(record.operation ? [record.operation] : []), ...graphqlOps],
      repoKeyOf(kind, path, body),
    );
    const extraDelay = (injection?.spec.delayMs ?? 0) + latency;
    if (extraDelay > 0) await sleep(extraDelay);

    const respond = injection?.spec.respond;
    if (respond === "reset") {
      record.fault = "reset";
      record.durationMs = Date.now() - startedAt;
      req.socket.destroy();
      return;
    }
    if (respond && respond !== "reset-after-write" && !respond.afterWrite) {
      record.fault = "respond";
      finish(respond.status, respond.headers ?? {}, respond.body ?? { message: "Injected fault" });
      return;
    }

    // ---- serve
    let status = 500;
    let headers: Record<string, string> = {};
    let payload: unknown;
    let rawText: string | undefined;
    if (kind === "graphql") {
      if (badJson) {
        violate({ kind: "graphql", message: "GraphQL request body is not valid JSON", operationId: null });
        status = 400;
        payload = { message: "Problems parsing JSON", documentation_url: "https://docs.github.com/graphql" };
      } else {
        const outcome = await runGraphql(body, ctx, urls);
        record.operation = outcome.operationName ?? (outcome.rootFields.join(",") || null);
        record.access = outcome.operationType === "mutation" ? "write" : "read";
        record.contentCreating =
          outcome.operationType === "mutation" && outcome.rootFields.some((f) => CONTENT_MUTATIONS.test(f));
        for (const message of outcome.violations)
          violate({ kind: "graphql", message, operationId: record.operation });
        for (const field of outcome.unimplemented) recordUnimplemented(`graphql:${field}`);
        status = outcome.status;
        payload = outcome.body;
        if (strict && outcome.violations.length > 0 && status === 200 && !("errors" in outcome.body)) {
          status = 422;
          payload = { message: outcome.violations.join("\n") };
        }
      }
    } else if (!match || !desc) {
      const methods = desc ? methodsForPath(desc, path) : [];
      const message = `No operation ${method} ${path} in the ${desc?.name ?? dotcomName} REST description${
        methods.length > 0 ? ` (the path exists for ${methods.join(", ")})` : ""
      }`;
      violate({ kind: "unknown-endpoint", message, operationId: null });
      status = 404;
      payload = {
        message: "Not Found",
        documentation_url: "https://docs.github.com/rest",
        status: "404",
        simulator: message,
      };
    } else {
      if (path !== "/rate_limit") state.rate_limit.core_used += 1;
      const problems: string[] = [];
      const paramErrors = validateParams(match.op, match.params, url.searchParams);
      for (const message of paramErrors)
        violate({ kind: "invalid-params", message, operationId: match.op.id });
      problems.push(...paramErrors);
      if (badJson) {
        violate({ kind: "invalid-body", message: "body: not valid JSON", operationId: match.op.id });
        problems.push("body: Problems parsing JSON");
      } else {
        const bodyErrors = validateBody(match.op, body, hasBody, {
          unknownProperties: options.reportUnknownBodyProperties ?? true,
        });
        for (const message of bodyErrors)
          violate({ kind: "invalid-body", message, operationId: match.op.id });
        problems.push(...bodyErrors);
      }
      const handler = handlers[match.op.id];
      if (badJson) {
        status = 400;
        payload = { message: "Problems parsing JSON", documentation_url: "https://docs.github.com/rest" };
      } else if (strict && problems.length > 0) {
        status = 422;
        payload = {
          message: `Invalid request.\n\n${problems.join("\n")}`,
          documentation_url: "https://docs.github.com/rest",
        };
      } else if (!handler) {
        recordUnimplemented(`rest:${match.op.id} (${match.op.method} ${match.op.path})`);
        status = 501;
        payload = {
          message: `The GitHub simulator does not implement ${match.op.id} (${match.op.method} ${match.op.path})`,
        };
      } else {
        const restReq: RestRequest = {
          opId: match.op.id,
          params: match.params,
          query: url.searchParams,
          body,
          headers: req.headers,
          urls,
          url,
          ctx,
          auth,
          requireAppJwt: options.requireAppJwt ?? true,
          ...pageCap(match.op.id),
        };
        try {
          const out: RestResponse = handler(restReq);
          status = out.status;
          headers = out.headers ?? {};
          payload = out.body;
          rawText = out.raw;
        } catch (error) {
          if (error instanceof ApiError) {
            status = error.status;
            payload = error.toJSON();
          } else {
            status = 500;
            payload = { message: `Simulator error: ${error instanceof Error ? error.stack : String(error)}` };
          }
        }
        if (options.checkResponses && rawText === undefined && status < 300 && payload !== undefined) {
          for (const message of validateResponse(desc, match.op.id, status, payload)) {
            responseViolations.push({ operationId: match.op.id, status, message, seq: mySeq });
          }
        }
      }
    }

    if (respond === "reset-after-write") {
      record.fault = "reset-after-write";
      record.status = status;
      record.durationMs = Date.now() - startedAt;
      req.socket.destroy();
      return;
    }
    if (typeof respond === "object" && respond.afterWrite) {
      record.fault = "after-write";
      finish(respond.status, respond.headers ?? {}, respond.body ?? { message: "Server Error" });
      return;
    }
    finish(status, headers, payload, rawText);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "application/json; charset=utf-8" });
        res.end(
          JSON.stringify({
            message: `Simulator crashed: ${error instanceof Error ? error.message : String(error)}`,
          }),
        );
      }
    });
  });
  // Connections stay open between requests, as GitHub's do: Node's fetch keeps a socket only when
  // the server's keep-alive timeout exceeds its own 2 s margin (at 1 s every request opened a new
  // connection, which cost the benchmark's app ~0.5 ms of CPU per request that GitHub does not).
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  // ---------------------------------------------------------------- seeding API

  const sim: Simulator = {
    url: base(),
    ghesUrl: `${base()}/api/v3`,
    host: `127.0.0.1:${port}`,
    port,
    get state() {
      return state;
    },
    requests,
    violations,
    responseViolations,
    unimplemented,

    stats() {
      const s: SimulatorStats = {
        total: requests.length,
        rest: 0,
        graphql: 0,
        reads: 0,
        writes: 0,
        contentCreating: 0,
        errors: 0,
        faults: 0,
        violations: violations.length,
        byOperation: {},
        byStatus: {},
      };
      for (const r of requests) {
        if (r.kind === "rest") s.rest++;
        else s.graphql++;
        if (r.access === "read") s.reads++;
        else s.writes++;
        if (r.contentCreating) s.contentCreating++;
        if (r.status >= 400 || r.status === 0) s.errors++;
        if (r.fault) s.faults++;
        const key = `${r.kind === "graphql" ? "graphql " : ""}${r.operation ?? `${r.method} ${r.path}`}`;
        s.byOperation[key] = (s.byOperation[key] ?? 0) + 1;
        s.byStatus[String(r.status)] = (s.byStatus[String(r.status)] ?? 0) + 1;
      }
      return s;
    },

    addUser(login, opts = {}) {
      const user = ensureUser(state, login, opts.type, now());
      if (opts.type) user.type = opts.type;
      if (opts.name !== undefined) user.name = opts.name;
      if (opts.email !== undefined) user.email = opts.email;
      return user;
    },

    addInstallation(account, opts = {}) {
      ensureUser(state, account, opts.accountType, now());
      const existing = Object.values(state.installations).find(
        (i) => i.account.toLowerCase() === account.toLowerCase(),
      );
      if (existing && (opts.id === undefined || opts.id === existing.id)) return existing;
      const id = opts.id ?? nextId(state);
      const inst: SimInstallation = {
        id,
        account,
        repository_selection: "selected",
        permissions: opts.permissions ?? { ...state.app.permissions },
        events: [...state.app.events],
        created_at: isoNow({ now }),
        suspended_at: null,
      };
      state.installations[String(id)] = inst;
      return inst;
    },

    seedRepo(input) {
      const ownerType =
        input.ownerType ??
        (state.users[input.owner.toLowerCase()]?.type === "Organization" ? "Organization" : undefined);
      const owner = ensureUser(state, input.owner, ownerType, now());
      if (input.ownerType) owner.type = input.ownerType;
      ensureUser(state, botLogin(state), "Bot", now());
      const key = `${input.owner}/${input.name}`.toLowerCase();
      if (state.repos[key])
        throw new Error(`github simulator: repository ${input.owner}/${input.name} already exists`);
      let installationId: number | null = null;
      if (input.installation !== false) {
        installationId =
          typeof input.installation === "number"
            ? (state.installations[String(input.installation)]?.id ??
              sim.addInstallation(input.owner, { id: input.installation }).id)
            : sim.addInstallation(input.owner).id;
      }
      const id = nextId(state);
      const created = isoNow({ now });
      const repo: SimRepo = {
        id,
        node_id: nodeId("Repository", id),
        owner: owner.login,
        name: input.name,
        full_name: `${owner.login}/${input.name}`,
        description: input.description ?? null,
        private: input.private ?? false,
        archived: input.archived ?? false,
        default_branch: input.default_branch ?? "main",
        installation_id: installationId,
        created_at: created,
        updated_at: created,
        pushed_at: created,
        commits: {},
        branches: {},
        tags: {},
        issues: {},
        next_number: 1,
        labels: [],
        milestones: [],
        comments: [],
        check_runs: [],
        events: [],
        workflow_runs: [],
        collaborators: {},
      };
      state.repos[key] = repo;
      const ctx = modelCtx(owner.login);
      addCommit(ctx, repo, {
        branch: repo.default_branch,
        files: input.files ?? { "README.md": `# ${input.name}\n` },
        message: "Initial commit",
        author: owner.login,
        parents: [],
      });
      const labels = input.labels === true ? LABEL_DEFAULTS : Array.isArray(input.labels) ? input.labels : [];
      for (const l of labels) {
        const label = createLabel(ctx, repo, {
          name: l.name,
          color: l.color,
          description: l.description ?? null,
        });
        label.default = input.labels === true;
      }
      for (const m of input.milestones ?? []) createMilestone(ctx, repo, m);
      for (const [login, permission] of Object.entries(input.collaborators ?? {}))
        sim.addCollaborator(repo, login, permission);
      return repo;
    },

    addCollaborator(ref, login, permission = "write") {
      const repo = repoOf(ref);
      ensureUser(state, login, undefined, now());
      repo.collaborators[login.toLowerCase()] = permission;
    },

    addTeam(org, slug, members = {}, name) {
      ensureUser(state, org, "Organization", now());
      const id = nextId(state);
      const team: SimTeam = {
        id,
        node_id: nodeId("Team", id),
        org,
        slug,
        name: name ?? slug,
        description: null,
        privacy: "closed",
        members: {},
        created_at: isoNow({ now }),
      };
      for (const [login, role] of Object.entries(members)) {
        ensureUser(state, login, undefined, now());
        team.members[login.toLowerCase()] = role;
      }
      state.teams[`${org}/${slug}`.toLowerCase()] = team;
      return team;
    },

    addLabel(ref, name, color, description) {
      return createLabel(modelCtx(), repoOf(ref), { name, color, description: description ?? null });
    },

    addMilestone(ref, title, opts = {}) {
      return createMilestone(modelCtx(), repoOf(ref), { title, ...opts });
    },

    addCommit(ref, input = {}) {
      const repo = repoOf(ref);
      if (input.author) ensureUser(state, input.author, undefined, now());
      return addCommit(modelCtx(input.author ?? repo.owner), repo, input);
    },

    openPullRequest(ref, input) {
      const repo = repoOf(ref);
      const user = input.user ?? repo.owner;
      ensureUser(state, user, undefined, now());
      return openPullRequest(modelCtx(user), repo, { ...input, user });
    },

    mergePullRequest(ref, number, input = {}) {
      const repo = repoOf(ref);
      const by = input.by ?? repo.owner;
      ensureUser(state, by, undefined, now());
      return mergePullRequest(modelCtx(by), repo, number, { ...input, by });
    },

    createIssue(ref, input) {
      const repo = repoOf(ref);
      const user = input.user ?? repo.owner;
      ensureUser(state, user, undefined, now());
      const ctx = modelCtx(user);
      const issue = createIssue(ctx, repo, input);
      if (input.state === "closed") {
        issue.state = "closed";
        issue.state_reason = "completed";
        issue.closed_at = isoNow(ctx);
        issue.closed_by = user;
        addEvent(ctx, repo, {
          issue_number: issue.number,
          event: "closed",
          closer: null,
          state_reason: "completed",
        });
      }
      return issue;
    },

    addComment(ref, issueNumber, body, user) {
      const repo = repoOf(ref);
      const login = user ?? repo.owner;
      ensureUser(state, login, undefined, now());
      return createComment(modelCtx(login), repo, requireIssue(repo, issueNumber), body);
    },

    addCrossReference(ref, issueNumber, source, opts = {}) {
      const repo = repoOf(ref);
      requireIssue(repo, issueNumber);
      const srcRepo = source.repo ? repoOf(source.repo) : repo;
      const src = requireIssue(srcRepo, source.number);
      if (opts.willClose && src.pull)
        src.pull.closing_issues.push({ repo: repo.full_name, number: issueNumber });
      addEvent(modelCtx(src.user), repo, {
        issue_number: issueNumber,
        event: "cross-referenced",
        source: { repo: srcRepo.full_name, number: source.number },
        will_close: Boolean(opts.willClose),
      });
    },

    linkPullRequest(ref, issueNumber, pullNumber, opts = {}) {
      const repo = repoOf(ref);
      requireIssue(repo, issueNumber);
      const pullRepo = opts.pullRepo ? repoOf(opts.pullRepo) : repo;
      const pr = requireIssue(pullRepo, pullNumber);
      if (!pr.pull) throw new Error(`github simulator: #${pullNumber} is not a pull request`);
      if (!pr.pull.closing_issues.some((c) => c.repo === repo.full_name && c.number === issueNumber)) {
        pr.pull.closing_issues.push({ repo: repo.full_name, number: issueNumber });
      }
      addEvent(modelCtx(repo.owner), repo, {
        issue_number: issueNumber,
        event: "connected",
        source: { repo: pullRepo.full_name, number: pullNumber },
      });
    },

    addWorkflowRun(ref, input) {
      const repo = repoOf(ref);
      const created = isoNow({ now });
      const run: SimWorkflowRun = {
        id: nextId(state),
        name: input.path.split("/").pop() ?? input.path,
        display_title: "Workflow run",
        run_number: repo.workflow_runs.filter((r) => r.path === input.path).length + 1,
        event: "push",
        status: "completed",
        conclusion: "success",
        head_branch: repo.default_branch,
        head_sha: repo.branches[repo.default_branch] ?? "",
        created_at: created,
        updated_at: created,
        ...input,
      };
      repo.workflow_runs.push(run);
      return run;
    },

    createInstallationToken(installationId) {
      const inst =
        installationId === undefined
          ? Object.values(state.installations)[0]
          : state.installations[String(installationId)];
      if (!inst) throw new Error("github simulator: no such installation (seed a repository first)");
      const token = `ghs_sim${nextId(state)}${Math.random().toString(36).slice(2, 12)}`;
      state.tokens[token] = {
        token,
        installation_id: inst.id,
        login: null,
        expires_at: new Date(now().getTime() + 3600_000).toISOString(),
      };
      return token;
    },

    addUserToken(login, token) {
      ensureUser(state, login, undefined, now());
      const value = token ?? `ghp_sim${nextId(state)}${Math.random().toString(36).slice(2, 12)}`;
      state.tokens[value] = {
        token: value,
        installation_id: null,
        login,
        expires_at: "2099-01-01T00:00:00Z",
      };
      return value;
    },

    inject(spec) {
      const injection: Injection = {
        spec,
        matched: 0,
        fired: 0,
        remove() {
          injections = injections.filter((i) => i !== injection);
        },
      };
      injections.push(injection);
      return injection;
    },

    clearInjections() {
      injections = [];
    },

    setLatency(ms) {
      latency = ms;
    },

    setOAuth(options) {
      const oauth = oauthOf(state);
      if (options.clientSecret !== undefined) oauth.client_secret = options.clientSecret;
      if (options.callbackUrls !== undefined) oauth.callback_urls = [...options.callbackUrls];
      if (options.webUser !== undefined) {
        if (options.webUser) ensureUser(state, options.webUser, undefined, now());
        oauth.web_user = options.webUser;
      }
    },

    setMaxPerPage(cap) {
      maxPerPage = cap;
    },

    setSubIssues(available) {
      state.sub_issues = available;
    },

    addProject(owner, input) {
      const account = state.users[owner.toLowerCase()];
      if (!account)
        throw new Error(`github simulator: unknown owner ${owner} (seed a repository or user first)`);
      return seedProject(state, account.login, isoNow({ now }), input);
    },

    setStrict(value) {
      strict = value;
    },

    reset() {
      state = createState(now(), options.app);
      state.sub_issues = options.subIssues ?? true;
      injections = [];
      maxPerPage = options.maxPerPage;
      sim.clearLog();
    },

    clearLog() {
      requests.length = 0;
      violations.length = 0;
      responseViolations.length = 0;
      unimplemented.length = 0;
    },

    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  return sim;
}
