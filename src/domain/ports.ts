import type { Annotation } from "./check/annotations.js";
import type { Conclusion } from "./check/output.js";
import type { LabelSpec } from "./config/schema.js";
import type {
  FieldToCreate,
  ProjectField,
  ProjectRef,
  ProjectSnapshot,
  ProjectValueWrite,
} from "./followups/project.js";
import type { SubIssueRef } from "./followups/tracker.js";
import type { MarkerKind } from "./markers/marker.js";
import type { IssueLink } from "./validation/proof.js";
import type { EvidenceOutcome } from "./validation/resolve.js";

/**
 * The ports: every interface through which the runs talk to GitHub, the data they exchange, and
 * the trust rule. `src/github/` implements them (one factory, `openRepository` in
 * src/github/repository.ts, hands them out); `src/runs/` and the pure core depend on these types
 * only, so a test plugs in the simulator or plain data.
 *
 * - `RepoGateway`: files, pull request files, issues, comments, labels, milestones of one repository;
 * - `WeeklyGateway`: the part of it the weekly report uses;
 * - `ChecksGateway`: check runs (the pull request check);
 * - `ValidationPorts`: what proof on close and `/validated` read and write;
 * - `TrackedIssue` + `isTrustedAuthor`: the follow-up issues as read, and which of them count.
 *
 * Longer than 350 lines: it is the one contract between the runs and GitHub (`RepoGateway` alone
 * has some thirty documented methods); split, every run would import several halves of it.
 */

// ---------------------------------------------------------------- repository data

export type FileStatus = "added" | "modified" | "removed" | "renamed";

/** A file a merge or push changed. */
export interface ChangedFile {
  path: string;
  status: FileStatus;
  /** For renames: the old path. */
  previousPath?: string;
}

export type RepoFile =
  | { kind: "file"; path: string; sha: string; size: number; content: Uint8Array }
  /** Larger than the caller's limit: the content was not downloaded. */
  | { kind: "too-large"; path: string; sha: string; size: number };

export interface RepoLabel {
  name: string;
  color: string;
  description: string | null;
}

// ---------------------------------------------------------------- comments, validation

export interface PortComment {
  id: number;
  body: string;
  author: string | null;
  /** "User", "Bot", ... (REST `user.type`, GraphQL `author.__typename`). */
  authorType: string | null;
  url: string;
  createdAt: string;
}

export interface IssueStateInfo {
  state: "open" | "closed";
  /** GitHub's state reason, lower case (completed, not_planned, duplicate, reopened), or null. */
  stateReason: string | null;
  closedAt: string | null;
}

/** A follow-up issue as it is now. */
export interface PortIssue {
  body: string;
  labels: string[];
  state: string;
  /** GitHub's state reason (completed, not_planned, duplicate, reopened), when known. */
  stateReason?: string | null;
  closedAt?: string | null;
  /** Login of who closed it (REST `closed_by`), when known. */
  closedBy?: string | null;
}

export interface ValidationPorts {
  /** The issue as it is now (a payload can be older than the last write). */
  getIssue(number: number): Promise<PortIssue>;
  setBody(number: number, body: string): Promise<void>;
  reopen(number: number): Promise<void>;
  ensureLabel(spec: LabelSpec): Promise<void>;
  addLabel(number: number, name: string): Promise<void>;
  removeLabel(number: number, name: string): Promise<void>;
  react(commentId: number, content: "+1" | "eyes"): Promise<void>;
  listComments(number: number): Promise<PortComment[]>;
  createComment(number: number, body: string): Promise<void>;
  hasWriteAccess(login: string): Promise<boolean>;
  issueLinks(number: number): Promise<IssueLink[]>;
  /** Check one evidence entry as the PR check does (repository paths at the default branch). */
  resolveEvidence(entry: string): Promise<EvidenceOutcome>;
}

// ---------------------------------------------------------------- tracked issues and the trust rule

/** A pull request linked to a tracked issue (timeline). */
export interface LinkedPull {
  number: number;
  url: string;
  title: string;
  state: "open" | "closed" | "merged";
  merged: boolean;
  mergedAt: string | null;
  /** owner/name of the pull request's repository (it may be another repository). */
  repository: string;
}

export type TrackedTimelineEvent =
  | { type: "cross-referenced"; at: string; willClose: boolean; pull: LinkedPull }
  | { type: "connected"; at: string; pull: LinkedPull }
  | {
      type: "closed";
      at: string;
      stateReason: string | null;
      /** Login of who closed it, REST form (a bot ends in "[bot]"). */
      actor: string | null;
      closer: { type: "pull"; pull: LinkedPull } | { type: "commit"; oid: string; url: string } | null;
    };

/** One issue with the tracking label, as GitHub has it (trusted or not: see `isTrustedAuthor`). */
export interface TrackedIssue {
  number: number;
  title: string;
  body: string;
  url: string;
  state: "open" | "closed";
  /** REST form: "completed", "not_planned", "reopened", "duplicate" or null. */
  stateReason: string | null;
  createdAt: string;
  closedAt: string | null;
  /** Author login in REST form: a GitHub App's bot user ends in "[bot]"; null for a deleted user. */
  author: string | null;
  authorType: "Bot" | "User" | "Organization" | "Mannequin" | "EnterpriseUserAccount" | string | null;
  labels: string[];
  assignees: string[];
  milestone: { number: number; title: string; dueOn: string | null; state: "open" | "closed" } | null;
  /** Cross-references, connections and closings, oldest first (the last 50). */
  timeline: TrackedTimelineEvent[];
  /** Pull requests linked to the issue (cross-referenced with a closing keyword, connected, or the closer). */
  linkedPulls: LinkedPull[];
  /** The issue's GraphQL node id (Projects v2 items name their content by it), when read. */
  nodeId?: string;
  /** The issue's database id (the sub-issues API names issues by it), when read. */
  databaseId?: number;
  /** `owner/name` of the repository it lives in, when read as routed from another (`listRoutedIssues`). */
  repository?: string;
}

/**
 * Only the app's own issues are trusted: anyone can open an issue with the tracking label and a
 * copied marker. The bot login is compared in REST form ("slug[bot]"), and the author must be a
 * Bot, so a user account named like the app's slug is not trusted either.
 */
export function isTrustedAuthor(
  issue: Pick<TrackedIssue, "author" | "authorType">,
  botLogin: string,
): boolean {
  return (
    issue.author !== null &&
    issue.author.toLowerCase() === botLogin.toLowerCase() &&
    (issue.authorType === null || issue.authorType === "Bot")
  );
}

// ---------------------------------------------------------------- the repository gateway

export interface MergedPull {
  number: number;
  url: string;
  mergedAt: string;
  mergeCommitSha: string | null;
  baseRef: string;
  /** The base branch's commit the pull request was compared with: the files as they were before it. */
  baseSha?: string;
}

/** A label of a batch: created, already there (someone made it meanwhile), or what failed. */
export type LabelOutcome = "created" | "exists" | Error;

export type Assignability = { ok: true } | { ok: false; reason: "unknown-login" | "no-access" };

export interface NewIssue {
  title: string;
  body: string;
  labels: string[];
  assignees: string[];
  milestone?: number | null;
}

export interface IssueUpdate {
  title?: string;
  body?: string;
  labels?: string[];
  assignees?: string[];
  milestone?: number | null;
  state?: "open" | "closed";
  stateReason?: "completed" | "not_planned" | "reopened" | "duplicate";
}

export interface CreatedIssue {
  number: number;
  url: string;
  /** The database id (the sub-issues API names issues by it). */
  id?: number;
}

/** A comment on an issue or pull request: the core's shape (validation reads the same). */
export type IssueComment = PortComment;

export interface Milestone {
  number: number;
  title: string;
  /** YYYY-MM-DD, or null. */
  dueOn: string | null;
  state: "open" | "closed";
}

export interface RepoGateway {
  readonly owner: string;
  readonly repo: string;
  /** A file's bytes at a ref (default branch when omitted); null when absent or not a file. */
  readFile(path: string, options?: { ref?: string; maxBytes?: number }): Promise<RepoFile | null>;
  /**
   * Several files at one ref in one GraphQL request per 25 paths (the sweep reads every
   * postmortem of a repository). A path missing from the map could not be read this way (binary,
   * truncated by GitHub): read it with `readFile`. Optional: callers fall back to `readFile`.
   */
  readFiles?(
    paths: readonly string[],
    options: { ref: string; maxBytes?: number },
  ): Promise<Map<string, RepoFile | null>>;
  /** The files of a pull request (paginated; GitHub lists at most 3000). */
  listPullFiles(pullNumber: number): Promise<ChangedFile[]>;
  /** Files changed between two commits (for pushes whose payload cannot be trusted to be complete). */
  compareFiles(base: string, head: string): Promise<ChangedFile[]>;
  /** The merged pull request that produced a commit (a squash, merge or rebase), or null. */
  findMergedPull(sha: string): Promise<MergedPull | null>;
  /**
   * Every issue with the label, open and closed: one paginated GraphQL query. Not the issues routed
   * here from another repository's postmortem (their marker names that `home`): those are its.
   */
  listTrackedIssues(label: string): Promise<TrackedIssue[]>;
  /**
   * The issues of this repository routed here from the postmortems of `home` (`owner/name`), each
   * with `repository` set: the same query as `listTrackedIssues`. Optional: without it nothing is routed.
   */
  listRoutedIssues?(label: string, home: string): Promise<TrackedIssue[]>;
  /**
   * Every issue with the label, those routed here from other repositories included: the same query.
   * The organisation's report counts each follow-up once, where its issue is.
   */
  listAllTrackedIssues?(label: string): Promise<TrackedIssue[]>;
  /**
   * Move an issue to another repository of the same owner with GitHub's transfer (labels created
   * there when missing); returns its new number and URL. Optional: without it a route never changes.
   */
  transferIssue?(
    issue: { number: number; nodeId: string },
    toRepository: string,
  ): Promise<{ number: number; url: string; nodeId: string }>;
  /**
   * The state of any issue of the repository (an issue a Markdown item adopted): its state only, never
   * its text. Optional: without it an adopted issue counts as open.
   */
  issueState?(number: number): Promise<IssueStateInfo>;
  listLabels(): Promise<RepoLabel[]>;
  /** Create a label; "exists" when someone created it in the meantime (422). */
  createLabel(spec: LabelSpec): Promise<"created" | "exists">;
  /** Create several labels in one request (one outcome per name). Optional: callers fall back to `createLabel`. */
  createLabels?(specs: readonly LabelSpec[]): Promise<Map<string, LabelOutcome>>;
  /** The repository's node id, when a probe already read it (saves a request before a mutation). */
  useRepositoryId?(id: string): void;
  /** Can the login be assigned to issues here? Distinguishes an unknown login from one without access. */
  checkAssignable(login: string): Promise<Assignability>;
  /** Create an issue. Never retried automatically: the caller checks for a write that took effect. */
  createIssue(issue: NewIssue): Promise<CreatedIssue>;
  updateIssue(number: number, update: IssueUpdate): Promise<void>;
  listComments(issueNumber: number): Promise<IssueComment[]>;
  /**
   * The comments of several issues or pull requests in one GraphQL request (the weekly report
   * reads every postmortem pull request of a repository). A number missing from the map has more
   * than 100 comments: list it with `listComments`. Optional: callers fall back to `listComments`.
   */
  listCommentsOf?(issueNumbers: readonly number[]): Promise<Map<number, IssueComment[]>>;
  /** The first comment by `author` carrying a marker of `kind` (optionally matching `match`). */
  findMarkedComment<T>(
    issueNumber: number,
    kind: MarkerKind,
    author: string,
    match?: (data: T) => boolean,
  ): Promise<{ comment: IssueComment; data: T } | null>;
  /** Create a comment. Never retried automatically (it is not idempotent). */
  createComment(issueNumber: number, body: string): Promise<IssueComment>;
  updateComment(commentId: number, body: string): Promise<void>;
  listMilestones(): Promise<Milestone[]>;
  createMilestone(input: { title: string; dueOn: string | null; description?: string }): Promise<Milestone>;
  updateMilestone(number: number, input: { dueOn: string | null }): Promise<void>;
  // Issue 17, optional (without them: no sub-issues, no project). src/github/sub-issues.ts, projects.ts.
  /** The first 100 sub-issues; null: no sub-issues API (404, an older GitHub Enterprise Server). */
  listSubIssues?(issueNumber: number): Promise<SubIssueRef[] | null>;
  addSubIssue?(issueNumber: number, subIssueId: number): Promise<void>;
  /** A project's fields and these issues' items (one request per 100); null: no such project. */
  readProject?(project: ProjectRef, ids: readonly string[]): Promise<ProjectSnapshot | null>;
  /** The tracked issues and, in the same query, their items in `project` and its fields (null: no such project). */
  listTrackedIssuesInProject?(
    label: string,
    project: ProjectRef,
  ): Promise<{ issues: TrackedIssue[]; project: ProjectSnapshot | null }>;
  /** Bring `project`'s items along with every tracked-issue read from GitHub, for `readProject`. No request. */
  watchProject?(project: ProjectRef): void;
  /** One batched request each: content id -> item id (or what failed); the errors of failed writes. */
  addProjectItems?(projectId: string, contentIds: readonly string[]): Promise<Map<string, string | Error>>;
  setProjectValues?(projectId: string, writes: readonly ProjectValueWrite[]): Promise<Error[]>;
  createProjectFields?(projectId: string, fields: readonly FieldToCreate[]): Promise<ProjectField[]>;
}

/** What the weekly report reads and writes (a part of `RepoGateway`). */
export type WeeklyGateway = Pick<
  RepoGateway,
  "listTrackedIssues" | "listComments" | "listCommentsOf" | "createComment" | "updateComment"
>;

/** Every file path on a ref (the sweep's listing). */
export interface RepoTree {
  /** Paths of the files (blobs) on the ref. */
  paths: string[];
  /** GitHub cut the listing short (over 100,000 entries or 7 MB). */
  truncated: boolean;
}

// ---------------------------------------------------------------- check runs

export interface CheckRunInfo {
  id: number;
  status: "queued" | "in_progress" | "completed" | string;
  conclusion: string | null;
  externalId: string | null;
  annotationsCount: number;
  /** The run's summary as the app wrote it (with the record of what it decided), when read. */
  summary?: string | null;
}

export interface CheckOutputBody {
  title: string;
  summary: string;
  text?: string;
  annotations?: Annotation[];
}

export type CheckRunUpdate =
  | { status?: "in_progress"; output?: CheckOutputBody }
  | { conclusion: Conclusion; completedAt: string; output: CheckOutputBody };

export interface ChecksGateway {
  /** The app's latest run of `name` on `headSha`, or null. */
  findRun(headSha: string, name: string, appSlug: string): Promise<CheckRunInfo | null>;
  /** Every annotation a run already carries (they are append-only). */
  listAnnotations(runId: number): Promise<Annotation[]>;
  createRun(input: {
    name: string;
    headSha: string;
    externalId: string;
    startedAt: string;
  }): Promise<CheckRunInfo>;
  /** Returns the run as GitHub has it after the update. */
  updateRun(runId: number, update: CheckRunUpdate): Promise<CheckRunInfo>;
}

/** Routing's reads of the installation's other repositories, one request each for all (issue 17). Keys: lower-case owner/name. */
export interface RoutingReads {
  /** CODEOWNERS of each default branch (`.github/`, root, `docs/`: GitHub's order); null: none or unreadable. */
  codeowners(repositories: readonly string[]): Promise<Map<string, string | null>>;
  /** Those of the repositories the installation can reach (where the app is installed). */
  installed(repositories: readonly string[]): Promise<Set<string>>;
}
