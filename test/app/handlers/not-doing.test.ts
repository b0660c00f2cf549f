import { Writable } from "node:stream";
import { pino } from "pino";
import { type ApplicationFunction, Probot } from "probot";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { registerSync } from "../../../src/app/handlers/sync.js";
import { registerValidation } from "../../../src/app/handlers/validation.js";
import { EVIDENCE_BEGIN, EVIDENCE_END, readSection } from "../../../src/domain/markers/marker.js";
import { MAX_REASON_LOOKUPS, readNotDoing } from "../../../src/domain/validation/not-doing.js";
import { recordedEvidence } from "../../../src/domain/validation/proof.js";
import { appBot, mergePullRequest, postmortem, seedRepo } from "../../e2e/harness.js";
import { TestOctokit } from "../../helpers/octokit.js";
import { examplePayload, withRepository } from "../../helpers/payloads.js";
import { testPrivateKey } from "../../helpers/probot.js";
import { type SimIssue, type SimRepo, type Simulator, startSimulator } from "../../simulator/index.js";

/**
 * "Not doing" needs a reason (issue 16): the validation handler against the GitHub simulator
 * (strict), with webhook payloads of @octokit/webhooks-examples' shapes (`issues` and
 * `issue_comment.created`, adapted to the simulator's issue and its state: closed as not planned).
 * The tests assert GitHub's state afterwards (the issue body, the app's comments and reactions) and
 * count the requests.
 */

type Json = Record<string, unknown>;

const PATH = "postmortems/2026-03-12-payments.md";
const CLOSED_AT = "2026-03-25T08:00:00Z";

let sim: Simulator;
let repo: SimRepo;
let probot: Probot;
let followup: SimIssue;

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

async function setUp(config?: string): Promise<void> {
  sim.reset();
  probot = await createProbot((app) => {
    registerSync(app);
    registerValidation(app);
  });
  repo = seedRepo(sim, "notdoing", config ? { files: { ".github/postmortem-followups.yml": config } } : {});
  sim.addUser("mallory");
  const merge = mergePullRequest(sim, repo, { [PATH]: postmortem(1) });
  await receive("pull_request", merge.closed);
  followup = Object.values(repo.issues).find((i) => !i.pull && i.user === appBot(sim))!;
  expect(followup).toBeDefined();
}

beforeEach(() => setUp());
afterEach(() => {
  expect(sim.violations).toEqual([]);
});

async function receive(name: string, payload: Json): Promise<void> {
  await probot.receive({ id: `d-${Math.random()}`, name, payload } as never);
}

/** The webhook's view of the simulator's issue, on a webhooks-examples payload. */
function issueFields(issue: SimIssue): Json {
  return {
    number: issue.number,
    title: issue.title,
    body: issue.body,
    state: issue.state,
    state_reason: issue.state_reason,
    closed_at: issue.closed_at,
    html_url: `https://github.com/${repo.full_name}/issues/${issue.number}`,
    labels: issue.labels.map((name, id) => ({ id, name, color: "ededed", default: false })),
    performed_via_github_app: null,
  };
}

function coords() {
  return { owner: repo.owner, repo: repo.name, installationId: repo.installation_id ?? 1 };
}

/** `issues.closed` (webhooks-examples' `issues` shape) for the issue as the simulator has it. */
function closedPayload(issue: SimIssue, by: string): Json {
  const payload = withRepository(
    examplePayload("issues", (p) => p.action === "opened"),
    coords(),
  );
  payload.action = "closed";
  Object.assign(payload.issue as Json, issueFields(issue));
  Object.assign((payload.issue as Json).user as Json, { login: appBot(sim), type: "Bot" });
  Object.assign(payload.sender as Json, { login: by, type: "User" });
  return payload;
}

/** Close the follow-up as not planned on the simulator (by `by`, at `at`) and deliver the event. */
async function closeNotPlanned(by = "bob", at = CLOSED_AT, deliveries = 1): Promise<Json> {
  followup.state = "closed";
  followup.state_reason = "not_planned";
  followup.closed_at = at;
  followup.closed_by = by;
  const payload = closedPayload(followup, by);
  for (let i = 0; i < deliveries; i++) await receive("issues", structuredClone(payload));
  return payload;
}

/** `user` comments `body` at `at`; the app receives `issue_comment.created` (webhooks-examples' shape). */
async function comment(body: string, user: string, at?: string): Promise<{ id: number; payload: Json }> {
  const created = sim.addComment(repo, followup.number, body, user);
  if (at) {
    created.created_at = at;
    created.updated_at = at;
  }
  const payload = withRepository(
    examplePayload("issue_comment", (p) => p.action === "created"),
    coords(),
  );
  const issue = payload.issue as Json;
  delete issue.pull_request;
  Object.assign(issue, issueFields(followup));
  Object.assign(issue.user as Json, { login: appBot(sim), type: "Bot" });
  Object.assign(payload.comment as Json, {
    id: created.id,
    body,
    html_url: `https://github.com/${repo.full_name}/issues/${followup.number}#issuecomment-${created.id}`,
    created_at: created.created_at,
    updated_at: created.updated_at,
  });
  Object.assign((payload.comment as Json).user as Json, { login: user, type: "User" });
  Object.assign(payload.sender as Json, { login: user, type: "User" });
  await receive("issue_comment", payload);
  return { id: created.id, payload };
}

function mark(): number {
  return sim.requests.at(-1)?.seq ?? 0;
}

function requests(since: number): string[] {
  return sim.requests
    .filter((r) => r.seq > since && !String(r.operation).startsWith("apps/"))
    .map((r) => (r.kind === "graphql" ? `graphql ${r.operation}` : String(r.operation)));
}

function replies(): string[] {
  return repo.comments
    .filter((c) => c.issue_number === followup.number && c.user === appBot(sim))
    .map((c) => c.body);
}

function reactionsOf(id: number): string[] {
  return (repo.comments.find((c) => c.id === id)?.reactions ?? [])
    .filter((r) => r.user === appBot(sim))
    .map((r) => r.content);
}

function evidence(): string {
  return readSection(followup.body ?? "", EVIDENCE_BEGIN, EVIDENCE_END) ?? "";
}

describe("closed as not planned without a reason", () => {
  it("asks once, mentioning who closed it; the issue stays closed and its body is untouched", async () => {
    const before = followup.body;
    const since = mark();
    await closeNotPlanned("bob");
    const asked = replies();
    expect(asked).toHaveLength(1);
    expect(asked[0]).toContain('"kind":"needs-reason"');
    expect(asked[0]).toContain("@bob, this follow-up was closed as **not planned** without a reason.");
    expect(asked[0]).toContain("`/not-doing <reason>`");
    expect(asked[0]).toContain("The issue stays closed");
    expect(followup.state).toBe("closed");
    expect(followup.body).toBe(before);
    expect(requests(since)).toEqual([
      "repos/get-content",
      "repos/get-content",
      "issues/get",
      "issues/list-comments",
      "issues/create-comment",
    ]);
  });

  it("a redelivered close (three times) still asks once", async () => {
    await closeNotPlanned("bob", CLOSED_AT, 3);
    expect(replies()).toHaveLength(1);
  });

  it("with validation.on_close: reopen, asks and reopens", async () => {
    await setUp("validation:\n  on_close: reopen\n");
    await closeNotPlanned("bob");
    expect(replies()).toHaveLength(1);
    expect(replies()[0]).toContain("The issue was reopened until a reason is given");
    expect(followup.state).toBe("open");
  });

  it("in the follow-up's language (language: ko)", async () => {
    await setUp("language: ko\n");
    await closeNotPlanned("bob");
    expect(replies()).toHaveLength(1);
    expect(replies()[0]).toContain("@bob 님, 이 후속 조치는 사유 없이 **계획 없음**으로 닫혔습니다.");
  });

  it("closed as duplicate needs no reason: no request at all", async () => {
    followup.state = "closed";
    followup.state_reason = "duplicate";
    followup.closed_at = CLOSED_AT;
    const since = mark();
    await receive("issues", { ...closedPayload(followup, "bob") });
    expect(requests(since)).toEqual([]);
    expect(replies()).toEqual([]);
  });
});

describe("a reason given with the close", () => {
  it("a writer's comment made with the close ('Close with comment') is recorded; nothing is asked", async () => {
    // GitHub posts the comment, then closes: the comment's event may come first, on an open issue.
    await comment("The gateway is retired in Q3; the risk is accepted.", "alice", "2026-03-25T07:59:58Z");
    expect(followup.body).not.toContain("not-doing");
    await closeNotPlanned("alice");
    expect(replies()).toEqual([]);
    const record = readNotDoing(followup.body);
    expect(record).toMatchObject({
      reason: "The gateway is retired in Q3; the risk is accepted.",
      by: "alice",
      closedBy: "alice",
      closedAt: CLOSED_AT,
    });
    expect(evidence()).toContain(
      "⚪ **Not doing.** Reason: The gateway is retired in Q3; the risk is accepted.. Risk accepted by `alice` on 2026-03-25 ([comment](",
    );
    // Not evidence that a fix works: a later close as completed still needs proof.
    expect(recordedEvidence(followup.body ?? "")).toEqual([]);
  });

  it("the comment's event after the close records it too, silently", async () => {
    await closeNotPlanned("bob");
    expect(replies()).toHaveLength(1);
    const { id } = await comment("Superseded by the new gateway.", "bob", "2026-03-25T08:00:03Z");
    expect(readNotDoing(followup.body)).toMatchObject({
      reason: "Superseded by the new gateway.",
      by: "bob",
      comment: id,
    });
    expect(replies()).toHaveLength(1);
  });

  it("a non-writer's comment with the close is no reason: asked, nothing recorded", async () => {
    await comment("nobody needs this", "mallory", "2026-03-25T08:00:01Z");
    await closeNotPlanned("bob");
    expect(readNotDoing(followup.body)).toBeNull();
    expect(replies()).toHaveLength(1);
  });

  it("a plain comment long after the close is no reason (and costs no request)", async () => {
    await closeNotPlanned("bob");
    const since = mark();
    await comment("any news?", "alice", "2026-03-26T10:00:00Z");
    expect(requests(since)).toEqual([]);
    expect(readNotDoing(followup.body)).toBeNull();
  });

  it(`many outsiders commenting with the close: at most ${MAX_REASON_LOOKUPS} permission lookups`, async () => {
    for (let i = 0; i < 20; i++) {
      sim.addUser(`outsider${i}`);
      sim.addComment(repo, followup.number, `+1 from ${i}`, `outsider${i}`);
    }
    for (const c of repo.comments) if (c.issue_number === followup.number) c.created_at = CLOSED_AT;
    const since = mark();
    await closeNotPlanned("bob");
    const lookups = requests(since).filter((r) => r === "repos/get-collaborator-permission-level");
    expect(lookups).toHaveLength(MAX_REASON_LOOKUPS);
    expect(replies()).toHaveLength(1);
  });
});

describe("/not-doing <reason>", () => {
  it("by a writer after the close: recorded with who accepted the risk, +1; a redelivery writes nothing", async () => {
    await closeNotPlanned("bob");
    const { id, payload } = await comment(
      "/not-doing the service is retired in Q3",
      "alice",
      "2026-03-26T09:00:00Z",
    );
    expect(readNotDoing(followup.body)).toEqual({
      reason: "the service is retired in Q3",
      by: "alice",
      at: "2026-03-26T09:00:00Z",
      comment: id,
      url: `https://github.com/${repo.full_name}/issues/${followup.number}#issuecomment-${id}`,
      closedBy: "bob",
      closedAt: CLOSED_AT,
    });
    expect(evidence()).toContain("Risk accepted by `alice` on 2026-03-26");
    expect(evidence()).toContain("; closed by `bob`.");
    expect(reactionsOf(id)).toEqual(["+1"]);
    const body = followup.body;
    const since = mark();
    await receive("issue_comment", payload);
    expect(followup.body).toBe(body);
    expect(requests(since).filter((r) => r !== "repos/get-content")).toEqual(["issues/get"]);
  });

  it("by someone without write access: refused once, nothing recorded", async () => {
    await closeNotPlanned("bob");
    const { id, payload } = await comment("/not-doing not needed", "mallory", "2026-03-26T09:00:00Z");
    await receive("issue_comment", payload);
    expect(readNotDoing(followup.body)).toBeNull();
    const refused = replies().filter((r) => r.includes('"kind":"not-doing-refused"'));
    expect(refused).toHaveLength(1);
    expect(refused[0]).toContain(`"comment":${id}`);
    expect(refused[0]).toContain("Only people with write access to this repository can accept the risk");
  });

  it("without a reason: says how", async () => {
    await closeNotPlanned("bob");
    await comment("/not-doing", "alice");
    expect(readNotDoing(followup.body)).toBeNull();
    expect(replies().at(-1)).toContain("`/not-doing` needs the reason after it");
  });

  it("before the close: kept (👀), and the close finds it: nothing asked", async () => {
    const { id } = await comment(
      "/not-doing replaced by the shared rate limiter",
      "alice",
      "2026-03-24T09:00:00Z",
    );
    expect(reactionsOf(id)).toEqual(["eyes"]);
    expect(readNotDoing(followup.body)).toBeNull();
    await closeNotPlanned("bob");
    expect(readNotDoing(followup.body)).toMatchObject({
      reason: "replaced by the shared rate limiter",
      by: "alice",
    });
    expect(replies()).toEqual([]);
  });

  it("a reason the user writes cannot forge a marker or break the evidence section", async () => {
    await closeNotPlanned("bob");
    await comment(
      '/not-doing x <!-- postmortem-followups:not-doing v1 {"reason":"forged","by":"ceo"} -->\n- [x] done',
      "alice",
    );
    const record = readNotDoing(followup.body);
    expect(record?.by).toBe("alice");
    expect(record?.reason).not.toContain("<!--");
    expect(evidence().match(/<!-- postmortem-followups:not-doing /g)).toHaveLength(1);
    expect(recordedEvidence(followup.body ?? "")).toEqual([]);
  });
});
