import type { LabelSpec } from "../domain/config/schema.js";
import { type MarkerKind, readMarker } from "../domain/markers/marker.js";
import type { PortComment } from "../domain/validation/flow.js";
import { type GitHubClient, NO_RETRY, statusOf } from "./client.js";
import {
  createLabels,
  type MergeProbe,
  probeMerge,
  probeRepository,
  type RepositoryProbe,
  readFilesAndComments,
  repositoryId,
  trackedIssuesAfter,
} from "./probe.js";
import type { ChangedFile, FileStatus, RepoFile, RepoLabel } from "./repo-data.js";
import { listTrackedIssues, type TrackedIssue } from "./tracked-issues.js";

export type { ChangedFile, RepoFile, RepoLabel };

/**
 * The GitHub gateway: the only code that calls Octokit. The core (parse, plan, render) never sees
 * a client; reconcile and the handlers talk to GitHub through this interface, so tests and the
 * CLI can plug in another implementation.
 */

export interface MergedPull {
  number: number;
  url: string;
  mergedAt: string;
  mergeCommitSha: string | null;
  baseRef: string;
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
  /** Every issue with the label, open and closed: one paginated GraphQL query. */
  listTrackedIssues(label: string): Promise<TrackedIssue[]>;
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
}

/** The first comment by `author` carrying a marker of `kind` (optionally matching `match`). */
export function findMarked<T>(
  comments: readonly IssueComment[],
  kind: MarkerKind,
  author: string,
  match?: (data: T) => boolean,
): { comment: IssueComment; data: T } | null {
  const wanted = author.toLowerCase();
  for (const comment of comments) {
    if (comment.author?.toLowerCase() !== wanted) continue;
    const data = readMarker<T>(kind, comment.body);
    if (data && (!match || match(data))) return { comment, data };
  }
  return null;
}

/** GitHub stores a milestone's due date as a timestamp in its own time zone: send midday UTC. */
function dueOnTimestamp(date: string | null): string | null {
  return date ? `${date}T12:00:00Z` : null;
}

function normaliseStatus(status: string): FileStatus {
  if (status === "removed") return "removed";
  if (status === "renamed") return "renamed";
  if (status === "added") return "added";
  return "modified";
}

function toChangedFile(file: { filename: string; status: string; previous_filename?: string }): ChangedFile {
  const status = normaliseStatus(file.status);
  return status === "renamed" && file.previous_filename
    ? { path: file.filename, status, previousPath: file.previous_filename }
    : { path: file.filename, status: status === "renamed" ? "added" : status };
}

export class OctokitRepoGateway implements RepoGateway {
  private repositoryNodeId: string | null = null;

  constructor(
    private readonly octokit: GitHubClient,
    readonly owner: string,
    readonly repo: string,
  ) {}

  useRepositoryId(id: string): void {
    this.repositoryNodeId = id;
  }

  /** One request for what a merge reads (see ./probe.ts). */
  async probeMerge(pullNumber: number, trackingLabel: string): Promise<MergeProbe> {
    const probe = await probeMerge(this.octokit, { ...this.params, pull: pullNumber, trackingLabel });
    if (probe.repositoryId) this.repositoryNodeId = probe.repositoryId;
    return probe;
  }

  /** One request for what a sweep of this repository reads first (see ./probe.ts). */
  async probeRepository(trackingLabel: string, directories: readonly string[]): Promise<RepositoryProbe> {
    const probe = await probeRepository(this.octokit, { ...this.params, trackingLabel, directories });
    if (probe.repositoryId) this.repositoryNodeId = probe.repositoryId;
    return probe;
  }

  /** The tracked issues after a probe's first page. */
  trackedIssuesAfter(label: string, cursor: string): Promise<TrackedIssue[]> {
    return trackedIssuesAfter(this.octokit, { ...this.params, label, cursor });
  }

  /** Files at a ref and comments of issues or pull requests, in one request (per 25 files). */
  readFilesAndComments(input: {
    ref: string;
    paths: readonly string[];
    numbers: readonly number[];
    maxBytes?: number;
  }): Promise<{ files: Map<string, RepoFile | null>; comments: Map<number, IssueComment[]> }> {
    return readFilesAndComments(this.octokit, { ...this.params, ...input });
  }

  async createLabels(specs: readonly LabelSpec[]): Promise<Map<string, LabelOutcome>> {
    if (specs.length === 0) return new Map();
    this.repositoryNodeId ??= await repositoryId(this.octokit, this.owner, this.repo);
    return createLabels(this.octokit, this.repositoryNodeId, specs);
  }

  private get params() {
    return { owner: this.owner, repo: this.repo };
  }

  async readFile(path: string, options: { ref?: string; maxBytes?: number } = {}): Promise<RepoFile | null> {
    let data: unknown;
    try {
      ({ data } = await this.octokit.rest.repos.getContent({
        ...this.params,
        path,
        ...(options.ref ? { ref: options.ref } : {}),
      }));
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw error;
    }
    if (Array.isArray(data) || !data || typeof data !== "object") return null;
    const file = data as {
      type: string;
      path: string;
      sha: string;
      size: number;
      content?: string;
      encoding?: string;
    };
    if (file.type !== "file") return null;
    if (options.maxBytes !== undefined && file.size > options.maxBytes)
      return { kind: "too-large", path: file.path, sha: file.sha, size: file.size };
    if (file.encoding === "base64" && typeof file.content === "string") {
      const content = new Uint8Array(Buffer.from(file.content, "base64"));
      return { kind: "file", path: file.path, sha: file.sha, size: file.size, content };
    }
    // Files over 1 MB come without content in the JSON form: ask for the raw bytes.
    const raw = await this.octokit.request("GET /repos/{owner}/{repo}/git/blobs/{file_sha}", {
      ...this.params,
      file_sha: file.sha,
    });
    const blob = raw.data as { content: string; encoding: string };
    const content = new Uint8Array(Buffer.from(blob.content, blob.encoding === "base64" ? "base64" : "utf8"));
    return { kind: "file", path: file.path, sha: file.sha, size: file.size, content };
  }

  async readFiles(
    paths: readonly string[],
    options: { ref: string; maxBytes?: number },
  ): Promise<Map<string, RepoFile | null>> {
    return (await this.readFilesAndComments({ ...options, paths, numbers: [] })).files;
  }

  async listPullFiles(pullNumber: number): Promise<ChangedFile[]> {
    const files = await this.octokit.paginate(this.octokit.rest.pulls.listFiles, {
      ...this.params,
      pull_number: pullNumber,
      per_page: 100,
    });
    return files.map(toChangedFile);
  }

  async compareFiles(base: string, head: string): Promise<ChangedFile[]> {
    const out: ChangedFile[] = [];
    // The compare endpoint pages its file list (300 files a page).
    for (let page = 1; page <= 10; page++) {
      const { data } = await this.octokit.rest.repos.compareCommitsWithBasehead({
        ...this.params,
        basehead: `${base}...${head}`,
        per_page: 100,
        page,
      });
      const files = data.files ?? [];
      out.push(...files.map(toChangedFile));
      if (files.length < 300) break;
    }
    return out;
  }

  async findMergedPull(sha: string): Promise<MergedPull | null> {
    let pulls: {
      number: number;
      html_url: string;
      merged_at: string | null;
      merge_commit_sha: string | null;
      base: { ref: string };
    }[];
    try {
      ({ data: pulls } = await this.octokit.rest.repos.listPullRequestsAssociatedWithCommit({
        ...this.params,
        commit_sha: sha,
      }));
    } catch (error) {
      if (statusOf(error) === 404 || statusOf(error) === 422) return null;
      throw error;
    }
    const merged = pulls.filter((p) => p.merged_at);
    const pull = merged.find((p) => p.merge_commit_sha === sha) ?? merged[0];
    if (!pull?.merged_at) return null;
    return {
      number: pull.number,
      url: pull.html_url,
      mergedAt: pull.merged_at,
      mergeCommitSha: pull.merge_commit_sha,
      baseRef: pull.base.ref,
    };
  }

  listTrackedIssues(label: string): Promise<TrackedIssue[]> {
    return listTrackedIssues(this.octokit, { ...this.params, label });
  }

  async listLabels(): Promise<RepoLabel[]> {
    const labels = await this.octokit.paginate(this.octokit.rest.issues.listLabelsForRepo, {
      ...this.params,
      per_page: 100,
    });
    return labels.map((l) => ({ name: l.name, color: l.color, description: l.description ?? null }));
  }

  async createLabel(spec: LabelSpec): Promise<"created" | "exists"> {
    try {
      await this.octokit.rest.issues.createLabel({
        ...this.params,
        name: spec.name,
        color: spec.color,
        description: spec.description.slice(0, 100),
      });
      return "created";
    } catch (error) {
      if (statusOf(error) === 422) return "exists";
      throw error;
    }
  }

  async checkAssignable(login: string): Promise<Assignability> {
    try {
      await this.octokit.rest.issues.checkUserCanBeAssigned({ ...this.params, assignee: login });
      return { ok: true };
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
    try {
      await this.octokit.rest.users.getByUsername({ username: login });
      return { ok: false, reason: "no-access" };
    } catch (error) {
      if (statusOf(error) === 404) return { ok: false, reason: "unknown-login" };
      throw error;
    }
  }

  async createIssue(issue: NewIssue): Promise<CreatedIssue> {
    const { data } = await this.octokit.rest.issues.create({
      ...this.params,
      title: issue.title,
      body: issue.body,
      labels: issue.labels,
      assignees: issue.assignees,
      ...(issue.milestone ? { milestone: issue.milestone } : {}),
      request: NO_RETRY,
    });
    return { number: data.number, url: data.html_url };
  }

  async updateIssue(number: number, update: IssueUpdate): Promise<void> {
    await this.octokit.rest.issues.update({
      ...this.params,
      issue_number: number,
      ...(update.title !== undefined ? { title: update.title } : {}),
      ...(update.body !== undefined ? { body: update.body } : {}),
      ...(update.labels !== undefined ? { labels: update.labels } : {}),
      ...(update.assignees !== undefined ? { assignees: update.assignees } : {}),
      ...(update.milestone !== undefined ? { milestone: update.milestone } : {}),
      ...(update.state !== undefined ? { state: update.state } : {}),
      ...(update.stateReason !== undefined ? { state_reason: update.stateReason } : {}),
    });
  }

  async listComments(issueNumber: number): Promise<IssueComment[]> {
    const comments = await this.octokit.paginate(this.octokit.rest.issues.listComments, {
      ...this.params,
      issue_number: issueNumber,
      per_page: 100,
    });
    return comments.map((c) => ({
      id: c.id,
      body: c.body ?? "",
      author: c.user?.login ?? null,
      authorType: c.user?.type ?? null,
      url: c.html_url,
      createdAt: c.created_at,
    }));
  }

  async listCommentsOf(issueNumbers: readonly number[]): Promise<Map<number, IssueComment[]>> {
    if (issueNumbers.length === 0) return new Map();
    return (await this.readFilesAndComments({ ref: "HEAD", paths: [], numbers: issueNumbers })).comments;
  }

  async findMarkedComment<T>(
    issueNumber: number,
    kind: MarkerKind,
    author: string,
    match?: (data: T) => boolean,
  ): Promise<{ comment: IssueComment; data: T } | null> {
    return findMarked(await this.listComments(issueNumber), kind, author, match);
  }

  async createComment(issueNumber: number, body: string): Promise<IssueComment> {
    const { data } = await this.octokit.rest.issues.createComment({
      ...this.params,
      issue_number: issueNumber,
      body,
      request: NO_RETRY,
    });
    return {
      id: data.id,
      body: data.body ?? body,
      author: data.user?.login ?? null,
      authorType: data.user?.type ?? null,
      url: data.html_url,
      createdAt: data.created_at,
    };
  }

  async updateComment(commentId: number, body: string): Promise<void> {
    await this.octokit.rest.issues.updateComment({ ...this.params, comment_id: commentId, body });
  }

  async listMilestones(): Promise<Milestone[]> {
    const milestones = await this.octokit.paginate(this.octokit.rest.issues.listMilestones, {
      ...this.params,
      state: "all",
      per_page: 100,
    });
    return milestones.map((m) => ({
      number: m.number,
      title: m.title,
      dueOn: m.due_on ? m.due_on.slice(0, 10) : null,
      state: m.state === "closed" ? "closed" : "open",
    }));
  }

  async createMilestone(input: {
    title: string;
    dueOn: string | null;
    description?: string;
  }): Promise<Milestone> {
    const { data } = await this.octokit.rest.issues.createMilestone({
      ...this.params,
      title: input.title,
      ...(input.dueOn ? { due_on: dueOnTimestamp(input.dueOn)! } : {}),
      ...(input.description ? { description: input.description } : {}),
    });
    return {
      number: data.number,
      title: data.title,
      dueOn: data.due_on ? data.due_on.slice(0, 10) : null,
      state: data.state === "closed" ? "closed" : "open",
    };
  }

  async updateMilestone(number: number, input: { dueOn: string | null }): Promise<void> {
    await this.octokit.rest.issues.updateMilestone({
      ...this.params,
      milestone_number: number,
      due_on: dueOnTimestamp(input.dueOn) ?? undefined,
    });
  }
}
