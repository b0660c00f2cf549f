import type { CheckRunInfo } from "../domain/check/ports.js";
import { CONFIG_FILE } from "../domain/config/load.js";
import type { GitHubClient } from "./client.js";
import {
  BLOB_FIELDS,
  type BlobNode,
  blobRead,
  type ConfigSources,
  ORG_CONFIG_REPO,
  partial,
  pullFilesOf,
} from "./probe.js";
import type { ChangedFile } from "./repo-data.js";

/**
 * What the pull request check reads before it knows anything, in ONE GraphQL request (see
 * ./probe.ts for the merge's and the sweep's): the repository's config on its default branch
 * (and the owner's `.github` fallback), the identity of the config file at the head commit, the
 * pull request's files, and the app's existing run of the check on the head commit (with its
 * summary, where the previous run recorded what it decided).
 *
 * A part GraphQL could not answer completely comes back `undefined`/`null` and the caller asks
 * REST for it alone: more than 100 files or a rename (`pullFiles: null`), more check suites or
 * runs than probed (`existing: undefined`).
 */

export interface CheckProbe {
  config: ConfigSources;
  /** The config file at the head commit: its blob id, or null when there is none. */
  headConfig: { oid: string; size: number } | null;
  pullFiles: ChangedFile[] | null;
  /** The app's latest run of the check on the head commit; null: none; undefined: ask REST. */
  existing: CheckRunInfo | null | undefined;
}

const CHECK_PROBE_QUERY = /* GraphQL */ `
  query checkProbe($owner: String!, $repo: String!, $pull: Int!, $config: String!, $orgConfig: String!, $head: String!, $headConfig: String!, $checkName: String!) {
    repository(owner: $owner, name: $repo) {
      config: object(expression: $config) { ${BLOB_FIELDS} }
      headConfig: object(expression: $headConfig) { __typename ... on Blob { oid byteSize } }
      pullRequest(number: $pull) {
        files(first: 100) { pageInfo { hasNextPage } nodes { path changeType } }
      }
      head: object(expression: $head) {
        __typename
        ... on Commit {
          checkSuites(first: 50, filterBy: { checkName: $checkName }) {
            pageInfo { hasNextPage }
            nodes {
              app { slug }
              checkRuns(first: 20, filterBy: { checkName: $checkName }) {
                pageInfo { hasNextPage }
                nodes { databaseId status conclusion externalId summary annotations(first: 1) { totalCount } }
              }
            }
          }
        }
      }
    }
    organisation: repository(owner: $owner, name: "${ORG_CONFIG_REPO}") {
      config: object(expression: $orgConfig) { ${BLOB_FIELDS} }
    }
  }
`;

interface Page<T> {
  pageInfo: { hasNextPage: boolean };
  nodes: (T | null)[] | null;
}

interface RunNode {
  databaseId: number | null;
  status: string;
  conclusion: string | null;
  externalId: string | null;
  summary: string | null;
  annotations: { totalCount: number } | null;
}

export interface CheckProbeData {
  repository: {
    config: BlobNode | null;
    headConfig: { __typename: string; oid?: string; byteSize?: number } | null;
    pullRequest: {
      files: {
        pageInfo: { hasNextPage: boolean };
        nodes: ({ path: string; changeType: string } | null)[];
      } | null;
    } | null;
    head: {
      __typename: string;
      checkSuites?: Page<{ app: { slug: string } | null; checkRuns: Page<RunNode> | null }> | null;
    } | null;
  } | null;
  organisation?: { config: BlobNode | null } | null;
}

/**
 * The app's latest run among the probed suites (only ours: another app may use the same name),
 * or undefined when GraphQL did not list every suite or run.
 */
export function existingRunOf(
  head: NonNullable<CheckProbeData["repository"]>["head"],
  appSlug: string,
): CheckRunInfo | null | undefined {
  if (head?.__typename !== "Commit" || !head.checkSuites) return undefined;
  if (head.checkSuites.pageInfo.hasNextPage) return undefined;
  let latest: RunNode | null = null;
  for (const suite of head.checkSuites.nodes ?? []) {
    if (!suite || (suite.app?.slug ?? "").toLowerCase() !== appSlug.toLowerCase()) continue;
    if (!suite.checkRuns || suite.checkRuns.pageInfo.hasNextPage) return undefined;
    for (const run of suite.checkRuns.nodes ?? [])
      if (run?.databaseId && (!latest || run.databaseId > (latest.databaseId ?? 0))) latest = run;
  }
  if (!latest?.databaseId) return null;
  return {
    id: latest.databaseId,
    status: latest.status.toLowerCase(),
    conclusion: latest.conclusion ? latest.conclusion.toLowerCase() : null,
    externalId: latest.externalId ?? null,
    annotationsCount: latest.annotations?.totalCount ?? 0,
    summary: latest.summary ?? null,
  };
}

export function checkProbeOf(data: CheckProbeData, appSlug: string): CheckProbe {
  const repo = data.repository;
  const head = repo?.headConfig;
  return {
    config: { repository: blobRead(repo?.config), organisation: blobRead(data.organisation?.config) },
    headConfig: head?.__typename === "Blob" ? { oid: head.oid ?? "", size: head.byteSize ?? 0 } : null,
    pullFiles: repo?.pullRequest ? pullFilesOf(repo.pullRequest.files) : null,
    existing: existingRunOf(repo?.head ?? null, appSlug),
  };
}

export async function probeCheck(
  octokit: GitHubClient,
  params: { owner: string; repo: string; pull: number; headSha: string; checkName: string; appSlug: string },
): Promise<CheckProbe> {
  const { data, organisationUnreadable } = await partial(
    octokit.graphql<CheckProbeData>(CHECK_PROBE_QUERY, {
      owner: params.owner,
      repo: params.repo,
      pull: params.pull,
      config: `HEAD:${CONFIG_FILE}`,
      orgConfig: `HEAD:${CONFIG_FILE}`,
      head: params.headSha,
      headConfig: `${params.headSha}:${CONFIG_FILE}`,
      checkName: params.checkName,
    }),
  );
  const probe = checkProbeOf(data, params.appSlug);
  if (organisationUnreadable) probe.config.organisation = { kind: "unreadable" };
  return probe;
}
