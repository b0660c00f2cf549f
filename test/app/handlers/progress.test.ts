import { beforeEach, describe, expect, it } from "vitest";
import { isStatusCommand, registerProgress, type StatusOutcome } from "../../../src/app/handlers/progress.js";
import { defaultConfig } from "../../../src/domain/config/load.js";
import { readProgressMarker } from "../../../src/domain/progress/report-history.js";
import { type FollowupSpec, addFollowup as seedFollowup } from "../../domain/progress/followup-issues.js";
import { examplePayload, withRepository } from "../../helpers/payloads.js";
import { createTestProbot, type TestProbot } from "../../helpers/probot.js";
import {
  botLogin,
  calls,
  commentsOn,
  mergedPull,
  seedPay,
  useSimulator,
  writes,
} from "../../helpers/simulated-github.js";
import type { SimRepo } from "../../simulator/index.js";

const github = useSimulator();

const NOW = new Date("2026-11-25T12:00:00Z");
const config = defaultConfig();

let repo: SimRepo;
let t: TestProbot;
let outcomes: StatusOutcome[];

beforeEach(async () => {
  repo = seedPay(github.sim, { collaborators: { alice: "write" } });
  mergedPull(github.sim, repo, 7);
  outcomes = [];
  t = await createTestProbot(
    (app) => {
      registerProgress(app, { scheduler: false, now: () => NOW, onStatus: (o) => outcomes.push(o) });
    },
    { baseUrl: github.sim.url },
  );
  github.sim.clearLog();
});

const addFollowup = (spec: FollowupSpec) => seedFollowup(github.sim, repo, config, spec);

/** `sender` writes `body` on issue or pull request `issue`; the app receives `issue_comment.created`. */
async function comment(options: {
  issue: number;
  body: string;
  sender?: { login: string; type: "User" | "Bot" };
}): Promise<void> {
  const sender = options.sender ?? { login: "alice", type: "User" };
  if (!github.sim.state.users[sender.login.toLowerCase()])
    github.sim.addUser(sender.login, { type: sender.type });
  const created = github.sim.addComment(repo, options.issue, options.body, sender.login);
  const payload = withRepository(
    examplePayload("issue_comment", (p) => p.action === "created"),
    { owner: "acme", repo: "pay", installationId: repo.installation_id ?? 1 },
  );
  const issue = payload.issue as Record<string, unknown>;
  issue.number = options.issue;
  if (repo.issues[options.issue]?.pull)
    issue.pull_request = { url: `https://api.github.com/repos/acme/pay/pulls/${options.issue}` };
  else delete issue.pull_request;
  const c = payload.comment as Record<string, unknown>;
  c.body = options.body;
  c.id = created.id;
  const s = payload.sender as Record<string, unknown>;
  s.login = sender.login;
  s.type = sender.type;
  await t.receive("issue_comment", payload);
}

const reports = () => commentsOn(repo, 7).filter((c) => readProgressMarker(c.body));
/** The app's reactions, as [comment id, content]. */
const reactions = () =>
  repo.comments.flatMap((c) =>
    (c.reactions ?? []).filter((r) => r.user === botLogin(github.sim)).map((r) => [c.id, r.content]),
  );
const lastComment = () => repo.comments.at(-1)!.id;
const reaction = (id: number) => `POST /repos/acme/pay/issues/comments/${id}/reactions`;

describe("/followups status", () => {
  it("recognises the command on the first line only", () => {
    expect(isStatusCommand("/followups status")).toBe(true);
    expect(isStatusCommand("\n  /FOLLOWUPS   Status  \nthanks")).toBe(true);
    expect(isStatusCommand("> /followups status")).toBe(false);
    expect(isStatusCommand("please run /followups status")).toBe(false);
    expect(isStatusCommand("/followups statuses")).toBe(false);
    expect(isStatusCommand(null)).toBe(false);
  });

  it("on the postmortem pull request: posts this week's report now, and acknowledges", async () => {
    addFollowup({ id: "gateway" });
    await comment({ issue: 7, body: "/followups status" });
    expect(outcomes).toMatchObject([
      { status: "reported", outcomes: [{ action: "created", week: "2026-W48" }] },
    ]);
    expect(reports()).toHaveLength(1);
    const first = repo.comments.find((c) => c.body === "/followups status")!.id;
    expect(reactions()).toEqual([[first, "+1"]]);

    // Again the same week: nothing changed, no write (but acknowledged).
    github.sim.clearLog();
    await comment({ issue: 7, body: "/followups status" });
    expect(outcomes[1]).toMatchObject({ status: "reported", outcomes: [{ action: "unchanged" }] });
    expect(calls(writes(github.sim))).toEqual([reaction(lastComment())]);
  });

  it("on a follow-up issue: refreshes its postmortem's report", async () => {
    const issue = addFollowup({ id: "gateway" });
    addFollowup({ id: "other", path: "postmortems/other.md", pr: 9 });
    await comment({ issue: issue.number, body: "/followups status" });
    expect(outcomes).toMatchObject([
      {
        status: "reported",
        outcomes: [{ path: "postmortems/2026-03-12-payments.md", pr: 7, action: "created" }],
      },
    ]);
    expect(reports()).toHaveLength(1);
  });

  it("a pull request without follow-ups gets a confused reaction and no comment", async () => {
    addFollowup({ id: "gateway" });
    mergedPull(github.sim, repo, 12);
    github.sim.clearLog();
    await comment({ issue: 12, body: "/followups status" });
    expect(outcomes).toEqual([{ status: "no-followups" }]);
    expect(calls(writes(github.sim))).toEqual([reaction(lastComment())]);
    expect(reactions()).toEqual([[lastComment(), "confused"]]);
  });

  it("ignores other comments and bots", async () => {
    addFollowup({ id: "gateway" });
    await comment({ issue: 7, body: "LGTM" });
    await comment({ issue: 7, body: "/followups status", sender: { login: "ci[bot]", type: "Bot" } });
    expect(outcomes).toEqual([{ status: "ignored", reason: "bot" }]);
    expect(writes(github.sim)).toEqual([]);
    expect(reactions()).toEqual([]);
  });

  it("after the final report, nothing more", async () => {
    addFollowup({ id: "gateway", closed: "completed", evidence: true });
    await comment({ issue: 7, body: "/followups status" });
    expect(outcomes[0]).toMatchObject({ outcomes: [{ action: "created", final: true }] });
    github.sim.clearLog();
    await comment({ issue: 7, body: "/followups status" });
    expect(outcomes[1]).toMatchObject({
      outcomes: [{ action: "skipped", reason: "complete: final report posted" }],
    });
    expect(calls(writes(github.sim))).toEqual([reaction(lastComment())]);
    expect(reactions().at(-1)).toEqual([lastComment(), "confused"]);
  });

  it("an invalid config: no report", async () => {
    addFollowup({ id: "gateway" });
    github.sim.addCommit(repo, {
      files: { ".github/postmortem-followups.yml": "weekly:\n  mention: all\n" },
    });
    await comment({ issue: 7, body: "/followups status" });
    expect(outcomes).toEqual([{ status: "config-error" }]);
    // No report: the only write is the reaction to the command.
    expect(calls(writes(github.sim))).toEqual([reaction(lastComment())]);
    expect(reports()).toEqual([]);
  });
});
