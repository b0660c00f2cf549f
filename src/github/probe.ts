import { CONFIG_FILE } from "../domain/config/load.js";
import type { LabelSpec } from "../domain/config/schema.js";
import type { PortComment as IssueComment } from "../domain/validation/flow.js";
import { type GitHubClient, graphqlPaginate } from "./client.js";
import type { ChangedFile, RepoFile, RepoLabel } from "./repo-data.js";
import {
  restLogin,
  TRACKED_ISSUE_FRAGMENTS,
  TRACKED_ISSUES_QUERY,
  type TrackedIssue,
  type TrackedIssueNode,
  toTrackedIssue,
} from "./tracked-issues.js";

/**
 * Probes: what one run needs to read, in ONE GraphQL request, instead of a REST call per kind of
 * thing. A merge reads the config (the repository's and the organisation's fallback), the pull
 * request's files and comments, the labels, the assignable users and the tracked issues at once;
 * a sweep reads the config, the tracked issues and the postmortem directories at once, then the
 * postmortems and the pull requests' comments at once. GitHub's budget is per request, not per
 * field, and each request is a round trip: this is where the app's request count comes from.
 *
 * Every part is optional to the caller: a part GitHub could not answer completely (more than 100
 * files, a rename GraphQL does not describe, a tree deeper than probed) comes back `null`, and the
 * caller asks the REST API for that part alone. Mapping functions are exported and pure, so they
 * are tested with plain data.
 */

/** The organisation repository Probot's config plugin falls back to (its CONFIG_FILE). */
export const ORG_CONFIG_REPO = ".github";

/** How deep below each configured directory the sweep's probe lists the tree. */
export const TREE_DEPTH = 4;

export type BlobRead =
  | { kind: "absent" }
  | { kind: "text"; text: string; size: number; sha: string }
  | { kind: "too-large"; size: number; sha: string }
  /** Binary, or truncated by GitHub: read it through REST for its exact bytes. */
  | { kind: "unreadable" };

export interface ConfigSources {
  /** The repository's own `.github/postmortem-followups.yml` on its default branch. */
  repository: BlobRead;
  /** The owner's `.github` repository's file (Probot's fallback); absent when that repository is. */
  organisation: BlobRead;
}

export interface TrackedPage {
  label: string;
  issues: TrackedIssue[];
  /** Set when more pages follow (read them with `trackedIssuesAfter`). */
  endCursor: string | null;
}

export interface MergeProbe {
  repositoryId: string | null;
  config: ConfigSources;
  /** The pull request's files; null when GraphQL cannot describe them (renames, over 100). */
  pullFiles: ChangedFile[] | null;
  /** The pull request's comments; null when there are more than 100. */
  comments: IssueComment[] | null;
  /** Every label of the repository; null when there are more than 100. */
  labels: RepoLabel[] | null;
  /** Every assignable login, lower case; null when there are more than 100. */
  assignable: Set<string> | null;
  tracked: TrackedPage | null;
}

export interface RepositoryProbe {
  repositoryId: string | null;
  config: ConfigSources;
  tracked: TrackedPage | null;
  assignable: Set<string> | null;
  /** Every file path under the probed directories; null when a directory is deeper than probed. */
  paths: string[] | null;
}

// ---------------------------------------------------------------- GraphQL text

export const BLOB_FIELDS = "__typename ... on Blob { oid byteSize isBinary isTruncated text }";
const COMMENT_FIELDS = "databaseId body url createdAt author { __typename login }";

const MERGE_PROBE_QUERY = /* GraphQL */ `
  query mergeProbe($owner: String!, $repo: String!, $pull: Int!, $config: String!, $orgConfig: String!, $labels: [String!]) {
    repository(owner: $owner, name: $repo) {
      id
      config: object(expression: $config) { ${BLOB_FIELDS} }
      pullRequest(number: $pull) {
        files(first: 100) { pageInfo { hasNextPage } nodes { path changeType } }
        comments(first: 100) { pageInfo { hasNextPage } nodes { ${COMMENT_FIELDS} } }
      }
      labels(first: 100) { pageInfo { hasNextPage } nodes { name color description } }
      assignableUsers(first: 100) { pageInfo { hasNextPage } nodes { login } }
      issues(first: 100, labels: $labels, states: [OPEN, CLOSED], orderBy: { field: CREATED_AT, direction: ASC }) {
        pageInfo { hasNextPage endCursor }
        nodes { ...TrackedIssueFields }
      }
    }
    organisation: repository(owner: $owner, name: "${ORG_CONFIG_REPO}") {
      config: object(expression: $orgConfig) { ${BLOB_FIELDS} }
    }
  }
${TRACKED_ISSUE_FRAGMENTS}`;

/** `entries { path type object { ... on Tree { entries { ... } } } }`, `depth` levels deep. */
function treeEntries(depth: number): string {
  const inner = depth > 1 ? ` object { __typename ... on Tree { ${treeEntries(depth - 1)} } }` : "";
  return `entries { path type${inner} }`;
}

function repositoryProbeQuery(directories: number): string {
  const trees = Array.from(
    { length: directories },
    (_, i) => `d${i}: object(expression: $d${i}) { __typename ... on Tree { ${treeEntries(TREE_DEPTH)} } }`,
  );
  const declared = Array.from({ length: directories }, (_, i) => `, $d${i}: String!`).join("");
  return /* GraphQL */ `
  query repositoryProbe($owner: String!, $repo: String!, $config: String!, $orgConfig: String!, $labels: [String!]${declared}) {
    repository(owner: $owner, name: $repo) {
      id
      config: object(expression: $config) { ${BLOB_FIELDS} }
      assignableUsers(first: 100) { pageInfo { hasNextPage } nodes { login } }
      issues(first: 100, labels: $labels, states: [OPEN, CLOSED], orderBy: { field: CREATED_AT, direction: ASC }) {
        pageInfo { hasNextPage endCursor }
        nodes { ...TrackedIssueFields }
      }
      ${trees.join("\n      ")}
    }
    organisation: repository(owner: $owner, name: "${ORG_CONFIG_REPO}") {
      config: object(expression: $orgConfig) { ${BLOB_FIELDS} }
    }
  }
${TRACKED_ISSUE_FRAGMENTS}`;
}

function filesAndCommentsQuery(files: number, numbers: readonly number[]): string {
  const blobs = Array.from(
    { length: files },
    (_, i) => `f${i}: object(expression: $f${i}) { ${BLOB_FIELDS} }`,
  );
  const comments = numbers.map(
    (n, i) =>
      `c${i}: issueOrPullRequest(number: ${n}) { ... on Issue { comments(first: 100) { ...C } } ... on PullRequest { comments(first: 100) { ...C } } }`,
  );
  const declared = Array.from({ length: files }, (_, i) => `, $f${i}: String!`).join("");
  return /* GraphQL */ `
  query filesAndComments($owner: String!, $repo: String!${declared}) {
    repository(owner: $owner, name: $repo) {
      ${[...blobs, ...comments].join("\n      ")}
    }
  }
${
  // GraphQL refuses a fragment no field uses: only with comments to read.
  numbers.length > 0
    ? `  fragment C on IssueCommentConnection { pageInfo { hasNextPage } nodes { ${COMMENT_FIELDS} } }`
    : ""
}`;
}

// ---------------------------------------------------------------- response shapes and mapping

export interface BlobNode {
  __typename: string;
  oid?: string;
  byteSize?: number;
  isBinary?: boolean | null;
  isTruncated?: boolean;
  text?: string | null;
}

interface PageInfo {
  hasNextPage: boolean;
  endCursor?: string | null;
}

export interface CommentNode {
  databaseId: number | null;
  body: string;
  url: string;
  createdAt: string;
  author: { __typename: string; login: string } | null;
}

interface Connection<T> {
  pageInfo: PageInfo;
  nodes: (T | null)[];
}

export interface TreeNode {
  __typename: string;
  entries?: { path: string; type: string; object?: TreeNode | null }[];
}

export interface MergeProbeData {
  repository: {
    id: string;
    config: BlobNode | null;
    pullRequest: {
      files: Connection<{ path: string; changeType: string }> | null;
      comments: Connection<CommentNode> | null;
    } | null;
    labels: Connection<{ name: string; color: string; description: string | null }> | null;
    assignableUsers: Connection<{ login: string }> | null;
    issues: Connection<TrackedIssueNode> | null;
  } | null;
  organisation?: { config: BlobNode | null } | null;
}

export interface RepositoryProbeData {
  repository:
    | ({
        id: string;
        config: BlobNode | null;
        assignableUsers: Connection<{ login: string }> | null;
        issues: Connection<TrackedIssueNode> | null;
      } & Record<string, unknown>)
    | null;
  organisation?: { config: BlobNode | null } | null;
}

/** A blob as the app reads files: too large, text, or to be read through REST. */
export function blobRead(node: BlobNode | null | undefined, maxBytes?: number): BlobRead {
  if (node?.__typename !== "Blob") return { kind: "absent" };
  const size = node.byteSize ?? 0;
  const sha = node.oid ?? "";
  if (maxBytes !== undefined && size > maxBytes) return { kind: "too-large", size, sha };
  if (node.isBinary || node.isTruncated || typeof node.text !== "string") return { kind: "unreadable" };
  return { kind: "text", text: node.text, size, sha };
}

/** A blob read as the gateway's `RepoFile` (null: absent; undefined: read it through REST). */
export function blobFile(path: string, read: BlobRead): RepoFile | null | undefined {
  switch (read.kind) {
    case "absent":
      return null;
    case "unreadable":
      return undefined;
    case "too-large":
      return { kind: "too-large", path, sha: read.sha, size: read.size };
    case "text":
      return {
        kind: "file",
        path,
        sha: read.sha,
        size: read.size,
        content: new TextEncoder().encode(read.text),
      };
  }
}

const CHANGE_TYPES: Record<string, ChangedFile["status"]> = {
  ADDED: "added",
  DELETED: "removed",
  MODIFIED: "modified",
  CHANGED: "modified",
  COPIED: "added",
};

/**
 * A pull request's files as the REST API lists them, or null: GraphQL does not give a renamed
 * file's old path (which keeps a postmortem's issues when it moves), nor more than 100 files here.
 */
export function pullFilesOf(
  connection: Connection<{ path: string; changeType: string }> | null | undefined,
): ChangedFile[] | null {
  if (!connection || connection.pageInfo.hasNextPage) return null;
  const out: ChangedFile[] = [];
  for (const node of connection.nodes) {
    if (!node) continue;
    const status = CHANGE_TYPES[node.changeType];
    if (!status) return null; // RENAMED, or a type this code does not know: ask REST
    out.push({ path: node.path, status });
  }
  return out;
}

export function commentsOf(connection: Connection<CommentNode> | null | undefined): IssueComment[] | null {
  if (!connection || connection.pageInfo.hasNextPage) return null;
  return connection.nodes.flatMap((c) =>
    c && c.databaseId !== null
      ? [
          {
            id: c.databaseId,
            body: c.body,
            author: restLogin(c.author),
            authorType: c.author?.__typename ?? null,
            url: c.url,
            createdAt: c.createdAt,
          },
        ]
      : [],
  );
}

function complete<T>(connection: Connection<T> | null | undefined): T[] | null {
  if (!connection || connection.pageInfo.hasNextPage) return null;
  return connection.nodes.filter((n): n is T => n !== null);
}

function trackedPage(
  label: string,
  connection: Connection<TrackedIssueNode> | null | undefined,
): TrackedPage | null {
  if (!connection) return null;
  return {
    label,
    issues: connection.nodes.filter((n): n is TrackedIssueNode => n !== null).map(toTrackedIssue),
    endCursor: connection.pageInfo.hasNextPage ? (connection.pageInfo.endCursor ?? null) : null,
  };
}

function assignableOf(connection: Connection<{ login: string }> | null | undefined): Set<string> | null {
  const users = complete(connection);
  return users ? new Set(users.map((u) => u.login.toLowerCase())) : null;
}

function configSources(data: {
  repository: { config: BlobNode | null } | null;
  organisation?: { config: BlobNode | null } | null;
}): ConfigSources {
  return {
    repository: blobRead(data.repository?.config),
    organisation: blobRead(data.organisation?.config),
  };
}

export function mergeProbeOf(data: MergeProbeData, label: string): MergeProbe {
  const repo = data.repository;
  return {
    repositoryId: repo?.id ?? null,
    config: configSources(data),
    pullFiles: repo?.pullRequest ? pullFilesOf(repo.pullRequest.files) : null,
    comments: commentsOf(repo?.pullRequest?.comments),
    labels:
      complete(repo?.labels)?.map((l) => ({
        name: l.name,
        color: l.color,
        description: l.description ?? null,
      })) ?? null,
    assignable: assignableOf(repo?.assignableUsers),
    tracked: trackedPage(label, repo?.issues),
  };
}

/** Every blob path under a probed tree, or null when an entry at the last level is a tree. */
export function treePaths(node: TreeNode | null | undefined, depth = TREE_DEPTH): string[] | null {
  if (node?.__typename !== "Tree" || !node.entries) return [];
  const out: string[] = [];
  for (const entry of node.entries) {
    if (entry.type === "blob") out.push(entry.path);
    else if (entry.type === "tree") {
      if (depth <= 1) return null;
      const below = treePaths(entry.object, depth - 1);
      if (below === null) return null;
      out.push(...below);
    }
  }
  return out;
}

export function repositoryProbeOf(
  data: RepositoryProbeData,
  label: string,
  directories: number,
): RepositoryProbe {
  const repo = data.repository;
  let paths: string[] | null = [];
  for (let i = 0; i < directories && paths; i++) {
    const below = treePaths(repo?.[`d${i}`] as TreeNode | null | undefined);
    paths = below === null ? null : [...paths, ...below];
  }
  return {
    repositoryId: repo?.id ?? null,
    config: configSources(data),
    tracked: trackedPage(label, repo?.issues),
    assignable: assignableOf(repo?.assignableUsers),
    paths: paths ? [...new Set(paths)].sort() : null,
  };
}

/**
 * The directories a set of globs can match in (`postmortems/**` -> `postmortems`), or null when a
 * glob can match at the root or starts with a pattern: the whole tree is needed then.
 */
export function globDirectories(globs: readonly string[]): string[] | null {
  const out = new Set<string>();
  for (const glob of globs) {
    const parts = glob.replace(/^\.\//, "").split("/");
    const fixed: string[] = [];
    for (const part of parts.slice(0, -1)) {
      if (/[*?[\]{}!()@+]/.test(part)) break;
      fixed.push(part);
    }
    if (fixed.length === 0) return null;
    out.add(fixed.join("/"));
  }
  // A directory inside another is listed by the outer one.
  const sorted = [...out].sort();
  return sorted.filter((dir) => !sorted.some((other) => other !== dir && dir.startsWith(`${other}/`)));
}

// ---------------------------------------------------------------- requests

/**
 * GraphQL answers a missing object (the owner's `.github` repository) with an error beside the
 * data. Errors under `organisation` only are expected: NOT_FOUND means there is no fallback config;
 * any other (say, FORBIDDEN) makes it unreadable here, and Probot's own lookup decides. Anything
 * else (the repository itself, a rate limit, a 5xx) is the caller's to handle.
 */
export async function partial<T extends { organisation?: { config: BlobNode | null } | null }>(
  request: Promise<T>,
): Promise<{ data: T; organisationUnreadable: boolean }> {
  try {
    return { data: await request, organisationUnreadable: false };
  } catch (error) {
    const data = (error as { data?: T & { repository?: unknown } }).data;
    const errors = (error as { errors?: { type?: string; path?: unknown[] }[] }).errors ?? [];
    const onlyOrganisation = errors.length > 0 && errors.every((e) => e.path?.[0] === "organisation");
    if (!data?.repository || !onlyOrganisation) throw error;
    return { data, organisationUnreadable: errors.some((e) => e.type !== "NOT_FOUND") };
  }
}

export async function probeMerge(
  octokit: GitHubClient,
  params: { owner: string; repo: string; pull: number; trackingLabel: string },
): Promise<MergeProbe> {
  const { data, organisationUnreadable } = await partial(
    octokit.graphql<MergeProbeData>(MERGE_PROBE_QUERY, {
      owner: params.owner,
      repo: params.repo,
      pull: params.pull,
      config: `HEAD:${CONFIG_FILE}`,
      orgConfig: `HEAD:${CONFIG_FILE}`,
      labels: [params.trackingLabel],
    }),
  );
  const probe = mergeProbeOf(data, params.trackingLabel);
  if (organisationUnreadable) probe.config.organisation = { kind: "unreadable" };
  return probe;
}

export async function probeRepository(
  octokit: GitHubClient,
  params: { owner: string; repo: string; trackingLabel: string; directories: readonly string[] },
): Promise<RepositoryProbe> {
  const variables: Record<string, unknown> = {
    owner: params.owner,
    repo: params.repo,
    config: `HEAD:${CONFIG_FILE}`,
    orgConfig: `HEAD:${CONFIG_FILE}`,
    labels: [params.trackingLabel],
  };
  params.directories.forEach((dir, i) => {
    variables[`d${i}`] = `HEAD:${dir}`;
  });
  const { data, organisationUnreadable } = await partial(
    octokit.graphql<RepositoryProbeData>(repositoryProbeQuery(params.directories.length), variables),
  );
  const probe = repositoryProbeOf(data, params.trackingLabel, params.directories.length);
  if (organisationUnreadable) probe.config.organisation = { kind: "unreadable" };
  return probe;
}

/** The tracked issues after the probe's first page. */
export async function trackedIssuesAfter(
  octokit: GitHubClient,
  params: { owner: string; repo: string; label: string; cursor: string },
): Promise<TrackedIssue[]> {
  const response = await graphqlPaginate(octokit)<{
    repository: { issues: { nodes: (TrackedIssueNode | null)[] } } | null;
  }>(TRACKED_ISSUES_QUERY, {
    owner: params.owner,
    repo: params.repo,
    labels: [params.label],
    cursor: params.cursor,
  });
  return (response.repository?.issues.nodes ?? [])
    .filter((n): n is TrackedIssueNode => n !== null)
    .map(toTrackedIssue);
}

/** Paths per request of `readFilesAndComments` (postmortems are small; GitHub caps responses). */
export const FILES_PER_QUERY = 25;

/**
 * Several files at one ref and the comments of several issues or pull requests, in one request
 * (the sweep reads every postmortem and every postmortem pull request's comments of a repository).
 * A file missing from `files` must be read through REST (binary, truncated); a number missing from
 * `comments` has more than 100 comments, or does not exist.
 */
export async function readFilesAndComments(
  octokit: GitHubClient,
  params: {
    owner: string;
    repo: string;
    ref: string;
    paths: readonly string[];
    numbers: readonly number[];
    maxBytes?: number;
  },
): Promise<{ files: Map<string, RepoFile | null>; comments: Map<number, IssueComment[]> }> {
  const files = new Map<string, RepoFile | null>();
  const comments = new Map<number, IssueComment[]>();
  const numbers = [...new Set(params.numbers)].filter((n) => Number.isSafeInteger(n) && n > 0);
  let start = 0;
  let first = true;
  while (first || start < params.paths.length) {
    const batch = params.paths.slice(start, start + FILES_PER_QUERY);
    const asked = first ? numbers : [];
    first = false;
    start += FILES_PER_QUERY;
    if (batch.length === 0 && asked.length === 0) break;
    const variables: Record<string, string> = { owner: params.owner, repo: params.repo };
    batch.forEach((path, i) => {
      variables[`f${i}`] = `${params.ref}:${path}`;
    });
    type Data = { repository: Record<string, unknown> | null };
    let data: Data;
    try {
      data = await octokit.graphql<Data>(filesAndCommentsQuery(batch.length, asked), variables);
    } catch (error) {
      // A number that does not exist (NOT_FOUND) fails its field only: keep what was answered.
      const answered = (error as { data?: Data }).data;
      if (!answered?.repository) throw error;
      data = answered;
    }
    batch.forEach((path, i) => {
      const file = blobFile(path, blobRead(data.repository?.[`f${i}`] as BlobNode | null, params.maxBytes));
      if (file !== undefined) files.set(path, file);
    });
    asked.forEach((n, i) => {
      const node = data.repository?.[`c${i}`] as { comments?: Connection<CommentNode> } | null | undefined;
      const list = commentsOf(node?.comments);
      if (list) comments.set(n, list);
    });
  }
  return { files, comments };
}

/**
 * Create labels in one request: one `createLabel` per alias. A label someone created meanwhile
 * answers "already been taken" for its alias only; the others are created.
 */
export async function createLabels(
  octokit: GitHubClient,
  repositoryId: string,
  specs: readonly LabelSpec[],
): Promise<Map<string, "created" | "exists" | Error>> {
  const out = new Map<string, "created" | "exists" | Error>();
  if (specs.length === 0) return out;
  const variables: Record<string, unknown> = {};
  const fields = specs.map((spec, i) => {
    variables[`l${i}`] = {
      repositoryId,
      name: spec.name,
      color: spec.color,
      description: spec.description.slice(0, 100),
    };
    return `l${i}: createLabel(input: $l${i}) { label { name } }`;
  });
  const declared = specs.map((_, i) => `$l${i}: CreateLabelInput!`).join(", ");
  const query = `mutation createLabels(${declared}) {\n  ${fields.join("\n  ")}\n}`;
  type Data = Record<string, { label: { name: string } | null } | null>;
  let data: Data;
  let errors: { message?: string; type?: string; path?: unknown[] }[] = [];
  try {
    data = await octokit.graphql<Data>(query, variables);
  } catch (error) {
    const answered = (error as { data?: Data }).data;
    errors = (error as { errors?: typeof errors }).errors ?? [];
    if (!answered || errors.length === 0) throw error;
    data = answered;
  }
  specs.forEach((spec, i) => {
    if (data[`l${i}`]?.label) {
      out.set(spec.name, "created");
      return;
    }
    const error = errors.find((e) => e.path?.[0] === `l${i}`);
    const message = error?.message ?? "no label in the answer";
    out.set(spec.name, /already (been )?taken|already exists/i.test(message) ? "exists" : new Error(message));
  });
  return out;
}

/** The repository's node id (for a mutation when no probe ran). */
export async function repositoryId(octokit: GitHubClient, owner: string, repo: string): Promise<string> {
  const data = await octokit.graphql<{ repository: { id: string } }>(
    "query repositoryId($owner: String!, $repo: String!) { repository(owner: $owner, name: $repo) { id } }",
    { owner, repo },
  );
  return data.repository.id;
}
