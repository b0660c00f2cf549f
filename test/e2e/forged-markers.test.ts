import { describe, expect, it } from "vitest";
import { isoWeek } from "../../src/domain/progress/week.js";
import { recordFigures } from "../reliability/figures.js";
import type { SimIssue, Simulator } from "../simulator/index.js";
import { useServerOnSimulator } from "./fixture.js";
import {
  type AppProcess,
  appBot,
  appComments,
  expectedKeys,
  followupIssues,
  mergePullRequest,
  openPerKey,
  postmortem,
  runSweepCli,
  seedRepo,
  type Trap,
  waitForQuiet,
} from "./harness.js";

/**
 * Forged markers: issues and comments carrying the app's hidden marker text, written by people or
 * by another app, are ignored everywhere — tracking (never adopted, edited or closed), the pull
 * request's summary comment, the weekly progress comment, and the sweep.
 */

const PATH = "postmortems/2026-03-12-payments.md";
const N = 2;

let sim: Simulator;
let app: AppProcess;
let trap: Trap;
useServerOnSimulator(
  (env) => {
    ({ sim, app, trap } = env);
  },
  { setup: ({ sim }) => sim.addUser("other-app[bot]", { type: "Bot" }) },
);

function followupMarker(id: string, extra: Record<string, unknown> = {}): string {
  const data = { path: PATH, id, pr: 1, due: "2026-01-01", title: `Forged ${id}`, owner: "carol", ...extra };
  return `<!-- postmortem-followups:followup v1 ${JSON.stringify(data)} -->`;
}

describe("forged follow-up issues and summary comments", () => {
  it("are never adopted, edited or closed; the app creates its own issues and its own summary", async () => {
    const repo = seedRepo(sim, "forged", { collaborators: { alice: "write", bob: "write", carol: "write" } });
    // A person copies the marker of a follow-up that will be in the file, and of one that will not.
    const forgedA1 = sim.createIssue(repo, {
      title: "Short-term fix 1",
      body: `${followupMarker("a1")}\nI made this myself.`,
      labels: ["postmortem-followup"],
      user: "carol",
    });
    const forgedGone = sim.createIssue(repo, {
      title: "Not in the file",
      body: `${followupMarker("gone", { removed: false })}\nClose me?`,
      labels: ["postmortem-followup"],
      user: "carol",
    });
    // Another GitHub App (a bot, but not this app) does the same.
    const otherBot = sim.createIssue(repo, {
      title: "Short-term fix 2",
      body: `${followupMarker("a2")}\nfrom another app`,
      labels: ["postmortem-followup"],
      user: "other-app[bot]",
    });
    const forged: SimIssue[] = [forgedA1, forgedGone, otherBot];
    const snapshot = forged.map((i) => ({
      body: i.body,
      title: i.title,
      state: i.state,
      labels: [...i.labels],
    }));

    const merge = mergePullRequest(sim, repo, { [PATH]: postmortem(N) });
    // A person posts a comment that looks like the app's summary, before the app does.
    const fakeSummary = sim.addComment(
      repo,
      merge.pr.number,
      `<!-- postmortem-followups:summary v1 {"pr":${merge.pr.number}} -->\nAll done, nothing to see.`,
      "carol",
    );
    expect((await app.deliver("pull_request", merge.closed)).status).toBe(200);
    expect((await app.deliver("push", merge.push)).status).toBe(200);
    await waitForQuiet(sim);

    // The app's own issues: one per follow-up, authored by the app.
    expect(openPerKey(sim, repo)).toEqual(expectedKeys(PATH, N));
    for (const list of followupIssues(sim, repo).byKey.values())
      expect(list.every((i) => i.user === appBot(sim))).toBe(true);
    // The forged issues are exactly as they were, with no comment from the app.
    forged.forEach((issue, i) => {
      expect({ body: issue.body, title: issue.title, state: issue.state, labels: issue.labels }).toEqual(
        snapshot[i],
      );
      expect(appComments(sim, repo, issue.number)).toEqual([]);
    });
    // The fake summary is untouched; the app posted its own, once.
    expect(fakeSummary.body).toContain("All done, nothing to see.");
    expect(appComments(sim, repo, merge.pr.number)).toHaveLength(1);
    recordFigures("forged markers: 3 forged issues + 1 forged summary, merge delivered twice", {
      deliveries: 2,
      forgedIssues: 3,
      forgedComments: 1,
      issuesExpected: N + 1,
      issuesFound: followupIssues(sim, repo).total,
      forgedAdopted: 0,
      forgedEdited: forged.filter(
        (issue, i) => issue.body !== snapshot[i]!.body || issue.state !== snapshot[i]!.state,
      ).length,
      duplicates: followupIssues(sim, repo).duplicates,
      crashes: app.running ? 0 : 1,
    });
  });
});

describe("forged progress comments and the sweep", () => {
  it("a forged 'final report' and forged issues do not stop the sweep from recreating and reporting", async () => {
    const repo = seedRepo(sim, "forged-sweep", {
      collaborators: { alice: "write", bob: "write", carol: "write" },
    });
    const merge = mergePullRequest(sim, repo, { [PATH]: postmortem(N) });
    expect((await app.deliver("pull_request", merge.closed)).status).toBe(200);
    await waitForQuiet(sim);
    expect(openPerKey(sim, repo)).toEqual(expectedKeys(PATH, N));

    // The app's issue for a1 is lost (deleted); a person's forged copy takes its place.
    const [lost] = followupIssues(sim, repo).byKey.get(`${PATH}#a1`)!;
    delete repo.issues[String(lost!.number)];
    const forgedA1 = sim.createIssue(repo, {
      title: "Short-term fix 1",
      body: `${followupMarker("a1", { pr: merge.pr.number })}\nforged`,
      labels: ["postmortem-followup"],
      user: "carol",
    });
    // A person posts what looks like this week's final progress report.
    const week = isoWeek(new Date());
    const fakeProgress = sim.addComment(
      repo,
      merge.pr.number,
      `<!-- postmortem-followups:progress v1 ${JSON.stringify({ week, final: true, path: PATH })} -->\nAll follow-ups done!`,
      "carol",
    );
    const before = appComments(sim, repo, merge.pr.number).length;

    const sweep = await runSweepCli(sim, ["--repo", repo.full_name], { trap });
    expect(sweep.code).toBe(0);
    await waitForQuiet(sim);

    // a1 recreated by the app (the forged copy does not count as the follow-up's issue).
    expect(openPerKey(sim, repo)).toEqual(expectedKeys(PATH, N));
    expect(followupIssues(sim, repo).byKey.get(`${PATH}#a1`)![0]!.user).toBe(appBot(sim));
    expect(forgedA1.state).toBe("open");
    expect(forgedA1.body).toContain("forged");
    // The app posted its own weekly report; the forged one is untouched.
    const progress = appComments(sim, repo, merge.pr.number).filter((c) =>
      c.body.includes("postmortem-followups:progress"),
    );
    expect(progress).toHaveLength(1);
    expect(appComments(sim, repo, merge.pr.number).length).toBe(before + 1);
    expect(fakeProgress.body).toContain("All follow-ups done!");
    recordFigures("forged markers: forged issue + forged final report, then the sweep", {
      deliveries: 1,
      forgedIssues: 1,
      forgedComments: 1,
      issuesExpected: N + 1,
      issuesFound: followupIssues(sim, repo).total,
      recreated: 1,
      duplicates: followupIssues(sim, repo).duplicates,
      crashes: sweep.code === 0 ? 0 : 1,
    });
  });

  it("`/followups status` ignores a forged report of this week and posts the app's own", async () => {
    const repo = seedRepo(sim, "forged-status", {
      collaborators: { alice: "write", bob: "write", carol: "write" },
    });
    const merge = mergePullRequest(sim, repo, { [PATH]: postmortem(N) });
    expect((await app.deliver("pull_request", merge.closed)).status).toBe(200);
    const week = isoWeek(new Date());
    sim.addComment(
      repo,
      merge.pr.number,
      `<!-- postmortem-followups:progress v1 ${JSON.stringify({ week, path: PATH })} -->\nforged report`,
      "carol",
    );
    const command = sim.addComment(repo, merge.pr.number, "/followups status", "alice");
    const payload = structuredClone(merge.closed) as Record<string, unknown>;
    const pr = payload.pull_request as Record<string, unknown>;
    const commentPayload = {
      action: "created",
      issue: { ...pr, pull_request: { url: pr.url, html_url: pr.html_url }, state: "closed" },
      comment: {
        id: command.id,
        node_id: command.node_id,
        body: command.body,
        user: { login: "alice", id: 2, type: "User" },
        html_url: `${pr.html_url}#issuecomment-${command.id}`,
        url: `${sim.ghesUrl}/repos/${repo.full_name}/issues/comments/${command.id}`,
        created_at: command.created_at,
        updated_at: command.updated_at,
        author_association: "COLLABORATOR",
      },
      repository: payload.repository,
      sender: { login: "alice", id: 2, type: "User" },
      installation: payload.installation,
    };
    expect((await app.deliver("issue_comment", commentPayload)).status).toBe(200);
    await waitForQuiet(sim);
    const progress = appComments(sim, repo, merge.pr.number).filter((c) =>
      c.body.includes("postmortem-followups:progress"),
    );
    expect(progress).toHaveLength(1);
  });
});
