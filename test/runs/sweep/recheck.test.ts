import type { Probot } from "probot";
import { beforeEach, describe, expect, it } from "vitest";
import { readRecheckMarker } from "../../../src/domain/markers/recheck.js";
import { readEvaluationMarker } from "../../../src/domain/progress/evaluation.js";
import { withEvidence } from "../../../src/domain/validation/proof.js";
import { InProcessRepoLock } from "../../../src/infra/lock.js";
import { createAppSweepSource } from "../../../src/runs/sweep/app.js";
import { sweepAll } from "../../../src/runs/sweep/sweep.js";
import { createTestProbot } from "../../helpers/probot.js";
import { botLogin, commentsOn, useSimulator } from "../../helpers/simulated-github.js";
import type { SimRepo } from "../../simulator/index.js";
import { about, addInstallation, followups, repoWithPostmortem } from "./fleet.js";

/**
 * The effectiveness re-check end to end on the simulator (issue 18, "evidence that still holds"):
 * a follow-up closed as validated 40 days ago whose evidence file was deleted from the default
 * branch gets ONE comment and the `validation lapsed` label, however often the sweep runs.
 */

const github = useSimulator();
const FIRST = new Date("2026-10-01T12:00:00Z");
const NOW = new Date("2026-11-25T12:00:00Z");
const CLOSED = "2026-10-10T09:00:00Z";
const FILE = "tests/payments/retry.test.ts";
const URL = `https://github.com/acme/pay/blob/main/${FILE}`;
/** What `/validated tests/payments/retry.test.ts` records (src/runs/validate/validated-command.ts). */
const ENTRY = `✅ [${FILE}](${URL}): validated by \`alice\` on 2026-10-10 ([comment](https://github.com/acme/pay/issues/8#issuecomment-1))`;

let probot: Probot;

beforeEach(async () => {
  ({ probot } = await createTestProbot(() => {}, { baseUrl: github.sim.url }));
});

function source(now: Date) {
  return createAppSweepSource(probot, { botLogin: botLogin(github.sim), now: () => now });
}

/** The fleet repository, swept once (its follow-ups exist), the first one closed as validated with `evidence`. */
async function validatedFollowup(
  evidence: string,
  config?: string,
): Promise<{ repo: SimRepo; number: number }> {
  const acme = addInstallation(github.sim, 11, "acme");
  const repo = repoWithPostmortem(github.sim, acme, "pay");
  github.sim.addCommit(repo, {
    files: {
      [FILE]: "test('retries', () => {});\n",
      ...(config ? { ".github/postmortem-followups.yml": config } : {}),
    },
  });
  await sweepAll(source(FIRST));
  const issue = followups(github.sim, repo)[0]!;
  issue.body = withEvidence(issue.body ?? "", "en", evidence);
  issue.state = "closed";
  issue.state_reason = "completed";
  issue.closed_at = CLOSED;
  return { repo, number: issue.number };
}

function writesTo(repo: SimRepo) {
  return about(github.sim, repo).filter((r) => r.access === "write");
}

describe("the sweep's effectiveness re-check", () => {
  it("a deleted evidence file: one comment and the label, once, also when the sweep runs again", async () => {
    const { repo, number } = await validatedFollowup(ENTRY);
    github.sim.addCommit(repo, { files: { [FILE]: null } });
    github.sim.clearLog();

    await sweepAll(source(NOW));
    const issue = repo.issues[number]!;
    const comments = commentsOn(repo, number);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain("**Validation lapsed.**");
    expect(comments[0]!.body).toContain(FILE);
    expect(comments[0]!.body).toContain("The issue stays closed");
    expect(issue.labels).toContain("validation lapsed");
    expect(issue.state).toBe("closed");
    expect(readRecheckMarker(issue.body ?? "")).toEqual({
      checks: [{ closed: CLOSED, on: "2026-11-25", outcome: "lapsed", lapsed: [URL] }],
    });

    // A second sweep (a replica, a re-run) writes nothing more about this issue.
    github.sim.clearLog();
    await sweepAll(source(NOW));
    await sweepAll(source(new Date("2026-12-01T12:00:00Z")));
    expect(commentsOn(repo, number)).toHaveLength(1);
    expect(writesTo(repo).filter((r) => r.path.includes(`/issues/${number}`))).toEqual([]);
  });

  it.each([
    ["comment (the default)", undefined, "closed"],
    [
      "reopen: the postmortem is no longer complete, its evaluation is still updated",
      "effectiveness:\n  on_lapse: reopen\n",
      "open",
    ],
  ])(
    "the post-evaluation says when the re-checks are due, and the same comment is updated in place when one lapses; on_lapse: %s",
    async (_name, config, state) => {
      // Both follow-ups closed as validated on 11-20; the evaluation is posted on 11-25.
      const { repo, number } = await validatedFollowup(ENTRY, config);
      const closed = "2026-11-20T09:00:00Z";
      repo.issues[number]!.closed_at = closed;
      const second = followups(github.sim, repo)[1]!;
      second.body = withEvidence(
        second.body ?? "",
        "en",
        "✅ Validation plan fully ticked: confirmed by `alice` on 2026-11-20",
      );
      Object.assign(second, { state: "closed", state_reason: "completed", closed_at: closed });
      const evaluations = () => commentsOn(repo, 7).filter((c) => readEvaluationMarker(c.body));
      const line = () => /- Lapsed evidence[^\n]*/.exec(evaluations()[0]!.body)![0];

      await sweepAll(source(NOW));
      expect(evaluations()).toHaveLength(1);
      expect(line()).toBe(
        "- Lapsed evidence: not re-checked yet. The evidence of 2 validated follow-ups is re-checked on 2026-12-20; this comment is updated with the result.",
      );
      const id = evaluations()[0]!.id;

      // 30 days after the close, the evidence file is gone: the re-check records it, and the
      // evaluation (the same comment) says so. One edit; no second comment.
      github.sim.addCommit(repo, { files: { [FILE]: null } });
      github.sim.clearLog();
      await sweepAll(source(new Date("2026-12-21T12:00:00Z")));
      expect(evaluations().map((c) => c.id)).toEqual([id]);
      expect(repo.issues[number]!.state).toBe(state);
      expect(line()).toBe(
        "- Lapsed evidence: **1** of 2 validated follow-ups whose evidence no longer holds (re-checked, last on 2026-12-21).",
      );
      expect(readEvaluationMarker(evaluations()[0]!.body)).toEqual({
        path: "postmortems/2026-03-12-payments.md",
        recheck: { checked: 2, lapsed: 1 },
      });
      const edits = () => writesTo(repo).filter((r) => r.path.includes("/issues/comments/"));
      expect(edits().map((r) => `${r.method} ${r.path}`)).toEqual([
        `PATCH /repos/acme/pay/issues/comments/${id}`,
      ]);

      // Later sweeps: nothing changed, nothing written to it.
      github.sim.clearLog();
      await sweepAll(source(new Date("2026-12-28T12:00:00Z")));
      expect(edits()).toEqual([]);
      expect(evaluations()).toHaveLength(1);
    },
  );

  it("cost: every follow-up due for a re-check together adds one GraphQL request to the sweep", async () => {
    const { repo } = await validatedFollowup(ENTRY);
    // Every follow-up of the postmortem validated with its own evidence file (two deleted since).
    const all = followups(github.sim, repo);
    const files = all.map((_, i) => `tests/payments/check-${i}.test.ts`);
    github.sim.addCommit(repo, {
      files: Object.fromEntries(files.map((f) => [f, "test('ok', () => {});\n"])),
    });
    all.forEach((issue, i) => {
      const url = `https://github.com/acme/pay/blob/main/${files[i]}`;
      issue.body =
        withEvidence("", "en", `✅ [${files[i]}](${url}): validated by \`alice\` on 2026-10-10`) +
        (issue.body ?? "");
      Object.assign(issue, { state: "closed", state_reason: "completed", closed_at: CLOSED });
    });
    github.sim.addCommit(repo, { files: { [files[0]!]: null, [files[1]!]: null } });
    const reads = () =>
      about(github.sim, repo)
        .filter((r) => r.access === "read")
        .map((r) => r.operation ?? `${r.method} ${r.path}`);
    // Not due yet (9 days after the close): the sweep's own reads.
    github.sim.clearLog();
    await sweepAll(source(new Date("2026-10-19T12:00:00Z")));
    const before = reads();
    // Due (46 days after): the same reads and one more, whatever the number of follow-ups.
    github.sim.clearLog();
    await sweepAll(source(NOW));
    const after = reads();
    expect(all.length).toBeGreaterThan(1);
    // One GraphQL request re-resolves all of it; no read the sweep did not already make besides it.
    expect(before).not.toContain("evidence");
    expect(after.filter((op) => op === "evidence")).toHaveLength(1);
    expect(after.filter((op) => op !== "evidence").every((op) => before.includes(op))).toBe(true);
    expect(
      all.filter((i) => (repo.issues[i.number]!.labels ?? []).includes("validation lapsed")),
    ).toHaveLength(2);
  });

  it("an evidence #N: a closed issue and a merged pull request hold; an issue open again and an unmerged pull request lapse, in the same one request", async () => {
    const { repo } = await validatedFollowup(ENTRY);
    const [first, second] = followups(github.sim, repo);
    const closed = github.sim.createIssue(repo, {
      title: "Add the retry test",
      user: "alice",
      state: "closed",
    });
    const reopened = github.sim.createIssue(repo, { title: "Alert on retries", user: "alice" });
    const merged = github.sim.openPullRequest(repo, {
      title: "Retry",
      head: "retry",
      files: { "a.ts": "a\n" },
    });
    github.sim.mergePullRequest(repo, merged.number);
    const unmerged = github.sim.openPullRequest(repo, {
      title: "Alert",
      head: "alert",
      files: { "b.ts": "b\n" },
    });
    const recorded = (n: number) =>
      `✅ #${n}: validated by \`alice\` on 2026-10-10 ([comment](https://github.com/acme/pay/issues/8#issuecomment-1))`;
    first!.body = withEvidence(
      withEvidence(first!.body ?? "", "en", recorded(closed.number)),
      "en",
      recorded(merged.number),
    );
    Object.assign(second!, { state: "closed", state_reason: "completed", closed_at: CLOSED });
    second!.body = withEvidence(
      withEvidence(second!.body ?? "", "en", recorded(reopened.number)),
      "en",
      recorded(unmerged.number),
    );
    github.sim.clearLog();

    await sweepAll(source(NOW));

    // The first one's file is still there, its issue closed and its pull request merged: it holds.
    expect(commentsOn(repo, first!.number)).toEqual([]);
    expect(readRecheckMarker(repo.issues[first!.number]!.body ?? "").checks).toEqual([
      { closed: CLOSED, on: "2026-11-25", outcome: "holds" },
    ]);
    expect(readRecheckMarker(repo.issues[second!.number]!.body ?? "").checks).toEqual([
      {
        closed: CLOSED,
        on: "2026-11-25",
        outcome: "lapsed",
        lapsed: [`#${reopened.number}`, `#${unmerged.number}`],
      },
    ]);
    const comments = commentsOn(repo, second!.number);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain(
      `- #${reopened.number}: #${reopened.number} in acme/pay is an open issue: an issue proves a fix once it is closed`,
    );
    expect(comments[0]!.body).toContain(
      `- #${unmerged.number}: #${unmerged.number} in acme/pay is an open pull request: it proves a fix once it is merged`,
    );
    expect(repo.issues[second!.number]!.labels).toContain("validation lapsed");
    // The issues' state came with the one evidence query (no issue read of its own).
    const reads = about(github.sim, repo).filter((r) => r.access === "read");
    expect(reads.filter((r) => r.operation === "evidence")).toHaveLength(1);
    expect(reads.filter((r) => /\/issues\/\d+$/.test(r.path))).toEqual([]);
  });

  it.each([
    ["comment", "", "The issue stays closed", "closed"],
    ["reopen", "effectiveness:\n  on_lapse: reopen\n", "The issue was reopened", "open"],
  ])(
    "two replicas at once (two app instances sharing the repository lock), on_lapse: %s: one comment, one label write, one record",
    async (_mode, config, says, state) => {
      const { repo, number } = await validatedFollowup(ENTRY, config || undefined);
      github.sim.addCommit(repo, { files: { [FILE]: null } });
      github.sim.clearLog();
      github.sim.setLatency(3); // widen the window between reading the issues and writing
      const lock = new InProcessRepoLock();
      const replica = async () => {
        const { probot: instance } = await createTestProbot(() => {}, { baseUrl: github.sim.url });
        return createAppSweepSource(instance, { botLogin: botLogin(github.sim), now: () => NOW, lock });
      };
      const [a, b] = await Promise.all([replica(), replica()]);
      const summaries = await Promise.all([sweepAll(a), sweepAll(b)]);
      github.sim.setLatency(0);

      const rechecks = summaries.flatMap((s) => s.results.map((r) => r.recheck?.checked ?? 0));
      expect(rechecks.reduce((x, y) => x + y, 0)).toBe(1);
      const comments = commentsOn(repo, number);
      expect(comments).toHaveLength(1);
      expect(comments[0]!.body).toContain(says);
      const issue = repo.issues[number]!;
      expect(issue.state).toBe(state);
      expect(issue.labels.filter((l) => l === "validation lapsed")).toHaveLength(1);
      expect(readRecheckMarker(issue.body ?? "").checks).toEqual([
        { closed: CLOSED, on: "2026-11-25", outcome: "lapsed", lapsed: [URL] },
      ]);
      // Writes to the issue: one update (record, label, state) and one comment, from one replica.
      const writes = writesTo(repo).filter((r) => r.path.includes(`/issues/${number}`));
      expect(writes.map((r) => r.method)).toEqual(["PATCH", "POST"]);
      const labelled = writes.filter((r) =>
        ((r.body as { labels?: string[] } | undefined)?.labels ?? []).includes("validation lapsed"),
      );
      expect(labelled.map((r) => r.method)).toEqual(["PATCH"]);
    },
  );

  it("on_lapse: reopen reopens the issue, once", async () => {
    const { repo, number } = await validatedFollowup(ENTRY, "effectiveness:\n  on_lapse: reopen\n");
    github.sim.addCommit(repo, { files: { [FILE]: null } });
    await sweepAll(source(NOW));
    await sweepAll(source(NOW));
    expect(repo.issues[number]!.state).toBe("open");
    expect(repo.issues[number]!.labels).toContain("validation lapsed");
    expect(commentsOn(repo, number).map((c) => c.body.includes("The issue was reopened"))).toEqual([true]);
  });

  it("evidence present: the marker records the check, nothing else is written", async () => {
    const { repo, number } = await validatedFollowup(ENTRY);
    const labels = [...repo.issues[number]!.labels];
    github.sim.clearLog();
    await sweepAll(source(NOW));
    expect(commentsOn(repo, number)).toEqual([]);
    expect(repo.issues[number]!.labels).toEqual(labels);
    expect(readRecheckMarker(repo.issues[number]!.body ?? "").checks).toEqual([
      { closed: CLOSED, on: "2026-11-25", outcome: "holds" },
    ]);
    expect(
      writesTo(repo)
        .filter((r) => r.path.includes(`/issues/${number}`))
        .map((r) => r.method),
    ).toEqual(["PATCH"]);
  });

  it("not yet due (closed less than recheck_days ago): nothing is read or written for it", async () => {
    const { repo, number } = await validatedFollowup(ENTRY);
    github.sim.addCommit(repo, { files: { [FILE]: null } });
    await sweepAll(source(new Date("2026-11-08T12:00:00Z")));
    expect(commentsOn(repo, number)).toEqual([]);
    expect(readRecheckMarker(repo.issues[number]!.body ?? "").checks).toEqual([]);
  });

  it("a link to another host is never fetched: checked for form, it holds", async () => {
    const { repo, number } = await validatedFollowup("https://grafana.example.com/d/retries");
    github.sim.clearLog();
    await sweepAll(source(NOW));
    expect(commentsOn(repo, number)).toEqual([]);
    expect(readRecheckMarker(repo.issues[number]!.body ?? "").checks).toEqual([
      { closed: CLOSED, on: "2026-11-25", outcome: "holds" },
    ]);
    // Every request went to the simulated GitHub, and none asked for anything of grafana.example.com.
    expect(
      github.sim.requests.filter((r) => r.access !== "write" && JSON.stringify(r).includes("grafana")),
    ).toEqual([]);
  });
});
