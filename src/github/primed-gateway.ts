import { TRACKING_LABEL } from "../domain/config/defaults.js";
import type { LabelSpec } from "../domain/config/schema.js";
import { DEFAULT_PATHS } from "../domain/config/schema.js";
import type { MarkerKind } from "../domain/markers/marker.js";
import { LIMITS } from "../domain/postmortem/schema.js";
import { configFromProbe, type RepoConfigResult } from "./config.js";
import {
  type Assignability,
  type ChangedFile,
  type CreatedIssue,
  findMarked,
  type IssueComment,
  type IssueUpdate,
  type LabelOutcome,
  type MergedPull,
  type Milestone,
  type NewIssue,
  type OctokitRepoGateway,
  type RepoFile,
  type RepoGateway,
  type RepoLabel,
} from "./gateway.js";
import { globDirectories, type MergeProbe, type RepositoryProbe, type TrackedPage } from "./probe.js";
import type { RepoTree } from "./progress.js";
import type { TrackedIssue } from "./tracked-issues.js";

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

  constructor(
    private readonly inner: RepoGateway,
    private readonly prime: Prime,
    private readonly trackedRest?: TrackedRest,
  ) {
    this.trackedLabel = prime.tracked?.label ?? null;
    this.comments = new Map(prime.comments ?? []);
    this.labels = prime.labels ? [...prime.labels] : null;
    this.files = new Map(prime.files ?? []);
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

  listTrackedIssues(label: string): Promise<TrackedIssue[]> {
    const page = this.prime.tracked;
    if (!page || this.trackedLabel !== label) return this.inner.listTrackedIssues(label);
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
}

/** What a merge reads through, and how its config is loaded. */
export interface MergeReads {
  gateway: RepoGateway;
  loadConfig: () => Promise<RepoConfigResult>;
  /** True when the probe answered (false: every part is read on its own). */
  probed: boolean;
}

/**
 * Probe once for a merged pull request (./probe.ts), then read through the primed gateway. The
 * tracked issues are probed under the default tracking label: a config that renames it costs one
 * more query, read when reconcile asks. When the probe fails (an old GitHub Enterprise schema, a
 * 5xx), every part is read on its own, as if there were no probe.
 */
export async function mergeReads(
  base: OctokitRepoGateway,
  pullNumber: number,
  loadWithProbot: () => Promise<RepoConfigResult>,
  log: { warn(obj: object, msg: string): void },
): Promise<MergeReads> {
  let probe: MergeProbe;
  try {
    probe = await base.probeMerge(pullNumber, TRACKING_LABEL);
  } catch (error) {
    log.warn({ err: error }, "the merge probe failed: reading each part on its own");
    return { gateway: base, loadConfig: loadWithProbot, probed: false };
  }
  const gateway = new PrimedGateway(
    base,
    {
      repositoryId: probe.repositoryId,
      pullFiles: probe.pullFiles ? { number: pullNumber, files: probe.pullFiles } : null,
      comments: probe.comments ? new Map([[pullNumber, probe.comments]]) : new Map(),
      labels: probe.labels,
      assignable: probe.assignable,
      tracked: probe.tracked,
    },
    (label, cursor) => base.trackedIssuesAfter(label, cursor),
  );
  return { gateway, loadConfig: () => configFromProbe(probe.config, loadWithProbot), probed: true };
}

/** The default `paths`' directories: what the sweep's probe lists before the config is known. */
const PROBED_DIRECTORIES = globDirectories(DEFAULT_PATHS) ?? [];

/** What a sweep of one repository reads through. */
export interface RepositoryReads {
  gateway: PrimedGateway;
  loadConfig: () => Promise<RepoConfigResult>;
  /** The file paths on the default branch that `globs` can match (the probe's listing when it covers them). */
  tree: (ref: string, globs: readonly string[]) => Promise<RepoTree>;
  /** The postmortems and the pull requests' comments, in one request, into the gateway's answers. */
  prefetch: (ref: string, paths: readonly string[], numbers: readonly number[]) => Promise<void>;
  probed: boolean;
}

/**
 * Probe once for a repository's sweep (./probe.ts): the config, the tracked issues, the
 * assignable users and the default postmortem directories' listing. With `prefetch` (the
 * postmortems and the comments) that is two requests for a repository with postmortems, one for
 * a repository without. A failed probe, a config whose `paths` lie elsewhere, or a directory
 * deeper than probed: those parts are read through REST as before.
 */
export async function repositoryReads(
  base: OctokitRepoGateway,
  input: {
    defaultBranch: string;
    loadWithProbot: () => Promise<RepoConfigResult>;
    listTree: (ref: string) => Promise<RepoTree>;
    log?: { warn(obj: object, msg: string): void };
  },
): Promise<RepositoryReads> {
  let probe: RepositoryProbe | null = null;
  try {
    probe = await base.probeRepository(TRACKING_LABEL, PROBED_DIRECTORIES);
  } catch (error) {
    input.log?.warn({ err: error }, "the repository probe failed: reading each part on its own");
  }
  const gateway = new PrimedGateway(
    base,
    probe ? { repositoryId: probe.repositoryId, assignable: probe.assignable, tracked: probe.tracked } : {},
    (label, cursor) => base.trackedIssuesAfter(label, cursor),
  );
  const listed = probe?.paths ?? null;
  return {
    gateway,
    probed: probe !== null,
    loadConfig: probe ? () => configFromProbe(probe.config, input.loadWithProbot) : input.loadWithProbot,
    tree: async (ref, globs) => {
      const wanted = globDirectories(globs);
      const inProbed = (dir: string) => PROBED_DIRECTORIES.some((p) => dir === p || dir.startsWith(`${p}/`));
      if (listed === null || ref !== input.defaultBranch || !wanted?.every(inProbed))
        return input.listTree(ref);
      return { paths: listed, truncated: false };
    },
    prefetch: async (ref, paths, numbers) => {
      if (paths.length === 0 && numbers.length === 0) return;
      const read = await base.readFilesAndComments({ ref, paths, numbers, maxBytes: LIMITS.fileBytes });
      gateway.addFiles(ref, read.files);
      gateway.addComments(read.comments);
    },
  };
}
