import { CONFIG_FILE } from "../domain/config/load.js";
import type { LabelSpec } from "../domain/config/schema.js";
import type { IssueComment, RepoFile } from "../domain/ports.js";
import { type GitHubClient, graphqlPaginate } from "./client.js";
import { filesAndCommentsQuery, MERGE_PROBE_QUERY, repositoryProbeQuery } from "./probe.graphql.js";
import {
  type BlobNode,
  blobFile,
  blobRead,
  type CommentNode,
  type Connection,
  commentsOf,
  type MergeProbe,
  type MergeProbeData,
  mergeProbeOf,
  type RepositoryProbe,
  type RepositoryProbeData,
  repositoryProbeOf,
} from "./probe-map.js";
import { TRACKED_ISSUES_QUERY } from "./tracked-issues.graphql.js";
import { type TrackedIssue, type TrackedIssueNode, toTrackedIssue } from "./tracked-issues.js";

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
