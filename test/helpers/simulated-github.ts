import { afterAll, afterEach, beforeAll, beforeEach, expect } from "vitest";
import {
  type Permission,
  type RequestRecord,
  type SimCommit,
  type SimIssue,
  type SimRepo,
  type Simulator,
  type SimulatorOptions,
  startSimulator,
} from "../simulator/index.js";
import { TestOctokit } from "./octokit.js";
import { pullRequestClosed } from "./payloads.js";

/**
 * Shared fixtures for tests that cross the GitHub gateway: one simulator (test/simulator) per test
 * file, emptied before each test and checked after each (no request broke GitHub's published
 * contract), the repository most unit-level tests use (`acme/pay`), an installation Octokit on it,
 * and readers of the request log ("what was written", "which requests, in order").
 */

export const OWNER = "acme";
export const REPO_NAME = "pay";

export interface SimulatorHandle {
  readonly sim: Simulator;
}

/** One simulator for the file's tests; `reset()` before each; no contract violation after each. */
export function useSimulator(options: SimulatorOptions = {}): SimulatorHandle {
  let sim: Simulator | null = null;
  beforeAll(async () => {
    sim = await startSimulator(options);
  });
  afterAll(async () => {
    await sim?.close();
  });
  beforeEach(() => {
    sim!.reset();
  });
  afterEach(() => {
    expect(sim!.violations).toEqual([]);
  });
  return {
    get sim() {
      return sim!;
    },
  };
}

/** `acme/pay` (an organisation's repository, installed), with `files` on main and collaborators. */
export function seedPay(
  sim: Simulator,
  options: {
    files?: Record<string, string>;
    collaborators?: Record<string, Permission>;
    installation?: number;
    owner?: string;
    name?: string;
  } = {},
): SimRepo {
  return sim.seedRepo({
    owner: options.owner ?? OWNER,
    ownerType: "Organization",
    name: options.name ?? REPO_NAME,
    files: { "README.md": "# pay\n", ...options.files },
    collaborators: options.collaborators ?? {},
    ...(options.installation === undefined ? {} : { installation: options.installation }),
  });
}

/** The app's Octokit (no retries, no throttling) with an installation token of the simulator. */
export function installationOctokit(
  sim: Simulator,
  installationId?: number,
): InstanceType<typeof TestOctokit> {
  return new TestOctokit({ baseUrl: sim.url, auth: sim.createInstallationToken(installationId) });
}

/** The app's bot login on the simulator (`my-app[bot]`). */
export function botLogin(sim: Simulator): string {
  return `${sim.state.app.slug}[bot]`;
}

/** The app's own requests: app authentication (JWT, installation tokens) left out. */
export function appRequests(sim: Simulator): RequestRecord[] {
  return sim.requests.filter((r) => !String(r.operation).startsWith("apps/"));
}

/** Requests that change GitHub: REST writes and GraphQL mutations (installation tokens left out). */
export function writes(sim: Simulator): RequestRecord[] {
  return appRequests(sim).filter((r) => r.access === "write");
}

/** `METHOD path` of each request (path decoded; GraphQL: `POST /graphql <operation>`), in order. */
export function calls(requests: readonly RequestRecord[]): string[] {
  return requests.map((r) =>
    r.kind === "graphql" ? `POST /graphql ${r.operation}` : `${r.method} ${decodeURIComponent(r.path)}`,
  );
}

/** Recorded requests matching a method and a path (exact or pattern). */
export function find(sim: Simulator, method: string, path: string | RegExp): RequestRecord[] {
  return sim.requests.filter(
    (r) => r.method === method && (typeof path === "string" ? r.path === path : path.test(r.path)),
  );
}

/** The body of a recorded request, typed for the assertion at hand. */
export function bodyOf<T = Record<string, unknown>>(request: RequestRecord | undefined): T {
  if (!request) throw new Error("no such request");
  return request.body as T;
}

/** Issues of a repository that are not pull requests, by number. */
export function issuesOf(repo: SimRepo) {
  return Object.values(repo.issues)
    .filter((i) => !i.pull)
    .sort((a, b) => a.number - b.number);
}

/** Comments on one issue or pull request, oldest first. */
export function commentsOn(repo: SimRepo, number: number) {
  return repo.comments.filter((c) => c.issue_number === number);
}

/** Every REST write to a repository answers 500 and changes nothing: "this run must not write". */
export function freezeWrites(sim: Simulator): void {
  for (const method of ["POST", "PATCH", "PUT", "DELETE"])
    sim.inject({
      match: { method, kind: "rest", path: /^\/repos\//, times: Number.POSITIVE_INFINITY },
      respond: { status: 500, body: { message: "frozen: unexpected write" } },
    });
}

/**
 * An open pull request numbered `number` (the repository's shared issue/PR numbering is moved
 * there first, so a test can keep GitHub-like numbers such as #7) that changes `files` (null
 * deletes), by `user` (alice by default); a `body` such as "Fixes #5" links it to that issue.
 */
export function openPull(
  sim: Simulator,
  repo: SimRepo,
  number: number,
  files: Record<string, string | null> = { [`changes/${number}.md`]: `change ${number}\n` },
  options: { user?: string; title?: string; body?: string } = {},
): SimIssue {
  if (repo.next_number > number) throw new Error(`#${number} is taken in ${repo.full_name}`);
  repo.next_number = number;
  return sim.openPullRequest(repo, {
    title: options.title ?? `Pull request #${number}`,
    head: `pull-${number}`,
    files,
    user: options.user ?? "alice",
    ...(options.body === undefined ? {} : { body: options.body }),
  });
}

/**
 * `openPull`, then merged (squash) by `mergedBy` (its author by default); its merge commit is the
 * new head of the default branch, and it closes the issues its body names with a closing keyword.
 */
export function mergedPull(
  sim: Simulator,
  repo: SimRepo,
  number: number,
  files?: Record<string, string | null>,
  options: { user?: string; title?: string; body?: string; mergedBy?: string } = {},
): { pr: SimIssue; commit: SimCommit } {
  const pr = openPull(sim, repo, number, files, options);
  const by = options.mergedBy ?? options.user ?? "alice";
  const commit = sim.mergePullRequest(repo, pr.number, { method: "squash", by });
  return { pr, commit };
}

/** `pull_request.closed` (merged) for a pull request `mergedPull` made, with the payload's usual dates. */
export function mergedPullPayload(
  sim: Simulator,
  repo: SimRepo,
  number: number,
  files?: Record<string, string | null>,
): { pr: SimIssue; commit: SimCommit; payload: Record<string, unknown> } {
  const { pr, commit } = mergedPull(sim, repo, number, files);
  const payload = pullRequestClosed({
    owner: repo.owner,
    repo: repo.name,
    number,
    mergeCommitSha: commit.sha,
    installationId: repo.installation_id ?? 1,
    ...(commit.parents[0] ? { baseSha: commit.parents[0] } : {}),
  });
  return { pr, commit, payload };
}

/**
 * Every GraphQL request but the tracked-issue query answers errors, as GitHub does for a query it
 * cannot serve: the probes, the batched reads and the batched label creation fail, and the code
 * under test takes its fallback (each part read or written on its own over REST).
 */
export function refuseGraphqlBatches(sim: Simulator): void {
  sim.inject({
    match: { kind: "graphql", operation: /^(?!trackedIssues$)/, times: Number.POSITIVE_INFINITY },
    respond: { status: 200, body: { errors: [{ message: "query refused" }] } },
  });
}
