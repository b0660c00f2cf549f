import { describe, expect, it } from "vitest";
import { readProgressMarker } from "../../../src/domain/progress/report-history.js";
import { SEARCH_PATH, searchPostmortem } from "../../helpers/postmortems.js";
import { mergedPull, useSimulator } from "../../helpers/simulated-github.js";
import { sweepRepo } from "./fleet.js";

/**
 * Issue 14 on the simulator: the weekly report of a Markdown postmortem counts the items that got no
 * issue of ours — done in the file (validated when they carry a pull request or commit link), and
 * adopting an existing issue (as that issue is: open, or closed) — like the follow-ups it created.
 */

const NOW = new Date("2026-11-25T12:00:00Z");

const github = useSimulator({ strict: true, now: () => NOW });

function postmortem(): string {
  return searchPostmortem([
    "| Action Item | Type | Owner | Bug |",
    "| --- | --- | --- | --- |",
    "| Add a search latency alert | detect | alice | |",
    "| Plug the file descriptor leak | prevent | alice | https://github.com/acme/search/pull/40 **DONE** |",
    "| Update the search runbook | mitigate | alice | n/a **DONE** |",
    "| Shard the search index | prevent | alice | #1 |",
    "| Rewrite the query planner | prevent | alice | #2 |",
  ]);
}

describe("the weekly report of a Markdown postmortem (sweep, simulator)", () => {
  it("counts done items as done (validated with a PR link) and adopted issues as they are", async () => {
    const repo = github.sim.seedRepo({ owner: "acme", name: "search", collaborators: { alice: "write" } });
    // Two issues people had already filed: one still open, one closed as completed.
    github.sim.createIssue(repo, { title: "Shard the index", user: "alice" });
    github.sim.createIssue(repo, { title: "Query planner rewrite", user: "alice", state: "closed" });
    const { pr: pull } = mergedPull(
      github.sim,
      repo,
      7,
      { [SEARCH_PATH]: postmortem() },
      { title: "Postmortem" },
    );

    const result = await sweepRepo(github.sim, repo, NOW);
    expect(result.errors).toEqual([]);
    // One issue created (the open item); none for the done or adopted ones.
    const ours = Object.values(repo.issues).filter((i) => !i.pull && i.user === "my-app[bot]");
    expect(ours.map((i) => i.title)).toEqual(["Add a search latency alert"]);

    const report = repo.comments.find((c) => c.issue_number === pull.number && readProgressMarker(c.body));
    expect(result.reports.map((r) => r.action)).toEqual(["created"]);
    const marker = readProgressMarker(report!.body)!;
    expect(marker.statuses).toEqual({
      "add-a-search-latency-alert": "open",
      "plug-the-file-descriptor-leak": "done_validated",
      "update-the-search-runbook": "done_unvalidated",
      "shard-the-search-index": "open",
      "rewrite-the-query-planner": "done_unvalidated",
    });
    expect(report!.body).toContain("#1");
    expect(report!.body).toContain("done in the postmortem");
  });
});
