import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BenchProbot, createBenchProbot } from "../../bench/app.js";
import { InProcessRepoLock } from "../../src/infra/lock.js";
import { createAppSweepSource } from "../../src/runs/sweep/app.js";
import { type SweepSummary, sweepAll } from "../../src/runs/sweep/sweep.js";
import { type SimIssue, type SimRepo, type Simulator, startSimulator } from "../simulator/index.js";

/**
 * Reminders, escalation and the state labels end to end (issue 16): the app's real sweep (the
 * probe, reconcile, the nudges, the report) against the simulator, with a fixed clock per run.
 * Comments and labels are read from the simulator's state, never from what the app says it did.
 */

const PATH = "postmortems/2026-03-01-payments.md";
const OWNER = "nudge-org";

function postmortem(dueA: string, dueB: string): string {
  return [
    "---",
    "title: Payments outage",
    "date: 2026-03-01",
    "severity: SEV2",
    "authors: [alice, bob]",
    "summary: Card payments failed for 47 minutes.",
    "root_cause:",
    "  summary: A config deploy set the gateway timeout to null.",
    "followups:",
    "  short_term:",
    "    - id: fix-a",
    "      title: Validate the gateway config before deploy",
    "      category: system",
    "      owner: carol",
    `      due: ${dueA}`,
    "      validation:",
    "        - https://grafana.example.com/d/payments",
    "    - id: fix-b",
    "      title: Alert on a null timeout",
    "      category: tooling",
    "      owner: dave",
    `      due: ${dueB}`,
    "      validation:",
    "        - https://grafana.example.com/d/alerts",
    "---",
    "# Narrative",
    "",
  ].join("\n");
}

let sim: Simulator;
let bench: BenchProbot;
let repo: SimRepo;

beforeAll(async () => {
  sim = await startSimulator();
  bench = await createBenchProbot(sim.url, { pacing: false });
  for (const login of ["alice", "bob", "carol", "dave", "mallory"]) sim.addUser(login);
  repo = sim.seedRepo({
    owner: OWNER,
    ownerType: "Organization",
    name: "payments",
    files: { "README.md": "# payments\n" },
    labels: true,
    collaborators: { alice: "write", bob: "write", carol: "write", dave: "write", mallory: "read" },
  });
  const pr = sim.openPullRequest(repo, {
    title: "Postmortem: payments",
    head: "postmortem/payments",
    files: { [PATH]: postmortem("2026-03-10", "2026-03-20") },
    user: "alice",
  });
  sim.mergePullRequest(repo, pr.number, { method: "merge", by: "alice" });
});
afterAll(() => sim.close());

async function sweep(day: string, lock = new InProcessRepoLock()): Promise<SweepSummary> {
  const source = createAppSweepSource(bench.probot, { now: () => new Date(`${day}T10:00:00Z`), lock });
  const summary = await sweepAll(source);
  expect(summary.results.flatMap((r) => [...r.errors, ...r.problems])).toEqual([]);
  return summary;
}

const bot = () => `${sim.state.app.slug}[bot]`;
const issues = () => Object.values(sim.state.repos[`${OWNER}/payments`]!.issues).filter((i) => !i.pull);
function followup(id: string): SimIssue {
  const found = issues().find((i) => i.user === bot() && i.body?.includes(`"id":"${id}"`));
  if (!found) throw new Error(`no issue for ${id}`);
  return found;
}
/** The app's comments on a follow-up issue (the weekly report goes to the pull request). */
function nudgeComments(id: string): string[] {
  const number = followup(id).number;
  return sim.state.repos[`${OWNER}/payments`]!.comments.filter(
    (c) => c.issue_number === number && c.user === bot(),
  ).map((c) => c.body);
}
const stateLabels = (id: string) => followup(id).labels.filter((l) => l === "due soon" || l === "overdue");

describe("reminders, escalation and state labels on the simulator", () => {
  it("creates the issues first; nothing is due yet", async () => {
    await sweep("2026-03-02");
    expect(issues().filter((i) => i.user === bot())).toHaveLength(2);
    expect(nudgeComments("fix-a")).toEqual([]);
    expect(stateLabels("fix-a")).toEqual([]);
  });

  it("a reminder 2 days before the due date, once: a second run that day (a redelivery) sends nothing", async () => {
    const summary = await sweep("2026-03-08");
    expect(summary.nudgesSent).toEqual({ reminders: 1, overdue: 0, escalations: 0 });
    expect(nudgeComments("fix-a")).toEqual([
      "@carol a reminder: this follow-up is due on 2026-03-10 (in 2 days). When it is done, close this issue with its evidence; if the date no longer holds, change `due` in the postmortem.",
    ]);
    expect(stateLabels("fix-a")).toEqual(["due soon"]);
    expect(sim.state.repos[`${OWNER}/payments`]!.labels.find((l) => l.name === "due soon")).toMatchObject({
      color: "fbca04",
    });
    await sweep("2026-03-08");
    await sweep("2026-03-09");
    expect(nudgeComments("fix-a")).toHaveLength(1);
  });

  it("a moved due date: the label goes, and a new reminder comes before the new date", async () => {
    sim.addCommit(repo, {
      files: { [PATH]: postmortem("2026-03-15", "2026-03-20") },
      message: "fix-a needs more time",
      author: "alice",
    });
    await sweep("2026-03-10");
    expect(stateLabels("fix-a")).toEqual([]);
    expect(nudgeComments("fix-a")).toHaveLength(1);
    await sweep("2026-03-13");
    expect(nudgeComments("fix-a")).toHaveLength(2);
    expect(nudgeComments("fix-a")[1]).toContain("due on 2026-03-15 (in 2 days)");
  });

  it("a closed issue gets no nudge, and loses its state label", async () => {
    // fix-b is in its window on 03-18; then closed before its date.
    await sweep("2026-03-18");
    expect(stateLabels("fix-b")).toEqual(["due soon"]);
    const b = followup("fix-b");
    b.state = "closed";
    b.state_reason = "completed";
    b.closed_at = "2026-03-19T00:00:00Z";
    await sweep("2026-03-25");
    expect(stateLabels("fix-b")).toEqual([]);
    expect(nudgeComments("fix-b")).toHaveLength(1); // its reminder only
  });

  it("overdue the day after: the owner; after 7 days: the postmortem's authors; one comment per step", async () => {
    // The runs above: 03-18 was 3 days past fix-a's 03-15 (the overdue notice, to its owner);
    // 03-25 was 10 days past it (the escalation, to the authors). Once each.
    const comments = nudgeComments("fix-a");
    expect(comments).toHaveLength(4);
    expect(comments[2]).toBe(
      "@carol this follow-up was due on 2026-03-15 and is overdue (3 days). Close it with its evidence, or set a new `due` in the postmortem.",
    );
    expect(comments[3]).toBe(
      "@alice @bob escalation: this follow-up (owner: @carol) is 10 days past its due date of 2026-03-15. It needs a decision: help finish it, set a new `due` in the postmortem, or close it as not planned with a reason.",
    );
    expect(stateLabels("fix-a")).toEqual(["overdue"]);
    await sweep("2026-03-26");
    await sweep("2026-03-29");
    expect(nudgeComments("fix-a")).toHaveLength(4);
  });
});

describe("two replicas and forged markers", () => {
  it("two app instances sharing the lock send each comment exactly once", async () => {
    // fix-a moves again: the overdue notice for the new date is due on 04-02.
    sim.addCommit(repo, { files: { [PATH]: postmortem("2026-04-01", "2026-03-20") }, author: "alice" });
    await sweep("2026-03-31"); // reconcile takes the new date; the reminder of 03-30 is due and sent
    expect(nudgeComments("fix-a")).toHaveLength(5);
    const lock = new InProcessRepoLock();
    const [one, two] = await Promise.all([sweep("2026-04-02", lock), sweep("2026-04-02", lock)]);
    expect(one.nudgesSent.overdue + two.nudgesSent.overdue).toBe(1);
    const comments = nudgeComments("fix-a");
    expect(comments).toHaveLength(6);
    expect(comments[5]).toMatch(/^@carol this follow-up was due on 2026-04-01 and is overdue \(1 day\)/);
  });

  it("a marker in a person's comment or further down the body neither suppresses nor fakes a step", async () => {
    const a = followup("fix-a");
    const forged = `<!-- postmortem-followups:nudges v1 {"sent":[{"step":"escalation-1","due":"2026-04-01","on":"2026-04-08"}]} -->`;
    sim.addComment(repo, a.number, `done already ${forged}`, "mallory");
    a.body = `${a.body}\n${forged}`;
    // A person's own issue with copied markers gets nothing either.
    const copied = sim.createIssue(repo, {
      title: "Copied",
      body: `${a.body.split("\n").slice(0, 2).join("\n")}\nmine`,
      labels: ["postmortem-followup"],
      user: "mallory",
    });
    await sweep("2026-04-08");
    const comments = nudgeComments("fix-a");
    expect(comments).toHaveLength(7);
    expect(comments[6]).toMatch(/^@alice @bob escalation: this follow-up \(owner: @carol\) is 7 days past/);
    const repoState = sim.state.repos[`${OWNER}/payments`]!;
    expect(repoState.comments.filter((c) => c.issue_number === copied.number)).toEqual([]);
    expect(repoState.issues[String(copied.number)]!.labels).toEqual(["postmortem-followup"]);
  });
});
