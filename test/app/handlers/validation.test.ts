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
import { GITHUB_API, recordUnmatched, useNock } from "../../helpers/octokit.js";
import { examplePayload, withRepository } from "../../helpers/payloads.js";
import { createTestProbot, type TestProbot } from "../../helpers/probot.js";

useNock();
const unmatched = recordUnmatched();

const OWNER = "acme";
const REPO = "pay";
const API = `/repos/${OWNER}/${REPO}`;
const BOT = { login: "postmortem-followups[bot]", type: "Bot" };
const CONFIG_PATH = `${API}/contents/.github%2Fpostmortem-followups.yml`;
const ORG_CONFIG_PATH = `/repos/${OWNER}/.github/contents/.github%2Fpostmortem-followups.yml`;
const CLOSED_AT = "2026-03-25T08:00:00Z";
const ISSUE_URL = `https://github.com/${OWNER}/${REPO}/issues/5`;

type Json = Record<string, unknown>;

let t: TestProbot;
beforeEach(async () => {
  t = await createTestProbot((app) => registerValidation(app));
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

function restIssue(body: string, over: Json = {}): Json {
  return {
    number: 5,
    title: "Validate gateway config",
    body,
    state: "closed",
    state_reason: "completed",
    html_url: ISSUE_URL,
    user: BOT,
    labels: [{ name: "postmortem-followup" }, { name: "term: short-term" }],
    ...over,
  };
}

function issuePayload(
  action: string,
  body: string,
  over: Json = {},
  sender = { login: "alice", type: "User" },
): Json {
  const payload = withRepository(
    examplePayload("issues", (p) => p.action === "opened"),
    { owner: OWNER, repo: REPO },
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
  (issue.user as Json).login = BOT.login;
  (issue.user as Json).type = BOT.type;
  Object.assign(issue, over);
  Object.assign(payload.sender as Json, sender);
  return payload;
}

function commentPayload(body: string, login = "bob", id = 901, type = "User"): Json {
  const payload = withRepository(
    examplePayload("issue_comment", (p) => p.action === "created"),
    { owner: OWNER, repo: REPO },
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
  (issue.user as Json).login = BOT.login;
  (issue.user as Json).type = BOT.type;
  const comment = payload.comment as Json;
  Object.assign(comment, {
    id,
    body,
    html_url: `${ISSUE_URL}#issuecomment-${id}`,
    created_at: "2026-03-24T12:00:00Z",
  });
  (comment.user as Json).login = login;
  (comment.user as Json).type = type;
  Object.assign(payload.sender as Json, { login, type });
  return payload;
}

function auth(): nock.Scope {
  return nock(GITHUB_API)
    .get("/app")
    .reply(200, { id: 1, slug: "postmortem-followups" })
    .post("/app/installations/1/access_tokens")
    .reply(201, { token: "ghs_test", expires_at: "2099-01-01T00:00:00Z" });
}

function withConfig(scope: nock.Scope, yaml?: string): nock.Scope {
  if (yaml === undefined)
    return scope
      .get(CONFIG_PATH)
      .reply(404, { message: "Not Found" })
      .get(ORG_CONFIG_PATH)
      .reply(404, { message: "Not Found" });
  // Probot's config plugin asks for the raw file.
  return scope
    .get(CONFIG_PATH)
    .reply(200, yaml, { "content-type": "application/vnd.github.raw; charset=utf-8" });
}

/**
 * What every issue event reads first (the shared fixture of this file): the app and its token, the
 * config (absent, or `yaml`), then the issue as it is now.
 */
function readsIssue(issue: Json, yaml?: string): nock.Scope {
  return withConfig(auth(), yaml).get(`${API}/issues/5`).reply(200, issue);
}

/** Only the bot login lookup: events ignored before any installation request. */
function appOnly(): nock.Scope {
  return nock(GITHUB_API).get("/app").reply(200, { id: 1, slug: "postmortem-followups" });
}

function links(nodes: { closing?: Json[]; timeline?: Json[] } = {}) {
  return {
    data: {
      repository: {
        issue: {
          closedByPullRequestsReferences: { nodes: nodes.closing ?? [] },
          timelineItems: { nodes: nodes.timeline ?? [] },
        },
      },
    },
  };
}

const mergedPull = (number: number, repository = "acme/pay") => ({
  __typename: "PullRequest",
  number,
  url: `https://github.com/${repository}/pull/${number}`,
  title: `Reject null timeouts (#${number})`,
  merged: true,
  mergedAt: "2026-03-24T00:00:00Z",
  repository: { nameWithOwner: repository },
  author: { __typename: "User", login: "alice" },
  mergedBy: { __typename: "User", login: "bob" },
});

function capture(into: Json[]) {
  return (body: Json) => {
    into.push(body);
    return true;
  };
}

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
    const patches: Json[] = [];
    const gh = readsIssue(
      restIssue(body, { labels: [{ name: "postmortem-followup" }, { name: "needs-validation" }] }),
    )
      .post(
        "/graphql",
        (b: Json) => String(b.query).includes("query issueLinks") && (b.variables as Json).number === 5,
      )
      .reply(
        200,
        links({ timeline: [{ __typename: "ClosedEvent", createdAt: CLOSED_AT, closer: mergedPull(40) }] }),
      )
      .get(`${API}/collaborators/bob/permission`)
      .reply(200, { permission: "write", role_name: "write", user: { login: "bob" } })
      .patch(`${API}/issues/5`, capture(patches))
      .reply(200, {})
      .delete(`${API}/issues/5/labels/needs-validation`)
      .reply(200, []);

    await t.receive("issues", issuePayload("closed", body));

    expect(gh.isDone()).toBe(true);
    expect(unmatched).toEqual([]);
    expect(patches).toHaveLength(1);
    expect(Object.keys(patches[0]!)).toEqual(["body"]);
    expect(evidenceOf(patches[0])).toBe(
      "### Evidence\n\n- ✅ Merged pull request #40 (Reject null timeouts (#40)) closed this issue (merged by `bob`, who has write access)",
    );
    const after = String(patches[0]!.body);
    expect(readSection(after, MANAGED_BEGIN, MANAGED_END)).toBe(
      readSection(body, MANAGED_BEGIN, MANAGED_END),
    );
    expect(after.startsWith(MARKER)).toBe(true);
    expect(after.endsWith("Notes a person added.")).toBe(true);
  });

  it("a /validated comment by someone with write access is evidence", async () => {
    const body = issueBody();
    const patches: Json[] = [];
    const gh = readsIssue(restIssue(body))
      .post("/graphql")
      .reply(
        200,
        links({
          timeline: [
            {
              __typename: "CrossReferencedEvent",
              createdAt: CLOSED_AT,
              actor: { __typename: "Bot", login: "postmortem-followups" },
              source: mergedPull(12),
            },
          ],
        }),
      )
      .get(`${API}/issues/5/comments`)
      .query({ per_page: 100 })
      .reply(200, [
        {
          id: 1,
          body: "/validated #45",
          user: { login: "mallory", type: "User" },
          html_url: `${ISSUE_URL}#issuecomment-1`,
          created_at: "2026-03-22T00:00:00Z",
        },
        {
          id: 2,
          body: "/validated #45",
          user: { login: "bob", type: "User" },
          html_url: `${ISSUE_URL}#issuecomment-2`,
          created_at: "2026-03-23T00:00:00Z",
        },
      ])
      .get(`${API}/collaborators/mallory/permission`)
      .reply(200, { permission: "read", role_name: "read", user: { login: "mallory" } })
      .get(`${API}/collaborators/bob/permission`)
      .reply(200, { permission: "write", role_name: "maintain", user: { login: "bob" } })
      .get(`${API}/issues/45`)
      .reply(200, {
        number: 45,
        title: "Load test",
        html_url: "https://github.com/acme/pay/pull/45",
        pull_request: { merged_at: null },
      })
      .patch(`${API}/issues/5`, capture(patches))
      .reply(200, {});

    await t.receive("issues", issuePayload("closed", body));

    expect(gh.isDone()).toBe(true);
    expect(evidenceOf(patches[0])).toBe(
      `### Evidence\n\n- ✅ #45: validated by \`bob\` on 2026-03-23 ([comment](${ISSUE_URL}#issuecomment-2))`,
    );
  });

  it("a fully ticked validation plan is evidence (no other request needed)", async () => {
    const body = issueBody(["- [x] test/payments/gateway.test.ts", "- [X] #123"]);
    const patches: Json[] = [];
    const gh = readsIssue(restIssue(body)).patch(`${API}/issues/5`, capture(patches)).reply(200, {});

    await t.receive("issues", issuePayload("closed", body));

    expect(gh.isDone()).toBe(true);
    expect(evidenceOf(patches[0])).toBe(
      "### Evidence\n\n- ✅ Validation plan fully ticked: confirmed by `alice` on 2026-03-25",
    );
  });

  it("without evidence (on_close: comment, the default): labels it needs-validation, creating the label, and says what is needed", async () => {
    const body = issueBody();
    const bodies: Json[] = [];
    const gh = readsIssue(restIssue(body))
      .post("/graphql")
      .reply(200, links({ timeline: [{ __typename: "ClosedEvent", createdAt: CLOSED_AT, closer: null }] }))
      .get(`${API}/issues/5/comments`)
      .query(true)
      .reply(200, [])
      .get(`${API}/labels/needs-validation`)
      .reply(404, { message: "Not Found" })
      .post(`${API}/labels`, {
        name: "needs-validation",
        color: "e99695",
        description: "Closed without proof that the fix works",
      })
      .reply(201, {})
      .post(`${API}/issues/5/labels`, { labels: ["needs-validation"] })
      .reply(200, [])
      .post(`${API}/issues/5/comments`, capture(bodies))
      .reply(201, { id: 77 });
    const reopen = nock(GITHUB_API).patch(`${API}/issues/5`).reply(200, {});

    await t.receive("issues", issuePayload("closed", body));

    expect(gh.isDone()).toBe(true);
    expect(reopen.isDone()).toBe(false);
    expect(bodies[0]!.body).toBe(
      [
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
    );
  });

  it("on_close: reopen asks for evidence and reopens the issue", async () => {
    const body = issueBody();
    const gh = readsIssue(restIssue(body), "validation:\n  on_close: reopen\nlanguage: ko\n")
      .post("/graphql")
      .reply(200, links())
      .get(`${API}/issues/5/comments`)
      .query(true)
      .reply(200, [])
      .get(`${API}/labels/${encodeURIComponent("검증 필요")}`)
      .reply(200, { name: "검증 필요" })
      .post(`${API}/issues/5/labels`, { labels: ["검증 필요"] })
      .reply(200, [])
      .post(`${API}/issues/5/comments`, (b: Json) =>
        String(b.body).includes("그때까지 이슈를 다시 열고 `검증 필요` 레이블을 붙였습니다."),
      )
      .reply(201, { id: 77 })
      .patch(`${API}/issues/5`, { state: "open" })
      .reply(200, {});

    await t.receive("issues", issuePayload("closed", body));

    expect(gh.isDone()).toBe(true);
    expect(unmatched).toEqual([]);
  });

  it("a redelivered close does not ask twice", async () => {
    const body = issueBody();
    const gh = readsIssue(
      restIssue(body, { labels: [{ name: "postmortem-followup" }, { name: "needs-validation" }] }),
    )
      .post("/graphql")
      .reply(200, links())
      .get(`${API}/issues/5/comments`)
      .query(true)
      .reply(200, [
        {
          id: 77,
          body: `<!-- postmortem-followups:evidence-reply v1 {"closedAt":"${CLOSED_AT}","kind":"needs-validation"} -->\nThis follow-up was closed…`,
          user: BOT,
          html_url: `${ISSUE_URL}#issuecomment-77`,
          created_at: CLOSED_AT,
        },
      ])
      .get(`${API}/labels/needs-validation`)
      .reply(200, { name: "needs-validation" });
    const writes = nock(GITHUB_API).post(/.*/).reply(201, {}).patch(/.*/).reply(200, {});

    await t.receive("issues", issuePayload("closed", body));

    expect(gh.isDone()).toBe(true);
    expect(writes.pendingMocks()).toHaveLength(2);
  });

  it("closed as duplicate is 'not doing': nothing is written, not even read (not planned needs a reason: not-doing.test.ts)", async () => {
    const gh = appOnly();
    await t.receive("issues", issuePayload("closed", issueBody(), { state_reason: "duplicate" }));
    expect(gh.isDone()).toBe(true);
    expect(unmatched).toEqual([]);
    expect(t.logs.some((l) => l.msg.includes("closed as duplicate: not doing"))).toBe(true);
  });

  it("ignores closes by the app itself and issues the app did not write", async () => {
    const gh = appOnly();
    await t.receive("issues", issuePayload("closed", issueBody(), {}, BOT));
    const forged = issuePayload("closed", issueBody());
    ((forged.issue as Json).user as Json).login = "mallory";
    ((forged.issue as Json).user as Json).type = "User";
    await t.receive("issues", forged);
    expect(gh.isDone()).toBe(true);
    expect(unmatched).toEqual([]);
  });

  it("ticking the whole plan after a close without proof records it and removes needs-validation", async () => {
    const body = issueBody(["- [x] test/payments/gateway.test.ts", "- [x] #123"]);
    const patches: Json[] = [];
    const gh = readsIssue(
      restIssue(body, { labels: [{ name: "postmortem-followup" }, { name: "needs-validation" }] }),
    )
      .patch(`${API}/issues/5`, capture(patches))
      .reply(200, {})
      .delete(`${API}/issues/5/labels/needs-validation`)
      .reply(200, []);
    const payload = issuePayload("edited", body, {
      labels: [{ name: "postmortem-followup" }, { name: "needs-validation" }],
      updated_at: "2026-03-26T09:00:00Z",
    });

    await t.receive("issues", payload);

    expect(gh.isDone()).toBe(true);
    expect(evidenceOf(patches[0])).toBe(
      "### Evidence\n\n- ✅ Validation plan fully ticked: confirmed by `alice` on 2026-03-26",
    );
  });
});

describe("/validated", () => {
  it("records evidence from someone with write access (who, when, link), removes needs-validation and reacts", async () => {
    const body = issueBody();
    const patches: Json[] = [];
    const gh = readsIssue(
      restIssue(body, {
        state: "open",
        labels: [{ name: "postmortem-followup" }, { name: "needs-validation" }],
      }),
    )
      .get(`${API}/issues/5/comments`)
      .query(true)
      .reply(200, [])
      .get(`${API}/collaborators/bob/permission`)
      .reply(200, { permission: "admin", role_name: "admin", user: { login: "bob" } })
      .head(`${API}/contents/test%2Fpayments%2Fgateway.test.ts`)
      .query({ ref: "main" })
      .reply(200)
      .patch(`${API}/issues/5`, capture(patches))
      .reply(200, {})
      .delete(`${API}/issues/5/labels/needs-validation`)
      .reply(200, [])
      .post(`${API}/issues/comments/901/reactions`, { content: "+1" })
      .reply(201, {});

    await t.receive(
      "issue_comment",
      commentPayload("/validated test/payments/gateway.test.ts\nRan it against staging."),
    );

    expect(gh.isDone()).toBe(true);
    expect(evidenceOf(patches[0])).toBe(
      `### Evidence\n\n- ✅ [test/payments/gateway.test.ts](https://github.com/acme/pay/blob/main/test/payments/gateway.test.ts): validated by \`bob\` on 2026-03-24 ([comment](${ISSUE_URL}#issuecomment-901))`,
    );
  });

  it("records a non-GitHub link without ever fetching it", async () => {
    const patches: Json[] = [];
    const gh = readsIssue(restIssue(issueBody(), { state: "open" }))
      .get(`${API}/issues/5/comments`)
      .query(true)
      .reply(200, [])
      .get(`${API}/collaborators/bob/permission`)
      .reply(200, { permission: "write", role_name: "write" })
      .patch(`${API}/issues/5`, capture(patches))
      .reply(200, {})
      .post(`${API}/issues/comments/901/reactions`)
      .reply(201, {});
    const grafana = nock("https://grafana.example.com").get(/.*/).reply(200, "never").head(/.*/).reply(200);

    await t.receive(
      "issue_comment",
      commentPayload("/validated https://grafana.example.com/d/payments?from=now-7d"),
    );

    expect(gh.isDone()).toBe(true);
    expect(grafana.pendingMocks()).toHaveLength(2);
    expect(unmatched).toEqual([]);
    expect(evidenceOf(patches[0])).toBe(
      `### Evidence\n\n- ✅ [https://grafana.example.com/d/payments?from=now-7d](https://grafana.example.com/d/payments?from=now-7d) (not fetched: checked for form only): validated by \`bob\` on 2026-03-24 ([comment](${ISSUE_URL}#issuecomment-901))`,
    );
  });

  it("refuses, politely, someone without write access: nothing is recorded", async () => {
    const replies: Json[] = [];
    const gh = readsIssue(restIssue(issueBody(), { state: "open" }))
      .get(`${API}/issues/5/comments`)
      .query(true)
      .reply(200, [])
      .get(`${API}/collaborators/mallory/permission`)
      .reply(200, { permission: "read", role_name: "triage", user: { login: "mallory" } })
      .post(`${API}/issues/5/comments`, capture(replies))
      .reply(201, { id: 950 });
    const patch = nock(GITHUB_API).patch(/.*/).reply(200, {});

    await t.receive("issue_comment", commentPayload("/validated #45", "mallory"));

    expect(gh.isDone()).toBe(true);
    expect(patch.isDone()).toBe(false);
    expect(replies[0]).toEqual({
      body: [
        '<!-- postmortem-followups:evidence-reply v1 {"comment":901,"kind":"refused"} -->',
        "Thanks, @mallory. Only people with write access to this repository can record validation, so nothing was recorded. Ask a maintainer to confirm it with `/validated <link or #N>`.",
        "",
      ].join("\n"),
    });
  });

  it("replies why when the evidence does not exist", async () => {
    const replies: Json[] = [];
    const gh = readsIssue(restIssue(issueBody(), { state: "open" }))
      .get(`${API}/issues/5/comments`)
      .query(true)
      .reply(200, [])
      .get(`${API}/collaborators/bob/permission`)
      .reply(200, { permission: "write" })
      .get(`${API}/issues/999`)
      .reply(404, { message: "Not Found" })
      .post(`${API}/issues/5/comments`, capture(replies))
      .reply(201, { id: 951 });

    await t.receive("issue_comment", commentPayload("/validated #999"));

    expect(gh.isDone()).toBe(true);
    expect(String(replies[0]!.body)).toBe(
      [
        '<!-- postmortem-followups:evidence-reply v1 {"comment":901,"kind":"rejected"} -->',
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
    const replies: Json[] = [];
    const scope = readsIssue(restIssue(issueBody(), { state: "open" }))
      .get(`${API}/issues/5/comments`)
      .query(true)
      .reply(200, [])
      .get(`${API}/collaborators/bob/permission`)
      .reply(200, { permission: "write" });
    if (text.endsWith("#5"))
      scope.get(`${API}/issues/5`).reply(200, restIssue(issueBody(), { state: "open" }));
    scope.post(`${API}/issues/5/comments`, capture(replies)).reply(201, { id: 952 });

    await t.receive("issue_comment", commentPayload(text));

    expect(scope.isDone()).toBe(true);
    expect(String(replies[0]!.body)).toContain(`this evidence was not recorded: ${reason}.`);
  });

  it("refuses an overlong argument without looking anything up", async () => {
    const replies: Json[] = [];
    const gh = readsIssue(restIssue(issueBody(), { state: "open" }))
      .get(`${API}/issues/5/comments`)
      .query(true)
      .reply(200, [])
      .get(`${API}/collaborators/bob/permission`)
      .reply(200, { permission: "write" })
      .post(`${API}/issues/5/comments`, capture(replies))
      .reply(201, { id: 953 });

    await t.receive("issue_comment", commentPayload(`/validated https://example.com/${"a".repeat(3000)}`));

    expect(gh.isDone()).toBe(true);
    expect(String(replies[0]!.body)).toContain("the evidence is longer than 2048 characters");
  });

  it("the same comment delivered twice records once", async () => {
    const recorded = issueBody(undefined, [
      `✅ #45: validated by \`bob\` on 2026-03-24 ([comment](${ISSUE_URL}#issuecomment-901))`,
    ]);
    const gh = readsIssue(restIssue(recorded, { state: "open" }));

    await t.receive("issue_comment", commentPayload("/validated #45"));

    expect(gh.isDone()).toBe(true);
    expect(unmatched).toEqual([]);
    expect(t.logs.some((l) => l.msg.includes("already recorded (redelivery)"))).toBe(true);
  });

  it("a refusal delivered twice is answered once", async () => {
    const gh = readsIssue(restIssue(issueBody(), { state: "open" }))
      .get(`${API}/issues/5/comments`)
      .query(true)
      .reply(200, [
        {
          id: 950,
          body: '<!-- postmortem-followups:evidence-reply v1 {"comment":901,"kind":"refused"} -->\nThanks…',
          user: BOT,
          html_url: "x",
          created_at: CLOSED_AT,
        },
      ]);

    await t.receive("issue_comment", commentPayload("/validated #45", "mallory"));

    expect(gh.isDone()).toBe(true);
    expect(unmatched).toEqual([]);
  });

  it("ignores bots, the app itself, and comments that are not the command", async () => {
    const gh = appOnly();
    await t.receive("issue_comment", commentPayload("/validated #45", "dependabot[bot]", 902, "Bot"));
    await t.receive("issue_comment", commentPayload("/validated #45", BOT.login, 903, "Bot"));
    await t.receive("issue_comment", commentPayload("Thanks! > /validated #45"));
    expect(unmatched).toEqual([]);
    gh.done();
  });
});
