import { validate } from "@octokit/graphql-schema";
import { describe, expect, it } from "vitest";
import { renderMarker } from "../../src/domain/markers/marker.js";
import { TRACKED_ISSUES_QUERY } from "../../src/github/tracked-issues.graphql.js";
import {
  isTrustedAuthor,
  listTrackedIssues,
  type TrackedIssueNode,
  toTrackedIssue,
  trustedFollowups,
} from "../../src/github/tracked-issues.js";
import { installationOctokit, seedPay, useSimulator } from "../helpers/simulated-github.js";

const github = useSimulator();

const BOT = "postmortem-followups[bot]";
const MARKER = renderMarker("followup", {
  path: "postmortems/a.md",
  id: "x",
  pr: 1,
  due: "2026-04-01",
  title: "X",
  owner: "alice",
});

function node(overrides: Partial<TrackedIssueNode> = {}): TrackedIssueNode {
  return {
    number: 5,
    title: "X",
    body: `${MARKER}\nbody`,
    url: "https://github.com/acme/pay/issues/5",
    state: "CLOSED",
    stateReason: "COMPLETED",
    createdAt: "2026-03-20T00:00:00Z",
    closedAt: "2026-03-25T00:00:00Z",
    author: { __typename: "Bot", login: "postmortem-followups" },
    labels: { nodes: [{ name: "postmortem-followup" }, { name: "bug" }] },
    assignees: { nodes: [{ login: "alice" }] },
    milestone: { number: 2, title: "2026-03-12 Outage", dueOn: "2026-04-01T12:00:00Z", state: "OPEN" },
    timelineItems: {
      nodes: [
        {
          __typename: "CrossReferencedEvent",
          createdAt: "2026-03-21T00:00:00Z",
          willCloseTarget: false,
          source: { __typename: "Issue", number: 9 },
        },
        {
          __typename: "CrossReferencedEvent",
          createdAt: "2026-03-22T00:00:00Z",
          willCloseTarget: true,
          source: {
            __typename: "PullRequest",
            number: 12,
            url: "https://github.com/acme/pay/pull/12",
            title: "Fix",
            state: "MERGED",
            merged: true,
            mergedAt: "2026-03-25T00:00:00Z",
            repository: { nameWithOwner: "acme/pay" },
          },
        },
        {
          __typename: "ClosedEvent",
          createdAt: "2026-03-25T00:00:00Z",
          stateReason: "COMPLETED",
          actor: { __typename: "User", login: "alice" },
          closer: {
            __typename: "PullRequest",
            number: 12,
            url: "https://github.com/acme/pay/pull/12",
            title: "Fix",
            state: "MERGED",
            merged: true,
            mergedAt: "2026-03-25T00:00:00Z",
            repository: { nameWithOwner: "acme/pay" },
          },
        },
      ],
    },
    ...overrides,
  };
}

describe("the tracked-issues query", () => {
  it("is valid against GitHub's GraphQL schema", () => {
    expect(validate(TRACKED_ISSUES_QUERY).map((e) => e.message)).toEqual([]);
  });

  it("pages through every issue with one query (cursor), filtered by the tracking label, open and closed", async () => {
    const repo = seedPay(github.sim);
    // 101 tracked issues (one page of 100, then one more), the last one closed; one untracked issue.
    for (let i = 1; i <= 101; i++)
      github.sim.createIssue(repo, {
        title: `Follow-up ${i}`,
        body: MARKER,
        labels: ["postmortem-followup"],
      });
    github.sim.createIssue(repo, { title: "Unrelated", labels: ["bug"] });
    Object.assign(repo.issues[101]!, {
      state: "closed",
      state_reason: "completed",
      closed_at: "2026-03-25T00:00:00Z",
    });

    const issues = await listTrackedIssues(installationOctokit(github.sim), {
      owner: "acme",
      repo: "pay",
      label: "postmortem-followup",
    });
    expect(issues.map((i) => i.number)).toEqual(Array.from({ length: 101 }, (_, i) => i + 1));
    expect(issues.at(-1)).toMatchObject({ number: 101, state: "closed", stateReason: "completed" });
    expect(issues[0]).toMatchObject({ state: "open", labels: ["postmortem-followup"] });
    const variables = github.sim.requests.map(
      (r) => (r.body as { variables: Record<string, unknown> }).variables,
    );
    expect(variables).toHaveLength(2);
    expect(variables[0]).toEqual({ owner: "acme", repo: "pay", labels: ["postmortem-followup"] });
    expect(variables[1]).toEqual({
      owner: "acme",
      repo: "pay",
      labels: ["postmortem-followup"],
      cursor: expect.any(String),
    });
  });
});

describe("toTrackedIssue", () => {
  it("normalises GraphQL to REST conventions and collects linked pull requests", () => {
    const issue = toTrackedIssue(node());
    expect(issue).toMatchObject({
      number: 5,
      state: "closed",
      stateReason: "completed",
      author: BOT, // GraphQL drops "[bot]"; it is put back
      authorType: "Bot",
      labels: ["postmortem-followup", "bug"],
      assignees: ["alice"],
      milestone: { number: 2, title: "2026-03-12 Outage", dueOn: "2026-04-01T12:00:00Z", state: "open" },
    });
    expect(issue.timeline.map((e) => e.type)).toEqual(["cross-referenced", "closed"]);
    expect(issue.linkedPulls).toEqual([
      {
        number: 12,
        url: "https://github.com/acme/pay/pull/12",
        title: "Fix",
        state: "merged",
        merged: true,
        mergedAt: "2026-03-25T00:00:00Z",
        repository: "acme/pay",
      },
    ]);
    expect(issue.timeline[1]).toMatchObject({ type: "closed", actor: "alice", closer: { type: "pull" } });
  });

  it("keeps a deleted author as null", () => {
    expect(toTrackedIssue(node({ author: null })).author).toBeNull();
  });
});

describe("trust", () => {
  it("trusts only the app's bot user, never a person or a look-alike user account", () => {
    expect(isTrustedAuthor({ author: BOT, authorType: "Bot" }, BOT)).toBe(true);
    expect(isTrustedAuthor({ author: "postmortem-followups", authorType: "User" }, BOT)).toBe(false);
    expect(isTrustedAuthor({ author: "mallory", authorType: "User" }, BOT)).toBe(false);
    expect(isTrustedAuthor({ author: "other-app[bot]", authorType: "Bot" }, BOT)).toBe(false);
    expect(isTrustedAuthor({ author: null, authorType: null }, BOT)).toBe(false);
  });

  it("splits issues into trusted follow-ups, untrusted copies and the app's issues without a marker", () => {
    const mine = toTrackedIssue(node());
    const forged = toTrackedIssue(node({ number: 6, author: { __typename: "User", login: "mallory" } }));
    const plain = toTrackedIssue(node({ number: 7, body: "no marker" }));
    const { actual, untrusted, unmarked } = trustedFollowups([mine, forged, plain], BOT);
    expect(actual.map((a) => a.number)).toEqual([5]);
    expect(actual[0]).toMatchObject({
      milestone: "2026-03-12 Outage",
      marker: { path: "postmortems/a.md", id: "x" },
      author: BOT,
    });
    expect(untrusted.map((i) => i.number)).toEqual([6]);
    expect(unmarked.map((i) => i.number)).toEqual([7]);
  });
});
