import nock from "nock";
import { beforeEach, describe, expect, it } from "vitest";
import app from "../../src/app.js";
import { registerCheck } from "../../src/handlers/check.js";
import { GITHUB_API, recordUnmatched, useNock } from "../helpers/octokit.js";
import { examplePayload, withRepository } from "../helpers/payloads.js";
import { postmortemMarkdown } from "../helpers/postmortems.js";
import { createTestProbot, type TestProbot } from "../helpers/probot.js";

useNock();
const unmatched = recordUnmatched();

const OWNER = "acme";
const REPO = "pay";
const FILE = "postmortems/2026-03-12-payments.md";
const HEAD = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
const NOW = new Date("2026-03-20T10:00:00.000Z");
const API = `/repos/${OWNER}/${REPO}`;
const CONFIG_PATH = `${API}/contents/.github%2Fpostmortem-followups.yml`;
const ORG_CONFIG_PATH = `/repos/${OWNER}/.github/contents/.github%2Fpostmortem-followups.yml`;

let t: TestProbot;

beforeEach(async () => {
  t = await createTestProbot((app) => registerCheck(app, { now: () => NOW }));
});

type Json = Record<string, unknown>;

function pullRequest(action: "opened" | "synchronize" | "reopened", number = 7): Json {
  const payload = withRepository(
    examplePayload("pull_request", (p) => p.action === action),
    { owner: OWNER, repo: REPO },
  );
  const pr = payload.pull_request as Json;
  payload.number = number;
  pr.number = number;
  (pr.head as Json).sha = HEAD;
  return payload;
}

function checkRunRerequested(external: { pulls?: number[]; externalId?: string } = {}): Json {
  const payload = withRepository(
    examplePayload("check_run", (p) => p.action === "rerequested"),
    { owner: OWNER, repo: REPO },
  );
  const run = payload.check_run as Json;
  run.id = 77;
  run.name = "Postmortem follow-ups";
  run.head_sha = HEAD;
  run.external_id = external.externalId ?? "postmortem-followups:pull/7";
  run.app = { ...(run.app as Json), slug: "postmortem-followups" };
  run.pull_requests = (external.pulls ?? [7]).map((n) => ({
    url: `https://api.github.com/repos/${OWNER}/${REPO}/pulls/${n}`,
    id: n,
    number: n,
    head: { ref: "fix", sha: HEAD, repo: { id: 1, url: "", name: REPO } },
    base: { ref: "main", sha: "f".repeat(40), repo: { id: 1, url: "", name: REPO } },
  }));
  return payload;
}

function checkSuiteRerequested(pulls: number[]): Json {
  const payload = withRepository(
    examplePayload("check_suite", (p) => p.action === "rerequested"),
    { owner: OWNER, repo: REPO },
  );
  const suite = payload.check_suite as Json;
  suite.head_sha = HEAD;
  suite.app = { id: 1, slug: "postmortem-followups" };
  suite.pull_requests = pulls.map((n) => ({ number: n, head: { sha: HEAD }, base: { ref: "main" } }));
  return payload;
}

/** The app's own calls: GET /app (bot login) and the installation token. */
function auth(): nock.Scope {
  return nock(GITHUB_API)
    .get("/app")
    .reply(200, { id: 1, slug: "postmortem-followups" })
    .post("/app/installations/1/access_tokens")
    .reply(201, { token: "ghs_test", expires_at: "2099-01-01T00:00:00Z" });
}

/** No repository config anywhere: the defaults apply. */
function noConfig(scope: nock.Scope): nock.Scope {
  return scope
    .get(CONFIG_PATH)
    .reply(404, { message: "Not Found" })
    .get(ORG_CONFIG_PATH)
    .reply(404, { message: "Not Found" });
}

function contents(path: string, text: string, size = Buffer.byteLength(text)) {
  return {
    type: "file",
    encoding: "base64",
    size,
    name: path.split("/").pop(),
    path,
    sha: "blobsha",
    content: Buffer.from(text).toString("base64"),
  };
}

function files(...names: [string, string?][]) {
  return names.map(([filename, status]) => ({
    filename,
    status: status ?? "added",
    sha: "x",
    additions: 1,
    deletions: 0,
    changes: 1,
  }));
}

const RUN = {
  id: 42,
  status: "in_progress",
  conclusion: null,
  external_id: "postmortem-followups:pull/7",
  output: { annotations_count: 0 },
  app: { slug: "postmortem-followups" },
};

/** The run the check opens: none yet for the head commit, then created in progress (id 42). */
function withNewRun(scope: nock.Scope): nock.Scope {
  return scope
    .get(`${API}/commits/${HEAD}/check-runs`)
    .query(true)
    .reply(200, { total_count: 0, check_runs: [] })
    .post(`${API}/check-runs`)
    .reply(201, RUN);
}

/**
 * A pull request whose (invalid) config is read three times: Probot's config plugin reads the raw
 * file, the gateway then reads it (JSON form) for the lines, and at the head commit; then the run.
 */
function invalidConfigRun(config: string, patches: Json[]): nock.Scope {
  return withNewRun(
    auth()
      .get(`${API}/pulls/7/files`)
      .query(true)
      .reply(200, files([FILE]))
      .get(CONFIG_PATH)
      .reply(200, config, { "content-type": "application/vnd.github.raw; charset=utf-8" })
      .get(CONFIG_PATH)
      .reply(200, contents(".github/postmortem-followups.yml", config))
      .get(CONFIG_PATH)
      .query({ ref: HEAD })
      .reply(200, contents(".github/postmortem-followups.yml", config)),
  )
    .patch(`${API}/check-runs/42`, capture(patches))
    .reply(200, () => runAfter(patches));
}

/** The run as GitHub answers a PATCH: nock 15 reply functions get the Request, so use what was recorded. */
function runAfter(patches: Json[], id = RUN.id) {
  const body = patches[patches.length - 1] ?? {};
  return body.conclusion
    ? { ...RUN, id, status: "completed", conclusion: body.conclusion }
    : { ...RUN, id, status: "in_progress", conclusion: null };
}

function capture(into: Json[]) {
  return (body: Json) => {
    into.push(body);
    return true;
  };
}

const VALID = postmortemMarkdown({
  short_term: [
    {
      id: "validate-config",
      title: "Validate gateway config",
      owner: "alice",
      due: "2026-03-19",
      validation: ["test/payments/gateway.test.ts", "#123", "https://grafana.example.com/d/payments"],
    },
  ],
  long_term: [
    {
      id: "config-canary",
      title: "Canary every config change",
      category: "process",
      owner: "bob",
      validation: [`https://github.com/${OWNER}/${REPO}/actions/workflows/canary.yml`],
    },
  ],
});

describe("check run on pull requests", () => {
  it("creates the run in progress, resolves evidence through the API only, and completes it with the exact output", async () => {
    const patches: Json[] = [];
    const gh = noConfig(auth())
      .get(`${API}/pulls/7/files`)
      .query({ per_page: 100 })
      .reply(200, files([FILE], ["README.md", "modified"]))
      .get(`${API}/commits/${HEAD}/check-runs`)
      .query({ check_name: "Postmortem follow-ups", filter: "latest", per_page: 100 })
      .reply(200, { total_count: 0, check_runs: [] })
      .post(`${API}/check-runs`, {
        name: "Postmortem follow-ups",
        head_sha: HEAD,
        external_id: "postmortem-followups:pull/7",
        status: "in_progress",
        started_at: "2026-03-20T10:00:00Z",
      })
      .reply(201, RUN)
      .get(`${API}/contents/${encodeURIComponent(FILE)}`)
      .query({ ref: HEAD })
      .reply(200, contents(FILE, VALID))
      .head(`${API}/contents/test%2Fpayments%2Fgateway.test.ts`)
      .query({ ref: HEAD })
      .reply(200)
      .get(`${API}/issues/123`)
      .reply(200, {
        number: 123,
        title: "Gateway config validation",
        html_url: "https://github.com/acme/pay/pull/123",
        pull_request: { merged_at: "2026-03-18T00:00:00Z" },
      })
      .get(`${API}/actions/workflows/canary.yml`)
      .reply(200, { id: 5, path: ".github/workflows/canary.yml" })
      .patch(`${API}/check-runs/42`, capture(patches))
      .reply(200, () => runAfter(patches));
    // Any request to another host throws (disableNetConnect): an interceptor proves none is made.
    const grafana = nock("https://grafana.example.com").get(/.*/).reply(200, "never");

    await t.receive("pull_request", pullRequest("opened"));

    expect(gh.isDone()).toBe(true);
    expect(grafana.isDone()).toBe(false);
    expect(unmatched).toEqual([]);
    expect(patches).toHaveLength(1);
    const body = patches[0]! as { output: Json } & Json;
    expect({ ...body, output: { ...body.output, summary: "…" } }).toEqual({
      status: "completed",
      conclusion: "success",
      completed_at: "2026-03-20T10:00:00Z",
      output: {
        title: "2 follow-ups in 1 postmortem, all with validation",
        summary: "…",
        annotations: [
          {
            path: FILE,
            start_line: 19,
            end_line: 19,
            start_column: 11,
            end_column: 51,
            annotation_level: "notice",
            message:
              "followups.short_term[0].validation[2]: https://grafana.example.com/d/payments is not on GitHub: checked for form only (the app never fetches other hosts)",
            title: "postmortem notice",
          },
        ],
      },
    });
    const summary = String(body.output.summary);
    expect(summary).toContain(`### ✅ [${FILE}](https://github.com/acme/pay/blob/${HEAD}/${FILE})`);
    expect(summary).toContain("✅ [#123](https://github.com/acme/pay/issues/123) (verified)");
    expect(summary).toContain(
      "ℹ️ [https://grafana.example.com/d/payments](https://grafana.example.com/d/payments) (not fetched: form only)",
    );
    expect(summary).toContain(
      "✅ [https://github.com/acme/pay/actions/workflows/canary.yml](https://github.com/acme/pay/actions/workflows/canary.yml) (verified)",
    );
  });

  it("sends more than 50 annotations in batches of 50 (120 -> 50/50/20), the last request completing the run", async () => {
    const items = Array.from({ length: 120 }, (_, i) => ({ id: `item-${i}`, validation: [] as string[] }));
    const text = postmortemMarkdown({ short_term: items }).replace(/ {6}validation:\n/g, "");
    const patches: Json[] = [];
    const gh = noConfig(
      withNewRun(auth())
        .get(`${API}/pulls/7/files`)
        .query(true)
        .reply(200, files([FILE])),
    )
      .get(`${API}/contents/${encodeURIComponent(FILE)}`)
      .query({ ref: HEAD })
      .reply(200, contents(FILE, text))
      .patch(`${API}/check-runs/42`, capture(patches))
      .times(3)
      .reply(200, () => runAfter(patches));

    await t.receive("pull_request", pullRequest("synchronize"));

    expect(gh.isDone()).toBe(true);
    expect(patches.map((p) => ((p.output as Json).annotations as unknown[]).length)).toEqual([50, 50, 20]);
    expect(patches.map((p) => [p.status, p.conclusion])).toEqual([
      [undefined, undefined],
      [undefined, undefined],
      ["completed", "failure"],
    ]);
    expect(patches.every((p) => (p.output as Json).title === "120 errors in 1 postmortem")).toBe(true);
    const all = patches.flatMap((p) => (p.output as Json).annotations as Json[]);
    expect(new Set(all.map((a) => a.start_line)).size).toBe(120);
    expect(
      all.every((a) => a.annotation_level === "failure" && String(a.message).includes("missing validation")),
    ).toBe(true);
  });

  it("a re-request updates the existing run of the head commit instead of creating another", async () => {
    const patches: Json[] = [];
    const existing = { ...RUN, status: "completed", conclusion: "failure", output: { annotations_count: 0 } };
    const gh = noConfig(auth())
      .get(`${API}/pulls/7/files`)
      .query(true)
      .reply(200, files([FILE]))
      .get(`${API}/commits/${HEAD}/check-runs`)
      .query({ check_name: "Postmortem follow-ups", filter: "latest", per_page: 100 })
      .reply(200, {
        total_count: 2,
        check_runs: [{ ...existing, id: 41, app: { slug: "another-app" } }, existing],
      })
      .get(`${API}/contents/${encodeURIComponent(FILE)}`)
      .query({ ref: HEAD })
      .reply(200, contents(FILE, postmortemMarkdown({ short_term: [{ id: "a", validation: ["#5"] }] })))
      .get(`${API}/issues/5`)
      .reply(200, { number: 5, title: "t", html_url: "https://github.com/acme/pay/issues/5" })
      .patch(`${API}/check-runs/42`, capture(patches))
      .reply(200, () => runAfter(patches));
    const creates = nock(GITHUB_API).post(`${API}/check-runs`).reply(201, RUN);

    await t.receive("check_run", checkRunRerequested());

    expect(gh.isDone()).toBe(true);
    expect(creates.isDone()).toBe(false);
    expect(patches).toHaveLength(1);
    expect(patches[0]).toMatchObject({ status: "completed", conclusion: "success" });
  });

  it("a re-request of a fork's run (no pull request in the payload) finds it through the run's external id", async () => {
    const patches: Json[] = [];
    const existing = { ...RUN, status: "completed", conclusion: "success" };
    const gh = noConfig(auth())
      .get(`${API}/commits/${HEAD}/check-runs`)
      .query(true)
      .times(2)
      .reply(200, { total_count: 1, check_runs: [existing] })
      .get(`${API}/pulls/7/files`)
      .query(true)
      .reply(200, files([FILE]))
      .get(`${API}/contents/${encodeURIComponent(FILE)}`)
      .query({ ref: HEAD })
      .reply(
        200,
        contents(
          FILE,
          postmortemMarkdown({ short_term: [{ id: "a", validation: ["https://status.example.com"] }] }),
        ),
      )
      .patch(`${API}/check-runs/42`, capture(patches))
      .reply(200, () => runAfter(patches));

    await t.receive("check_suite", checkSuiteRerequested([]));

    expect(gh.isDone()).toBe(true);
    expect(patches[0]).toMatchObject({ conclusion: "success" });
  });

  it("ignores re-requests of other checks", async () => {
    const payload = checkRunRerequested();
    (payload.check_run as Json).name = "build";
    // No interceptor at all: any request would fail the delivery (disableNetConnect).
    await t.receive("check_run", payload);
    expect(unmatched).toEqual([]);
    expect(t.logs.some((l) => l.msg.includes("re-request of another check: ignored"))).toBe(true);
  });

  it("a failure midway still completes the run, failure with a plain reason", async () => {
    const patches: Json[] = [];
    const gh = noConfig(
      withNewRun(auth())
        .get(`${API}/pulls/7/files`)
        .query(true)
        .reply(200, files([FILE])),
    )
      .get(`${API}/contents/${encodeURIComponent(FILE)}`)
      .query({ ref: HEAD })
      .reply(500, { message: "Server Error" })
      .patch(`${API}/check-runs/42`, capture(patches))
      .reply(200, () => runAfter(patches));

    await expect(t.receive("pull_request", pullRequest("opened"))).rejects.toThrow();

    expect(gh.isDone()).toBe(true);
    expect(patches).toHaveLength(1);
    expect(patches[0]).toMatchObject({
      status: "completed",
      conclusion: "failure",
      completed_at: "2026-03-20T10:00:00Z",
      output: { title: "The check could not finish" },
    });
    const summary = String((patches[0]!.output as Json).summary);
    expect(summary).toContain("**Reason:** Server Error");
    expect(summary).toContain("Re-run the check");
  });

  it("a pull request without postmortem files creates no check run (no write at all)", async () => {
    const gh = noConfig(auth())
      .get(`${API}/pulls/7/files`)
      .query(true)
      .reply(200, files(["README.md", "modified"], ["docs/postmortems-howto.txt"], ["postmortems/README"]));

    await t.receive("pull_request", pullRequest("opened"));

    expect(gh.isDone()).toBe(true);
    expect(unmatched).toEqual([]);
    expect(t.logs.some((l) => l.msg.includes("touches no postmortem file: no check run"))).toBe(true);
  });

  it("an invalid configuration fails the check with the config file's annotations", async () => {
    const config = "language: fr\npaths:\n  - postmortems/**\nvalidation:\n  on_close: maybe\n";
    const patches: Json[] = [];
    const gh = invalidConfigRun(config, patches);

    await t.receive("pull_request", pullRequest("opened"));

    expect(gh.isDone()).toBe(true);
    expect(patches[0]).toMatchObject({
      conclusion: "failure",
      output: { title: "Invalid configuration: 2 errors" },
    });
    expect(
      ((patches[0]!.output as Json).annotations as Json[]).map((a) => [
        a.path,
        a.start_line,
        a.annotation_level,
      ]),
    ).toEqual([
      [".github/postmortem-followups.yml", 1, "failure"],
      [".github/postmortem-followups.yml", 5, "failure"],
    ]);
  });

  it("validates the pull request's own config file when it changes it", async () => {
    const patches: Json[] = [];
    const gh = withNewRun(
      auth()
        .get(`${API}/pulls/7/files`)
        .query(true)
        .reply(200, files([".github/postmortem-followups.yml", "modified"]))
        .get(CONFIG_PATH)
        .query({ ref: HEAD })
        .reply(200, contents(".github/postmortem-followups.yml", "validation:\n  requird: true\n")),
    )
      .patch(`${API}/check-runs/42`, capture(patches))
      .reply(200, () => runAfter(patches));

    await t.receive("pull_request", pullRequest("opened"));

    expect(gh.isDone()).toBe(true);
    const annotations = (patches[0]!.output as Json).annotations as Json[];
    expect(annotations).toHaveLength(1);
    expect(annotations[0]).toMatchObject({
      path: ".github/postmortem-followups.yml",
      start_line: 2,
      annotation_level: "failure",
    });
    expect(String(annotations[0]!.message)).toContain('unknown key "requird"; did you mean "required"?');
  });

  it("a huge file and a binary file end as annotations and a failed check, never a crash", async () => {
    const huge = "postmortems/huge.md";
    const binary = "postmortems/binary.yml";
    const patches: Json[] = [];
    const gh = noConfig(
      withNewRun(auth())
        .get(`${API}/pulls/7/files`)
        .query(true)
        .reply(200, files([huge], [binary])),
    )
      .get(`${API}/contents/${encodeURIComponent(binary)}`)
      .query({ ref: HEAD })
      .reply(200, {
        ...contents(binary, ""),
        content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]).toString("base64"),
        size: 7,
      })
      .get(`${API}/contents/${encodeURIComponent(huge)}`)
      .query({ ref: HEAD })
      .reply(200, { ...contents(huge, ""), content: "", encoding: "none", size: 5 * 1024 * 1024 })
      .patch(`${API}/check-runs/42`, capture(patches))
      .reply(200, () => runAfter(patches));

    await t.receive("pull_request", pullRequest("opened"));

    expect(gh.isDone()).toBe(true);
    expect(patches[0]).toMatchObject({
      status: "completed",
      conclusion: "failure",
      output: { title: "2 errors in 2 postmortems" },
    });
    expect(
      ((patches[0]!.output as Json).annotations as Json[]).map((a) => [a.path, a.start_line, a.message]),
    ).toEqual([
      [binary, 1, "file is binary, not a postmortem"],
      [huge, 1, "file is 5.0 MiB; postmortems are limited to 1 MiB"],
    ]);
  });

  it("rejects evidence that does not resolve, at the entry's line; an unreadable Actions link is a warning", async () => {
    const text = postmortemMarkdown({
      short_term: [
        {
          id: "a",
          validation: [
            "test/missing.test.ts",
            "#404",
            "https://github.com/acme/pay/actions/workflows/ci.yml",
          ],
        },
      ],
    });
    const patches: Json[] = [];
    const gh = noConfig(
      withNewRun(auth())
        .get(`${API}/pulls/7/files`)
        .query(true)
        .reply(200, files([FILE])),
    )
      .get(`${API}/contents/${encodeURIComponent(FILE)}`)
      .query({ ref: HEAD })
      .reply(200, contents(FILE, text))
      .head(`${API}/contents/test%2Fmissing.test.ts`)
      .query({ ref: HEAD })
      .reply(404)
      .get(`${API}/issues/404`)
      .reply(404, { message: "Not Found" })
      .get(`${API}/actions/workflows/ci.yml`)
      .reply(403, { message: "Resource not accessible by integration" })
      .patch(`${API}/check-runs/42`, capture(patches))
      .reply(200, () => runAfter(patches));

    await t.receive("pull_request", pullRequest("opened"));

    expect(gh.isDone()).toBe(true);
    const lines = text.split("\n");
    const annotations = (patches[0]!.output as Json).annotations as Json[];
    expect(
      annotations.map((a) => [a.annotation_level, lines[Number(a.start_line) - 1]!.trim(), a.message]),
    ).toEqual([
      [
        "failure",
        '- "test/missing.test.ts"',
        `followups.short_term[0].validation[0]: "test/missing.test.ts" at a1b2c3d does not exist`,
      ],
      [
        "failure",
        '- "#404"',
        "followups.short_term[0].validation[1]: #404 in acme/pay is not an issue or pull request",
      ],
      [
        "warning",
        '- "https://github.com/acme/pay/actions/workflows/ci.yml"',
        'followups.short_term[0].validation[2]: cannot verify workflow "ci.yml" in acme/pay: the app has no "actions" read permission on this repository',
      ],
    ]);
    expect(patches[0]).toMatchObject({
      conclusion: "failure",
      output: { title: "2 errors, 1 warning in 1 postmortem" },
    });
  });

  it("language: ko: the annotations, their titles and the title of the run in Korean, at the same positions", async () => {
    const text = postmortemMarkdown({
      short_term: [
        { id: "a", category: "sytem", validation: ["https://grafana.example.com/d/payments"] },
        { id: "b", owner: null, validation: ["the on-call checked it"] },
      ],
    });
    const patches: Json[] = [];
    const gh = withNewRun(
      auth()
        .get(`${API}/pulls/7/files`)
        .query(true)
        .reply(200, files([FILE]))
        .get(CONFIG_PATH)
        .reply(200, "language: ko\n", { "content-type": "application/vnd.github.raw; charset=utf-8" }),
    )
      .get(`${API}/contents/${encodeURIComponent(FILE)}`)
      .query({ ref: HEAD })
      .reply(200, contents(FILE, text))
      .patch(`${API}/check-runs/42`, capture(patches))
      .reply(200, () => runAfter(patches));

    await t.receive("pull_request", pullRequest("opened"));

    expect(gh.isDone()).toBe(true);
    expect(unmatched).toEqual([]);
    const lines = text.split("\n");
    const output = patches[0]!.output as Json;
    expect(patches[0]).toMatchObject({ conclusion: "failure" });
    expect(output.title).toBe("포스트모템 1개에서 오류 2건, 경고 1건");
    expect(
      (output.annotations as Json[]).map((a) => [
        a.annotation_level,
        a.title,
        lines[Number(a.start_line) - 1]!.trim(),
        a.start_column,
        a.message,
      ]),
    ).toEqual([
      [
        "failure",
        "포스트모템 오류",
        "category: sytem",
        17,
        'followups.short_term[0].category: "sytem"은(는) 분류가 아닙니다 (가능한 값: system, process, training, documentation, tooling); "system"을(를) 말씀하신 건가요?',
      ],
      [
        "failure",
        "포스트모템 오류",
        '- "the on-call checked it"',
        11,
        'followups.short_term[1].validation[0]: "the on-call checked it"은(는) https URL도, 저장소 경로도, "#123" 같은 풀 리퀘스트나 이슈도 아닙니다',
      ],
      [
        "warning",
        "포스트모템 경고",
        "- id: b",
        7,
        "followups.short_term[1].owner: 담당자(owner)가 없습니다: 담당자가 없는 후속 조치는 끝나지 않기 쉽습니다",
      ],
      [
        "notice",
        "포스트모템 알림",
        '- "https://grafana.example.com/d/payments"',
        11,
        "followups.short_term[0].validation[0]: https://grafana.example.com/d/payments: GitHub 밖의 주소라 형식만 확인했습니다 (앱은 다른 호스트에 접속하지 않습니다)",
      ],
    ]);
    const summary = String(output.summary);
    expect(summary).toContain("**보완할 점**");
    expect(summary).toContain('"sytem"은(는) 분류가 아닙니다');
  });

  it("an invalid config that declares language: ko: its problems, the title and the summary in Korean", async () => {
    const config = "language: ko\nvalidation:\n  on_close: maybe\n";
    const patches: Json[] = [];
    const gh = invalidConfigRun(config, patches);

    await t.receive("pull_request", pullRequest("opened"));

    expect(gh.isDone()).toBe(true);
    const output = patches[0]!.output as Json;
    expect(patches[0]).toMatchObject({ conclusion: "failure", output: { title: "설정 오류 1건" } });
    expect(
      (output.annotations as Json[]).map((a) => [a.path, a.start_line, a.start_column, a.title, a.message]),
    ).toEqual([
      [
        ".github/postmortem-followups.yml",
        3,
        13,
        "포스트모템 오류",
        'validation.on_close: "maybe"은(는) 쓸 수 없는 값입니다 (가능한 값: comment, reopen, off)',
      ],
    ]);
    expect(String(output.summary)).toContain("설정이 올바르지 않아 포스트모템을 검사하지 못했습니다");
  });

  it("is registered by the app (src/app.ts)", async () => {
    const full = await createTestProbot(app);
    const gh = noConfig(auth())
      .get(`${API}/pulls/7/files`)
      .query(true)
      .reply(200, files(["README.md", "modified"]));

    await full.receive("pull_request", pullRequest("reopened"));

    expect(gh.isDone()).toBe(true);
    expect(full.logs.some((l) => l.msg.includes("touches no postmortem file: no check run"))).toBe(true);
  });
});
