import type { GitHubClient } from "./client.js";
import { repositoryId } from "./probe.js";

/**
 * GitHub's issue transfer (GraphQL `transferIssue`; REST has none): a routed follow-up whose route
 * changed moves with its number, comments and history, never closed and recreated (issue 17).
 * Labels the target lacks are created there (`createLabelsIfMissing`); the milestone stays behind,
 * so the caller sets it again. Two requests: the target's node id, then the mutation.
 */
export async function transferIssue(
  octokit: GitHubClient,
  issueNodeId: string,
  toRepository: string,
): Promise<{ number: number; url: string; nodeId: string }> {
  const [owner, name] = toRepository.split("/") as [string, string];
  const repositoryNodeId = await repositoryId(octokit, owner, name);
  const data = await octokit.graphql<{
    transferIssue: { issue: { id: string; number: number; url: string } };
  }>(
    `mutation transferFollowup($issueId: ID!, $repositoryId: ID!) {
  transferIssue(input: { issueId: $issueId, repositoryId: $repositoryId, createLabelsIfMissing: true }) {
    issue { id number url }
  }
}`,
    { issueId: issueNodeId, repositoryId: repositoryNodeId },
  );
  const issue = data.transferIssue.issue;
  return { number: issue.number, url: issue.url, nodeId: issue.id };
}
