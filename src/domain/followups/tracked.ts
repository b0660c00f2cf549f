/**
 * A tracked issue as the core sees it (what the GitHub adapter reads, `src/github/tracked-issues.ts`),
 * and the trust rule: only the app's own issues count.
 */

/** A pull request linked to a tracked issue (timeline). */
export interface LinkedPull {
  number: number;
  url: string;
  title: string;
  state: "open" | "closed" | "merged";
  merged: boolean;
  mergedAt: string | null;
  /** owner/name of the pull request's repository (it may be another repository). */
  repository: string;
}

export type TrackedTimelineEvent =
  | { type: "cross-referenced"; at: string; willClose: boolean; pull: LinkedPull }
  | { type: "connected"; at: string; pull: LinkedPull }
  | {
      type: "closed";
      at: string;
      stateReason: string | null;
      /** Login of who closed it, REST form (a bot ends in "[bot]"). */
      actor: string | null;
      closer: { type: "pull"; pull: LinkedPull } | { type: "commit"; oid: string; url: string } | null;
    };

/** One issue with the tracking label, as GitHub has it (trusted or not: see `isTrustedAuthor`). */
export interface TrackedIssue {
  number: number;
  title: string;
  body: string;
  url: string;
  state: "open" | "closed";
  /** REST form: "completed", "not_planned", "reopened", "duplicate" or null. */
  stateReason: string | null;
  createdAt: string;
  closedAt: string | null;
  /** Author login in REST form: a GitHub App's bot user ends in "[bot]"; null for a deleted user. */
  author: string | null;
  authorType: "Bot" | "User" | "Organization" | "Mannequin" | "EnterpriseUserAccount" | string | null;
  labels: string[];
  assignees: string[];
  milestone: { number: number; title: string; dueOn: string | null; state: "open" | "closed" } | null;
  /** Cross-references, connections and closings, oldest first (the last 50). */
  timeline: TrackedTimelineEvent[];
  /** Pull requests linked to the issue (cross-referenced with a closing keyword, connected, or the closer). */
  linkedPulls: LinkedPull[];
}

/**
 * Only the app's own issues are trusted: anyone can open an issue with the tracking label and a
 * copied marker. The bot login is compared in REST form ("slug[bot]"), and the author must be a
 * Bot, so a user account named like the app's slug is not trusted either.
 */
export function isTrustedAuthor(
  issue: Pick<TrackedIssue, "author" | "authorType">,
  botLogin: string,
): boolean {
  return (
    issue.author !== null &&
    issue.author.toLowerCase() === botLogin.toLowerCase() &&
    (issue.authorType === null || issue.authorType === "Bot")
  );
}
