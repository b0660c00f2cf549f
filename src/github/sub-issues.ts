import type { SubIssueRef } from "../domain/followups/tracker.js";
import { type GitHubClient, NO_RETRY, statusOf } from "./client.js";

/**
 * GitHub's sub-issues API (REST; the published GraphQL schema has no sub-issue fields yet), for
 * the tracker issues of `tracker: true`. A server without it (an older GitHub Enterprise Server)
 * answers 404: `listSubIssues` says so with null, and the tracker falls back to a task list.
 */

interface Params {
  owner: string;
  repo: string;
}

/** The first 100 sub-issues of an issue (a tracker holds at most 100); null: no sub-issues API. */
export async function listSubIssues(
  octokit: GitHubClient,
  params: Params,
  issueNumber: number,
): Promise<SubIssueRef[] | null> {
  try {
    const { data } = await octokit.rest.issues.listSubIssues({
      ...params,
      issue_number: issueNumber,
      per_page: 100,
    });
    return data.map((issue) => ({
      number: issue.number,
      repository: repositoryOf(issue.repository_url),
    }));
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw error;
  }
}

/** Attach an issue (by database id) as a sub-issue. Not retried: a second add is a 422. */
export async function addSubIssue(
  octokit: GitHubClient,
  params: Params,
  issueNumber: number,
  subIssueId: number,
): Promise<void> {
  await octokit.rest.issues.addSubIssue({
    ...params,
    issue_number: issueNumber,
    sub_issue_id: subIssueId,
    request: NO_RETRY,
  });
}

/** `https://api.github.com/repos/acme/pay` -> `acme/pay`. */
function repositoryOf(url: string): string {
  const m = /\/repos\/([^/]+\/[^/]+)$/.exec(url);
  return m?.[1] ?? "";
}
