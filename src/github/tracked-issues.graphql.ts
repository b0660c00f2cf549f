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

export const TRACKED_ISSUES_QUERY = /* GraphQL */ `
  query trackedIssues($owner: String!, $repo: String!, $labels: [String!], $cursor: String) {
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
          ...TrackedIssueFields
        }
      }
    }
  }
${TRACKED_ISSUE_FRAGMENTS}`;
