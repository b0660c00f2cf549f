import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sign } from "@octokit/webhooks-methods";
import { pullRequestClosed, push } from "../helpers/payloads.js";
import { postmortemMarkdown } from "../helpers/postmortems.js";
import { testPrivateKey } from "../helpers/probot.js";
import type { SimCommit, SimIssue, SimRepo, Simulator } from "../simulator/index.js";

/**
 * End-to-end harness: the REAL app as it runs in production — `node lib/app/server.js` (Probot's
 * `run()`, its HTTP server, webhook signature check, JWT and installation-token auth, the app's
 * Octokit with throttling and retries) in a child process, pointed at the simulator with
 * `GHE_HOST`/`GHE_PROTOCOL=http`. Webhooks are delivered signed, over HTTP, with payloads from
 * @octokit/webhooks-examples adapted to the simulator's repositories.
 *
 * Every other host is caught: the child runs with `NODE_USE_ENV_PROXY=1` and HTTP(S)_PROXY
 * pointing at a trap on loopback that records and refuses whatever reaches it; only the
 * simulator's `127.0.0.1:PORT` bypasses it (NO_PROXY). `trap.requests` must stay empty.
 */

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const SERVER_JS = join(ROOT, "lib/app/server.js");
export const WEBHOOK_SECRET = "e2e-webhook-secret-3f9a1c";
export const OWNER = "octo-org";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ------------------------------------------------------------------ build

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** `npm test` builds lib/ first (pretest); a direct `vitest run test/e2e` rebuilds it when stale. */
export async function ensureBuilt(): Promise<void> {
  const stale = () => !existsSync(SERVER_JS) || statSync(SERVER_JS).mtimeMs < newestMtime(join(ROOT, "src"));
  if (!stale()) return;
  const lock = join(ROOT, "node_modules/.cache/e2e-build.lock");
  mkdirSync(join(ROOT, "node_modules/.cache"), { recursive: true });
  for (let i = 0; i < 600; i++) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      await sleep(100); // another test file is building
      if (!stale()) return;
    }
  }
  try {
    if (!stale()) return;
    try {
      execFileSync(
        process.execPath,
        [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"],
        {
          cwd: ROOT,
          stdio: "pipe",
        },
      );
    } catch {
      // Type errors still emit JavaScript; the server's start-up tells if it is unusable.
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

// ------------------------------------------------------------------ the trap for other hosts

export interface Trap {
  url: string;
  /** Requests (and CONNECT tunnels) that tried to reach a host other than the simulator. */
  requests: string[];
  close(): Promise<void>;
}

export async function startTrap(): Promise<Trap> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.writeHead(403, { "content-type": "text/plain" }).end("blocked by the e2e trap");
  });
  server.on("connect", (req, socket) => {
    requests.push(`CONNECT ${req.url}`);
    socket.end("HTTP/1.1 403 Forbidden\r\n\r\n");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

// ------------------------------------------------------------------ the app process

export interface LogEntry {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface StartAppOptions {
  /** Extra environment (REDIS_URL, LOG_LEVEL...). */
  env?: Record<string, string>;
  logLevel?: "trace" | "debug" | "info" | "warn" | "error";
  trap?: Trap;
  name?: string;
}

export interface Delivery {
  status: number;
  text: string;
}

export class AppProcess {
  output = "";
  exitCode: number | null = null;
  exitSignal: NodeJS.Signals | null = null;
  readonly exited: Promise<void>;

  constructor(
    readonly name: string,
    readonly child: ChildProcess,
    readonly port: number,
    readonly privateKey: string,
  ) {
    child.stdout?.on("data", (chunk: Buffer) => {
      this.output += chunk.toString("utf8");
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      this.output += chunk.toString("utf8");
    });
    this.exited = new Promise((resolve) => {
      child.on("exit", (code, signal) => {
        this.exitCode = code;
        this.exitSignal = signal;
        resolve();
      });
    });
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.exitCode === null && this.exitSignal === null;
  }

  /** pino's JSON lines (LOG_FORMAT=json). */
  logs(): LogEntry[] {
    const entries: LogEntry[] = [];
    for (const line of this.output.split("\n")) {
      if (!line.startsWith("{")) continue;
      try {
        entries.push(JSON.parse(line) as LogEntry);
      } catch {
        // a partial line at the end
      }
    }
    return entries;
  }

  /** Log lines at error level or above (50+), and uncaught crashes. */
  errors(): LogEntry[] {
    return this.logs().filter((l) => l.level >= 50);
  }

  /** POST a webhook as GitHub does: JSON body, event name, delivery id, HMAC-SHA256 signature. */
  async deliver(
    name: string,
    payload: object,
    options: { id?: string; secret?: string; signature?: string } = {},
  ): Promise<Delivery> {
    const body = JSON.stringify(payload);
    const signature = options.signature ?? (await sign(options.secret ?? WEBHOOK_SECRET, body));
    const response = await fetch(`${this.url}/api/github/webhooks`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "GitHub-Hookshot/e2e",
        "x-github-event": name,
        "x-github-delivery": options.id ?? crypto.randomUUID(),
        "x-github-hook-id": "1",
        "x-hub-signature-256": signature,
      },
      body,
    });
    return { status: response.status, text: await response.text() };
  }

  /** Stop at once (a crash, an OOM kill, a node draining without grace). */
  async kill(): Promise<void> {
    if (this.running) this.child.kill("SIGKILL");
    await this.exited;
  }

  async stop(): Promise<void> {
    if (this.running) this.child.kill("SIGTERM");
    await Promise.race([this.exited, sleep(3000)]);
    await this.kill();
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let started = 0;

/** Start `node lib/app/server.js` against the simulator and wait until it answers. */
export async function startApp(sim: Simulator, options: StartAppOptions = {}): Promise<AppProcess> {
  await ensureBuilt();
  const port = await freePort();
  const privateKey = testPrivateKey();
  const cwd = mkdtempSync(join(tmpdir(), "pmf-e2e-"));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? cwd,
    NODE_ENV: "production",
    APP_ID: String(sim.state.app.id),
    PRIVATE_KEY: privateKey,
    WEBHOOK_SECRET,
    GHE_HOST: sim.host,
    GHE_PROTOCOL: "http",
    HOST: "127.0.0.1",
    PORT: String(port),
    LOG_LEVEL: options.logLevel ?? "info",
    LOG_FORMAT: "json",
    POSTMORTEM_FOLLOWUPS_SCHEDULER: "off",
    // GitHub's 1 s / 3 s spacing of writes is production behaviour, not what these tests measure.
    POSTMORTEM_FOLLOWUPS_WRITE_INTERVAL_MS: "0",
    POSTMORTEM_FOLLOWUPS_RETRY_BASE_MS: "20",
    ...(options.trap
      ? {
          NODE_USE_ENV_PROXY: "1",
          HTTP_PROXY: options.trap.url,
          HTTPS_PROXY: options.trap.url,
          NO_PROXY: sim.host,
        }
      : {}),
    ...options.env,
  };
  const child = spawn(process.execPath, [SERVER_JS], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  const app = new AppProcess(options.name ?? `app-${++started}`, child, port, privateKey);
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (!app.running) throw new Error(`the app exited during start-up:\n${app.output}`);
    try {
      const response = await fetch(`${app.url}/ping`);
      if (response.ok) return app;
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
  await app.kill();
  throw new Error(`the app did not answer on ${app.url} within 20 s:\n${app.output}`);
}

// ------------------------------------------------------------------ waiting

/** Until the simulator has seen no request for `quietMs` (bounded by `timeoutMs`). */
export async function waitForQuiet(
  sim: Simulator,
  options: { quietMs?: number; timeoutMs?: number } = {},
): Promise<void> {
  const quietMs = options.quietMs ?? 60;
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  let count = sim.requests.length;
  let since = Date.now();
  while (Date.now() < deadline) {
    await sleep(25);
    if (sim.requests.length !== count) {
      count = sim.requests.length;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return;
  }
  throw new Error(`the simulator did not go quiet within ${options.timeoutMs ?? 20_000} ms`);
}

// ------------------------------------------------------------------ scenarios

let repoCounter = 0;

/** A fresh repository of octo-org (one per test: the app process and its token cache are shared). */
export function seedRepo(
  sim: Simulator,
  label: string,
  options: {
    files?: Record<string, string>;
    collaborators?: Record<string, "write" | "read" | "admin">;
  } = {},
): SimRepo {
  const name = `${label}-${++repoCounter}`;
  for (const login of ["alice", "bob", "carol"]) if (!sim.state.users[login]) sim.addUser(login);
  return sim.seedRepo({
    owner: OWNER,
    ownerType: "Organization",
    name,
    files: { "README.md": "# service\n", ...options.files },
    collaborators: options.collaborators ?? { alice: "write", bob: "write" },
  });
}

export interface Merge {
  pr: SimIssue;
  commit: SimCommit;
  before: string;
  closed: Record<string, unknown>;
  push: Record<string, unknown>;
}

function webUrls(sim: Simulator, repo: SimRepo, payload: Record<string, unknown>): Record<string, unknown> {
  const web = `http://${sim.host}/${repo.full_name}`;
  const repository = payload.repository as Record<string, unknown>;
  repository.html_url = web;
  repository.url = `${sim.ghesUrl}/repos/${repo.full_name}`;
  const pr = payload.pull_request as Record<string, unknown> | undefined;
  if (pr) {
    pr.html_url = `${web}/pull/${pr.number}`;
    pr.url = `${sim.ghesUrl}/repos/${repo.full_name}/pulls/${pr.number}`;
  }
  return payload;
}

/** Open a pull request with `files` (null deletes) and merge it; the payloads of both events. */
export function mergePullRequest(
  sim: Simulator,
  repo: SimRepo,
  files: Record<string, string | null>,
  options: { title?: string; method?: "squash" | "merge" | "rebase"; user?: string } = {},
): Merge {
  const before = repo.branches[repo.default_branch]!;
  const head = `change-${Object.keys(repo.issues).length + 1}-${Date.now()}`;
  const pr = sim.openPullRequest(repo, {
    title: options.title ?? "Postmortem",
    head,
    files,
    user: options.user ?? "alice",
  });
  const commit = sim.mergePullRequest(repo, pr.number, { method: options.method ?? "squash", by: "alice" });
  const coords = {
    owner: repo.owner,
    repo: repo.name,
    defaultBranch: repo.default_branch,
    installationId: repo.installation_id ?? 1,
  };
  const closed = webUrls(
    sim,
    repo,
    pullRequestClosed({
      ...coords,
      number: pr.number,
      mergeCommitSha: commit.sha,
      mergedAt: pr.pull!.merged_at!,
    }),
  );
  const added: string[] = [];
  const modified: string[] = [];
  const removed: string[] = [];
  const previous = repo.commits[before]!.tree;
  for (const [path, content] of Object.entries(files)) {
    if (content === null) removed.push(path);
    else if (path in previous) modified.push(path);
    else added.push(path);
  }
  const pushPayload = webUrls(
    sim,
    repo,
    push({
      ...coords,
      before,
      after: commit.sha,
      commits: [{ id: commit.sha, added, modified, removed, timestamp: commit.author.date }],
    }),
  );
  return { pr, commit, before, closed, push: pushPayload };
}

/** A postmortem with `n` short-term follow-ups (ids a1..an) and one long-term (l1). */
export function postmortem(n: number, options: { title?: string; owner?: string } = {}): string {
  return postmortemMarkdown({
    title: options.title ?? "Payments API outage",
    short_term: Array.from({ length: n }, (_, i) => ({
      id: `a${i + 1}`,
      title: `Short-term fix ${i + 1}`,
      owner: options.owner ?? "alice",
    })),
    long_term: [{ id: "l1", title: "Long-term prevention", owner: options.owner ?? "bob" }],
  });
}

// ------------------------------------------------------------------ assertions on the simulator

export interface TrackedCount {
  /** Issues by follow-up key (path#id), from the markers of issues the app authored. */
  byKey: Map<string, SimIssue[]>;
  total: number;
  duplicates: number;
}

const MARKER = /<!-- postmortem-followups:followup v1 (\{.*?\}) -->/;

export function appBot(sim: Simulator): string {
  return `${sim.state.app.slug}[bot]`;
}

/** The follow-up issues the app created in a repository, grouped by key. */
export function followupIssues(sim: Simulator, repo: SimRepo): TrackedCount {
  const byKey = new Map<string, SimIssue[]>();
  let total = 0;
  for (const issue of Object.values(repo.issues)) {
    if (issue.pull || issue.user !== appBot(sim)) continue;
    const m = MARKER.exec(issue.body ?? "");
    if (!m) continue;
    const data = JSON.parse(m[1]!) as { path: string; id: string };
    const key = `${data.path}#${data.id}`;
    byKey.set(key, [...(byKey.get(key) ?? []), issue]);
    total++;
  }
  let duplicates = 0;
  for (const list of byKey.values())
    duplicates += Math.max(0, list.filter((i) => i.state === "open").length - 1);
  return { byKey, total, duplicates };
}

/** Open follow-up issues per key (what "exactly one issue per follow-up" means to a person). */
export function openPerKey(sim: Simulator, repo: SimRepo): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, list] of followupIssues(sim, repo).byKey)
    out[key] = list.filter((i) => i.state === "open").length;
  return out;
}

export function expectedKeys(path: string, n: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (let i = 1; i <= n; i++) out[`${path}#a${i}`] = 1;
  out[`${path}#l1`] = 1;
  return out;
}

/** Comments on an issue or PR by the app. */
export function appComments(sim: Simulator, repo: SimRepo, number: number) {
  return repo.comments.filter((c) => c.issue_number === number && c.user === appBot(sim));
}

// ------------------------------------------------------------------ the sweep CLI

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `postmortem-followups sweep --repo owner/name` as an external scheduler runs it (built CLI);
 * `command`: another command as the app (`report`).
 */
export async function runSweepCli(
  sim: Simulator,
  args: string[],
  options: { trap?: Trap; env?: Record<string, string>; command?: string } = {},
): Promise<CliRun> {
  await ensureBuilt();
  const cwd = mkdtempSync(join(tmpdir(), "pmf-e2e-cli-"));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? cwd,
    APP_ID: String(sim.state.app.id),
    PRIVATE_KEY: testPrivateKey(),
    GHE_HOST: sim.host,
    GHE_PROTOCOL: "http",
    LOG_LEVEL: "warn",
    POSTMORTEM_FOLLOWUPS_WRITE_INTERVAL_MS: "0",
    POSTMORTEM_FOLLOWUPS_RETRY_BASE_MS: "20",
    ...(options.trap
      ? {
          NODE_USE_ENV_PROXY: "1",
          HTTP_PROXY: options.trap.url,
          HTTPS_PROXY: options.trap.url,
          NO_PROXY: sim.host,
        }
      : {}),
    ...options.env,
  };
  const command = options.command ?? "sweep";
  const child = spawn(process.execPath, [join(ROOT, "bin/postmortem-followups.js"), command, ...args], {
    cwd,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => {
    stdout += c.toString("utf8");
  });
  child.stderr.on("data", (c: Buffer) => {
    stderr += c.toString("utf8");
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
  clearTimeout(timer);
  return { code, stdout, stderr };
}

// ------------------------------------------------------------------ more payloads

function coordsOf(repo: SimRepo) {
  return {
    owner: repo.owner,
    repo: repo.name,
    defaultBranch: repo.default_branch,
    installationId: repo.installation_id ?? 1,
  };
}

function userPayload(login: string, type: "User" | "Bot" = "User") {
  return { login, id: 1000 + login.length, node_id: "MDQ6VXNlcjE=", type, site_admin: false };
}

/** `pull_request.opened` for an open pull request of the simulator (the check runs on it). */
export function pullRequestOpened(sim: Simulator, repo: SimRepo, pr: SimIssue): Record<string, unknown> {
  const payload = webUrls(
    sim,
    repo,
    pullRequestClosed({ ...coordsOf(repo), number: pr.number, merged: false }),
  );
  payload.action = "opened";
  const body = payload.pull_request as Record<string, unknown>;
  body.state = "open";
  body.merged = false;
  body.merged_at = null;
  body.closed_at = null;
  body.merge_commit_sha = null;
  (body.head as Record<string, unknown>).sha = pr.pull!.head.sha;
  (body.head as Record<string, unknown>).ref = pr.pull!.head.ref;
  (body.base as Record<string, unknown>).sha = pr.pull!.base.sha;
  return payload;
}

/** `issue_comment.created` for a comment of the simulator on an issue or pull request. */
export function issueCommentCreated(
  sim: Simulator,
  repo: SimRepo,
  issue: SimIssue,
  comment: {
    id: number;
    node_id: string;
    body: string;
    user: string;
    created_at: string;
    updated_at: string;
  },
): Record<string, unknown> {
  const base = webUrls(sim, repo, pullRequestClosed({ ...coordsOf(repo), number: issue.number }));
  const web = `http://${sim.host}/${repo.full_name}`;
  const author = sim.state.users[comment.user.toLowerCase()];
  return {
    action: "created",
    issue: {
      number: issue.number,
      title: issue.title,
      body: issue.body,
      state: issue.state,
      state_reason: issue.state_reason,
      closed_at: issue.closed_at,
      user: userPayload(
        issue.user,
        sim.state.users[issue.user.toLowerCase()]?.type === "Bot" ? "Bot" : "User",
      ),
      labels: issue.labels.map((name) => ({ name })),
      html_url: `${web}/issues/${issue.number}`,
      url: `${sim.ghesUrl}/repos/${repo.full_name}/issues/${issue.number}`,
      ...(issue.pull
        ? { pull_request: { url: `${sim.ghesUrl}/repos/${repo.full_name}/pulls/${issue.number}` } }
        : {}),
    },
    comment: {
      id: comment.id,
      node_id: comment.node_id,
      body: comment.body,
      user: userPayload(comment.user, author?.type === "Bot" ? "Bot" : "User"),
      html_url: `${web}/issues/${issue.number}#issuecomment-${comment.id}`,
      url: `${sim.ghesUrl}/repos/${repo.full_name}/issues/comments/${comment.id}`,
      created_at: comment.created_at,
      updated_at: comment.updated_at,
      author_association: "COLLABORATOR",
    },
    repository: base.repository,
    sender: userPayload(comment.user, author?.type === "Bot" ? "Bot" : "User"),
    installation: base.installation,
  };
}

/** `issues.closed` for an issue of the simulator (closed there first). */
export function issueClosed(
  sim: Simulator,
  repo: SimRepo,
  issue: SimIssue,
  by = "alice",
): Record<string, unknown> {
  const comment = issueCommentCreated(sim, repo, issue, {
    id: 1,
    node_id: "x",
    body: "",
    user: by,
    created_at: issue.created_at,
    updated_at: issue.updated_at,
  });
  return {
    action: "closed",
    issue: comment.issue,
    repository: comment.repository,
    sender: comment.sender,
    installation: comment.installation,
  };
}
