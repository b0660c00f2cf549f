import type { IssueLink, LinkedPullRef } from "../domain/validation/proof.js";
import type { GitHubClient } from "./client.js";
import { restLogin } from "./tracked-issues.js";

/**
 * What links pull requests and commits to one issue. `closedByPullRequestsReferences` is GitHub's
 * list of closing references (a closing keyword in the pull request's own body or commits, or a
 * Development link); the timeline says when each link was made (`CrossReferencedEvent` with
 * `willCloseTarget`, `ConnectedEvent`) and what closed the issue (`ClosedEvent.closer`). A plain
 * mention (a cross-reference without `willCloseTarget`, e.g. "see #N" in a comment) is read but
 * never counts. Each pull request carries its author and merger: one of them must have write access.
 */
export const ISSUE_LINKS_QUERY = /* GraphQL */ `
  query issueLinks($owner: String!, $repo: String!, $number: Int!) {
    repository(owner: $owner, name: $repo) {
      issue(number: $number) {
        closedByPullRequestsReferences(first: 25, includeClosedPrs: true) {
          nodes {
            ...LinkedPull
          }
        }
        timelineItems(last: 100, itemTypes: [CLOSED_EVENT, CROSS_REFERENCED_EVENT, CONNECTED_EVENT]) {
          nodes {
            __typename
            ... on ClosedEvent {
              createdAt
              closer {
                __typename
                ... on PullRequest {
                  ...LinkedPull
                }
                ... on Commit {
                  oid
                  url
                  repository {
                    nameWithOwner
                  }
                }
              }
            }
            ... on CrossReferencedEvent {
              createdAt
              willCloseTarget
              actor {
                __typename
                login
              }
              source {
                __typename
                ... on PullRequest {
                  ...LinkedPull
                }
              }
            }
            ... on ConnectedEvent {
              createdAt
              actor {
                __typename
                login
              }
              source {
                __typename
                ... on PullRequest {
                  ...LinkedPull
                }
              }
              subject {
                __typename
                ... on PullRequest {
                  ...LinkedPull
                }
              }
            }
          }
        }
      }
    }
  }

  fragment LinkedPull on PullRequest {
    number
    url
    title
    merged
    mergedAt
    repository {
      nameWithOwner
    }
    author {
      __typename
      login
    }
    mergedBy {
      __typename
      login
    }
  }
`;

type Actor = { __typename: string; login: string } | null;

interface PullNode {
  __typename?: string;
  number?: number;
  url?: string;
  title?: string;
  merged?: boolean;
  mergedAt?: string | null;
  repository?: { nameWithOwner: string } | null;
  author?: Actor;
  mergedBy?: Actor;
  oid?: string;
}
interface LinksResponse {
  repository: {
    issue: {
      closedByPullRequestsReferences: { nodes: (PullNode | null)[] | null } | null;
      timelineItems: {
        nodes:
          | ({
              __typename: string;
              createdAt?: string;
              closer?: PullNode | null;
              source?: PullNode | null;
              subject?: PullNode | null;
              willCloseTarget?: boolean;
              actor?: Actor;
            } | null)[]
          | null;
      } | null;
    } | null;
  } | null;
}

function toPull(node: PullNode | null | undefined): LinkedPullRef | null {
  if (!node || typeof node.number !== "number" || (node.__typename && node.__typename !== "PullRequest"))
    return null;
  return {
    number: node.number,
    url: node.url ?? "",
    title: node.title ?? "",
    merged: node.merged ?? false,
    mergedAt: node.mergedAt ?? null,
    repository: node.repository?.nameWithOwner ?? "",
    author: restLogin(node.author),
    mergedBy: restLogin(node.mergedBy),
  };
}

/** Pull requests and commits linked to one issue: one GraphQL query. */
export async function listIssueLinks(
  octokit: GitHubClient,
  owner: string,
  repo: string,
  number: number,
): Promise<IssueLink[]> {
  const data = await octokit.graphql<LinksResponse>(ISSUE_LINKS_QUERY, { owner, repo, number });
  const issue = data.repository?.issue;
  if (!issue) return [];
  const links: IssueLink[] = [];
  for (const node of issue.closedByPullRequestsReferences?.nodes ?? []) {
    const pull = toPull(node);
    if (pull) links.push({ type: "closing-reference", pull });
  }
  for (const node of issue.timelineItems?.nodes ?? []) {
    if (!node) continue;
    const at = node.createdAt ?? "";
    if (node.__typename === "ClosedEvent" && node.closer) {
      const pull = toPull(node.closer);
      if (pull) links.push({ type: "closed-by-pull", at, pull });
      else if (node.closer.__typename === "Commit" && node.closer.oid)
        links.push({
          type: "closed-by-commit",
          at,
          oid: node.closer.oid,
          url: node.closer.url ?? "",
          repository: node.closer.repository?.nameWithOwner ?? "",
        });
    } else if (node.__typename === "CrossReferencedEvent") {
      const pull = toPull(node.source);
      if (pull)
        links.push({
          type: "cross-reference",
          at,
          actor: restLogin(node.actor),
          willClose: node.willCloseTarget === true,
          pull,
        });
    } else if (node.__typename === "ConnectedEvent") {
      // On the issue's timeline one side is the issue itself, the other the pull request.
      const pull = toPull(node.subject) ?? toPull(node.source);
      if (pull) links.push({ type: "connected", at, actor: restLogin(node.actor), pull });
    }
  }
  return links;
}
