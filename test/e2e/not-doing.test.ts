import { describe, expect, it } from "vitest";
import { readNotDoing } from "../../src/domain/validation/not-doing.js";
import type { SimIssue, SimRepo, Simulator } from "../simulator/index.js";
import { useServerOnSimulator } from "./fixture.js";
import {
  type AppProcess,
  appComments,
  followupIssues,
  issueClosed,
  issueCommentCreated,
  mergePullRequest,
  postmortem,
  runSweepCli,
  seedRepo,
  type Trap,
  waitForQuiet,
} from "./harness.js";

/**
 * "Not doing" needs a reason (issue 16), end to end: the real server (`node lib/app/server.js`)
 * on the simulator. A follow-up closed as not planned without a reason gets exactly one request,
 * also when GitHub delivers the close again; a writer's `/not-doing <reason>` is recorded on the
 * issue (a non-writer's is not); `/followups status` (the weekly comment) and the `report` CLI
 * list the follow-up with its reason.
 */

let sim: Simulator;
let app: AppProcess;
let trap: Trap;
useServerOnSimulator(
  (env) => {
    ({ sim, app, trap } = env);
  },
  {
    checks: { noErrors: true },
    setup: ({ sim }) => {
      sim.addUser("mallory");
    },
  },
);

const PATH = "postmortems/2026-03-12-payments.md";

async function deliver(name: string, payload: Record<string, unknown>, id?: string) {
  expect((await app.deliver(name, payload, id ? { id } : {})).status).toBe(200);
  await waitForQuiet(sim);
}

function needsReason(repo: SimRepo, issue: SimIssue) {
  return appComments(sim, repo, issue.number).filter((c) => c.body.includes('"kind":"needs-reason"'));
}

async function comment(repo: SimRepo, issue: SimIssue, body: string, user: string) {
  const created = sim.addComment(repo, issue.number, body, user);
  await deliver("issue_comment", issueCommentCreated(sim, repo, issue, created));
  return created;
}

describe("a follow-up closed as not planned", () => {
  it("without a reason: exactly one request, also on redelivery; a non-writer's /not-doing records nothing, a writer's does; the weekly comment and `report` list it", async () => {
    const repo = seedRepo(sim, "not-doing");
    const merge = mergePullRequest(sim, repo, { [PATH]: postmortem(1) });
    await deliver("pull_request", merge.closed);
    const issue = followupIssues(sim, repo).byKey.get(`${PATH}#a1`)![0]!;

    // bob closes it as not planned, without a word; GitHub delivers the event, then again (same id).
    issue.state = "closed";
    issue.state_reason = "not_planned";
    issue.closed_at = new Date().toISOString();
    issue.closed_by = "bob";
    const closed = issueClosed(sim, repo, issue, "bob");
    await deliver("issues", closed, "close-1");
    await deliver("issues", closed, "close-1");
    await deliver("issues", closed, "close-2");
    expect(needsReason(repo, issue)).toHaveLength(1);
    expect(needsReason(repo, issue)[0]!.body).toContain("@bob, this follow-up was closed as **not planned**");
    expect(readNotDoing(issue.body)).toBeNull();

    // Someone without write access cannot accept the risk.
    await comment(repo, issue, "/not-doing nobody uses it", "mallory");
    expect(readNotDoing(issue.body)).toBeNull();

    // A writer can; it is recorded with who and when, and nothing more is asked.
    await comment(repo, issue, "/not-doing the payments gateway is retired in Q3", "alice");
    expect(readNotDoing(issue.body)).toMatchObject({
      reason: "the payments gateway is retired in Q3",
      by: "alice",
      closedBy: "bob",
    });
    expect(issue.body).toContain(
      "⚪ **Not doing.** Reason: the payments gateway is retired in Q3. Risk accepted by `alice`",
    );
    expect(needsReason(repo, issue)).toHaveLength(1);
    expect(issue.state).toBe("closed");

    // The weekly comment, on demand on the postmortem's pull request.
    await comment(repo, merge.pr, "/followups status", "alice");
    const weekly = appComments(sim, repo, merge.pr.number).filter((c) =>
      c.body.includes("postmortem-followups:progress"),
    );
    expect(weekly).toHaveLength(1);
    expect(weekly[0]!.body).toContain("### Follow-up SLO");
    expect(weekly[0]!.body).toContain(
      `### Not doing\n\n- #${issue.number} Short-term fix 1: the payments gateway is retired in Q3 (risk accepted by \`alice\``,
    );

    // `report` (the CLI, as the app).
    const report = await runSweepCli(sim, ["--repo", repo.full_name], { trap, command: "report" });
    expect(report.stderr).toBe("");
    expect(report.code).toBe(0);
    expect(report.stdout).toContain(
      `## Not doing\n\n- #${issue.number} Short-term fix 1: the payments gateway is retired in Q3 (risk accepted by \`alice\``,
    );
    const json = await runSweepCli(sim, ["--repo", repo.full_name, "--format", "json"], {
      trap,
      command: "report",
    });
    expect(JSON.parse(json.stdout).overall.figures.notDoing).toEqual([
      {
        number: issue.number,
        url: expect.stringContaining(`/issues/${issue.number}`),
        title: "Short-term fix 1",
        path: PATH,
        reason: {
          reason: "the payments gateway is retired in Q3",
          by: "alice",
          at: expect.any(String),
          url: expect.stringContaining(`/issues/${issue.number}#issuecomment-`),
        },
      },
    ]);
  });
});
