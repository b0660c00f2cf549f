import type { ActualFollowup } from "../domain/followups/model.js";
import { readFollowupMarker } from "../domain/markers/marker.js";
import {
  isTrustedAuthor,
  type LinkedPull,
  type TrackedIssue,
  type TrackedTimelineEvent,
} from "../domain/ports.js";
import { type GitHubClient, graphqlPaginate } from "./client.js";
import { TRACKED_ISSUES_QUERY } from "./tracked-issues.graphql.js";

export { isTrustedAuthor, type TrackedIssue };

/**
 * The follow-up issues of a repository, read in ONE paginated GraphQL query: every issue with the
 * tracking label, open and closed, with what sync, validation and the weekly report need. Issues
 * are found by label + marker, never by title or the Search API (eventually consistent, and titles
 * get renamed).
 */

interface Actor {
  __typename: string;
  login: string;
}
interface PullNode {
  __typename: string;
  number?: number;
  url?: string;
  title?: string;
  state?: "OPEN" | "CLOSED" | "MERGED";
  merged?: boolean;
  mergedAt?: string | null;
  repository?: { nameWithOwner: string };
  oid?: string;
}
interface TimelineNode {
  __typename: string;
  createdAt?: string;
  willCloseTarget?: boolean;
  stateReason?: string | null;
  source?: PullNode | null;
  subject?: PullNode | null;
  closer?: PullNode | null;
  actor?: Actor | null;
}
export interface TrackedIssueNode {
  id?: string;
  databaseId?: number | null;
  number: number;
  title: string;
  body: string;
  url: string;
  state: "OPEN" | "CLOSED";
  stateReason: string | null;
  createdAt: string;
  closedAt: string | null;
  author: Actor | null;
  labels: { nodes: { name: string }[] } | null;
  assignees: { nodes: { login: string }[] } | null;
  milestone: { number: number; title: string; dueOn: string | null; state: "OPEN" | "CLOSED" } | null;
  timelineItems: { nodes: (TimelineNode | null)[] } | null;
}
export interface TrackedIssuesResponse {
  repository: { issues: { nodes: (TrackedIssueNode | null)[] } } | null;
}

/** GraphQL drops the "[bot]" suffix of a bot's login; REST, webhooks and this app keep it. */
export function restLogin(actor: Actor | null | undefined): string | null {
  if (!actor) return null;
  return actor.__typename === "Bot" && !actor.login.endsWith("[bot]") ? `${actor.login}[bot]` : actor.login;
}

function toPull(node: PullNode | null | undefined): LinkedPull | null {
  if (node?.__typename !== "PullRequest" || typeof node.number !== "number") return null;
  return {
    number: node.number,
    url: node.url ?? "",
    title: node.title ?? "",
    state: node.state === "MERGED" ? "merged" : node.state === "CLOSED" ? "closed" : "open",
    merged: node.merged ?? false,
    mergedAt: node.mergedAt ?? null,
    repository: node.repository?.nameWithOwner ?? "",
  };
}

function toEvent(node: TimelineNode): TrackedTimelineEvent | null {
  const at = node.createdAt ?? "";
  switch (node.__typename) {
    case "CrossReferencedEvent": {
      const pull = toPull(node.source);
      return pull ? { type: "cross-referenced", at, willClose: node.willCloseTarget ?? false, pull } : null;
    }
    case "ConnectedEvent": {
      const pull = toPull(node.subject);
      return pull ? { type: "connected", at, pull } : null;
    }
    case "ClosedEvent": {
      const pull = toPull(node.closer);
      const closer =
        pull !== null
          ? { type: "pull" as const, pull }
          : node.closer?.__typename === "Commit" && node.closer.oid
            ? { type: "commit" as const, oid: node.closer.oid, url: node.closer.url ?? "" }
            : null;
      return {
        type: "closed",
        at,
        stateReason: node.stateReason ? node.stateReason.toLowerCase() : null,
        actor: restLogin(node.actor),
        closer,
      };
    }
    default:
      return null;
  }
}

export function toTrackedIssue(node: TrackedIssueNode): TrackedIssue {
  const timeline = (node.timelineItems?.nodes ?? [])
    .map((n) => (n ? toEvent(n) : null))
    .filter((e): e is TrackedTimelineEvent => e !== null);
  const linked = new Map<string, LinkedPull>();
  for (const event of timeline) {
    const pull =
      event.type === "closed"
        ? event.closer?.type === "pull"
          ? event.closer.pull
          : null
        : event.type === "cross-referenced" && !event.willClose
          ? null
          : event.pull;
    if (pull) linked.set(`${pull.repository}#${pull.number}`, pull);
  }
  return {
    number: node.number,
    title: node.title,
    body: node.body ?? "",
    url: node.url,
    state: node.state === "OPEN" ? "open" : "closed",
    stateReason: node.stateReason ? node.stateReason.toLowerCase() : null,
    createdAt: node.createdAt,
    closedAt: node.closedAt,
    author: restLogin(node.author),
    authorType: node.author?.__typename ?? null,
    labels: (node.labels?.nodes ?? []).map((l) => l.name),
    assignees: (node.assignees?.nodes ?? []).map((a) => a.login),
    milestone: node.milestone
      ? {
          number: node.milestone.number,
          title: node.milestone.title,
          dueOn: node.milestone.dueOn,
          state: node.milestone.state === "OPEN" ? "open" : "closed",
        }
      : null,
    timeline,
    linkedPulls: [...linked.values()],
    ...(node.id ? { nodeId: node.id } : {}),
    ...(typeof node.databaseId === "number" ? { databaseId: node.databaseId } : {}),
  };
}

/** Every issue with the tracking label, open and closed, in one paginated query. */
export async function listTrackedIssues(
  octokit: GitHubClient,
  params: { owner: string; repo: string; label: string },
): Promise<TrackedIssue[]> {
  const response = await graphqlPaginate(octokit)<TrackedIssuesResponse>(TRACKED_ISSUES_QUERY, {
    owner: params.owner,
    repo: params.repo,
    labels: [params.label],
  });
  const nodes = response.repository?.issues.nodes ?? [];
  return nodes.filter((n): n is TrackedIssueNode => n !== null).map(toTrackedIssue);
}

/**
 * A repository's own view: not the issues routed here from another repository's postmortem (their
 * marker's `home`), which that repository reconciles, reports and closes (issue 17).
 */
export function ownTrackedIssues(issues: readonly TrackedIssue[], self: string): TrackedIssue[] {
  const here = self.toLowerCase();
  return issues.filter((issue) => {
    const home = readFollowupMarker(issue.body)?.home;
    return home === undefined || home.toLowerCase() === here;
  });
}

/** The issues routed here (`self`) from the postmortems of `home`, each saying where it lives. */
export function routedTrackedIssues(
  issues: readonly TrackedIssue[],
  self: string,
  home: string,
): TrackedIssue[] {
  const from = home.toLowerCase();
  return issues
    .filter((issue) => readFollowupMarker(issue.body)?.home?.toLowerCase() === from)
    .map((issue) => ({ ...issue, repository: self }));
}

/** The tracked issues the app authored that carry a valid follow-up marker, as the planner sees them. */
export function trustedFollowups(
  issues: readonly TrackedIssue[],
  botLogin: string,
): { actual: ActualFollowup[]; untrusted: TrackedIssue[]; unmarked: TrackedIssue[] } {
  const actual: ActualFollowup[] = [];
  const untrusted: TrackedIssue[] = [];
  const unmarked: TrackedIssue[] = [];
  for (const issue of issues) {
    const marker = readFollowupMarker(issue.body);
    if (!isTrustedAuthor(issue, botLogin)) {
      if (marker) untrusted.push(issue);
      continue;
    }
    if (!marker) {
      unmarked.push(issue);
      continue;
    }
    actual.push({
      number: issue.number,
      title: issue.title,
      body: issue.body,
      state: issue.state,
      stateReason: issue.stateReason,
      labels: issue.labels,
      assignees: issue.assignees,
      milestone: issue.milestone?.title ?? null,
      author: issue.author ?? "",
      createdAt: issue.createdAt,
      closedAt: issue.closedAt,
      marker,
      ...(issue.repository ? { repository: issue.repository } : {}),
      ...(issue.nodeId ? { nodeId: issue.nodeId } : {}),
    });
  }
  return { actual, untrusted, unmarked };
}
