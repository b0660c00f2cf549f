import type { LabelSpec } from "../domain/config/schema.js";
import type {
  FieldToCreate,
  ProjectField,
  ProjectRef,
  ProjectSnapshot,
  ProjectValueWrite,
} from "../domain/followups/project.js";
import type { SubIssueRef } from "../domain/followups/tracker.js";
import { type MarkerKind, readMarker } from "../domain/markers/marker.js";
import type {
  Assignability,
  ChangedFile,
  CreatedIssue,
  FileStatus,
  IssueComment,
  IssueStateInfo,
  IssueUpdate,
  LabelOutcome,
  MergedPull,
  Milestone,
  NewIssue,
  RepoFile,
  RepoGateway,
  RepoLabel,
  TrackedIssue,
} from "../domain/ports.js";
import { type GitHubClient, NO_RETRY, statusOf } from "./client.js";
import {
  createLabels,
  probeMerge,
  probeRepository,
  readFilesAndComments,
  repositoryId,
  trackedIssuesAfter,
} from "./probe.js";
import type { MergeProbe, RepositoryProbe } from "./probe-map.js";
import {
  addProjectItems,
  createProjectFields,
  listTrackedIssuesInProject,
  readProject,
  setProjectValues,
  type TrackedInProject,
} from "./projects.js";
import { addSubIssue, listSubIssues } from "./sub-issues.js";
import { listTrackedIssues, ownTrackedIssues, routedTrackedIssues } from "./tracked-issues.js";
import { transferIssue } from "./transfer.js";

/**
 * The repository gateway over Octokit: implements `RepoGateway` (src/domain/ports.ts) with REST
 * and the GraphQL requests of ./probe.ts. Built only by the factory (./repository.ts).
 * Longer than 350 lines: it is one class implementing one port method by method (REST shapes to
 * port data); the GraphQL texts and mappings already live in ./probe*.ts and ./tracked-issues*.ts.
 */

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

  async listTrackedIssues(label: string): Promise<TrackedIssue[]> {
    return ownTrackedIssues(await listTrackedIssues(this.octokit, { ...this.params, label }), this.fullName);
  }

  listAllTrackedIssues(label: string): Promise<TrackedIssue[]> {
    return listTrackedIssues(this.octokit, { ...this.params, label });
  }

  async listRoutedIssues(label: string, home: string): Promise<TrackedIssue[]> {
    return routedTrackedIssues(
      await listTrackedIssues(this.octokit, { ...this.params, label }),
      this.fullName,
      home,
    );
  }

  transferIssue(
    issue: { number: number; nodeId: string },
    toRepository: string,
  ): Promise<{ number: number; url: string; nodeId: string }> {
    return transferIssue(this.octokit, issue.nodeId, toRepository);
  }

  private get fullName(): string {
    return `${this.owner}/${this.repo}`;
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
    return { number: data.number, url: data.html_url, id: data.id };
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

  async issueState(number: number): Promise<IssueStateInfo> {
    const { data } = await this.octokit.rest.issues.get({ ...this.params, issue_number: number });
    return {
      state: data.state === "closed" ? "closed" : "open",
      stateReason: data.state_reason?.toLowerCase() ?? null,
      closedAt: data.closed_at ?? null,
    };
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

  readProject(project: ProjectRef, contentIds: readonly string[]): Promise<ProjectSnapshot | null> {
    return readProject(this.octokit, project, contentIds);
  }

  async listTrackedIssuesInProject(label: string, project: ProjectRef): Promise<TrackedInProject> {
    const read = await listTrackedIssuesInProject(this.octokit, { ...this.params, label, project });
    return { issues: ownTrackedIssues(read.issues, this.fullName), project: read.project };
  }

  addProjectItems(projectId: string, contentIds: readonly string[]): Promise<Map<string, string | Error>> {
    return addProjectItems(this.octokit, projectId, contentIds);
  }

  setProjectValues(projectId: string, writes: readonly ProjectValueWrite[]): Promise<Error[]> {
    return setProjectValues(this.octokit, projectId, writes);
  }

  createProjectFields(projectId: string, fields: readonly FieldToCreate[]): Promise<ProjectField[]> {
    return createProjectFields(this.octokit, projectId, fields);
  }

  listSubIssues(issueNumber: number): Promise<SubIssueRef[] | null> {
    return listSubIssues(this.octokit, this.params, issueNumber);
  }

  addSubIssue(issueNumber: number, subIssueId: number): Promise<void> {
    return addSubIssue(this.octokit, this.params, issueNumber, subIssueId);
  }

  async updateMilestone(number: number, input: { dueOn: string | null }): Promise<void> {
    await this.octokit.rest.issues.updateMilestone({
      ...this.params,
      milestone_number: number,
      due_on: dueOnTimestamp(input.dueOn) ?? undefined,
    });
  }
}
