/**
 * The simulator's state: plain objects that tests can read, seed and mutate directly.
 * Keys of `users`, `repos` and `collaborators` are lower-cased (GitHub logins and repository
 * names are case-insensitive); the objects keep the original spelling.
 */

import { createHash } from "node:crypto";
import type { SimOAuth } from "./oauth.js";

export type Permission = "admin" | "maintain" | "write" | "triage" | "read";
export type UserType = "User" | "Bot" | "Organization";
export type StateReason = "completed" | "not_planned" | "reopened" | "duplicate";

export interface SimUser {
  id: number;
  login: string;
  type: UserType;
  name: string | null;
  email: string | null;
  created_at: string;
}

export interface SimApp {
  id: number;
  slug: string;
  name: string;
  owner: string;
  client_id: string;
  description: string;
  permissions: Record<string, string>;
  events: string[];
  created_at: string;
}

export interface SimInstallation {
  id: number;
  account: string;
  repository_selection: "all" | "selected";
  permissions: Record<string, string>;
  events: string[];
  created_at: string;
  suspended_at: string | null;
}

export interface SimToken {
  token: string;
  /** Installation the token belongs to (installation access token), or null for a user token. */
  installation_id: number | null;
  /** Acting user for user tokens. */
  login: string | null;
  expires_at: string;
}

export interface SimCommit {
  sha: string;
  /** Full file tree of the commit: path -> UTF-8 content. */
  tree: Record<string, string>;
  parents: string[];
  message: string;
  author: { name: string; email: string; date: string; login: string | null };
}

export type FileStatus = "added" | "modified" | "removed" | "renamed";

export interface SimFileChange {
  filename: string;
  status: FileStatus;
  previous_filename?: string;
  additions: number;
  deletions: number;
  changes: number;
  patch?: string;
  /** Blob sha (for removed files: the sha of the deleted blob). */
  sha: string | null;
}

export interface SimPullInfo {
  head: { ref: string; sha: string };
  base: { ref: string; sha: string };
  draft: boolean;
  merged: boolean;
  merged_at: string | null;
  merged_by: string | null;
  merge_commit_sha: string | null;
  /** Explicit file list; when null the files are computed by diffing base and head trees. */
  files: SimFileChange[] | null;
  /** Commits of the PR (oldest first). */
  commits: string[];
  /** Issues this PR closes when merged into the default branch ("Fixes #N", or linked by a test). */
  closing_issues: Array<{ repo: string; number: number }>;
}

export interface SimIssue {
  id: number;
  node_id: string;
  number: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  state_reason: StateReason | null;
  /** Label names (the label objects live in `repo.labels`). */
  labels: string[];
  /** Assignee logins. */
  assignees: string[];
  /** Milestone number or null. */
  milestone: number | null;
  /** Author login, e.g. `octocat` or `my-app[bot]`. */
  user: string;
  locked: boolean;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  closed_by: string | null;
  reactions?: SimReaction[];
  /** Sub-issues (their database ids, in priority order; also across repositories of the owner). */
  sub_issues?: number[];
  /** Database id of the parent issue, when this issue is a sub-issue. */
  parent_id?: number | null;
  /** Present when this issue is a pull request. */
  pull?: SimPullInfo;
}

export interface SimLabel {
  id: number;
  node_id: string;
  name: string;
  color: string;
  description: string | null;
  default: boolean;
}

export interface SimMilestone {
  id: number;
  node_id: string;
  number: number;
  title: string;
  description: string | null;
  state: "open" | "closed";
  due_on: string | null;
  creator: string;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

export interface SimReaction {
  id: number;
  content: "+1" | "-1" | "laugh" | "confused" | "heart" | "hooray" | "rocket" | "eyes";
  user: string;
  created_at: string;
}

export interface SimComment {
  id: number;
  node_id: string;
  issue_number: number;
  body: string;
  user: string;
  created_at: string;
  updated_at: string;
  reactions?: SimReaction[];
}

export interface SimWorkflowRun {
  id: number;
  /** Workflow file, e.g. `.github/workflows/deploy.yml`. */
  path: string;
  name: string;
  display_title: string;
  run_number: number;
  event: string;
  status: "queued" | "in_progress" | "completed" | "waiting" | "requested" | "pending";
  conclusion: string | null;
  head_branch: string | null;
  head_sha: string;
  created_at: string;
  updated_at: string;
}

export interface SimAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: "notice" | "warning" | "failure";
  message: string;
  title?: string;
  raw_details?: string;
}

export interface SimCheckRun {
  id: number;
  node_id: string;
  head_sha: string;
  name: string;
  status: "queued" | "in_progress" | "completed" | "waiting" | "requested" | "pending";
  conclusion: string | null;
  started_at: string | null;
  completed_at: string | null;
  external_id: string | null;
  details_url: string | null;
  output: { title: string | null; summary: string | null; text: string | null; annotations: SimAnnotation[] };
  app_slug: string;
  check_suite_id: number;
}

export type SimEventType =
  | "cross-referenced"
  | "connected"
  | "closed"
  | "reopened"
  | "labeled"
  | "unlabeled"
  | "assigned"
  | "unassigned"
  | "milestoned"
  | "demilestoned"
  | "renamed"
  | "merged";

export interface SimEvent {
  id: number;
  node_id: string;
  issue_number: number;
  event: SimEventType;
  actor: string;
  created_at: string;
  label?: { name: string; color: string };
  assignee?: string;
  milestone?: { title: string };
  rename?: { from: string; to: string };
  /** cross-referenced / connected: the issue or PR that references this one. */
  source?: { repo: string; number: number };
  /** cross-referenced: whether the source closes this issue when merged. */
  will_close?: boolean;
  /** closed: what closed the issue. */
  closer?: { type: "pull"; repo: string; number: number } | { type: "commit"; sha: string } | null;
  state_reason?: StateReason | null;
  commit_id?: string | null;
}

export interface SimRepo {
  id: number;
  node_id: string;
  owner: string;
  name: string;
  full_name: string;
  description: string | null;
  private: boolean;
  archived: boolean;
  default_branch: string;
  installation_id: number | null;
  created_at: string;
  updated_at: string;
  pushed_at: string;
  commits: Record<string, SimCommit>;
  /** Branch name -> commit sha. */
  branches: Record<string, string>;
  /** Tag name -> commit sha. */
  tags: Record<string, string>;
  /** Issues and pull requests keyed by number (they share one sequence, as on GitHub). */
  issues: Record<string, SimIssue>;
  next_number: number;
  labels: SimLabel[];
  milestones: SimMilestone[];
  comments: SimComment[];
  check_runs: SimCheckRun[];
  events: SimEvent[];
  workflow_runs: SimWorkflowRun[];
  /** Lower-cased login -> permission. The owner of a user-owned repository is always admin. */
  collaborators: Record<string, Permission>;
}

export interface SimTeam {
  id: number;
  node_id: string;
  org: string;
  slug: string;
  name: string;
  description: string | null;
  privacy: "closed" | "secret";
  /** Lower-cased login -> role. */
  members: Record<string, "member" | "maintainer">;
  created_at: string;
}

/** A field of a Projects (v2) project. */
export interface SimProjectField {
  id: number;
  node_id: string;
  name: string;
  /** `TITLE`, `ASSIGNEES`, ... are built in; `TEXT`, `DATE`, `NUMBER`, `SINGLE_SELECT` are custom. */
  dataType: "TITLE" | "ASSIGNEES" | "TEXT" | "DATE" | "NUMBER" | "SINGLE_SELECT";
  options: Array<{ id: string; name: string; color: string; description: string }>;
  created_at: string;
}

/** A field value of a project item: one of these, as GitHub stores it. */
export interface SimProjectValue {
  text?: string;
  date?: string;
  number?: number;
  optionId?: string;
  updated_at: string;
}

export interface SimProjectItem {
  id: number;
  node_id: string;
  /** The issue (its database id). */
  issue_id: number;
  /** Field node id -> value. */
  values: Record<string, SimProjectValue>;
  archived: boolean;
  created_at: string;
  updated_at: string;
}

/** A Projects (v2) project of an organisation or a user. */
export interface SimProject {
  id: number;
  node_id: string;
  /** Owner login (organisation or user). */
  owner: string;
  number: number;
  title: string;
  closed: boolean;
  fields: SimProjectField[];
  items: SimProjectItem[];
  created_at: string;
}

export interface SimState {
  app: SimApp;
  /** Projects (v2), in creation order. */
  projects: SimProject[];
  /**
   * `false`: the sub-issues API is missing (as on an older GitHub Enterprise Server): its REST
   * endpoints answer 404 and issues carry no `sub_issues_summary`.
   */
  sub_issues: boolean;
  /**
   * `true`: an installation token sees only the repositories of its installation (any other answers
   * 404 on REST and NOT_FOUND on GraphQL, as on GitHub). Off by default: most suites seed repositories
   * without caring which installation holds them.
   */
  installation_scope: boolean;
  users: Record<string, SimUser>;
  installations: Record<string, SimInstallation>;
  repos: Record<string, SimRepo>;
  teams: Record<string, SimTeam>;
  tokens: Record<string, SimToken>;
  /** The app's OAuth web flow (test/simulator/oauth.ts), created on first use. */
  oauth?: SimOAuth;
  next_id: number;
  rate_limit: { core_used: number; graphql_used: number; reset: number };
}

export function createState(now: Date, app?: Partial<SimApp>): SimState {
  const created = now.toISOString();
  const state: SimState = {
    app: {
      id: 1,
      slug: "my-app",
      name: "My App",
      owner: "octo-org",
      client_id: "Iv1.simulator",
      description: "GitHub App under test",
      permissions: {
        issues: "write",
        pull_requests: "read",
        contents: "read",
        checks: "write",
        metadata: "read",
      },
      events: ["pull_request", "issues", "issue_comment"],
      created_at: created,
      ...app,
    },
    projects: [],
    sub_issues: true,
    installation_scope: false,
    users: {},
    installations: {},
    repos: {},
    teams: {},
    tokens: {},
    next_id: 1000,
    rate_limit: { core_used: 0, graphql_used: 0, reset: Math.floor(now.getTime() / 1000) + 3600 },
  };
  return state;
}

export function nextId(state: SimState): number {
  state.next_id += 1;
  return state.next_id;
}

const NODE_PREFIX: Record<string, string> = {
  Issue: "I_",
  PullRequest: "PR_",
  Repository: "R_",
  User: "U_",
  Bot: "BOT_",
  Organization: "O_",
  Label: "LA_",
  Milestone: "MI_",
  IssueComment: "IC_",
  CheckRun: "CR_",
  Team: "T_",
  Installation: "MDEy",
  Event: "E_",
  ProjectV2: "PVT_",
  ProjectV2Item: "PVTI_",
  ProjectV2Field: "PVTF_",
};

/** Node ids look like GitHub's (`I_kwDO...`) and encode the type and database id. */
export function nodeId(type: string, id: number): string {
  const prefix = NODE_PREFIX[type] ?? "N_";
  return `${prefix}kwSIM${Buffer.from(`${type}:${id}`).toString("base64url")}`;
}

export function parseNodeId(id: string): { type: string; id: number } | null {
  const m = /^[A-Za-z]+_kwSIM([A-Za-z0-9_-]+)$/.exec(id) ?? /^MDEykwSIM([A-Za-z0-9_-]+)$/.exec(id);
  if (!m?.[1]) return null;
  const decoded = Buffer.from(m[1], "base64url").toString("utf8");
  const [type, num] = decoded.split(":");
  if (!type || !num || !/^\d+$/.test(num)) return null;
  return { type, id: Number(num) };
}

/** Git blob sha of a UTF-8 string (same algorithm as git). */
export function blobSha(content: string): string {
  const buf = Buffer.from(content, "utf8");
  return createHash("sha1")
    .update(Buffer.concat([Buffer.from(`blob ${buf.length}\0`), buf]))
    .digest("hex");
}

export function sha1(text: string): string {
  return createHash("sha1").update(text).digest("hex");
}

export function ensureUser(state: SimState, login: string, type?: UserType, now = new Date()): SimUser {
  const key = login.toLowerCase();
  const existing = state.users[key];
  if (existing) return existing;
  const user: SimUser = {
    id: nextId(state),
    login,
    type: type ?? (login.endsWith("[bot]") ? "Bot" : "User"),
    name: null,
    email: null,
    created_at: now.toISOString(),
  };
  state.users[key] = user;
  return user;
}

export function botLogin(state: SimState): string {
  return `${state.app.slug}[bot]`;
}

export function findRepo(state: SimState, owner: string, name: string): SimRepo | undefined {
  return state.repos[`${owner}/${name}`.toLowerCase()];
}

export function findLabel(repo: SimRepo, name: string): SimLabel | undefined {
  const key = name.toLowerCase();
  return repo.labels.find((l) => l.name.toLowerCase() === key);
}

/** Permission of a login on a repository, or null when the user has no explicit access. */
export function permissionOf(repo: SimRepo, login: string): Permission | null {
  if (login.toLowerCase() === repo.owner.toLowerCase()) return "admin";
  return repo.collaborators[login.toLowerCase()] ?? null;
}

/** Can the user be assigned to issues of the repository? (collaborators with any permission.) */
export function isAssignable(repo: SimRepo, login: string): boolean {
  return permissionOf(repo, login) !== null;
}

/** Resolves a branch, tag, full ref (`refs/heads/x`), `HEAD` or (abbreviated) sha to a commit sha. */
export function resolveRef(repo: SimRepo, ref: string | undefined | null): string | null {
  if (!ref || ref === "HEAD") return repo.branches[repo.default_branch] ?? null;
  const name = ref.replace(/^refs\/(heads|tags)\//, "").replace(/^heads\/|^tags\//, "");
  const branch = repo.branches[name];
  if (branch) return branch;
  const tag = repo.tags[name];
  if (tag) return tag;
  if (repo.commits[ref]) return ref;
  if (/^[0-9a-f]{7,40}$/i.test(ref)) {
    const matches = Object.keys(repo.commits).filter((sha) => sha.startsWith(ref.toLowerCase()));
    if (matches.length === 1 && matches[0]) return matches[0];
  }
  return null;
}

/** All ancestors of a commit including itself, in breadth-first order. */
export function ancestors(repo: SimRepo, sha: string): string[] {
  const seen = new Set<string>();
  const queue = [sha];
  const order: string[] = [];
  while (queue.length > 0) {
    const next = queue.shift();
    if (!next || seen.has(next)) continue;
    seen.add(next);
    order.push(next);
    for (const parent of repo.commits[next]?.parents ?? []) queue.push(parent);
  }
  return order;
}

export function mergeBase(repo: SimRepo, a: string, b: string): string | null {
  const fromA = new Set(ancestors(repo, a));
  return ancestors(repo, b).find((sha) => fromA.has(sha)) ?? null;
}

function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** Line diff (LCS) of two texts rendered as one unified-diff hunk, with added/removed counts. */
export function lineDiff(
  before: string,
  after: string,
): { additions: number; deletions: number; patch: string } {
  const a = splitLines(before);
  const b = splitLines(after);
  const n = a.length;
  const m = b.length;
  if (n * m > 4_000_000) {
    const patch = [`@@ -1,${n} +1,${m} @@`, ...a.map((l) => `-${l}`), ...b.map((l) => `+${l}`)].join("\n");
    return { additions: m, deletions: n, patch };
  }
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    const row = lcs[i] as number[];
    const below = lcs[i + 1] as number[];
    for (let j = m - 1; j >= 0; j--) {
      row[j] =
        a[i] === b[j] ? (below[j + 1] as number) + 1 : Math.max(below[j] as number, row[j + 1] as number);
    }
  }
  const out: string[] = [];
  let additions = 0;
  let deletions = 0;
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      out.push(` ${a[i]}`);
      i++;
      j++;
    } else if (i < n && (j >= m || (lcs[i + 1]?.[j] ?? 0) >= (lcs[i]?.[j + 1] ?? 0))) {
      out.push(`-${a[i]}`);
      deletions++;
      i++;
    } else {
      out.push(`+${b[j]}`);
      additions++;
      j++;
    }
  }
  const header = `@@ -${n === 0 ? 0 : 1},${n} +${m === 0 ? 0 : 1},${m} @@`;
  return { additions, deletions, patch: [header, ...out].join("\n") };
}

/** Files changed between two trees, with exact-content rename detection like `git diff -M100%`. */
export function diffTrees(base: Record<string, string>, head: Record<string, string>): SimFileChange[] {
  const changes: SimFileChange[] = [];
  const removed = Object.keys(base).filter((p) => !(p in head));
  const added = Object.keys(head).filter((p) => !(p in base));
  const renamedFrom = new Set<string>();
  const renamedTo = new Map<string, string>();
  for (const to of added) {
    const from = removed.find((p) => !renamedFrom.has(p) && base[p] === head[to]);
    if (from) {
      renamedFrom.add(from);
      renamedTo.set(to, from);
    }
  }
  const paths = [...new Set([...Object.keys(base), ...Object.keys(head)])].sort();
  for (const path of paths) {
    const before = base[path];
    const after = head[path];
    if (before !== undefined && after !== undefined) {
      if (before === after) continue;
      const d = lineDiff(before, after);
      changes.push({
        filename: path,
        status: "modified",
        additions: d.additions,
        deletions: d.deletions,
        changes: d.additions + d.deletions,
        patch: d.patch,
        sha: blobSha(after),
      });
    } else if (after !== undefined) {
      const from = renamedTo.get(path);
      if (from) {
        changes.push({
          filename: path,
          status: "renamed",
          previous_filename: from,
          additions: 0,
          deletions: 0,
          changes: 0,
          sha: blobSha(after),
        });
        continue;
      }
      const d = lineDiff("", after);
      changes.push({
        filename: path,
        status: "added",
        additions: d.additions,
        deletions: 0,
        changes: d.additions,
        patch: d.patch,
        sha: blobSha(after),
      });
    } else if (before !== undefined && !renamedFrom.has(path)) {
      const d = lineDiff(before, "");
      changes.push({
        filename: path,
        status: "removed",
        additions: 0,
        deletions: d.deletions,
        changes: d.deletions,
        patch: d.patch,
        sha: blobSha(before),
      });
    }
  }
  return changes;
}

export interface IssueReference {
  repo: string | null;
  number: number;
  closes: boolean;
}

const CLOSING = /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\b:?\s+$/i;

/**
 * References in a text, like GitHub's autolinker: `#12`, `owner/repo#12` and issue/PR URLs.
 * `closes` is true when the reference follows a closing keyword ("Fixes #12").
 */
export function parseReferences(text: string | null | undefined): IssueReference[] {
  if (!text) return [];
  const refs: IssueReference[] = [];
  const re =
    /(?:https?:\/\/[^\s/]+\/([\w.-]+)\/([\w.-]+)\/(?:issues|pull)\/(\d+))|(?:(?<![\w/#])(?:([\w.-]+)\/([\w.-]+))?#(\d+)\b)/g;
  for (const m of text.matchAll(re)) {
    const before = text.slice(Math.max(0, (m.index ?? 0) - 20), m.index ?? 0);
    const closes = CLOSING.test(before);
    if (m[3]) refs.push({ repo: `${m[1]}/${m[2]}`, number: Number(m[3]), closes });
    else if (m[6]) refs.push({ repo: m[4] && m[5] ? `${m[4]}/${m[5]}` : null, number: Number(m[6]), closes });
  }
  return refs;
}
