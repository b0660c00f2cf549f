import { validate } from "@octokit/graphql-schema";
import nock from "nock";
import { beforeEach, describe, expect, it } from "vitest";
import { registerValidation } from "../../../src/app/handlers/validation.js";
import {
  EVIDENCE_BEGIN,
  EVIDENCE_END,
  MANAGED_BEGIN,
  MANAGED_END,
  readSection,
} from "../../../src/domain/markers/marker.js";
import { ISSUE_LINKS_QUERY } from "../../../src/github/issue-links.js";
import { examplePayload, withRepository } from "../../helpers/payloads.js";
import { createTestProbot, logsMatching, type TestProbot } from "../../helpers/probot.js";
import {
  bodyOf,
  botLogin,
  calls,
  commentsOn,
  find,
  freezeWrites,
  mergedPull,
  openPull,
  seedPay,
  useSimulator,
  writes,
} from "../../helpers/simulated-github.js";
import type { SimComment, SimIssue, SimRepo } from "../../simulator/index.js";

/**
 * Proof on close and `/validated` (src/app/handlers/validation.ts) against the GitHub simulator.
 * Issue #5 is a follow-up the app wrote; each test seeds what GitHub holds (linked pull requests,
 * comments, collaborators and their roles), delivers one event, and asserts the requests made, in
 * order, the exact bodies written and the issue as GitHub then holds it.
 */

const github = useSimulator();

const OWNER = "acme";
const REPO = "pay";
const API = `/repos/${OWNER}/${REPO}`;
const CONFIG = ".github/postmortem-followups.yml";
const CLOSED_AT = "2026-03-25T08:00:00Z";
const COMMENTED_AT = "2026-03-24T12:00:00Z";
const ISSUE_URL = `https://github.com/${OWNER}/${REPO}/issues/5`;
const GATEWAY_TEST = "test/payments/gateway.test.ts";

type Json = Record<string, unknown>;

let repo: SimRepo;
let bot: string;
let t: TestProbot;

beforeEach(async () => {
  repo = seedPay(github.sim, { files: { [GATEWAY_TEST]: "it('rejects null timeouts');\n" } });
  bot = botLogin(github.sim);
  t = await createTestProbot((app) => registerValidation(app), { baseUrl: github.sim.url });
});

const MARKER =
  '<!-- postmortem-followups:followup v1 {"path":"postmortems/2026-03-12-payments.md","id":"validate-config","pr":12,"due":"2026-03-19","title":"Validate gateway config","owner":"alice"} -->';

function issueBody(
  plan = [
    "- [ ] [test/payments/gateway.test.ts](https://github.com/acme/pay/blob/main/test/payments/gateway.test.ts)",
    "- [ ] #123",
  ],
  evidence: string[] = [],
): string {
  return [
    MARKER,
    MANAGED_BEGIN,
    "**Short-term mitigation** · **System** · due **2026-03-19**",
    "",
    "### Validation plan",
    "",
    "How we will know the fix works.",
    "",
    ...plan,
    MANAGED_END,
    "",
    EVIDENCE_BEGIN,
    "### Evidence",
    "",
    ...(evidence.length
      ? evidence.map((e) => `- ${e}`)
      : [
          "_No evidence yet. Close this issue with a linked pull request, tick the validation plan, or comment `/validated <link or #N>`._",
        ]),
    EVIDENCE_END,
    "",
    "Notes a person added.",
  ].join("\n");
}

/** Issue #5 as GitHub holds it: written by the app, with the tracking label (closed by default). */
function seedFollowup(
  options: { body?: string; labels?: string[]; state?: "open" | "closed" } = {},
): SimIssue {
  repo.next_number = 5;
  return github.sim.createIssue(repo, {
    title: "Validate gateway config",
    body: options.body ?? issueBody(),
    labels: options.labels ?? ["postmortem-followup", "term: short-term"],
    user: bot,
    state: options.state ?? "closed",
  });
}

function issuePayload(
  action: string,
  body: string,
  over: Json = {},
  sender: { login: string; type: string } = { login: "alice", type: "User" },
): Json {
  const payload = withRepository(
    examplePayload("issues", (p) => p.action === "opened"),
    { owner: OWNER, repo: REPO, installationId: repo.installation_id ?? 1 },
  );
  payload.action = action;
  const issue = payload.issue as Json;
  Object.assign(issue, {
    number: 5,
    title: "Validate gateway config",
    body,
    state: "closed",
    state_reason: "completed",
    closed_at: CLOSED_AT,
    updated_at: CLOSED_AT,
    html_url: ISSUE_URL,
    labels: [{ id: 1, name: "postmortem-followup", color: "5d3fd3", default: false }],
    performed_via_github_app: null,
  });
  (issue.user as Json).login = bot;
  (issue.user as Json).type = "Bot";
  Object.assign(issue, over);
  Object.assign(payload.sender as Json, sender);
  return payload;
}

/** A comment on #5 by `login`, as GitHub holds it (`at`: its creation time). */
function comment(body: string, login = "bob", at = COMMENTED_AT): SimComment {
  return Object.assign(github.sim.addComment(repo, 5, body, login), { created_at: at, updated_at: at });
}

const commentUrl = (c: SimComment) => `${ISSUE_URL}#issuecomment-${c.id}`;

/** `issue_comment.created` for a comment `comment()` seeded on #5 (an open follow-up). */
function commentPayload(c: SimComment): Json {
  const payload = withRepository(
    examplePayload("issue_comment", (p) => p.action === "created"),
    { owner: OWNER, repo: REPO, installationId: repo.installation_id ?? 1 },
  );
  const issue = payload.issue as Json;
  Object.assign(issue, {
    number: 5,
    body: issueBody(),
    state: "open",
    html_url: ISSUE_URL,
    labels: [{ id: 1, name: "postmortem-followup", color: "5d3fd3", default: false }],
  });
  delete issue.pull_request;
  (issue.user as Json).login = bot;
  (issue.user as Json).type = "Bot";
  const type = c.user.endsWith("[bot]") ? "Bot" : "User";
  const data = payload.comment as Json;
  Object.assign(data, { id: c.id, body: c.body, html_url: commentUrl(c), created_at: c.created_at });
  (data.user as Json).login = c.user;
  (data.user as Json).type = type;
  Object.assign(payload.sender as Json, { login: c.user, type });
  return payload;
}

/** The requests of the run, in order (`METHOD path`, GraphQL by operation). */
const requests = () => calls(github.sim.requests);

/**
 * What every event on a follow-up reads first: the app and its installation token, the config
 * (the repository's, then the owner's `.github` when it has none), then the issue as it is now.
 */
function reads(config: "none" | "repository" = "none"): string[] {
  return [
    "GET /app",
    `POST /app/installations/${repo.installation_id}/access_tokens`,
    `GET ${API}/contents/${CONFIG}`,
    ...(config === "none" ? [`GET /repos/${OWNER}/.github/contents/${CONFIG}`] : []),
    `GET ${API}/issues/5`,
  ];
}

/** The bodies PATCHed onto #5, in order. */
const patches = () => find(github.sim, "PATCH", `${API}/issues/5`).map((r) => bodyOf(r));

/** The bodies of the comments the app posted on #5, in order. */
const replies = () => find(github.sim, "POST", `${API}/issues/5/comments`).map((r) => bodyOf(r));

function evidenceOf(body: unknown): string | null {
  return readSection(String((body as Json).body), EVIDENCE_BEGIN, EVIDENCE_END);
}

describe("the issue-links query", () => {
  it("is valid against GitHub's GraphQL schema", () => {
    expect(validate(ISSUE_LINKS_QUERY).map((e) => e.message)).toEqual([]);
  });
});

describe("proof on close", () => {
  it("a merged pull request that closed the issue is recorded, and needs-validation removed", async () => {
    const body = issueBody();
    const issue = seedFollowup({
      body,
      labels: ["postmortem-followup", "needs-validation"],
      state: "open",
    });
    github.sim.addCollaborator(repo, "bob", "write");
    // Written by alice (no role here), merged by bob: the merger vouches for it.
    mergedPull(github.sim, repo, 40, undefined, {
      title: "Reject null timeouts (#40)",
      body: "Fixes #5",
      user: "alice",
      mergedBy: "bob",
    });
    expect(issue.state).toBe("closed");

    await t.receive("issues", issuePayload("closed", body));

    expect(requests()).toEqual([
      ...reads(),
      "POST /graphql issueLinks",
      `GET ${API}/collaborators/bob/permission`,
      `PATCH ${API}/issues/5`,
      `DELETE ${API}/issues/5/labels/needs-validation`,
    ]);
    expect(bodyOf(find(github.sim, "POST", "/graphql")[0]).variables).toEqual({
      owner: OWNER,
      repo: REPO,
      number: 5,
    });
    expect(patches()).toHaveLength(1);
    expect(Object.keys(patches()[0]!)).toEqual(["body"]);
    expect(evidenceOf(patches()[0])).toBe(
      "### Evidence\n\n- ✅ Merged pull request #40 (Reject null timeouts (#40)) closed this issue (merged by `bob`, who has write access)",
    );
    const after = String(patches()[0]!.body);
    expect(readSection(after, MANAGED_BEGIN, MANAGED_END)).toBe(
      readSection(body, MANAGED_BEGIN, MANAGED_END),
    );
    expect(after.startsWith(MARKER)).toBe(true);
    expect(after.endsWith("Notes a person added.")).toBe(true);
    expect(issue.body).toBe(after);
    expect(issue.labels).toEqual(["postmortem-followup"]);
  });

  it("a /validated comment by someone with write access is evidence", async () => {
    const body = issueBody();
    const issue = seedFollowup({ body });
    github.sim.addCollaborator(repo, "mallory", "read");
    github.sim.addCollaborator(repo, "bob", "maintain");
    // The postmortem's own pull request (#12 in the marker), where the app listed the follow-up:
    // merged, linked by the app, but never proof of the fix.
    mergedPull(github.sim, repo, 12, undefined, { title: "Postmortem: payments outage" });
    github.sim.addComment(repo, 12, "Follow-ups: #5", bot);
    // Merged: an open pull request proves nothing yet (see "replies why for an open pull request").
    mergedPull(github.sim, repo, 45, undefined, { title: "Load test" });
    const mallory = comment("/validated #45", "mallory", "2026-03-22T00:00:00Z");
    const bobs = comment("/validated #45", "bob", "2026-03-23T00:00:00Z");

    await t.receive("issues", issuePayload("closed", body));

    expect(requests()).toEqual([
      ...reads(),
      "POST /graphql issueLinks",
      `GET ${API}/issues/5/comments`,
      `GET ${API}/collaborators/mallory/permission`,
      `GET ${API}/collaborators/bob/permission`,
      `GET ${API}/issues/45`,
      `PATCH ${API}/issues/5`,
    ]);
    expect(find(github.sim, "GET", `${API}/issues/5/comments`)[0]!.search).toBe("?per_page=100");
    expect(evidenceOf(patches()[0])).toBe(
      `### Evidence\n\n- ✅ #45: validated by \`bob\` on 2026-03-23 ([comment](${commentUrl(bobs)}))`,
    );
    expect(commentUrl(mallory)).not.toBe(commentUrl(bobs));
    expect(issue.body).toBe(String(patches()[0]!.body));
  });

  it("a fully ticked validation plan is evidence (no other request needed)", async () => {
    const body = issueBody(["- [x] test/payments/gateway.test.ts", "- [X] #123"]);
    const issue = seedFollowup({ body });

    await t.receive("issues", issuePayload("closed", body));

    expect(requests()).toEqual([...reads(), `PATCH ${API}/issues/5`]);
    expect(evidenceOf(patches()[0])).toBe(
      "### Evidence\n\n- ✅ Validation plan fully ticked: confirmed by `alice` on 2026-03-25",
    );
    expect(evidenceOf(issue)).toBe(evidenceOf(patches()[0]));
  });

  it("without evidence (on_close: comment, the default): labels it needs-validation, creating the label, and says what is needed", async () => {
    const body = issueBody();
    const issue = seedFollowup({ body }); // closed by hand: its ClosedEvent has no closer

    await t.receive("issues", issuePayload("closed", body));

    expect(requests()).toEqual([
      ...reads(),
      "POST /graphql issueLinks",
      `GET ${API}/issues/5/comments`,
      `GET ${API}/labels/needs-validation`,
      `POST ${API}/labels`,
      `POST ${API}/issues/5/labels`,
      `POST ${API}/issues/5/comments`,
    ]);
    expect(bodyOf(find(github.sim, "POST", `${API}/labels`)[0])).toEqual({
      name: "needs-validation",
      color: "e99695",
      description: "Closed without proof that the fix works",
    });
    expect(bodyOf(find(github.sim, "POST", `${API}/issues/5/labels`)[0])).toEqual({
      labels: ["needs-validation"],
    });
    expect(replies()).toEqual([
      {
        body: [
          `<!-- postmortem-followups:evidence-reply v1 {"closedAt":"${CLOSED_AT}","kind":"needs-validation"} -->`,
          "This follow-up was closed as completed, but there is no proof yet that the fix works. A follow-up is done when we know it works.",
          "",
          "Any one of these is enough:",
          "",
          "- merge a pull request that closes this issue or links to it,",
          "- comment `/validated <link or #N>` (someone with write access to the repository): a test, a pull request, a dashboard, a CI run,",
          "- tick every item of the validation plan once it has been checked:",
          "",
          "  - ⬜ [test/payments/gateway.test.ts](https://github.com/acme/pay/blob/main/test/payments/gateway.test.ts)",
          "  - ⬜ #123",
          "",
          "The issue is labelled `needs-validation` until then.",
          "",
        ].join("\n"),
      },
    ]);
    expect(issue.state).toBe("closed"); // not reopened
    expect(issue.labels).toContain("needs-validation");
  });

  it("on_close: reopen asks for evidence and reopens the issue", async () => {
    github.sim.addCommit(repo, { files: { [CONFIG]: "validation:\n  on_close: reopen\nlanguage: ko\n" } });
    github.sim.addLabel(repo, "검증 필요", "e99695");
    const body = issueBody();
    const issue = seedFollowup({ body });

    await t.receive("issues", issuePayload("closed", body));

    expect(requests()).toEqual([
      ...reads("repository"),
      "POST /graphql issueLinks",
      `GET ${API}/issues/5/comments`,
      `GET ${API}/labels/검증 필요`,
      `POST ${API}/issues/5/labels`,
      `POST ${API}/issues/5/comments`,
      `PATCH ${API}/issues/5`,
    ]);
    expect(bodyOf(find(github.sim, "POST", `${API}/issues/5/labels`)[0])).toEqual({ labels: ["검증 필요"] });
    expect(String(replies()[0]!.body)).toContain(
      "그때까지 이슈를 다시 열고 `검증 필요` 레이블을 붙였습니다.",
    );
    expect(patches()).toEqual([{ state: "open" }]);
    expect(issue.state).toBe("open");
    expect(issue.labels).toContain("검증 필요");
  });

  it("a redelivered close does not ask twice", async () => {
    const body = issueBody();
    seedFollowup({ body, labels: ["postmortem-followup", "needs-validation"] });
    comment(
      `<!-- postmortem-followups:evidence-reply v1 {"closedAt":"${CLOSED_AT}","kind":"needs-validation"} -->\nThis follow-up was closed…`,
      bot,
      CLOSED_AT,
    );
    freezeWrites(github.sim);

    await t.receive("issues", issuePayload("closed", body));

    expect(requests()).toEqual([
      ...reads(),
      "POST /graphql issueLinks",
      `GET ${API}/issues/5/comments`,
      `GET ${API}/labels/needs-validation`,
    ]);
    expect(writes(github.sim)).toEqual([]);
  });

  it("closed as duplicate is 'not doing': nothing is written, not even read (not planned needs a reason: not-doing.test.ts)", async () => {
    seedFollowup();
    await t.receive("issues", issuePayload("closed", issueBody(), { state_reason: "duplicate" }));
    expect(requests()).toEqual(["GET /app"]);
    expect(logsMatching(t.logs, "closed as duplicate: not doing")).toHaveLength(1);
  });

  it("ignores closes by the app itself and issues the app did not write", async () => {
    seedFollowup();
    await t.receive("issues", issuePayload("closed", issueBody(), {}, { login: bot, type: "Bot" }));
    const forged = issuePayload("closed", issueBody());
    ((forged.issue as Json).user as Json).login = "mallory";
    ((forged.issue as Json).user as Json).type = "User";
    await t.receive("issues", forged);
    expect(requests()).toEqual(["GET /app"]);
  });

  it("ticking the whole plan after a close without proof records it and removes needs-validation", async () => {
    const body = issueBody(["- [x] test/payments/gateway.test.ts", "- [x] #123"]);
    const issue = seedFollowup({ body, labels: ["postmortem-followup", "needs-validation"] });
    const payload = issuePayload("edited", body, {
      labels: [{ name: "postmortem-followup" }, { name: "needs-validation" }],
      updated_at: "2026-03-26T09:00:00Z",
    });

    await t.receive("issues", payload);

    expect(requests()).toEqual([
      ...reads(),
      `PATCH ${API}/issues/5`,
      `DELETE ${API}/issues/5/labels/needs-validation`,
    ]);
    expect(evidenceOf(patches()[0])).toBe(
      "### Evidence\n\n- ✅ Validation plan fully ticked: confirmed by `alice` on 2026-03-26",
    );
    expect(issue.labels).toEqual(["postmortem-followup"]);
  });
});

describe("/validated", () => {
  it("records evidence from someone with write access (who, when, link), removes needs-validation and reacts", async () => {
    const body = issueBody();
    const issue = seedFollowup({ body, labels: ["postmortem-followup", "needs-validation"], state: "open" });
    github.sim.addCollaborator(repo, "bob", "admin");
    const c = comment(`/validated ${GATEWAY_TEST}\nRan it against staging.`);

    await t.receive("issue_comment", commentPayload(c));

    expect(requests()).toEqual([
      ...reads(),
      `GET ${API}/issues/5/comments`,
      `GET ${API}/collaborators/bob/permission`,
      `HEAD ${API}/contents/${GATEWAY_TEST}`,
      `PATCH ${API}/issues/5`,
      `DELETE ${API}/issues/5/labels/needs-validation`,
      `POST ${API}/issues/comments/${c.id}/reactions`,
    ]);
    expect(find(github.sim, "HEAD", /\/contents\//)[0]!.search).toBe("?ref=main");
    expect(evidenceOf(patches()[0])).toBe(
      `### Evidence\n\n- ✅ [test/payments/gateway.test.ts](https://github.com/acme/pay/blob/main/test/payments/gateway.test.ts): validated by \`bob\` on 2026-03-24 ([comment](${commentUrl(c)}))`,
    );
    expect(bodyOf(find(github.sim, "POST", /\/reactions$/)[0])).toEqual({ content: "+1" });
    expect(c.reactions?.map((r) => ({ content: r.content, user: r.user }))).toEqual([
      { content: "+1", user: bot },
    ]);
    expect(issue.labels).toEqual(["postmortem-followup"]);
  });

  it("records a non-GitHub link without ever fetching it", async () => {
    seedFollowup({ state: "open" });
    github.sim.addCollaborator(repo, "bob", "write");
    const c = comment("/validated https://grafana.example.com/d/payments?from=now-7d");
    // Only the simulator may be asked: interceptors for the dashboard prove it never is.
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
    const grafana = nock("https://grafana.example.com").get(/.*/).reply(200, "never").head(/.*/).reply(200);
    try {
      await t.receive("issue_comment", commentPayload(c));
      expect(grafana.pendingMocks()).toHaveLength(2);
    } finally {
      nock.cleanAll();
      nock.enableNetConnect();
    }

    expect(requests()).toEqual([
      ...reads(),
      `GET ${API}/issues/5/comments`,
      `GET ${API}/collaborators/bob/permission`,
      `PATCH ${API}/issues/5`,
      `POST ${API}/issues/comments/${c.id}/reactions`,
    ]);
    expect(evidenceOf(patches()[0])).toBe(
      `### Evidence\n\n- ✅ [https://grafana.example.com/d/payments?from=now-7d](https://grafana.example.com/d/payments?from=now-7d) (not fetched: checked for form only): validated by \`bob\` on 2026-03-24 ([comment](${commentUrl(c)}))`,
    );
  });

  it("refuses, politely, someone without write access: nothing is recorded", async () => {
    const issue = seedFollowup({ state: "open" });
    github.sim.addCollaborator(repo, "mallory", "triage");
    const c = comment("/validated #45", "mallory");

    await t.receive("issue_comment", commentPayload(c));

    expect(requests()).toEqual([
      ...reads(),
      `GET ${API}/issues/5/comments`,
      `GET ${API}/collaborators/mallory/permission`,
      `POST ${API}/issues/5/comments`,
    ]);
    expect(replies()).toEqual([
      {
        body: [
          `<!-- postmortem-followups:evidence-reply v1 {"comment":${c.id},"kind":"refused"} -->`,
          "Thanks, @mallory. Only people with write access to this repository can record validation, so nothing was recorded. Ask a maintainer to confirm it with `/validated <link or #N>`.",
          "",
        ].join("\n"),
      },
    ]);
    expect(patches()).toEqual([]);
    expect(issue.body).toBe(issueBody());
  });

  it("replies why when the evidence does not exist", async () => {
    seedFollowup({ state: "open" });
    github.sim.addCollaborator(repo, "bob", "write");
    // An older GitHub Enterprise Server answers without `role_name`: the legacy permission decides.
    github.sim.inject({
      match: { operation: "repos/get-collaborator-permission-level" },
      respond: { status: 200, body: { permission: "write", user: { login: "bob", type: "User" } } },
    });
    const c = comment("/validated #999");

    await t.receive("issue_comment", commentPayload(c));

    expect(requests()).toEqual([
      ...reads(),
      `GET ${API}/issues/5/comments`,
      `GET ${API}/collaborators/bob/permission`,
      `GET ${API}/issues/999`,
      `POST ${API}/issues/5/comments`,
    ]);
    expect(String(replies()[0]!.body)).toBe(
      [
        `<!-- postmortem-followups:evidence-reply v1 {"comment":${c.id},"kind":"rejected"} -->`,
        "@bob, this evidence was not recorded: #999 in acme/pay does not exist (no issue or pull request has this number).",
        "",
        "Name a file in this repository, a pull request or issue (`#123`), or an https link, then comment `/validated <evidence>` again.",
        "",
      ].join("\n"),
    );
  });

  it.each([
    [
      "malformed evidence",
      "/validated http://insecure.example.com",
      '"http://insecure.example.com" must use https (or list insecure.example.com in the config\'s validation.http_hosts)',
    ],
    ["the issue itself", "/validated #5", "this issue cannot be its own evidence"],
  ])("replies why for %s", async (_name, text, reason) => {
    seedFollowup({ state: "open" });
    github.sim.addCollaborator(repo, "bob", "write");
    const c = comment(text);

    await t.receive("issue_comment", commentPayload(c));

    expect(requests()).toEqual([
      ...reads(),
      `GET ${API}/issues/5/comments`,
      `GET ${API}/collaborators/bob/permission`,
      // #5 is looked up like any issue named as evidence; a malformed link is never fetched.
      ...(text.endsWith("#5") ? [`GET ${API}/issues/5`] : []),
      `POST ${API}/issues/5/comments`,
    ]);
    expect(String(replies()[0]!.body)).toContain(`this evidence was not recorded: ${reason}.`);
    expect(patches()).toEqual([]);
  });

  it.each([
    [
      "an open pull request",
      (n: number) => openPull(github.sim, repo, n, undefined, { title: "Load test" }),
      "#45 in acme/pay is an open pull request: it proves a fix once it is merged",
    ],
    [
      "a pull request closed without merging",
      (n: number) => {
        const pr = openPull(github.sim, repo, n, undefined, { title: "Load test" });
        Object.assign(pr, { state: "closed", closed_at: "2026-03-20T00:00:00Z" });
      },
      "#45 in acme/pay is a pull request closed without merging",
    ],
    [
      "an open issue",
      (n: number) => {
        repo.next_number = n;
        github.sim.createIssue(repo, { title: "Load test", user: "alice" });
      },
      "#45 in acme/pay is an open issue: an issue proves a fix once it is closed",
    ],
  ])(
    "replies why for %s (the rule the re-check applies: src/domain/validation/resolve.ts)",
    async (_name, seed, reason) => {
      seedFollowup({ state: "open" });
      github.sim.addCollaborator(repo, "bob", "write");
      seed(45);
      const c = comment("/validated #45");

      await t.receive("issue_comment", commentPayload(c));

      expect(requests()).toEqual([
        ...reads(),
        `GET ${API}/issues/5/comments`,
        `GET ${API}/collaborators/bob/permission`,
        `GET ${API}/issues/45`,
        `POST ${API}/issues/5/comments`,
      ]);
      expect(String(replies()[0]!.body)).toContain(`@bob, this evidence was not recorded: ${reason}.`);
      expect(patches()).toEqual([]);
    },
  );

  it("refuses an overlong argument without looking anything up", async () => {
    seedFollowup({ state: "open" });
    github.sim.addCollaborator(repo, "bob", "write");
    const c = comment(`/validated https://example.com/${"a".repeat(3000)}`);
    // The answer to the reply is not read back: one GitHub's schema allows without `body` and with
    // `user: null` (a ghost) changes nothing.
    github.sim.inject({
      match: { operation: "issues/create-comment" },
      respond: { status: 201, afterWrite: true, body: { id: 953, user: null } },
    });

    await t.receive("issue_comment", commentPayload(c));

    expect(requests()).toEqual([
      ...reads(),
      `GET ${API}/issues/5/comments`,
      `GET ${API}/collaborators/bob/permission`,
      `POST ${API}/issues/5/comments`,
    ]);
    expect(String(replies()[0]!.body)).toContain("the evidence is longer than 2048 characters");
    expect(commentsOn(repo, 5).map((x) => x.user)).toEqual(["bob", bot]);
  });

  it("the same comment delivered twice records once", async () => {
    const issue = seedFollowup({ state: "open" });
    const c = comment("/validated #45");
    issue.body = issueBody(undefined, [
      `✅ #45: validated by \`bob\` on 2026-03-24 ([comment](${commentUrl(c)}))`,
    ]);
    freezeWrites(github.sim);

    await t.receive("issue_comment", commentPayload(c));

    expect(requests()).toEqual(reads());
    expect(logsMatching(t.logs, "already recorded (redelivery)")).toHaveLength(1);
  });

  it("a refusal delivered twice is answered once", async () => {
    seedFollowup({ state: "open" });
    const c = comment("/validated #45", "mallory");
    comment(
      `<!-- postmortem-followups:evidence-reply v1 {"comment":${c.id},"kind":"refused"} -->\nThanks…`,
      bot,
      CLOSED_AT,
    );
    freezeWrites(github.sim);

    await t.receive("issue_comment", commentPayload(c));

    expect(requests()).toEqual([...reads(), `GET ${API}/issues/5/comments`]);
    expect(writes(github.sim)).toEqual([]);
  });

  it("ignores bots, the app itself, and comments that are not the command", async () => {
    seedFollowup({ state: "open" });
    await t.receive("issue_comment", commentPayload(comment("/validated #45", "dependabot[bot]")));
    await t.receive("issue_comment", commentPayload(comment("/validated #45", bot)));
    await t.receive("issue_comment", commentPayload(comment("Thanks! > /validated #45")));
    expect(requests()).toEqual(["GET /app"]);
  });
});
