import { Writable } from "node:stream";
import { pino } from "pino";
import { type ApplicationFunction, Probot } from "probot";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { registerProgress } from "../../../src/app/handlers/progress.js";
import { registerSync } from "../../../src/app/handlers/sync.js";
import { registerValidation } from "../../../src/app/handlers/validation.js";
import { readProgressMarker } from "../../../src/domain/progress/report-history.js";
import {
  COMMAND_WINDOW_MS,
  COMMANDS_PER_WINDOW,
  CommandLimiter,
  InProcessCommandLimitStore,
  OUTSIDER_WINDOW_MS,
} from "../../../src/infra/command-limit.js";
import { appBot, issueCommentCreated, mergePullRequest, postmortem, seedRepo } from "../../e2e/harness.js";
import { TestOctokit } from "../../helpers/octokit.js";
import { testPrivateKey } from "../../helpers/probot.js";
import { type SimIssue, type SimRepo, type Simulator, startSimulator } from "../../simulator/index.js";

/**
 * Comment commands (`/validated`, `/followups status`) under the command limits, against the GitHub
 * simulator (strict), with the sync, validation and progress handlers of one app sharing one
 * limiter on a fixed clock. The tests count the requests and the app's replies and reactions as
 * GitHub then holds them.
 */

const PATH = "postmortems/2026-03-12-payments.md";
const START = Date.parse("2026-03-20T10:00:00.000Z");

let sim: Simulator;
let repo: SimRepo;
let probot: Probot;
let clock: number;

beforeAll(async () => {
  sim = await startSimulator({ strict: true });
});
afterAll(() => sim.close());

async function createProbot(register: ApplicationFunction): Promise<Probot> {
  const quiet = new Writable({ write: (_chunk, _encoding, callback) => callback() });
  const p = new Probot({
    appId: 1,
    privateKey: testPrivateKey(),
    baseUrl: sim.url,
    Octokit: TestOctokit,
    log: pino({ level: "silent" }, quiet),
  });
  await p.load(register, { cwd: process.cwd(), addHandler: () => {} });
  return p;
}

let pr: SimIssue;
let followup: SimIssue;

beforeEach(async () => {
  sim.reset();
  clock = START;
  probot = await createProbot((app) => {
    const commandLimiter = new CommandLimiter(new InProcessCommandLimitStore(() => clock), {
      now: () => clock,
    });
    registerSync(app);
    registerValidation(app, { commandLimiter });
    registerProgress(app, { commandLimiter, scheduler: false, now: () => new Date(clock) });
  });
  repo = seedRepo(sim, "commands");
  sim.addUser("mallory");
  // The follow-ups, created by the app from a merged postmortem.
  const merge = mergePullRequest(sim, repo, { [PATH]: postmortem(1) });
  await receive("pull_request", merge.closed);
  pr = merge.pr;
  followup = Object.values(repo.issues).find((i) => !i.pull && i.user === appBot(sim))!;
  expect(followup).toBeDefined();
});
afterEach(() => {
  expect(sim.violations).toEqual([]);
});

async function receive(name: string, payload: Record<string, unknown>): Promise<void> {
  await probot.receive({ id: `d-${Math.random()}`, name, payload } as never);
}

/** `user` comments `body` on `issue`; the app receives it. */
async function command(issue: SimIssue, body: string, user: string): Promise<number> {
  const comment = sim.addComment(repo, issue.number, body, user);
  await receive("issue_comment", issueCommentCreated(sim, repo, issue, comment));
  return comment.id;
}

function mark(): number {
  return sim.requests.at(-1)?.seq ?? 0;
}

/** Requests since `since`, app authentication (token) left out. */
function requests(since: number): string[] {
  return sim.requests
    .filter((r) => r.seq > since && !String(r.operation).startsWith("apps/"))
    .map((r) => (r.kind === "graphql" ? `graphql ${r.operation}` : String(r.operation)));
}

/** The app's comments on an issue or pull request. */
function replies(issue: SimIssue): string[] {
  return repo.comments
    .filter((c) => c.issue_number === issue.number && c.user === appBot(sim))
    .map((c) => c.body);
}

/** The app's reactions to the comments of `user` on `issue`, in comment order. */
function reactions(issue: SimIssue, user: string): string[][] {
  return repo.comments
    .filter((c) => c.issue_number === issue.number && c.user === user)
    .map((c) => (c.reactions ?? []).filter((r) => r.user === appBot(sim)).map((r) => r.content));
}

describe("/validated under the command limits", () => {
  it("ten commands by someone without write access: one reply, then one reaction, then nothing", async () => {
    const since = mark();
    for (let i = 0; i < 10; i++) await command(followup, "/validated #1", "mallory");

    const answered = replies(followup);
    expect(answered).toHaveLength(1);
    expect(answered[0]).toContain("Only people with write access to this repository can record validation");
    expect(reactions(followup, "mallory")).toEqual([[], ["eyes"], [], [], [], [], [], [], [], []]);
    // The first: config, issue, comments, permission, reply. The second: one reaction. The rest: none.
    expect(requests(since)).toEqual([
      "repos/get-content",
      "repos/get-content",
      "issues/get",
      "issues/list-comments",
      "repos/get-collaborator-permission-level",
      "issues/create-comment",
      "reactions/create-for-issue-comment",
    ]);
  });

  it("after the hour, the outsider is answered again (once)", async () => {
    for (let i = 0; i < 3; i++) await command(followup, "/validated #1", "mallory");
    expect(replies(followup)).toHaveLength(1);

    clock += OUTSIDER_WINDOW_MS - 1;
    await command(followup, "/validated #1", "mallory");
    expect(replies(followup)).toHaveLength(1);

    clock += 1;
    await command(followup, "/validated #1", "mallory");
    await command(followup, "/validated #1", "mallory");
    expect(replies(followup)).toHaveLength(2);
    expect(reactions(followup, "mallory")).toEqual([[], ["eyes"], [], [], [], ["eyes"]]);
  });

  it("a writer's command works as before: recorded, +1, the same requests", async () => {
    const since = mark();
    await command(followup, `/validated ${PATH}`, "alice");
    expect(followup.body).toContain(`- ✅ [${PATH}](`);
    expect(followup.body).toContain("validated by `alice`");
    expect(reactions(followup, "alice")).toEqual([["+1"]]);
    expect(replies(followup)).toEqual([]);
    expect(requests(since)).toEqual([
      "repos/get-content",
      "repos/get-content",
      "issues/get",
      "issues/list-comments",
      "repos/get-collaborator-permission-level",
      "repos/get-content",
      "issues/update",
      "reactions/create-for-issue-comment",
    ]);
  });

  it(`a writer gets ${COMMANDS_PER_WINDOW} commands a minute per issue, then one reaction, then nothing`, async () => {
    for (let i = 0; i < COMMANDS_PER_WINDOW + 2; i++) await command(followup, "/validated", "alice");
    expect(replies(followup)).toHaveLength(COMMANDS_PER_WINDOW);
    expect(reactions(followup, "alice")).toEqual([
      ...Array.from({ length: COMMANDS_PER_WINDOW }, () => []),
      ["eyes"],
      [],
    ]);

    clock += COMMAND_WINDOW_MS;
    await command(followup, "/validated", "alice");
    expect(replies(followup)).toHaveLength(COMMANDS_PER_WINDOW + 1);
  });

  it("bots and the app itself are still ignored without a request", async () => {
    sim.addUser("ci[bot]", { type: "Bot" });
    const since = mark();
    await command(followup, "/validated #1", "ci[bot]");
    await command(followup, "/validated #1", appBot(sim));
    expect(requests(since)).toEqual([]);
  });
});

describe("/followups status under the command limits", () => {
  const reports = () => replies(pr).filter((body) => readProgressMarker(body));

  it("ten by someone without write access: one answer, then one reaction, then nothing", async () => {
    const since = mark();
    for (let i = 0; i < 10; i++) await command(pr, "/followups status", "mallory");
    expect(reports()).toHaveLength(1);
    expect(reactions(pr, "mallory")).toEqual([["+1"], ["eyes"], [], [], [], [], [], [], [], []]);
    // The first: permission, the sweep's probe (config, tracked issues, postmortem listing), the
    // postmortem and the pull request's comments, the report, +1. The second: one reaction.
    expect(requests(since)).toEqual([
      "repos/get-collaborator-permission-level",
      "graphql repositoryProbe",
      "graphql filesAndComments",
      "issues/create-comment",
      "reactions/create-for-issue-comment",
      "reactions/create-for-issue-comment",
    ]);
  });

  it("a writer's command works as before; the outsider's budget is shared with /validated", async () => {
    const since = mark();
    await command(pr, "/followups status", "alice");
    // As before, after one permission lookup (which tells a writer from an outsider).
    expect(requests(since)).toEqual([
      "repos/get-collaborator-permission-level",
      "graphql repositoryProbe",
      "graphql filesAndComments",
      "issues/create-comment",
      "reactions/create-for-issue-comment",
    ]);
    expect(reports()).toHaveLength(1);
    expect(reactions(pr, "alice")).toEqual([["+1"]]);

    await command(followup, "/validated #1", "mallory");
    await command(followup, "/followups status", "mallory");
    expect(reactions(followup, "mallory")).toEqual([[], ["eyes"]]);
  });
});
