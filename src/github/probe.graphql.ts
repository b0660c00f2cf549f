import { TRACKED_ISSUE_FRAGMENTS } from "./tracked-issues.graphql.js";

/**
 * The GraphQL documents of the probes (./probe.ts), as tagged template constants rather than
 * .graphql files: three of them are built per request (one alias per directory, file or pull
 * request), and a .ts module needs no loader in tsc's lib/, the esbuild bundle or vitest.
 */

/** The organisation repository Probot's config plugin falls back to (its CONFIG_FILE). */
export const ORG_CONFIG_REPO = ".github";

/** How deep below each configured directory the sweep's probe lists the tree. */
export const TREE_DEPTH = 4;

export const BLOB_FIELDS = "__typename ... on Blob { oid byteSize isBinary isTruncated text }";
const COMMENT_FIELDS = "databaseId body url createdAt author { __typename login }";

export const MERGE_PROBE_QUERY = /* GraphQL */ `
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

export function repositoryProbeQuery(directories: number): string {
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

export function filesAndCommentsQuery(files: number, numbers: readonly number[]): string {
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
