import { describe, expect, it } from "vitest";
import { defaultConfig, managedLabelNames } from "../../../src/domain/config/load.js";
import { buildDesired } from "../../../src/domain/followups/desired.js";
import { applyJoins, identityItems, joinEditedItems } from "../../../src/domain/followups/identity.js";
import { followupsWithHints } from "../../../src/domain/followups/markdown-items.js";
import type { ActualFollowup, PlannedAction, RepoRef } from "../../../src/domain/followups/model.js";
import { planReconcile } from "../../../src/domain/followups/plan.js";
import { markdownParseResult } from "../../../src/domain/postmortem/from-markdown.js";
import { readMarkdownPostmortem } from "../../../src/domain/postmortem/markdown/read.js";

/**
 * Three merges of one table postmortem through the real reader, the identity join and the planner
 * (the issues the first plan creates are the "actual" state of the next one): the issue-14 scenario
 * at the level of plain data (the simulator e2e needs parse.ts's Markdown dispatch).
 */
const PATH = "postmortems/2026-03-02-cart.md";
const repo: RepoRef = { owner: "acme", repo: "shop", defaultBranch: "main", serverUrl: "https://github.com" };
const config = defaultConfig();

const doc = (rows: string[]) =>
  [
    "# Shopping cart outage",
    "",
    "Date: 2026-03-02",
    "",
    "## Action Items",
    "",
    "| Action Item | Type | Owner | Bug |",
    "| --- | --- | --- | --- |",
    ...rows,
    "",
  ].join("\n");

const V1 = doc([
  "| Add a disk usage alert on the cart database | detect | @mina | |",
  "| Rotate the TLS certficates automatically | prevent | @luis | |",
  "| Write the cart failover runbook | process | @mina | |",
  "| Load test the checkout path before each release | prevent | @jo | |",
]);
// Typo fixed in row 2, a row inserted, rows 3 and 4 swapped.
const V2 = doc([
  "| Add a disk usage alert on the cart database | detect | @mina | |",
  "| Page the payments on-call on cart 5xx | detect | @kim | |",
  "| Rotate the TLS certificates automatically | prevent | @luis | |",
  "| Load test the checkout path before each release | prevent | @jo | |",
  "| Write the cart failover runbook | process | @mina | |",
]);
// The runbook row removed.
const V3 = doc([
  "| Add a disk usage alert on the cart database | detect | @mina | |",
  "| Page the payments on-call on cart 5xx | detect | @kim | |",
  "| Rotate the TLS certificates automatically | prevent | @luis | |",
  "| Load test the checkout path before each release | prevent | @jo | |",
]);

let next = 1;
function merge(
  text: string,
  issues: ActualFollowup[],
): { actions: PlannedAction[]; issues: ActualFollowup[] } {
  const parsed = markdownParseResult(readMarkdownPostmortem(PATH, text));
  if (!parsed.postmortem) throw new Error(JSON.stringify(parsed.problems));
  const followups = followupsWithHints(parsed);
  const { joins } = joinEditedItems(identityItems(PATH, followups), issues);
  const actual = applyJoins(issues, joins);
  const desired = buildDesired({
    path: PATH,
    postmortem: parsed.postmortem,
    followups,
    config,
    repo,
    pr: null,
    mergedOn: "2026-03-03",
  });
  const actions = planReconcile({
    desired,
    actual,
    scope: new Set([PATH]),
    managedLabels: managedLabelNames(config),
  });
  // Apply to the state.
  const state = new Map(actual.map((a) => [a.number, a]));
  for (const a of actions) {
    if (a.type === "create") {
      const n = next++;
      state.set(n, {
        number: n,
        title: a.title,
        body: a.body,
        state: "open",
        stateReason: null,
        labels: a.labels,
        assignees: a.assignees,
        milestone: null,
        author: "app[bot]",
        createdAt: "",
        closedAt: null,
        marker: a.desired.marker,
      });
    } else if (a.type === "update") {
      const issue = state.get(a.number)!;
      state.set(a.number, {
        ...issue,
        ...(a.changes.title ? { title: a.changes.title } : {}),
        ...(a.changes.body ? { body: a.changes.body } : {}),
        marker: a.desired.marker,
      });
    } else if (a.type === "close") {
      const issue = state.get(a.number)!;
      state.set(a.number, { ...issue, state: "closed", marker: { ...issue.marker, removed: true } });
    }
  }
  return { actions, issues: [...state.values()] };
}

const summary = (actions: PlannedAction[]) =>
  actions.map((a) => `${a.type}${"number" in a ? ` #${a.number}` : ""}`).sort();

describe("a table postmortem edited twice (issue 14)", () => {
  it("merge: one issue per open item; typo + insert + reorder: one new issue; removal: closed as today", () => {
    const first = merge(V1, []);
    expect(summary(first.actions)).toEqual(["create", "create", "create", "create"]);
    expect(first.issues.map((i) => i.number)).toEqual([1, 2, 3, 4]);

    const second = merge(V2, first.issues);
    expect(summary(second.actions)).toEqual([
      "create",
      "unchanged #1",
      "unchanged #3",
      "unchanged #4",
      "update #2",
    ]);
    expect(second.issues.find((i) => i.number === 2)?.title).toBe(
      "Rotate the TLS certificates automatically",
    );
    expect(second.issues.filter((i) => i.state === "closed")).toEqual([]);

    const third = merge(V3, second.issues);
    expect(summary(third.actions)).toEqual([
      "close #3",
      "unchanged #1",
      "unchanged #2",
      "unchanged #4",
      "unchanged #5",
    ]);
  });
});
