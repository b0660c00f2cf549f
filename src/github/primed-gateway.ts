import type { LabelSpec } from "../domain/config/schema.js";
import type {
  FieldToCreate,
  ProjectField,
  ProjectRef,
  ProjectSnapshot,
  ProjectValueWrite,
} from "../domain/followups/project.js";
import type { SubIssueRef } from "../domain/followups/tracker.js";
import type { MarkerKind } from "../domain/markers/marker.js";
import type {
  Assignability,
  ChangedFile,
  CreatedIssue,
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
import { findMarked } from "./gateway.js";
import { FoldedProject } from "./primed-project.js";
import type { TrackedPage } from "./probe-map.js";
import { ownTrackedIssues, routedTrackedIssues } from "./tracked-issues.js";

/**
 * A gateway that answers reads from what a probe (./probe.ts) already fetched, and asks the
 * gateway it wraps for everything else. Reconcile, the summary comment and the weekly report keep
 * calling `listTrackedIssues`, `readFile`, `listLabels`, `checkAssignable` or `listComments` as
 * before; the probe just made those answers free.
 *
 * A primed answer is dropped as soon as this run writes what it describes: after an issue write
 * the tracked issues are read fresh (a create that failed ambiguously is looked for in a fresh
 * read, never in the probe's), after a comment write the comments are. Labels are the exception:
 * the ones this run created are added to the list, which is all a later read would show.
 * With `project:`, the tracked issues read from GitHub bring the project's items (./primed-project.ts).
 */

export interface Prime {
  /** The repository's node id (for GraphQL mutations). */
  repositoryId?: string | null;
  /** A pull request's files. */
  pullFiles?: { number: number; files: ChangedFile[] } | null;
  /** Comments by issue or pull request number. */
  comments?: Map<number, IssueComment[]>;
  labels?: RepoLabel[] | null;
  /** Every assignable login, lower case (complete), or null. */
  assignable?: Set<string> | null;
  tracked?: TrackedPage | null;
  /** Files read at `ref` (key: `${ref}:${path}`). */
  files?: Map<string, RepoFile | null>;
}

/** The tracked issues after a probe's first page (read on first use). */
export type TrackedRest = (label: string, cursor: string) => Promise<TrackedIssue[]>;

const fileKey = (ref: string | undefined, path: string) => `${ref ?? ""}:${path}`;

function withinLimit(file: RepoFile | null, maxBytes: number | undefined): RepoFile | null {
  if (file?.kind !== "file" || maxBytes === undefined || file.size <= maxBytes) return file;
  return { kind: "too-large", path: file.path, sha: file.sha, size: file.size };
}

export class PrimedGateway implements RepoGateway {
  private tracked: Promise<TrackedIssue[]> | null = null;
  private trackedLabel: string | null;
  private readonly comments: Map<number, IssueComment[]>;
  private labels: RepoLabel[] | null;
  private readonly files: Map<string, RepoFile | null>;
  private readonly project: FoldedProject;

  constructor(
    private readonly inner: RepoGateway,
    private readonly prime: Prime,
    private readonly trackedRest?: TrackedRest,
  ) {
    this.trackedLabel = prime.tracked?.label ?? null;
    this.comments = new Map(prime.comments ?? []);
    this.labels = prime.labels ? [...prime.labels] : null;
    this.files = new Map(prime.files ?? []);
    this.project = new FoldedProject(inner);
    if (prime.repositoryId && inner.useRepositoryId) inner.useRepositoryId(prime.repositoryId);
  }

  get owner(): string {
    return this.inner.owner;
  }

  get repo(): string {
    return this.inner.repo;
  }

  /** Files read elsewhere at `ref` (the sweep's combined read). */
  addFiles(ref: string, files: Map<string, RepoFile | null>): void {
    for (const [path, file] of files) this.files.set(fileKey(ref, path), file);
  }

  addComments(comments: Map<number, IssueComment[]>): void {
    for (const [number, list] of comments) this.comments.set(number, list);
  }

  // ---------------------------------------------------------------- reads

  async readFile(path: string, options: { ref?: string; maxBytes?: number } = {}): Promise<RepoFile | null> {
    const key = fileKey(options.ref, path);
    if (this.files.has(key)) return withinLimit(this.files.get(key)!, options.maxBytes);
    return this.inner.readFile(path, options);
  }

  async readFiles(
    paths: readonly string[],
    options: { ref: string; maxBytes?: number },
  ): Promise<Map<string, RepoFile | null>> {
    const out = new Map<string, RepoFile | null>();
    const missing: string[] = [];
    for (const path of paths) {
      const key = fileKey(options.ref, path);
      if (this.files.has(key)) out.set(path, withinLimit(this.files.get(key)!, options.maxBytes));
      else missing.push(path);
    }
    if (missing.length > 0 && this.inner.readFiles) {
      const read = await this.inner.readFiles(missing, options);
      for (const [path, file] of read) {
        this.files.set(fileKey(options.ref, path), file);
        out.set(path, file);
      }
    }
    return out;
  }

  listPullFiles(pullNumber: number): Promise<ChangedFile[]> {
    const primed = this.prime.pullFiles;
    if (primed && primed.number === pullNumber) return Promise.resolve(primed.files);
    return this.inner.listPullFiles(pullNumber);
  }

  compareFiles(base: string, head: string): Promise<ChangedFile[]> {
    return this.inner.compareFiles(base, head);
  }

  findMergedPull(sha: string): Promise<MergedPull | null> {
    return this.inner.findMergedPull(sha);
  }

  watchProject(project: ProjectRef): void {
    this.project.watch(project);
  }

  async listTrackedIssues(label: string): Promise<TrackedIssue[]> {
    if (!this.primedFor(label)) return this.project.listTrackedIssues(label);
    return ownTrackedIssues(await this.allTracked(label), `${this.owner}/${this.repo}`);
  }

  async listAllTrackedIssues(label: string): Promise<TrackedIssue[]> {
    if (!this.primedFor(label))
      return this.inner.listAllTrackedIssues
        ? this.inner.listAllTrackedIssues(label)
        : this.inner.listTrackedIssues(label);
    return this.allTracked(label);
  }

  async listRoutedIssues(label: string, home: string): Promise<TrackedIssue[]> {
    if (!this.primedFor(label)) return (await this.inner.listRoutedIssues?.(label, home)) ?? [];
    return routedTrackedIssues(await this.allTracked(label), `${this.owner}/${this.repo}`, home);
  }

  transferIssue(
    issue: { number: number; nodeId: string },
    toRepository: string,
  ): Promise<{ number: number; url: string; nodeId: string }> {
    if (!this.inner.transferIssue) return Promise.reject(new Error("issue transfer is not available"));
    return this.inner.transferIssue(issue, toRepository);
  }

  private primedFor(label: string): boolean {
    return !!this.prime.tracked && this.trackedLabel === label;
  }

  /** Every issue with the label: the probe's first page, then the rest once. */
  private allTracked(label: string): Promise<TrackedIssue[]> {
    const page = this.prime.tracked!;
    if (!this.tracked) {
      const rest = page.endCursor
        ? this.trackedRest
          ? this.trackedRest(label, page.endCursor).then((more) => [...page.issues, ...more])
          : this.inner.listTrackedIssues(label)
        : Promise.resolve(page.issues);
      this.tracked = rest;
      rest.catch(() => {
        // A failed continuation is not remembered: the next call reads everything again.
        this.trackedLabel = null;
        this.tracked = null;
      });
    }
    return this.tracked;
  }

  async listLabels(): Promise<RepoLabel[]> {
    if (this.labels) return [...this.labels];
    return this.inner.listLabels();
  }

  async checkAssignable(login: string): Promise<Assignability> {
    // In the complete list of assignable users: nothing to ask. Not in it: GitHub says why.
    if (this.prime.assignable?.has(login.toLowerCase())) return { ok: true };
    return this.inner.checkAssignable(login);
  }

  issueState(number: number): Promise<IssueStateInfo> {
    if (!this.inner.issueState) return Promise.resolve({ state: "open", stateReason: null, closedAt: null });
    return this.inner.issueState(number);
  }

  async listComments(issueNumber: number): Promise<IssueComment[]> {
    const cached = this.comments.get(issueNumber);
    if (cached) return [...cached];
    return this.inner.listComments(issueNumber);
  }

  async listCommentsOf(issueNumbers: readonly number[]): Promise<Map<number, IssueComment[]>> {
    const out = new Map<number, IssueComment[]>();
    const missing = issueNumbers.filter((n) => {
      const cached = this.comments.get(n);
      if (cached) out.set(n, [...cached]);
      return !cached;
    });
    if (missing.length > 0 && this.inner.listCommentsOf)
      for (const [n, list] of await this.inner.listCommentsOf(missing)) out.set(n, list);
    return out;
  }

  async findMarkedComment<T>(
    issueNumber: number,
    kind: MarkerKind,
    author: string,
    match?: (data: T) => boolean,
  ): Promise<{ comment: IssueComment; data: T } | null> {
    return findMarked(await this.listComments(issueNumber), kind, author, match);
  }

  listMilestones(): Promise<Milestone[]> {
    return this.inner.listMilestones();
  }

  // ---------------------------------------------------------------- writes

  private issuesChanged(): void {
    this.trackedLabel = null;
    this.tracked = null;
  }

  private labelsCreated(specs: readonly LabelSpec[]): void {
    if (!this.labels) return;
    for (const spec of specs)
      if (!this.labels.some((l) => l.name.toLowerCase() === spec.name.toLowerCase()))
        this.labels.push({ name: spec.name, color: spec.color, description: spec.description });
  }

  async createLabel(spec: LabelSpec): Promise<"created" | "exists"> {
    const outcome = await this.inner.createLabel(spec);
    this.labelsCreated([spec]);
    return outcome;
  }

  async createLabels(specs: readonly LabelSpec[]): Promise<Map<string, LabelOutcome>> {
    if (!this.inner.createLabels) {
      const out = new Map<string, LabelOutcome>();
      for (const spec of specs) out.set(spec.name, await this.createLabel(spec).catch((e: Error) => e));
      return out;
    }
    const out = await this.inner.createLabels(specs);
    this.labelsCreated(specs.filter((s) => !(out.get(s.name) instanceof Error)));
    return out;
  }

  createIssue(issue: NewIssue): Promise<CreatedIssue> {
    this.issuesChanged();
    return this.inner.createIssue(issue);
  }

  updateIssue(number: number, update: IssueUpdate): Promise<void> {
    this.issuesChanged();
    this.project.issueUpdated(number);
    return this.inner.updateIssue(number, update);
  }

  createComment(issueNumber: number, body: string): Promise<IssueComment> {
    this.comments.delete(issueNumber);
    return this.inner.createComment(issueNumber, body);
  }

  updateComment(commentId: number, body: string): Promise<void> {
    // The comment's issue is not known here: forget them all.
    this.comments.clear();
    return this.inner.updateComment(commentId, body);
  }

  createMilestone(input: { title: string; dueOn: string | null; description?: string }): Promise<Milestone> {
    return this.inner.createMilestone(input);
  }

  updateMilestone(number: number, input: { dueOn: string | null }): Promise<void> {
    return this.inner.updateMilestone(number, input);
  }

  readProject(project: ProjectRef, contentIds: readonly string[]): Promise<ProjectSnapshot | null> {
    const seen = this.project.answer(project, contentIds);
    if (seen !== undefined) return Promise.resolve(seen);
    return this.inner.readProject ? this.inner.readProject(project, contentIds) : Promise.resolve(null);
  }

  addProjectItems(projectId: string, contentIds: readonly string[]): Promise<Map<string, string | Error>> {
    if (!this.inner.addProjectItems) throw new Error("this gateway cannot write projects");
    this.project.projectWritten();
    return this.inner.addProjectItems(projectId, contentIds);
  }

  setProjectValues(projectId: string, writes: readonly ProjectValueWrite[]): Promise<Error[]> {
    if (!this.inner.setProjectValues) throw new Error("this gateway cannot write projects");
    this.project.projectWritten();
    return this.inner.setProjectValues(projectId, writes);
  }

  createProjectFields(projectId: string, fields: readonly FieldToCreate[]): Promise<ProjectField[]> {
    if (!this.inner.createProjectFields) throw new Error("this gateway cannot write projects");
    this.project.projectWritten();
    return this.inner.createProjectFields(projectId, fields);
  }

  listSubIssues(issueNumber: number): Promise<SubIssueRef[] | null> {
    return this.inner.listSubIssues ? this.inner.listSubIssues(issueNumber) : Promise.resolve(null);
  }

  async addSubIssue(issueNumber: number, subIssueId: number): Promise<void> {
    if (!this.inner.addSubIssue) throw new Error("this gateway cannot attach sub-issues");
    await this.inner.addSubIssue(issueNumber, subIssueId);
  }
}
