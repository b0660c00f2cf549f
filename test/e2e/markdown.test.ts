import { describe, expect, it } from "vitest";
import type { Simulator } from "../simulator/index.js";
import { useServerOnSimulator } from "./fixture.js";
import { type AppProcess, followupIssues, mergePullRequest, seedRepo, waitForQuiet } from "./harness.js";

/**
 * Issue 14 end to end: the real server on the simulator, a postmortem written as teams write them
 * (an SRE-book-style Action Items table, no front matter), then the edits people make to it.
 */

const PATH = "postmortems/2026-11-02-checkout-latency.md";

function table(rows: string[]): string {
  return [
    "# Checkout latency incident",
    "",
    "Date: 2026-11-02",
    "Severity: SEV2",
    "",
    "## Summary",
    "",
    "Checkout p99 latency reached 9 s for 40 minutes.",
    "",
    "## Action Items",
    "",
    "| Action Item | Type | Owner | Bug |",
    "| --- | --- | --- | --- |",
    ...rows,
    "",
  ].join("\n");
}

const A = "| Add a latency alert on the checkout p99 | detect | alice | |";
const B = "| Roll back the connection pool change | mitigate | bob | |";
const C = "| Write the pool tuning runbook | prevent | carol | |";
const D = "| Load test the pool before each release | prevent | alice | |";

let sim: Simulator;
let app: AppProcess;
useServerOnSimulator((env) => {
  ({ sim, app } = env);
});

/** Open follow-up issues by title, and how many issues the app ever created. */
function state(repo: ReturnType<typeof seedRepo>) {
  const { byKey, total } = followupIssues(sim, repo);
  const open = [...byKey.values()]
    .flat()
    .filter((i) => i.state === "open")
    .map((i) => i.title)
    .sort();
  return { open, total };
}

describe("a Markdown postmortem (an Action Items table)", () => {
  it("one issue per open item; a typo fix, an inserted row and a reorder never recreate one; a removed row is closed", async () => {
    const repo = seedRepo(sim, "markdown");
    const first = mergePullRequest(sim, repo, { [PATH]: table([A, B, C]) });
    expect((await app.deliver("pull_request", first.closed)).status).toBe(200);
    await waitForQuiet(sim);
    expect(state(repo)).toEqual({
      open: [
        "Add a latency alert on the checkout p99",
        "Roll back the connection pool change",
        "Write the pool tuning runbook",
      ],
      total: 3,
    });
    const alert = Object.values(repo.issues).find(
      (i) => i.title === "Add a latency alert on the checkout p99",
    )!;
    expect(alert.assignees).toEqual(["alice"]);

    // A typo fixed in one title, a row inserted, two rows swapped: one new issue, nothing closed.
    const typo = C.replace("runbook", "run book");
    const second = mergePullRequest(sim, repo, { [PATH]: table([B, D, A, typo]) });
    expect((await app.deliver("pull_request", second.closed)).status).toBe(200);
    await waitForQuiet(sim);
    expect(state(repo)).toEqual({
      open: [
        "Add a latency alert on the checkout p99",
        "Load test the pool before each release",
        "Roll back the connection pool change",
        "Write the pool tuning run book",
      ],
      total: 4,
    });
    // The edited row kept its issue (the same number, its title updated).
    const runbook = Object.values(repo.issues).find((i) => i.title === "Write the pool tuning run book")!;
    expect(runbook.number).toBeLessThan(
      Object.values(repo.issues).find((i) => i.title === "Load test the pool before each release")!.number,
    );

    // A row removed: its issue is closed as removal is today; the others stay open.
    const third = mergePullRequest(sim, repo, { [PATH]: table([B, D, A]) });
    expect((await app.deliver("pull_request", third.closed)).status).toBe(200);
    await waitForQuiet(sim);
    expect(state(repo)).toEqual({
      open: [
        "Add a latency alert on the checkout p99",
        "Load test the pool before each release",
        "Roll back the connection pool change",
      ],
      total: 4,
    });
    expect(runbook.state).toBe("closed");
    expect(runbook.state_reason).toBe("not_planned");
  });
});
