import { beforeEach, describe, expect, it } from "vitest";
import { reportCommandWith } from "../../../src/cli/report/command.js";
import { runCommand, simulatedApp } from "../../helpers/cli.js";
import { SEARCH_PATH, searchPostmortem } from "../../helpers/postmortems.js";
import { testPrivateKey } from "../../helpers/probot.js";
import { calls, mergedPull, seedPay, useSimulator, writes } from "../../helpers/simulated-github.js";
import { sweepRepo } from "../../runs/sweep/fleet.js";

/**
 * Issue 19 with issue 14: `report --org` counts a Markdown postmortem's items that got no issue of
 * ours (done in the file, adopting an existing issue) as every other report does, reading them
 * with the sweep's reads and writing nothing.
 */

const github = useSimulator({ app: { slug: "postmortem-followups" } });
const NOW = new Date("2026-11-25T12:00:00Z");

beforeEach(async () => {
  github.sim.addInstallation("acme", { id: 1, accountType: "Organization" });
  const repo = seedPay(github.sim, { installation: 1, collaborators: { alice: "write" } });
  github.sim.createIssue(repo, { title: "Shard the index", user: "alice" });
  mergedPull(github.sim, repo, 7, {
    [SEARCH_PATH]: searchPostmortem(),
  });
  const swept = await sweepRepo(github.sim, repo, NOW);
  expect(swept.errors).toEqual([]);
  github.sim.clearLog();
});

function report(args: string[]) {
  const register = reportCommandWith({ app: simulatedApp(github), now: () => NOW });
  return runCommand(register, ["report", ...args], { env: { APP_ID: "1", PRIVATE_KEY: testPrivateKey() } });
}

describe("report --org and Markdown postmortems", () => {
  it("counts the items done in the file and the adopted issue, writing nothing", async () => {
    const run = await report(["--org", "acme", "--format", "json"]);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(
      json.followups.map((f: { title: string; number: number | null; status: string }) => [
        f.title,
        f.number,
        f.status,
      ]),
    ).toEqual([
      ["Plug the file descriptor leak", null, "done_validated"],
      ["Shard the search index", 1, "open"],
      ["Add a search latency alert", 8, "open"],
    ]);
    // The item done in the file has no issue: no link.
    expect(json.followups[0].url).toBeNull();
    expect(writes(github.sim)).toEqual([]);
    // The sweep's reads: the probe, the postmortems (and pull request comments) in one request, the
    // adopted issue's state; plus the installation's listing and token.
    expect(calls(github.sim.requests)).toEqual([
      "GET /app/installations",
      "POST /app/installations/1/access_tokens",
      "GET /installation/repositories",
      "POST /graphql repositoryProbe",
      "POST /graphql filesAndComments",
      "GET /repos/acme/pay/issues/1",
    ]);
  });
});
