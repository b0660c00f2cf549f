/**
 * Domain operations on the simulator state, shared by the REST handlers, the GraphQL mutations
 * and the seeding helpers. Business-rule failures throw `ApiError` with GitHub's status and body.
 */
import {
  ancestors,
  diffTrees,
  ensureUser,
  findLabel,
  findRepo,
  isAssignable,
  mergeBase,
  nextId,
  nodeId,
  parseReferences,
  type SimAnnotation,
  type SimCheckRun,
  type SimComment,
  type SimCommit,
  type SimEvent,
  type SimFileChange,
  type SimIssue,
  type SimLabel,
  type SimMilestone,
  type SimRepo,
  type SimState,
  type StateReason,
  sha1,
} from "./state.js";

export interface ValidationErrorItem {
  resource?: string;
  field?: string;
  code: string;
  value?: unknown;
  message?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: ValidationErrorItem[],
    readonly documentationUrl = "https://docs.github.com/rest",
  ) {
    super(message);
  }

  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { message: this.message };
    if (this.errors) out.errors = this.errors;
    out.documentation_url = this.documentationUrl;
    out.status = String(this.status);
    return out;
  }
}

export function notFound(message = "Not Found"): ApiError {
  return new ApiError(404, message);
}

export function validationFailed(errors: ValidationErrorItem[], message = "Validation Failed"): ApiError {
  return new ApiError(422, message, errors);
}

export interface ModelCtx {
  state: SimState;
  now: () => Date;
  /** Login of the acting user (`my-app[bot]` for installation tokens). */
  actor: string;
  /** The installation of the request's token, when `state.installation_scope` limits what it sees. */
  installationId?: number | null;
}

/** Can the request's token see the repository (`state.installation_scope`)? */
export function visibleTo(ctx: ModelCtx, repo: SimRepo): boolean {
  return (
    !ctx.state.installation_scope || ctx.installationId == null || repo.installation_id === ctx.installationId
  );
}

export function isoNow(ctx: { now: () => Date }): string {
  return ctx
    .now()
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z");
}

export function requireRepo(state: SimState, owner: string, name: string): SimRepo {
  const repo = findRepo(state, owner, name);
  if (!repo) throw notFound();
  return repo;
}

export function requireIssue(repo: SimRepo, number: number | string): SimIssue {
  const issue = repo.issues[String(number)];
  if (!issue) throw notFound();
  return issue;
}

export function addEvent(
  ctx: ModelCtx,
  repo: SimRepo,
  e: Omit<SimEvent, "id" | "node_id" | "created_at" | "actor"> & { actor?: string },
): SimEvent {
  const id = nextId(ctx.state);
  const event: SimEvent = {
    id,
    node_id: nodeId("Event", id),
    created_at: isoNow(ctx),
    actor: ctx.actor,
    ...e,
  };
  repo.events.push(event);
  return event;
}

// ---------------------------------------------------------------- labels

export const DEFAULT_LABEL_COLOR = "ededed";

export function createLabel(
  ctx: ModelCtx,
  repo: SimRepo,
  input: { name: string; color?: string; description?: string | null },
): SimLabel {
  const name = input.name.trim();
  if (!name) throw validationFailed([{ resource: "Label", field: "name", code: "missing_field" }]);
  if (findLabel(repo, name))
    throw validationFailed([{ resource: "Label", field: "name", code: "already_exists" }]);
  const color = (input.color ?? DEFAULT_LABEL_COLOR).replace(/^#/, "");
  if (!/^[0-9a-fA-F]{6}$/.test(color))
    throw validationFailed([{ resource: "Label", field: "color", code: "invalid" }]);
  if (input.description && input.description.length > 100) {
    throw validationFailed([{ resource: "Label", field: "description", code: "invalid" }]);
  }
  const id = nextId(ctx.state);
  const label: SimLabel = {
    id,
    node_id: nodeId("Label", id),
    name,
    color: color.toLowerCase(),
    description: input.description ?? null,
    default: false,
  };
  repo.labels.push(label);
  return label;
}

export function ensureLabel(ctx: ModelCtx, repo: SimRepo, name: string): SimLabel {
  return findLabel(repo, name) ?? createLabel(ctx, repo, { name });
}

export function updateLabel(
  _ctx: ModelCtx,
  repo: SimRepo,
  current: string,
  patch: { new_name?: string; color?: string; description?: string | null },
): SimLabel {
  const label = findLabel(repo, current);
  if (!label) throw notFound();
  if (
    patch.new_name !== undefined &&
    patch.new_name.toLowerCase() !== label.name.toLowerCase() &&
    findLabel(repo, patch.new_name)
  ) {
    throw validationFailed([{ resource: "Label", field: "name", code: "already_exists" }]);
  }
  if (patch.color !== undefined && !/^#?[0-9a-fA-F]{6}$/.test(patch.color)) {
    throw validationFailed([{ resource: "Label", field: "color", code: "invalid" }]);
  }
  if (patch.new_name !== undefined) {
    const old = label.name;
    for (const issue of Object.values(repo.issues))
      issue.labels = issue.labels.map((n) => (n === old ? (patch.new_name ?? n) : n));
    label.name = patch.new_name;
  }
  if (patch.color !== undefined) label.color = patch.color.replace(/^#/, "").toLowerCase();
  if (patch.description !== undefined) label.description = patch.description;
  return label;
}

export function deleteLabel(repo: SimRepo, name: string): void {
  const label = findLabel(repo, name);
  if (!label) throw notFound();
  repo.labels = repo.labels.filter((l) => l !== label);
  for (const issue of Object.values(repo.issues)) issue.labels = issue.labels.filter((n) => n !== label.name);
}

function labelNames(input: unknown): string[] {
  if (typeof input === "string") return [input];
  if (!Array.isArray(input)) return [];
  return input.flatMap((l) => {
    if (typeof l === "string") return [l];
    if (l && typeof l === "object" && typeof (l as { name?: unknown }).name === "string")
      return [(l as { name: string }).name];
    return [];
  });
}

/** Adds labels to an issue, creating unknown labels on the fly (grey), like GitHub. */
export function addIssueLabels(ctx: ModelCtx, repo: SimRepo, issue: SimIssue, input: unknown): void {
  for (const name of labelNames(input)) {
    const label = ensureLabel(ctx, repo, name);
    if (issue.labels.includes(label.name)) continue;
    issue.labels.push(label.name);
    addEvent(ctx, repo, {
      issue_number: issue.number,
      event: "labeled",
      label: { name: label.name, color: label.color },
    });
  }
  issue.updated_at = isoNow(ctx);
}

export function setIssueLabels(ctx: ModelCtx, repo: SimRepo, issue: SimIssue, input: unknown): void {
  const wanted = labelNames(input).map((n) => ensureLabel(ctx, repo, n).name);
  for (const name of issue.labels.filter((n) => !wanted.includes(n)))
    removeIssueLabel(ctx, repo, issue, name);
  addIssueLabels(ctx, repo, issue, wanted);
}

export function removeIssueLabel(ctx: ModelCtx, repo: SimRepo, issue: SimIssue, name: string): void {
  const label = issue.labels.find((n) => n.toLowerCase() === name.toLowerCase());
  if (!label) throw new ApiError(404, "Label does not exist");
  issue.labels = issue.labels.filter((n) => n !== label);
  const color = findLabel(repo, label)?.color ?? DEFAULT_LABEL_COLOR;
  addEvent(ctx, repo, { issue_number: issue.number, event: "unlabeled", label: { name: label, color } });
  issue.updated_at = isoNow(ctx);
}

// ---------------------------------------------------------------- assignees

function loginList(input: unknown): string[] {
  if (typeof input === "string") return [input];
  if (!Array.isArray(input)) return [];
  return input.filter((x): x is string => typeof x === "string");
}

/** Adds assignees; logins that cannot be assigned are silently dropped (as GitHub does). */
export function addAssignees(ctx: ModelCtx, repo: SimRepo, issue: SimIssue, input: unknown): void {
  for (const login of loginList(input)) {
    if (!isAssignable(repo, login)) continue;
    const canonical = ctx.state.users[login.toLowerCase()]?.login ?? login;
    if (issue.assignees.some((a) => a.toLowerCase() === login.toLowerCase())) continue;
    if (issue.assignees.length >= 10) break;
    issue.assignees.push(canonical);
    addEvent(ctx, repo, { issue_number: issue.number, event: "assigned", assignee: canonical });
  }
  issue.updated_at = isoNow(ctx);
}

export function removeAssignees(ctx: ModelCtx, repo: SimRepo, issue: SimIssue, input: unknown): void {
  for (const login of loginList(input)) {
    const current = issue.assignees.find((a) => a.toLowerCase() === login.toLowerCase());
    if (!current) continue;
    issue.assignees = issue.assignees.filter((a) => a !== current);
    addEvent(ctx, repo, { issue_number: issue.number, event: "unassigned", assignee: current });
  }
  issue.updated_at = isoNow(ctx);
}

// ---------------------------------------------------------------- milestones

export function createMilestone(
  ctx: ModelCtx,
  repo: SimRepo,
  input: { title: string; state?: "open" | "closed"; description?: string | null; due_on?: string | null },
): SimMilestone {
  if (repo.milestones.some((m) => m.title === input.title)) {
    throw validationFailed([{ resource: "Milestone", field: "title", code: "already_exists" }]);
  }
  const id = nextId(ctx.state);
  const now = isoNow(ctx);
  const m: SimMilestone = {
    id,
    node_id: nodeId("Milestone", id),
    number: repo.milestones.reduce((n, x) => Math.max(n, x.number), 0) + 1,
    title: input.title,
    description: input.description ?? null,
    state: input.state ?? "open",
    due_on: input.due_on ?? null,
    creator: ctx.actor,
    created_at: now,
    updated_at: now,
    closed_at: input.state === "closed" ? now : null,
  };
  repo.milestones.push(m);
  return m;
}

export function updateMilestone(
  ctx: ModelCtx,
  repo: SimRepo,
  number: number,
  patch: { title?: string; state?: "open" | "closed"; description?: string | null; due_on?: string | null },
): SimMilestone {
  const m = repo.milestones.find((x) => x.number === number);
  if (!m) throw notFound();
  if (
    patch.title !== undefined &&
    patch.title !== m.title &&
    repo.milestones.some((x) => x.title === patch.title)
  ) {
    throw validationFailed([{ resource: "Milestone", field: "title", code: "already_exists" }]);
  }
  if (patch.title !== undefined) m.title = patch.title;
  if (patch.description !== undefined) m.description = patch.description;
  if (patch.due_on !== undefined) m.due_on = patch.due_on;
  if (patch.state !== undefined && patch.state !== m.state) {
    m.state = patch.state;
    m.closed_at = patch.state === "closed" ? isoNow(ctx) : null;
  }
  m.updated_at = isoNow(ctx);
  return m;
}

function resolveMilestone(repo: SimRepo, input: unknown): number | null {
  if (input === null) return null;
  const number =
    typeof input === "number"
      ? input
      : typeof input === "string" && /^\d+$/.test(input)
        ? Number(input)
        : Number.NaN;
  if (!repo.milestones.some((m) => m.number === number)) {
    throw validationFailed([{ value: input, resource: "Issue", field: "milestone", code: "invalid" }]);
  }
  return number;
}

function setMilestone(ctx: ModelCtx, repo: SimRepo, issue: SimIssue, number: number | null): void {
  if (issue.milestone === number) return;
  const title = (n: number | null) => repo.milestones.find((m) => m.number === n)?.title ?? "";
  if (issue.milestone !== null) {
    addEvent(ctx, repo, {
      issue_number: issue.number,
      event: "demilestoned",
      milestone: { title: title(issue.milestone) },
    });
  }
  issue.milestone = number;
  if (number !== null)
    addEvent(ctx, repo, {
      issue_number: issue.number,
      event: "milestoned",
      milestone: { title: title(number) },
    });
}

// ---------------------------------------------------------------- references

/**
 * Records cross-references from `source` (an issue or PR whose body/comment is `text`) to every
 * issue it mentions, and remembers closing references ("Fixes #N") on pull requests. As on GitHub,
 * a closing keyword only links from the pull request's own text: in a comment (`fromComment`) it is
 * a plain mention (`willCloseTarget` false, no closing reference).
 */
export function recordReferences(
  ctx: ModelCtx,
  repo: SimRepo,
  source: SimIssue,
  text: string | null | undefined,
  opts: { fromComment?: boolean } = {},
): void {
  for (const ref of parseReferences(text)) {
    const [owner, name] = (ref.repo ?? repo.full_name).split("/");
    const target = owner && name ? findRepo(ctx.state, owner, name) : undefined;
    const issue = target?.issues[String(ref.number)];
    if (!target || !issue || (target === repo && issue.number === source.number)) continue;
    const willClose = Boolean(ref.closes && source.pull && !opts.fromComment);
    if (willClose && source.pull) {
      const key = { repo: target.full_name, number: issue.number };
      if (!source.pull.closing_issues.some((c) => c.repo === key.repo && c.number === key.number))
        source.pull.closing_issues.push(key);
    }
    const exists = target.events.some(
      (e) =>
        e.event === "cross-referenced" &&
        e.issue_number === issue.number &&
        e.source?.repo === repo.full_name &&
        e.source.number === source.number,
    );
    if (!exists) {
      addEvent(ctx, target, {
        issue_number: issue.number,
        event: "cross-referenced",
        source: { repo: repo.full_name, number: source.number },
        will_close: willClose,
      });
    }
  }
}

// ---------------------------------------------------------------- issues

export interface CreateIssueInput {
  title: string;
  body?: string | null;
  labels?: unknown;
  assignees?: unknown;
  assignee?: unknown;
  milestone?: unknown;
}

export function createIssue(
  ctx: ModelCtx,
  repo: SimRepo,
  input: CreateIssueInput,
  extra?: Partial<SimIssue>,
): SimIssue {
  if (typeof input.title !== "string" && typeof input.title !== "number") {
    throw validationFailed([{ resource: "Issue", field: "title", code: "missing_field" }]);
  }
  const milestone = input.milestone === undefined ? null : resolveMilestone(repo, input.milestone);
  const id = nextId(ctx.state);
  const now = isoNow(ctx);
  const number = repo.next_number;
  repo.next_number += 1;
  ensureUser(ctx.state, ctx.actor, undefined, ctx.now());
  const issue: SimIssue = {
    id,
    node_id: nodeId(extra?.pull ? "PullRequest" : "Issue", id),
    number,
    title: String(input.title),
    body: input.body ?? null,
    state: "open",
    state_reason: null,
    labels: [],
    assignees: [],
    milestone: null,
    user: ctx.actor,
    locked: false,
    created_at: now,
    updated_at: now,
    closed_at: null,
    closed_by: null,
    ...extra,
  };
  repo.issues[String(number)] = issue;
  if (input.labels !== undefined) addIssueLabels(ctx, repo, issue, input.labels);
  const assignees = [...loginList(input.assignees), ...loginList(input.assignee)];
  if (assignees.length > 0) addAssignees(ctx, repo, issue, assignees);
  if (milestone !== null) setMilestone(ctx, repo, issue, milestone);
  issue.updated_at = now;
  recordReferences(ctx, repo, issue, issue.body);
  return issue;
}

export function closeIssue(
  ctx: ModelCtx,
  repo: SimRepo,
  issue: SimIssue,
  reason: StateReason | null = "completed",
  closer: SimEvent["closer"] = null,
): void {
  if (issue.state === "closed") {
    if (reason && reason !== issue.state_reason) issue.state_reason = reason;
    return;
  }
  const now = isoNow(ctx);
  issue.state = "closed";
  issue.state_reason = issue.pull ? null : (reason ?? "completed");
  issue.closed_at = now;
  issue.closed_by = ctx.actor;
  issue.updated_at = now;
  addEvent(ctx, repo, {
    issue_number: issue.number,
    event: "closed",
    closer,
    state_reason: issue.state_reason,
    commit_id: closer?.type === "commit" ? closer.sha : null,
  });
}

export function reopenIssue(ctx: ModelCtx, repo: SimRepo, issue: SimIssue): void {
  if (issue.state === "open") return;
  if (issue.pull?.merged)
    throw validationFailed(
      [{ resource: "PullRequest", field: "state", code: "invalid" }],
      "Validation Failed",
    );
  issue.state = "open";
  issue.state_reason = issue.pull ? null : "reopened";
  issue.closed_at = null;
  issue.closed_by = null;
  issue.updated_at = isoNow(ctx);
  addEvent(ctx, repo, { issue_number: issue.number, event: "reopened", state_reason: issue.state_reason });
}

export interface UpdateIssueInput {
  title?: unknown;
  body?: unknown;
  state?: unknown;
  state_reason?: unknown;
  labels?: unknown;
  assignees?: unknown;
  assignee?: unknown;
  milestone?: unknown;
}

export function updateIssue(ctx: ModelCtx, repo: SimRepo, issue: SimIssue, patch: UpdateIssueInput): void {
  if (patch.milestone !== undefined) setMilestone(ctx, repo, issue, resolveMilestone(repo, patch.milestone));
  if (patch.title !== undefined && patch.title !== null && String(patch.title) !== issue.title) {
    addEvent(ctx, repo, {
      issue_number: issue.number,
      event: "renamed",
      rename: { from: issue.title, to: String(patch.title) },
    });
    issue.title = String(patch.title);
  }
  if (patch.body !== undefined) {
    issue.body = typeof patch.body === "string" ? patch.body : null;
    recordReferences(ctx, repo, issue, issue.body);
  }
  if (patch.labels !== undefined) setIssueLabels(ctx, repo, issue, patch.labels);
  if (patch.assignees !== undefined || patch.assignee !== undefined) {
    const wanted = patch.assignees !== undefined ? loginList(patch.assignees) : loginList(patch.assignee);
    removeAssignees(
      ctx,
      repo,
      issue,
      issue.assignees.filter((a) => !wanted.some((w) => w.toLowerCase() === a.toLowerCase())),
    );
    addAssignees(ctx, repo, issue, wanted);
  }
  const reason = typeof patch.state_reason === "string" ? (patch.state_reason as StateReason) : null;
  if (patch.state === "closed") closeIssue(ctx, repo, issue, reason ?? "completed");
  else if (patch.state === "open") reopenIssue(ctx, repo, issue);
  else if (reason && issue.state === "closed") issue.state_reason = reason;
  issue.updated_at = isoNow(ctx);
}

// ---------------------------------------------------------------- comments

export function createComment(ctx: ModelCtx, repo: SimRepo, issue: SimIssue, body: string): SimComment {
  if (issue.locked && !ctx.actor.endsWith("[bot]"))
    throw new ApiError(403, "Unable to create comment because issue is locked.");
  const id = nextId(ctx.state);
  const now = isoNow(ctx);
  const comment: SimComment = {
    id,
    node_id: nodeId("IssueComment", id),
    issue_number: issue.number,
    body,
    user: ctx.actor,
    created_at: now,
    updated_at: now,
  };
  repo.comments.push(comment);
  issue.updated_at = now;
  recordReferences(ctx, repo, issue, body, { fromComment: true });
  return comment;
}

export function requireComment(repo: SimRepo, id: number): SimComment {
  const c = repo.comments.find((x) => x.id === id);
  if (!c) throw notFound();
  return c;
}

// ---------------------------------------------------------------- git

export interface AddCommitInput {
  /** Branch to commit on (created from `from` or the default branch when missing). */
  branch?: string;
  /** Files to write; `null` deletes a file. */
  files?: Record<string, string | null>;
  message?: string;
  author?: string;
  /** Starting point for a new branch (branch name or sha). */
  from?: string;
  /** Explicit parents (defaults to the branch head). */
  parents?: string[];
}

let commitCounter = 0;

export function addCommit(ctx: ModelCtx, repo: SimRepo, input: AddCommitInput = {}): SimCommit {
  const branch = input.branch ?? repo.default_branch;
  const startSha =
    repo.branches[branch] ??
    (input.from ? (repo.branches[input.from] ?? input.from) : repo.branches[repo.default_branch]);
  const parents = input.parents ?? (startSha ? [startSha] : []);
  const parent = parents[0] ? repo.commits[parents[0]] : undefined;
  const tree: Record<string, string> = { ...(parent?.tree ?? {}) };
  for (const [path, content] of Object.entries(input.files ?? {})) {
    const clean = path.replace(/^\/+/, "");
    if (content === null) delete tree[clean];
    else tree[clean] = content;
  }
  commitCounter += 1;
  const message = input.message ?? "Update files";
  const date = isoNow(ctx);
  const sha = sha1(
    `${repo.full_name}\n${parents.join(",")}\n${message}\n${JSON.stringify(tree)}\n${date}\n${commitCounter}`,
  );
  const login = input.author ?? null;
  const commit: SimCommit = {
    sha,
    tree,
    parents,
    message,
    author: {
      name: login ?? "Simulator",
      email: `${login ?? "simulator"}@users.noreply.github.com`,
      date,
      login,
    },
  };
  repo.commits[sha] = commit;
  repo.branches[branch] = sha;
  repo.pushed_at = date;
  return commit;
}

export interface OpenPullRequestInput {
  title: string;
  body?: string | null;
  /** Head branch name (created from `base` when missing). */
  head: string;
  /** Base branch, default branch by default. */
  base?: string;
  /** Files committed on the head branch before opening (`null` deletes). */
  files?: Record<string, string | null>;
  /** Explicit changed-files list (bypasses the tree diff, e.g. to simulate 3000 files). */
  changedFiles?: SimFileChange[];
  user?: string;
  draft?: boolean;
  labels?: string[];
}

export function openPullRequest(ctx: ModelCtx, repo: SimRepo, input: OpenPullRequestInput): SimIssue {
  const baseRef = input.base ?? repo.default_branch;
  const baseSha = repo.branches[baseRef];
  if (!baseSha) throw validationFailed([{ resource: "PullRequest", field: "base", code: "invalid" }]);
  if (input.files || !repo.branches[input.head]) {
    addCommit(ctx, repo, {
      branch: input.head,
      from: baseRef,
      files: input.files ?? {},
      message: input.title,
      author: input.user ?? ctx.actor,
    });
  }
  const headSha = repo.branches[input.head] as string;
  const baseAncestors = new Set(ancestors(repo, baseSha));
  const commits = ancestors(repo, headSha)
    .filter((sha) => !baseAncestors.has(sha))
    .reverse();
  const actorCtx = { ...ctx, actor: input.user ?? ctx.actor };
  const issue = createIssue(
    actorCtx,
    repo,
    { title: input.title, body: input.body ?? null, labels: input.labels },
    {
      pull: {
        head: { ref: input.head, sha: headSha },
        base: { ref: baseRef, sha: baseSha },
        draft: input.draft ?? false,
        merged: false,
        merged_at: null,
        merged_by: null,
        merge_commit_sha: null,
        files: input.changedFiles ?? null,
        commits,
        closing_issues: [],
      },
    },
  );
  return issue;
}

export interface MergeInput {
  method?: "merge" | "squash" | "rebase";
  by?: string;
  message?: string;
}

export function mergePullRequest(
  ctx: ModelCtx,
  repo: SimRepo,
  number: number,
  input: MergeInput = {},
): SimCommit {
  const issue = requireIssue(repo, number);
  const pull = issue.pull;
  if (!pull) throw notFound();
  if (pull.merged || issue.state === "closed") throw new ApiError(405, "Pull Request is not mergeable");
  const actor = input.by ?? ctx.actor;
  const actx: ModelCtx = { ...ctx, actor };
  const baseHead = repo.branches[pull.base.ref] ?? pull.base.sha;
  const base = mergeBase(repo, baseHead, pull.head.sha) ?? pull.base.sha;
  const changes = diffTrees(repo.commits[base]?.tree ?? {}, repo.commits[pull.head.sha]?.tree ?? {});
  const headTree = repo.commits[pull.head.sha]?.tree ?? {};
  const files: Record<string, string | null> = {};
  for (const c of changes) {
    if (c.status === "removed") files[c.filename] = null;
    else {
      if (c.status === "renamed" && c.previous_filename) files[c.previous_filename] = null;
      files[c.filename] = headTree[c.filename] ?? "";
    }
  }
  const method = input.method ?? "merge";
  const commit = addCommit(actx, repo, {
    branch: pull.base.ref,
    files,
    author: actor,
    message:
      input.message ??
      (method === "merge"
        ? `Merge pull request #${number} from ${repo.owner}/${pull.head.ref}`
        : `${issue.title} (#${number})`),
    parents: method === "merge" ? [baseHead, pull.head.sha] : [baseHead],
  });
  const now = isoNow(ctx);
  pull.merged = true;
  pull.merged_at = now;
  pull.merged_by = actor;
  pull.merge_commit_sha = commit.sha;
  addEvent(actx, repo, { issue_number: number, event: "merged", commit_id: commit.sha });
  closeIssue(actx, repo, issue, null);
  if (pull.base.ref === repo.default_branch) {
    for (const ref of pull.closing_issues) {
      const [owner, name] = ref.repo.split("/");
      const target = owner && name ? findRepo(ctx.state, owner, name) : undefined;
      const closing = target?.issues[String(ref.number)];
      if (target && closing && closing.state === "open") {
        closeIssue(actx, target, closing, "completed", { type: "pull", repo: repo.full_name, number });
      }
    }
  }
  return commit;
}

// ---------------------------------------------------------------- check runs

const MAX_ANNOTATIONS = 50;

export interface CheckRunInput {
  name?: string;
  head_sha?: string;
  details_url?: string;
  external_id?: string;
  status?: SimCheckRun["status"];
  conclusion?: string;
  started_at?: string;
  completed_at?: string;
  output?: { title?: string; summary?: string; text?: string; annotations?: SimAnnotation[] };
}

function checkAnnotations(output: CheckRunInput["output"]): SimAnnotation[] {
  const annotations = Array.isArray(output?.annotations) ? output.annotations : [];
  if (annotations.length > MAX_ANNOTATIONS) {
    throw new ApiError(
      422,
      `Invalid request.\n\nOnly ${MAX_ANNOTATIONS} annotations are allowed per request, got ${annotations.length}.`,
      [{ resource: "CheckRun", field: "output.annotations", code: "invalid", value: annotations.length }],
    );
  }
  return annotations;
}

function applyCheckRunPatch(ctx: ModelCtx, run: SimCheckRun, input: CheckRunInput): void {
  const annotations = checkAnnotations(input.output);
  if (input.name !== undefined) run.name = input.name;
  if (input.details_url !== undefined) run.details_url = input.details_url;
  if (input.external_id !== undefined) run.external_id = input.external_id;
  if (input.started_at !== undefined) run.started_at = input.started_at;
  if (input.status !== undefined) run.status = input.status;
  if (input.conclusion !== undefined) {
    run.conclusion = input.conclusion;
    run.status = "completed";
  }
  if (run.status === "completed" && !run.conclusion) {
    throw validationFailed(
      [{ resource: "CheckRun", field: "conclusion", code: "missing_field" }],
      "Conclusion is required when status is completed",
    );
  }
  if (run.status === "completed") run.completed_at = input.completed_at ?? run.completed_at ?? isoNow(ctx);
  if (input.output) {
    if (input.output.title !== undefined) run.output.title = input.output.title;
    if (input.output.summary !== undefined) run.output.summary = input.output.summary;
    if (input.output.text !== undefined) run.output.text = input.output.text;
    run.output.annotations.push(...annotations);
  }
}

export function createCheckRun(ctx: ModelCtx, repo: SimRepo, input: CheckRunInput): SimCheckRun {
  if (!input.name) throw validationFailed([{ resource: "CheckRun", field: "name", code: "missing_field" }]);
  if (!input.head_sha || !repo.commits[input.head_sha]) {
    throw new ApiError(422, `No commit found for SHA: ${input.head_sha ?? ""}`);
  }
  const id = nextId(ctx.state);
  const suite =
    repo.check_runs.find((r) => r.head_sha === input.head_sha && r.app_slug === ctx.state.app.slug)
      ?.check_suite_id ?? nextId(ctx.state);
  const run: SimCheckRun = {
    id,
    node_id: nodeId("CheckRun", id),
    head_sha: input.head_sha,
    name: input.name,
    status: "queued",
    conclusion: null,
    started_at: isoNow(ctx),
    completed_at: null,
    external_id: null,
    details_url: null,
    output: { title: null, summary: null, text: null, annotations: [] },
    app_slug: ctx.state.app.slug,
    check_suite_id: suite,
  };
  applyCheckRunPatch(ctx, run, input);
  repo.check_runs.push(run);
  return run;
}

export function updateCheckRun(ctx: ModelCtx, repo: SimRepo, id: number, input: CheckRunInput): SimCheckRun {
  const run = repo.check_runs.find((r) => r.id === id);
  if (!run) throw notFound();
  const copy = structuredClone(run);
  applyCheckRunPatch(ctx, copy, input);
  Object.assign(run, copy);
  return run;
}
