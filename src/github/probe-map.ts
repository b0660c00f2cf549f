import type { ChangedFile, IssueComment, RepoFile, RepoLabel } from "../domain/ports.js";
import { TREE_DEPTH } from "./probe.graphql.js";
import { restLogin, type TrackedIssue, type TrackedIssueNode, toTrackedIssue } from "./tracked-issues.js";

/**
 * The probes' answers mapped to the ports' data (./probe.ts sends the requests): pure functions,
 * tested with plain data. A part GitHub could not answer completely comes back `null`.
 */

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

export interface BlobNode {
  __typename: string;
  oid?: string;
  byteSize?: number;
  isBinary?: boolean | null;
  isTruncated?: boolean;
  text?: string | null;
}

export interface PageInfo {
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

export interface Connection<T> {
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
