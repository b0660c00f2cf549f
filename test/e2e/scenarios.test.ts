import { describe, expect, it } from "vitest";
import { postmortemMarkdown } from "../helpers/postmortems.js";
import type { SimIssue, SimRepo, Simulator } from "../simulator/index.js";
import { useServerOnSimulator } from "./fixture.js";
import {
  type AppProcess,
  appComments,
  followupIssues,
  mergePullRequest,
  openPerKey,
  seedRepo,
  waitForQuiet,
} from "./harness.js";

/**
 * What a team does in its first weeks, end to end on the real server (`node lib/app/server.js`) and the
 * simulator: edit a merged postmortem, take an item out and put it back, merge two postmortems at
 * once, write in Korean under docs/postmortems, bring their own categories, fix a typo in the
 * narrative. Counted on the simulator's state.
 */

let sim: Simulator;
let app: AppProcess;
useServerOnSimulator(
  (env) => {
    ({ sim, app } = env);
  },
  { checks: { noErrors: true } },
);

const PATH = "postmortems/2026-03-12-payments.md";

/** Merge `files` and deliver both events of the squash merge, as GitHub does. */
async function merge(repo: SimRepo, files: Record<string, string | null>) {
  const m = mergePullRequest(sim, repo, files);
  expect((await app.deliver("pull_request", m.closed)).status).toBe(200);
  expect((await app.deliver("push", m.push)).status).toBe(200);
  await waitForQuiet(sim);
  return m;
}

function issueOf(repo: SimRepo, path: string, id: string): SimIssue {
  const list = followupIssues(sim, repo).byKey.get(`${path}#${id}`) ?? [];
  expect(list).toHaveLength(1);
  return list[0]!;
}

function writesSince(seq: number) {
  return sim.requests.filter((r) => r.seq > seq && r.access === "write").map((r) => r.operation);
}

function lastSeq(): number {
  return sim.requests.at(-1)?.seq ?? 0;
}

describe("a merged postmortem edited later", () => {
  it("a new owner and due date update the issue; people's text, labels and helpers stay; nothing is duplicated", async () => {
    const repo = seedRepo(sim, "edit-owner", {
      collaborators: { alice: "write", bob: "write", carol: "write" },
    });
    const spec = (owner: string, due: string) =>
      postmortemMarkdown({
        short_term: [{ id: "timeouts", title: "Validate gateway timeouts", owner, due }],
        long_term: [{ id: "canary", title: "Canary config changes", owner: "bob" }],
      });
    await merge(repo, { [PATH]: spec("alice", "2026-03-26") });
    const issue = issueOf(repo, PATH, "timeouts");
    expect(issue.assignees).toEqual(["alice"]);
    expect(issue.body).toContain("due **2026-03-26**");

    // People work in the issue: a note below the app's sections, a label of their own, a helper.
    sim.addLabel(repo, "team: payments", "c5def5");
    issue.body = `${issue.body}\n## Notes from the team\n\nRolled out to 10% of the gateways.\n`;
    issue.labels.push("team: payments");
    issue.assignees.push("carol");

    await merge(repo, { [PATH]: spec("bob", "2026-04-09") });
    const after = issueOf(repo, PATH, "timeouts");
    expect(after.number).toBe(issue.number);
    expect(after.state).toBe("open");
    expect(after.body).toContain("due **2026-04-09**");
    expect(after.body).not.toContain("2026-03-26");
    expect(after.body).toContain("**Owner:** @bob");
    expect(after.body).toContain('"owner":"bob"');
    expect(after.body).toContain("## Notes from the team\n\nRolled out to 10% of the gateways.");
    expect(after.labels).toContain("team: payments");
    expect(after.labels).toContain("postmortem-followup");
    // The owner in the file moved from alice to bob; carol, whom a person added, still helps.
    expect([...after.assignees].sort()).toEqual(["bob", "carol"]);
    expect(followupIssues(sim, repo).total).toBe(2);
  });

  it("an item taken out and put back: its issue is closed as not planned, then reopened, never duplicated", async () => {
    const repo = seedRepo(sim, "readd");
    const both = postmortemMarkdown({
      short_term: [
        { id: "timeouts", title: "Validate gateway timeouts" },
        { id: "alert", title: "Alert on null timeouts" },
      ],
    });
    const one = postmortemMarkdown({ short_term: [{ id: "timeouts", title: "Validate gateway timeouts" }] });
    await merge(repo, { [PATH]: both });
    const alert = issueOf(repo, PATH, "alert");

    await merge(repo, { [PATH]: one });
    expect(issueOf(repo, PATH, "alert")).toMatchObject({ state: "closed", state_reason: "not_planned" });

    const back = await merge(repo, { [PATH]: both });
    const reopened = issueOf(repo, PATH, "alert");
    expect(reopened.number).toBe(alert.number);
    expect(reopened.state).toBe("open");
    expect(openPerKey(sim, repo)).toEqual({ [`${PATH}#timeouts`]: 1, [`${PATH}#alert`]: 1 });
    const summary = appComments(sim, repo, back.pr.number);
    expect(summary).toHaveLength(1);
    expect(summary[0]!.body).toContain(`Updated #${alert.number}: reopened (back in the postmortem)`);
  });
});

describe("what teams merge", () => {
  it("two postmortems in one pull request: issues for both, one summary listing both", async () => {
    const repo = seedRepo(sim, "two-files");
    const other = "postmortems/2026-03-20-search.md";
    const m = await merge(repo, {
      [PATH]: postmortemMarkdown({ short_term: [{ id: "timeouts" }] }),
      [other]: postmortemMarkdown({
        title: "Search outage",
        long_term: [{ id: "reindex" }, { id: "drill" }],
      }),
    });
    expect(openPerKey(sim, repo)).toEqual({
      [`${PATH}#timeouts`]: 1,
      [`${other}#reindex`]: 1,
      [`${other}#drill`]: 1,
    });
    const comments = appComments(sim, repo, m.pr.number);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain(`[${PATH}]`);
    expect(comments[0]!.body).toContain(`[${other}]`);
  });

  it("a Korean postmortem in docs/postmortems with language: ko: Korean labels, issue and summary", async () => {
    const path = "docs/postmortems/2026-04-02-login.md";
    const repo = seedRepo(sim, "korean", {
      files: { ".github/postmortem-followups.yml": "language: ko\n" },
    });
    const m = await merge(repo, {
      [path]: postmortemMarkdown({
        title: "로그인 장애",
        summary: "인증서 만료로 30분 동안 로그인이 실패했다.",
        short_term: [{ id: "renew-cert", title: "인증서 갱신 자동화", category: "system" }],
        long_term: [{ id: "cert-drill", title: "인증서 만료 대응 훈련", category: "training" }],
      }),
    });
    const issue = issueOf(repo, path, "renew-cert");
    expect(issue.title).toBe("인증서 갱신 자동화");
    expect(issue.labels).toEqual(
      expect.arrayContaining(["postmortem-followup", "단기 해결책", "분류: 시스템 개선", "심각도: SEV2"]),
    );
    expect(issue.body).toContain("### 테스트 및 검증 계획");
    expect(issueOf(repo, path, "cert-drill").labels).toEqual(
      expect.arrayContaining(["장기 해결책", "분류: 교육 및 훈련"]),
    );
    const summary = appComments(sim, repo, m.pr.number)[0]!.body;
    expect(summary).toContain("### 포스트모템 후속 조치");
    expect(summary).not.toMatch(/Short-term|Long-term|Follow-up/);
  });

  it("categories of their own: the label with its colour, and the default set no longer applies", async () => {
    const repo = seedRepo(sim, "categories", {
      files: {
        ".github/postmortem-followups.yml": [
          "categories:",
          "  system: {}",
          "  security:",
          '    label: "category: security"',
          '    color: "b60205"',
          "    description: Vulnerability fixes and hardening",
          "",
        ].join("\n"),
      },
    });
    const other = "postmortems/2026-03-20-training.md";
    const m = await merge(repo, {
      [PATH]: postmortemMarkdown({ short_term: [{ id: "rotate-keys", category: "security" }] }),
      [other]: postmortemMarkdown({ short_term: [{ id: "drill", category: "training" }] }),
    });
    const issue = issueOf(repo, PATH, "rotate-keys");
    expect(issue.labels).toContain("category: security");
    expect(repo.labels.find((l) => l.name === "category: security")).toMatchObject({
      color: "b60205",
      description: "Vulnerability fixes and hardening",
    });
    // "training" is not in the configured set: that file creates nothing and says why.
    expect(followupIssues(sim, repo).byKey.has(`${other}#drill`)).toBe(false);
    const summary = appComments(sim, repo, m.pr.number)[0]!.body;
    expect(summary).toContain('"training" is not a category (expected one of system, security)');
  });

  it("a pull request that only fixes the narrative writes nothing at all", async () => {
    const repo = seedRepo(sim, "narrative");
    const text = postmortemMarkdown({ short_term: [{ id: "timeouts" }], long_term: [{ id: "canary" }] });
    await merge(repo, { [PATH]: text });
    const seq = lastSeq();
    const typo = await merge(repo, {
      [PATH]: text.replace("What happened.", "What happened, minute by minute."),
    });
    expect(writesSince(seq)).toEqual([]);
    expect(appComments(sim, repo, typo.pr.number)).toEqual([]);
    expect(followupIssues(sim, repo).total).toBe(2);
  });
});
