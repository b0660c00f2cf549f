import type { ProjectFieldKey } from "../domain/config/project-keys.js";
import { fieldVariables, PROJECT_FIELDS_SELECTION, projectItemsFragments } from "./projects.graphql.js";

/** The tracked-issue query and its fragments (shared with the probes, ./probe.graphql.ts). */

/** The fields of a tracked issue (shared by the tracked-issue query and the probes of ./probe.ts). */
export const TRACKED_ISSUE_FRAGMENTS = /* GraphQL */ `
  fragment TrackedIssueFields on Issue {
    id
    databaseId
    number
    title
    body
    url
    state
    stateReason
    createdAt
    closedAt
    author {
      __typename
      login
    }
    labels(first: 50) {
      nodes {
        name
      }
    }
    assignees(first: 20) {
      nodes {
        login
      }
    }
    milestone {
      number
      title
      dueOn
      state
    }
    timelineItems(last: 50, itemTypes: [CROSS_REFERENCED_EVENT, CLOSED_EVENT, CONNECTED_EVENT]) {
      nodes {
        __typename
        ... on CrossReferencedEvent {
          createdAt
          willCloseTarget
          source {
            __typename
            ... on PullRequest {
              ...TrackedPull
            }
          }
        }
        ... on ConnectedEvent {
          createdAt
          subject {
            __typename
            ... on PullRequest {
              ...TrackedPull
            }
          }
        }
        ... on ClosedEvent {
          createdAt
          stateReason
          actor {
            __typename
            login
          }
          closer {
            __typename
            ... on PullRequest {
              ...TrackedPull
            }
            ... on Commit {
              oid
              url
            }
          }
        }
      }
    }
  }

  fragment TrackedPull on PullRequest {
    number
    url
    title
    state
    merged
    mergedAt
    repository {
      nameWithOwner
    }
  }
`;

/**
 * The tracked issues; with `project` (issue 17, ./projects.graphql.ts) also each issue's items with
 * the configured fields' values (`...ProjectItemsOfIssue`) and the project's own fields, in the
 * same request. Without it, the query is exactly `TRACKED_ISSUES_QUERY`.
 */
export function trackedIssuesQuery(project?: readonly ProjectFieldKey[]): string {
  const name = project ? "trackedIssuesInProject" : "trackedIssues";
  const variables = project ? `, $projectOwner: String!, $projectNumber: Int!${fieldVariables(project)}` : "";
  const items = project ? "\n          ...ProjectItemsOfIssue" : "";
  const owner = project
    ? `\n    project: repositoryOwner(login: $projectOwner) {\n      ... on ProjectV2Owner { projectV2(number: $projectNumber) { ${PROJECT_FIELDS_SELECTION} } }\n    }`
    : "";
  return /* GraphQL */ `
  query ${name}($owner: String!, $repo: String!, $labels: [String!], $cursor: String${variables}) {
    repository(owner: $owner, name: $repo) {
      issues(
        first: 100
        after: $cursor
        labels: $labels
        states: [OPEN, CLOSED]
        orderBy: { field: CREATED_AT, direction: ASC }
      ) {
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          ...TrackedIssueFields${items}
        }
      }
    }${owner}
  }
${TRACKED_ISSUE_FRAGMENTS}${project ? projectItemsFragments(project) : ""}`;
}

export const TRACKED_ISSUES_QUERY = trackedIssuesQuery();
