import examples from "@octokit/webhooks-examples";

/**
 * Webhook payloads built from the real examples in @octokit/webhooks-examples (api.github.com),
 * adapted to a repository and a scenario. Every field the examples have stays, so handlers meet
 * the real shapes.
 */

export interface RepoCoordinates {
  owner: string;
  repo: string;
  defaultBranch?: string;
  installationId?: number;
}

export interface Sender {
  login: string;
  type: "User" | "Bot";
}

type Json = Record<string, unknown>;

function clone<T>(value: T): T {
  return structuredClone(value);
}

/** The first example of an event (and action) from @octokit/webhooks-examples. */
export function examplePayload(name: string, predicate: (p: Json) => boolean = () => true): Json {
  const definition = (examples as unknown as { name: string; examples: Json[] }[]).find(
    (d) => d.name === name,
  );
  const example = definition?.examples.find(predicate);
  if (!example) throw new Error(`no example payload for ${name}`);
  return clone(example);
}

/** Point a payload's repository, owner, installation and URLs at `coords`. */
export function withRepository(payload: Json, coords: RepoCoordinates): Json {
  const repository = payload.repository as Json;
  const owner = repository.owner as Json;
  const fullName = `${coords.owner}/${coords.repo}`;
  owner.login = coords.owner;
  if ("name" in owner) owner.name = coords.owner;
  repository.name = coords.repo;
  repository.full_name = fullName;
  repository.html_url = `https://github.com/${fullName}`;
  repository.url = `https://api.github.com/repos/${fullName}`;
  repository.default_branch = coords.defaultBranch ?? "main";
  if ("master_branch" in repository) repository.master_branch = coords.defaultBranch ?? "main";
  payload.installation = {
    id: coords.installationId ?? 1,
    node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==",
  };
  return payload;
}

function withSender(payload: Json, sender: Sender | undefined): Json {
  if (!sender) return payload;
  const current = payload.sender as Json;
  current.login = sender.login;
  current.type = sender.type;
  return payload;
}

export const HUMAN: Sender = { login: "alice", type: "User" };

export interface PullRequestClosedOptions extends RepoCoordinates {
  number: number;
  merged?: boolean;
  mergeCommitSha?: string;
  mergedAt?: string;
  baseRef?: string;
  /** The base commit the pull request was compared with (the example's own sha when absent). */
  baseSha?: string;
  sender?: Sender;
}

/** `pull_request.closed`, merged by default. */
export function pullRequestClosed(options: PullRequestClosedOptions): Json {
  const payload = withRepository(
    examplePayload("pull_request", (p) => p.action === "closed"),
    options,
  );
  const pr = payload.pull_request as Json;
  const merged = options.merged ?? true;
  const fullName = `${options.owner}/${options.repo}`;
  payload.number = options.number;
  pr.number = options.number;
  pr.html_url = `https://github.com/${fullName}/pull/${options.number}`;
  pr.url = `https://api.github.com/repos/${fullName}/pulls/${options.number}`;
  pr.merged = merged;
  pr.state = "closed";
  pr.merged_at = merged ? (options.mergedAt ?? "2026-03-20T09:30:00Z") : null;
  pr.closed_at = options.mergedAt ?? "2026-03-20T09:30:00Z";
  pr.merge_commit_sha = options.mergeCommitSha ?? "c4295bd74fb0f4fda03689c3df3f2803b658fd85";
  (pr.base as Json).ref = options.baseRef ?? options.defaultBranch ?? "main";
  if (options.baseSha) (pr.base as Json).sha = options.baseSha;
  (pr.base as Json).repo = payload.repository;
  return withSender(payload, options.sender ?? HUMAN);
}

export interface PushCommitFiles {
  id?: string;
  added?: string[];
  modified?: string[];
  removed?: string[];
  timestamp?: string;
}

export interface PushOptions extends RepoCoordinates {
  before?: string;
  after: string;
  ref?: string;
  commits: PushCommitFiles[];
  sender?: Sender;
}

/** `push` with the given commits (their added/modified/removed file lists). */
export function push(options: PushOptions): Json {
  const payload = withRepository(
    examplePayload("push", (p) => Array.isArray(p.commits) && (p.commits as unknown[]).length > 0),
    options,
  );
  const template = (payload.commits as Json[])[0]!;
  const commits = options.commits.map((c, i) => {
    const commit = clone(template);
    commit.id =
      c.id ??
      (i === options.commits.length - 1 ? options.after : `${String(i).padStart(2, "0")}${"a".repeat(38)}`);
    commit.added = c.added ?? [];
    commit.modified = c.modified ?? [];
    commit.removed = c.removed ?? [];
    commit.timestamp = c.timestamp ?? "2026-03-20T09:30:00Z";
    return commit;
  });
  payload.ref = options.ref ?? `refs/heads/${options.defaultBranch ?? "main"}`;
  payload.before = options.before ?? "9049f1265b7d61be4a8904a9a27120d2064dab3b";
  payload.after = options.after;
  payload.created = false;
  payload.deleted = false;
  payload.commits = commits;
  payload.head_commit = commits[commits.length - 1] ?? null;
  payload.compare = `https://github.com/${options.owner}/${options.repo}/compare/${String(payload.before).slice(0, 12)}...${options.after.slice(0, 12)}`;
  return withSender(payload, options.sender ?? HUMAN);
}
