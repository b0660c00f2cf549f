import { describe, expect, it } from "vitest";
import {
  distinctLookups,
  type EvidencePlan,
  judgeEvidence,
  type LookupResult,
  lookupKey,
  planEvidence,
  type ResolveContext,
  unsettledOf,
} from "../../../src/domain/validation/resolve.js";

const SHA = "0123456789abcdef0123456789abcdef01234567";
const ctx: ResolveContext = {
  owner: "acme",
  repo: "pay",
  ref: SHA,
  githubHost: "github.com",
  serverUrl: "https://github.com",
};

describe("planEvidence", () => {
  it.each<[string, string, unknown]>([
    [
      "repository path -> contents at the head commit",
      "test/payments/gateway.test.ts",
      [{ kind: "content", ref: SHA, path: "test/payments/gateway.test.ts" }],
    ],
    ["directory path", "./test/payments/", [{ kind: "content", ref: SHA, path: "test/payments" }]],
    ["#N -> issues.get (issue or pull request)", "#123", [{ kind: "issue", number: 123 }]],
    [
      "blob link into this repo",
      "https://github.com/acme/pay/blob/main/test/a.ts#L3",
      [
        { kind: "content", ref: "main", path: "test/a.ts" },
        { kind: "content", ref: "main/test", path: "a.ts" },
      ],
    ],
    [
      "tree link, owner/repo case-insensitive",
      "https://github.com/ACME/Pay/tree/v1.2/docs",
      [{ kind: "content", ref: "v1.2", path: "docs" }],
    ],
    [
      "a ref with a slash is never read as the repository's root",
      "https://github.com/acme/pay/tree/release/2.x",
      [{ kind: "content", ref: "release", path: "2.x" }],
    ],
    ["pull link", "https://github.com/acme/pay/pull/45", [{ kind: "issue", number: 45 }]],
    ["issues link", "https://github.com/acme/pay/issues/7", [{ kind: "issue", number: 7 }]],
    [
      "workflow link",
      "https://github.com/acme/pay/actions/workflows/canary.yml",
      [{ kind: "workflow", file: "canary.yml" }],
    ],
    ["workflow run link", "https://github.com/acme/pay/actions/runs/99", [{ kind: "run", id: 99 }]],
    ["commit link", "https://github.com/acme/pay/commit/abc1234", [{ kind: "commit", sha: "abc1234" }]],
  ])("%s", (_name, entry, lookups) => {
    const plan = planEvidence(entry, ctx);
    expect(plan.kind).toBe("lookup");
    expect((plan as Extract<EvidencePlan, { kind: "lookup" }>).lookups).toEqual(lookups);
  });

  it.each<[string, string, string]>([
    ["another host is never fetched", "https://grafana.example.com/d/payments", "external"],
    [
      "a github.com link to another repository is not fetched",
      "https://github.com/other/repo/blob/main/a.ts",
      "other-repo",
    ],
    [
      "a link into this repo the app cannot resolve",
      "https://github.com/acme/pay/wiki/Runbook",
      "unresolvable",
    ],
    ["github.com is just another host on GHE", "https://github.com/acme/pay/pull/1", "external"],
  ])("%s", (name, entry, reason) => {
    const c = name.includes("GHE")
      ? { ...ctx, githubHost: "ghe.example.com", serverUrl: "https://ghe.example.com" }
      : ctx;
    const plan = planEvidence(entry, c);
    expect(plan).toMatchObject({ kind: "form-only", reason });
  });

  it("resolves links into this repository on a GHE host", () => {
    const c = { ...ctx, githubHost: "ghe.example.com", serverUrl: "https://ghe.example.com" };
    expect(planEvidence("https://ghe.example.com/acme/pay/pull/3", c)).toMatchObject({
      kind: "lookup",
      lookups: [{ kind: "issue", number: 3 }],
    });
  });

  it.each([
    "http://grafana.example.com/x",
    "/etc/passwd",
    "../secrets",
    "just words",
    "https://user:pw@github.com/acme/pay",
  ])("%s is invalid, with no lookup", (entry) => {
    const plan = planEvidence(entry, ctx);
    expect(plan.kind).toBe("invalid");
    expect(distinctLookups([plan])).toEqual([]);
  });
});

describe("distinctLookups", () => {
  it("dedupes the same question across follow-ups (one request per run)", () => {
    const plans = [
      "#123",
      "#123",
      "test/a.ts",
      "./test/a.ts",
      "https://github.com/acme/pay/issues/123",
      "https://grafana.example.com/",
    ].map((e) => planEvidence(e, ctx));
    expect(distinctLookups(plans).map(lookupKey)).toEqual(["issue:123", `content:${SHA}:test/a.ts`]);
  });
});

describe("judgeEvidence", () => {
  const judge = (entry: string, answers: Record<string, LookupResult>, language: "en" | "ko" = "en") =>
    judgeEvidence(planEvidence(entry, ctx), new Map(Object.entries(answers)), ctx, language);

  it.each<[string, string, Record<string, LookupResult>, string, string | null, string]>([
    [
      "path found",
      "test/a.ts",
      { [`content:${SHA}:test/a.ts`]: { status: "found" } },
      "verified",
      null,
      'found "test/a.ts" at 0123456',
    ],
    [
      "path missing",
      "test/a.ts",
      { [`content:${SHA}:test/a.ts`]: { status: "missing" } },
      "missing",
      "error",
      '"test/a.ts" at 0123456 does not exist',
    ],
    [
      "#N missing",
      "#9",
      { "issue:9": { status: "missing" } },
      "missing",
      "error",
      "#9 in acme/pay does not exist (no issue or pull request has this number)",
    ],
    ["#N deleted", "#9", { "issue:9": { status: "gone" } }, "missing", "error", "#9 in acme/pay was deleted"],
    [
      "workflow without the actions permission",
      "https://github.com/acme/pay/actions/workflows/c.yml",
      { "workflow:c.yml": { status: "forbidden" } },
      "cannot-verify",
      "warning",
      'cannot verify workflow "c.yml" in acme/pay: the app has no "actions" read permission on this repository',
    ],
    [
      "over the lookup budget",
      "#9",
      { "issue:9": { status: "skipped" } },
      "cannot-verify",
      "warning",
      "#9 in acme/pay was not checked: too many evidence lookups in one run",
    ],
    [
      "external URL",
      "https://grafana.example.com/d/x",
      {},
      "unverified",
      "notice",
      "https://grafana.example.com/d/x is not on GitHub: checked for form only (the app never fetches other hosts)",
    ],
    [
      "invalid",
      "http://x.example",
      {},
      "invalid",
      "error",
      '"http://x.example" must use https (or list x.example in the config\'s validation.http_hosts)',
    ],
  ])("%s", (_name, entry, answers, status, severity, message) => {
    expect(judge(entry, answers)).toMatchObject({ status, severity, message });
  });

  it.each<[string, Extract<LookupResult, { status: "found" }>, string | null, string]>([
    [
      "a closed issue",
      { status: "found", pullRequest: false, merged: false, state: "closed" },
      null,
      "found #9 in acme/pay",
    ],
    [
      "a merged pull request",
      { status: "found", pullRequest: true, merged: true, state: "closed" },
      null,
      "found #9 in acme/pay",
    ],
    [
      "an open issue",
      { status: "found", pullRequest: false, merged: false, state: "open" },
      "open-issue",
      "#9 in acme/pay is an open issue: an issue proves a fix once it is closed",
    ],
    [
      "an open pull request",
      { status: "found", pullRequest: true, merged: false, state: "open" },
      "open-pull",
      "#9 in acme/pay is an open pull request: it proves a fix once it is merged",
    ],
    [
      "a pull request closed without merging",
      { status: "found", pullRequest: true, merged: false, state: "closed" },
      "unmerged-pull",
      "#9 in acme/pay is a pull request closed without merging",
    ],
    // Answers without a state (recorded by an older version): never a false alarm.
    [
      "an issue of unknown state",
      { status: "found", pullRequest: false, merged: false },
      null,
      "found #9 in acme/pay",
    ],
  ])(
    "#N found, %s: unsettled %s (the one rule for /validated and the re-check)",
    (_name, found, unsettled, message) => {
      const out = judge("#9", { "issue:9": found });
      expect(out.status).toBe("verified");
      expect(out.severity).toBeNull();
      expect(out.unsettled ?? null).toBe(unsettled);
      expect(unsettledOf(found)).toBe(unsettled);
      expect(out.message).toBe(message);
    },
  );

  it("an open issue, in Korean", () => {
    expect(
      judge("#9", { "issue:9": { status: "found", pullRequest: false, merged: false, state: "open" } }, "ko")
        .message,
    ).toBe("acme/pay의 #9: 열려 있는 이슈입니다 (이슈는 닫힌 뒤에야 수정의 증거가 됩니다)");
  });

  it("takes the first alternative found for a ref with slashes", () => {
    const out = judge("https://github.com/acme/pay/blob/release/2.x/test/a.ts", {
      "content:release:2.x/test/a.ts": { status: "missing" },
      "content:release/2.x:test/a.ts": { status: "found" },
    });
    expect(out).toMatchObject({ status: "verified", message: 'found "test/a.ts" at release/2.x' });
  });

  it("gives the URL to link", () => {
    expect(judge("#5", { "issue:5": { status: "found" } }).url).toBe("https://github.com/acme/pay/issues/5");
    expect(judge("test/ü.ts", { [`content:${SHA}:test/ü.ts`]: { status: "found" } }).url).toBe(
      `https://github.com/acme/pay/blob/${SHA}/test/%C3%BC.ts`,
    );
  });

  it("is localized", () => {
    expect(judge("#9", { "issue:9": { status: "missing" } }, "ko").message).toBe(
      "acme/pay의 #9: 존재하지 않습니다 (이 번호의 이슈나 풀 리퀘스트가 없습니다)",
    );
  });

  it("an entry that is not evidence says why in the language asked (a /validated reply in Korean)", () => {
    expect(judge("http://x.example", {}, "ko")).toMatchObject({
      status: "invalid",
      message:
        '"http://x.example": https 주소여야 합니다 (또는 x.example 호스트를 설정의 validation.http_hosts에 추가하세요)',
    });
    expect(judge("PR #12", {}, "ko").message).toBe(
      '"PR #12": "#12"만 쓰세요 (항목 하나에 참조 하나, 설명은 description에 쓰세요)',
    );
  });

  it("refuses to judge a plan that was not looked up", () => {
    expect(() => judge("#9", {})).toThrow(/not looked up/);
  });
});
