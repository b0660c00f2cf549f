import { Writable } from "node:stream";
import nock from "nock";
import { pino } from "pino";
import { type ApplicationFunction, Probot } from "probot";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import app from "../../../src/app/app.js";
import { registerCheck } from "../../../src/app/handlers/check.js";
import { defaultConfig } from "../../../src/domain/config/load.js";
import { parsePostmortem } from "../../../src/domain/postmortem/parse.js";
import * as paths from "../../../src/domain/postmortem/paths.js";
import { TestOctokit } from "../../helpers/octokit.js";
import { examplePayload, withRepository } from "../../helpers/payloads.js";
import { postmortemMarkdown } from "../../helpers/postmortems.js";
import { type LogEntry, testPrivateKey } from "../../helpers/probot.js";
import { type SimIssue, type SimRepo, type Simulator, startSimulator } from "../../simulator/index.js";

/**
 * The "Postmortem follow-ups" check on pull requests, against the GitHub simulator (strict: a
 * request GitHub would refuse is refused, and GraphQL is validated against GitHub's schema). The
 * tests assert the requests made (by operation), the exact bodies written and the check runs as
 * GitHub then holds them.
 */

vi.mock("../../../src/domain/postmortem/paths.js", async (original) => {
  const actual = await original<typeof import("../../../src/domain/postmortem/paths.js")>();
  return { ...actual, postmortemPathMatcher: vi.fn(actual.postmortemPathMatcher) };
});

const OWNER = "acme";
const REPO = "pay";
const FILE = "postmortems/2026-03-12-payments.md";
const CONFIG = ".github/postmortem-followups.yml";
const NOW = new Date("2026-03-20T10:00:00.000Z");

let sim: Simulator;
let repo: SimRepo;
let probot: Probot;
let logs: LogEntry[];

beforeAll(async () => {
  sim = await startSimulator({ strict: true });
});
afterAll(() => sim.close());

async function createProbot(register: ApplicationFunction = (a) => registerCheck(a, { now: () => NOW })) {
  logs = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString("utf8").split("\n")) if (line.trim()) logs.push(JSON.parse(line));
      callback();
    },
  });
  const p = new Probot({
    appId: 1,
    privateKey: testPrivateKey(),
    baseUrl: sim.url,
    Octokit: TestOctokit,
    log: pino({ level: "trace" }, stream),
  });
  await p.load(register, { cwd: process.cwd(), addHandler: () => {} });
  return p;
}

beforeEach(async () => {
  sim.reset();
  vi.mocked(paths.postmortemPathMatcher).mockClear();
  probot = await createProbot();
});
afterEach(() => {
  expect(sim.violations).toEqual([]);
});

type Json = Record<string, unknown>;

function seed(files: Record<string, string> = {}): SimRepo {
  repo = sim.seedRepo({
    owner: OWNER,
    ownerType: "Organization",
    name: REPO,
    files: { "README.md": "# pay\n", ...files },
    collaborators: { alice: "write", bob: "write" },
  });
  return repo;
}

function openPull(files: Record<string, string | null>): SimIssue {
  return sim.openPullRequest(repo, { title: "Postmortem", head: "postmortem", files, user: "alice" });
}

function headOf(pr: SimIssue): string {
  return pr.pull!.head.sha;
}

function pullRequest(pr: SimIssue, action: "opened" | "synchronize" | "reopened" = "opened"): Json {
  const payload = withRepository(
    examplePayload("pull_request", (p) => p.action === action),
    { owner: OWNER, repo: REPO, installationId: repo.installation_id! },
  );
  const pull = payload.pull_request as Json;
  payload.number = pr.number;
  pull.number = pr.number;
  (pull.head as Json).sha = headOf(pr);
  return payload;
}

function checkRunRerequested(pr: SimIssue, runId: number, pulls = [pr.number]): Json {
  const payload = withRepository(
    examplePayload("check_run", (p) => p.action === "rerequested"),
    { owner: OWNER, repo: REPO, installationId: repo.installation_id! },
  );
  const run = payload.check_run as Json;
  run.id = runId;
  run.name = "Postmortem follow-ups";
  run.head_sha = headOf(pr);
  run.external_id = `postmortem-followups:pull/${pr.number}`;
  run.app = { ...(run.app as Json), slug: "my-app" };
  run.pull_requests = pulls.map((n) => ({
    url: `https://api.github.com/repos/${OWNER}/${REPO}/pulls/${n}`,
    id: n,
    number: n,
    head: { ref: "postmortem", sha: headOf(pr), repo: { id: 1, url: "", name: REPO } },
    base: { ref: "main", sha: "f".repeat(40), repo: { id: 1, url: "", name: REPO } },
  }));
  return payload;
}

function checkSuiteRerequested(pr: SimIssue): Json {
  const payload = withRepository(
    examplePayload("check_suite", (p) => p.action === "rerequested"),
    { owner: OWNER, repo: REPO, installationId: repo.installation_id! },
  );
  const suite = payload.check_suite as Json;
  suite.head_sha = headOf(pr);
  suite.app = { id: 1, slug: "my-app" };
  suite.pull_requests = []; // a fork's pull request is not in the payload
  return payload;
}

async function receive(name: string, payload: Json, p = probot): Promise<void> {
  await p.receive({ id: `d-${Math.random()}`, name, payload } as never);
}

/** Operations since `mark` (GraphQL by operation name), app authentication left out. */
function operations(mark = 0): string[] {
  return sim.requests
    .filter((r) => r.seq > mark && !String(r.operation).startsWith("apps/"))
    .map((r) => (r.kind === "graphql" ? `graphql ${r.operation}` : String(r.operation)));
}

function mark(): number {
  return sim.requests.at(-1)?.seq ?? 0;
}

function bodies(operation: string, since = 0): Json[] {
  return sim.requests.filter((r) => r.seq > since && r.operation === operation).map((r) => r.body as Json);
}

function runsOf(pr: SimIssue) {
  return repo.check_runs.filter((r) => r.head_sha === headOf(pr));
}

const VISIBLE_SUMMARY = (summary: string | null) =>
  (summary ?? "").replace(/\n*<!-- postmortem-followups:check .*-->$/, "");

describe("check run on pull requests", () => {
  it("opens the run in progress, reads in one probe, one read and one lookup query, and completes it with the exact output", async () => {
    seed({
      "test/payments/gateway.test.ts": "test('x', () => {});\n",
      ".github/workflows/canary.yml": "on: push\n",
    });
    const merged = sim.openPullRequest(repo, {
      title: "Gateway config validation",
      head: "validate",
      files: { "src/gateway.ts": "export {};\n" },
      user: "alice",
    });
    sim.mergePullRequest(repo, merged.number, { by: "alice" });
    const text = postmortemMarkdown({
      short_term: [
        {
          id: "validate-config",
          title: "Validate gateway config",
          owner: "alice",
          due: "2026-03-19",
          validation: [
            "test/payments/gateway.test.ts",
            `#${merged.number}`,
            "https://grafana.example.com/d/payments",
          ],
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
    const pr = openPull({ [FILE]: text, "README.md": "# pay, again\n" });
    // Only the simulator may be asked: an interceptor for the dashboard proves it never is.
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
    const grafana = nock("https://grafana.example.com").get(/.*/).reply(200, "never");
    try {
      await receive("pull_request", pullRequest(pr));
      expect(grafana.isDone()).toBe(false);
    } finally {
      nock.cleanAll();
      nock.enableNetConnect();
    }

    expect(operations()).toEqual([
      "graphql checkProbe", // config (+ the owner's .github), the head's config blob, files, the existing run
      "checks/create",
      "graphql filesAndComments", // the postmortem at the head commit
      "graphql evidence", // the path, the pull request (and the workflow below through REST)
      "actions/get-workflow",
      "checks/update",
    ]);
    expect(bodies("checks/create")).toEqual([
      {
        name: "Postmortem follow-ups",
        head_sha: headOf(pr),
        external_id: `postmortem-followups:pull/${pr.number}`,
        status: "in_progress",
        started_at: "2026-03-20T10:00:00Z",
      },
    ]);
    const [body] = bodies("checks/update") as [{ output: Json } & Json];
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
    expect(summary).toContain(`### ✅ [${FILE}](https://github.com/acme/pay/blob/${headOf(pr)}/${FILE})`);
    expect(summary).toContain(
      `✅ [#${merged.number}](https://github.com/acme/pay/issues/${merged.number}) (verified)`,
    );
    expect(summary).toContain(
      "ℹ️ [https://grafana.example.com/d/payments](https://grafana.example.com/d/payments) (not fetched: form only)",
    );
    expect(summary).toContain(
      "✅ [https://github.com/acme/pay/actions/workflows/canary.yml](https://github.com/acme/pay/actions/workflows/canary.yml) (verified)",
    );
    expect(summary).not.toContain("`paths`"); // the config is not changed: no note about it
    expect(runsOf(pr)).toMatchObject([{ status: "completed", conclusion: "success" }]);
  });

  it("120 problems: ONE update carries the 50 first annotations, the summary says 70 more (was: 50/50/20 in three updates)", async () => {
    seed();
    const items = Array.from({ length: 120 }, (_, i) => ({ id: `item-${i}`, validation: [] as string[] }));
    const text = postmortemMarkdown({ short_term: items }).replace(/ {6}validation:\n/g, "");
    const pr = openPull({ [FILE]: text });

    await receive("pull_request", pullRequest(pr, "synchronize"));

    const updates = bodies("checks/update");
    expect(updates).toHaveLength(1);
    const output = updates[0]!.output as Json;
    expect(updates[0]).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(output.title).toBe("120 errors in 1 postmortem");
    const annotations = output.annotations as Json[];
    expect(annotations).toHaveLength(50);
    expect(annotations.every((a) => String(a.message).includes("missing validation"))).toBe(true);
    expect(annotations.map((a) => a.start_line)).toEqual(
      [...annotations.map((a) => Number(a.start_line))].sort((a, b) => a - b),
    );
    expect(String(output.summary)).toContain(
      "> 120 problems: the 50 most severe are annotations on the files, 70 more problems are not annotated",
    );
    expect(runsOf(pr)[0]!.output.annotations).toHaveLength(50);
  });

  it("one push with 5,000 follow-ups (under the parser's node limit, which refuses 10,000 with one problem): exactly 50 annotations in exactly one update, and the exact number of the others", async () => {
    seed();
    const items = Array.from({ length: 5_000 }, (_, i) => `    - id: f${i}`).join("\n");
    const text = `---\ntitle: Outage\ndate: 2026-03-12\nfollowups:\n  short_term:\n${items}\n---\n`;
    const pr = openPull({ [FILE]: text });
    // As many problems as the parser reports (it may stop early at its item limit).
    const total = parsePostmortem(FILE, text, defaultConfig()).problems.length;
    expect(total).toBeGreaterThan(50);

    await receive("pull_request", pullRequest(pr));

    const updates = bodies("checks/update");
    expect(updates).toHaveLength(1);
    expect(bodies("checks/create")).toHaveLength(1);
    const output = updates[0]!.output as Json;
    expect(output.annotations as Json[]).toHaveLength(50);
    expect(runsOf(pr)[0]!.output.annotations).toHaveLength(50);
    expect(String(output.summary)).toContain(
      `> ${total} problems: the 50 most severe are annotations on the files, ${total - 50} more problems are not annotated`,
    );
  });

  it("a re-request with nothing changed asks the evidence again (one request) and writes nothing", async () => {
    seed({ "test/a.test.ts": "x\n" });
    const issue = sim.createIssue(repo, { title: "Retry twice", user: "alice" });
    const pr = openPull({
      [FILE]: postmortemMarkdown({
        short_term: [{ id: "a", validation: ["test/a.test.ts", `#${issue.number}`] }],
      }),
    });
    await receive("pull_request", pullRequest(pr));
    const [run] = runsOf(pr);
    expect(run).toMatchObject({ status: "completed", conclusion: "success" });
    const before = structuredClone(run);

    const m = mark();
    await receive("check_run", checkRunRerequested(pr, run!.id));

    expect(operations(m)).toEqual(["graphql checkProbe", "graphql evidence"]);
    expect(sim.requests.filter((r) => r.seq > m && r.access === "write")).toEqual([]);
    expect(runsOf(pr)).toEqual([before]);
    expect(logs.some((l) => l.msg.includes("nothing changed since this head commit's run"))).toBe(true);
  });

  it("a re-request after the evidence changed updates the same run once (the record lets it skip listing annotations)", async () => {
    seed({ "test/a.test.ts": "x\n" });
    const issue = sim.createIssue(repo, { title: "Retry twice", user: "alice" });
    const pr = openPull({
      [FILE]: postmortemMarkdown({
        short_term: [{ id: "a", validation: ["test/a.test.ts", `#${issue.number}`] }],
      }),
    });
    await receive("pull_request", pullRequest(pr));
    const [run] = runsOf(pr);
    // The issue is renamed: its title is part of what the summary shows.
    repo.issues[String(issue.number)]!.title = "Retries are idempotent";

    const m = mark();
    await receive("check_run", checkRunRerequested(pr, run!.id));

    expect(operations(m)).toEqual([
      "graphql checkProbe",
      "graphql evidence",
      "graphql filesAndComments",
      "checks/update",
    ]);
    expect(runsOf(pr)).toHaveLength(1);
    expect(runsOf(pr)[0]).toMatchObject({ id: run!.id, status: "completed", conclusion: "success" });
  });

  it("a record on another app's run of the same name is never trusted: the app opens its own run", async () => {
    seed({ "test/a.test.ts": "x\n" });
    const pr = openPull({
      [FILE]: postmortemMarkdown({ short_term: [{ id: "a", validation: ["test/b.test.ts"] }] }),
    });
    // First our own run (it records what it decided), then a copy of it by another app, saying success.
    await receive("pull_request", pullRequest(pr));
    const ours = runsOf(pr)[0]!;
    expect(ours.conclusion).toBe("failure");
    repo.check_runs.splice(repo.check_runs.indexOf(ours), 1);
    repo.check_runs.push({ ...structuredClone(ours), id: 9001, app_slug: "evil-app", conclusion: "success" });

    const m = mark();
    await receive("pull_request", pullRequest(pr, "reopened"));

    expect(operations(m)).toEqual([
      "graphql checkProbe",
      "checks/create",
      "graphql filesAndComments",
      "graphql evidence",
      "checks/update",
    ]);
    const mine = runsOf(pr).filter((r) => r.app_slug === "my-app");
    expect(mine).toMatchObject([{ status: "completed", conclusion: "failure" }]);
  });

  it("a re-request of a fork's run (no pull request in the payload) finds it through the run's external id", async () => {
    seed();
    const pr = openPull({
      [FILE]: postmortemMarkdown({ short_term: [{ id: "a", validation: ["https://status.example.com"] }] }),
    });
    await receive("pull_request", pullRequest(pr));
    const [run] = runsOf(pr);
    const m = mark();
    await receive("check_suite", checkSuiteRerequested(pr));
    // The suite's run (REST, as the payload names no pull request), then the probe: nothing changed.
    expect(operations(m)).toEqual(["checks/list-for-ref", "graphql checkProbe"]);
    expect(runsOf(pr)).toEqual([run]);
  });

  it("a probe GitHub fails to answer: the check reads through REST as before, and completes", async () => {
    seed({ "test/a.test.ts": "x\n" });
    const pr = openPull({
      [FILE]: postmortemMarkdown({ short_term: [{ id: "a", validation: ["test/a.test.ts"] }] }),
    });
    sim.inject({
      match: { operation: "checkProbe" },
      respond: { status: 502, body: { message: "Bad Gateway" } },
    });

    await receive("pull_request", pullRequest(pr));

    expect(sim.requests.filter((r) => r.fault).map((r) => [r.kind, r.status])).toEqual([["graphql", 502]]);
    expect(operations()).toEqual([
      "graphql checkProbe", // the probe, answered 502 (a faulted request keeps its operation name)
      "pulls/list-files",
      "repos/get-content", // the config, as Probot reads it
      "repos/get-content", // the owner's .github fallback
      "checks/list-for-ref",
      "checks/create",
      "graphql filesAndComments",
      "graphql evidence",
      "checks/update",
    ]);
    expect(runsOf(pr)).toMatchObject([{ status: "completed", conclusion: "success" }]);
    expect(logs.some((l) => l.msg.includes("check probe failed: reading through REST"))).toBe(true);
  });

  it("101 postmortems: the first 100 read at the head in 4 GraphQL requests (25 each), the 101st a warning, no read one by one", async () => {
    seed();
    const files: Record<string, string> = {};
    for (let i = 0; i < 101; i++)
      files[`postmortems/${String(i).padStart(3, "0")}.md`] = postmortemMarkdown({
        short_term: [{ id: "a", validation: ["https://status.example.com"] }],
      });
    const pr = openPull(files);

    await receive("pull_request", pullRequest(pr));

    const ops = operations();
    expect(ops.filter((op) => op === "graphql filesAndComments")).toHaveLength(4);
    expect(ops.filter((op) => op === "repos/get-content")).toEqual([]);
    const output = bodies("checks/update")[0]!.output as Json;
    expect((output.annotations as Json[]).filter((a) => a.annotation_level === "warning")).toMatchObject([
      { path: "postmortems/100.md", start_line: 1 },
    ]);
  });

  it("ignores re-requests of other checks", async () => {
    seed();
    const pr = openPull({ [FILE]: postmortemMarkdown({ short_term: [{ id: "a" }] }) });
    const payload = checkRunRerequested(pr, 5);
    (payload.check_run as Json).name = "build";
    const m = mark();
    await receive("check_run", payload);
    expect(operations(m)).toEqual([]);
    expect(logs.some((l) => l.msg.includes("re-request of another check: ignored"))).toBe(true);
  });

  it("a failure midway still completes the run, failure with a plain reason", async () => {
    seed();
    const pr = openPull({ [FILE]: postmortemMarkdown({ short_term: [{ id: "a" }] }) });
    sim.inject({
      match: { operation: "filesAndComments" },
      respond: { status: 500, body: { message: "Server Error" } },
    });

    await expect(receive("pull_request", pullRequest(pr))).rejects.toThrow();

    const updates = bodies("checks/update");
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({
      status: "completed",
      conclusion: "failure",
      completed_at: "2026-03-20T10:00:00Z",
      output: { title: "The check could not finish" },
    });
    const summary = String((updates[0]!.output as Json).summary);
    expect(summary).toContain("**Reason:**");
    expect(summary).toContain("Re-run the check");
    expect(runsOf(pr)).toMatchObject([{ status: "completed", conclusion: "failure" }]);
  });

  it("a lookup GitHub fails to answer is a failed check, not a pass", async () => {
    seed({ "test/a.test.ts": "x\n" });
    const pr = openPull({
      [FILE]: postmortemMarkdown({ short_term: [{ id: "a", validation: ["test/a.test.ts"] }] }),
    });
    sim.inject({
      match: { operation: "evidence" },
      respond: { status: 502, body: { message: "Bad Gateway" } },
    });

    await expect(receive("pull_request", pullRequest(pr))).rejects.toThrow();

    expect(runsOf(pr)).toMatchObject([{ status: "completed", conclusion: "failure" }]);
    expect(runsOf(pr)[0]!.output.title).toBe("The check could not finish");
  });

  it("a pull request without postmortem files creates no check run (no write at all)", async () => {
    seed();
    const pr = openPull({
      "README.md": "# changed\n",
      "docs/postmortems-howto.txt": "x\n",
      "postmortems/README": "x\n",
    });
    await receive("pull_request", pullRequest(pr));
    expect(operations()).toEqual(["graphql checkProbe"]);
    expect(runsOf(pr)).toEqual([]);
    expect(logs.some((l) => l.msg.includes("touches no postmortem file: no check run"))).toBe(true);
  });

  it("an invalid configuration fails the check with the config file's annotations", async () => {
    seed({ [CONFIG]: "language: fr\npaths:\n  - postmortems/**\nvalidation:\n  on_close: maybe\n" });
    const pr = openPull({ [FILE]: postmortemMarkdown({ short_term: [{ id: "a" }] }) });

    await receive("pull_request", pullRequest(pr));

    const [update] = bodies("checks/update");
    expect(update).toMatchObject({
      conclusion: "failure",
      output: { title: "Invalid configuration: 2 errors" },
    });
    expect(
      ((update!.output as Json).annotations as Json[]).map((a) => [a.path, a.start_line, a.annotation_level]),
    ).toEqual([
      [CONFIG, 1, "failure"],
      [CONFIG, 5, "failure"],
    ]);
  });

  it("an _extends that cannot be read fails the check, annotated at the _extends line (was: the 404 dropped, defaults applied)", async () => {
    seed({ [CONFIG]: "language: en\npaths:\n  - postmortems/**\n_extends: other-repo\n" });
    const pr = openPull({ [FILE]: postmortemMarkdown({ short_term: [{ id: "a" }] }) });

    await receive("pull_request", pullRequest(pr));

    const [update] = bodies("checks/update");
    expect(update).toMatchObject({
      conclusion: "failure",
      output: { title: "Invalid configuration: 1 error" },
    });
    expect(
      ((update!.output as Json).annotations as Json[]).map((a) => [
        a.path,
        a.start_line,
        a.start_column,
        a.annotation_level,
        a.message,
      ]),
    ).toEqual([
      [
        CONFIG,
        4,
        1,
        "failure",
        "_extends: _extends names acme/other-repo:.github/postmortem-followups.yml, which cannot be read: GitHub answers 404 (no such repository or file, or the app is not installed on it). No issue or label is created until this is fixed",
      ],
    ]);
  });

  it("a proposed config file over 256 KiB: one problem on it, in the base config's language (was: always English)", async () => {
    seed({ [CONFIG]: "language: ko\n" });
    const huge = `# ${"x".repeat(300 * 1024)}\nlanguage: ko\n`;
    const pr = openPull({ [CONFIG]: huge, [FILE]: postmortemMarkdown({ short_term: [{ id: "a" }] }) });

    await receive("pull_request", pullRequest(pr));

    const [update] = bodies("checks/update");
    expect(update).toMatchObject({ conclusion: "failure" });
    expect(
      ((update!.output as Json).annotations as Json[]).map((a) => [a.path, a.start_line, a.message]),
    ).toEqual([
      [
        CONFIG,
        1,
        `설정 파일이 ${Buffer.byteLength(huge)}바이트입니다. 설정 파일은 262144바이트까지만 읽습니다`,
      ],
    ]);
  });

  it("validates the pull request's own config file when it changes it", async () => {
    seed();
    const pr = openPull({ [CONFIG]: "validation:\n  requird: true\n" });

    await receive("pull_request", pullRequest(pr));

    const annotations = (bodies("checks/update")[0]!.output as Json).annotations as Json[];
    expect(annotations).toHaveLength(1);
    expect(annotations[0]).toMatchObject({ path: CONFIG, start_line: 2, annotation_level: "failure" });
    expect(String(annotations[0]!.message)).toContain('unknown key "requird"; did you mean "required"?');
  });

  it("a huge file and a binary file end as annotations and a failed check, never a crash", async () => {
    seed();
    const huge = "postmortems/huge.md";
    const binary = "postmortems/binary.yml";
    const pr = openPull({ [huge]: "x".repeat(5 * 1024 * 1024), [binary]: "\u0089PNG\u0000\u0000\u0001" });

    await receive("pull_request", pullRequest(pr));

    const [update] = bodies("checks/update");
    expect(update).toMatchObject({
      status: "completed",
      conclusion: "failure",
      output: { title: "2 errors in 2 postmortems" },
    });
    expect(
      ((update!.output as Json).annotations as Json[]).map((a) => [a.path, a.start_line, a.message]),
    ).toEqual([
      [binary, 1, "file is binary, not a postmortem"],
      [huge, 1, "file is 5.0 MiB; postmortems are limited to 1 MiB"],
    ]);
  });

  it("rejects evidence that does not resolve, at the entry's line; an unreadable Actions link is a warning", async () => {
    seed();
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
    const pr = openPull({ [FILE]: text });
    sim.inject({
      match: { operation: "actions/get-workflow" },
      respond: { status: 403, body: { message: "Resource not accessible by integration" } },
    });

    await receive("pull_request", pullRequest(pr));

    const lines = text.split("\n");
    const [update] = bodies("checks/update");
    expect(
      ((update!.output as Json).annotations as Json[]).map((a) => [
        a.annotation_level,
        lines[Number(a.start_line) - 1]!.trim(),
        a.message,
      ]),
    ).toEqual([
      [
        "failure",
        '- "test/missing.test.ts"',
        `followups.short_term[0].validation[0]: "test/missing.test.ts" at ${headOf(pr).slice(0, 7)} does not exist`,
      ],
      [
        "failure",
        '- "#404"',
        "followups.short_term[0].validation[1]: #404 in acme/pay does not exist (no issue or pull request has this number)",
      ],
      [
        "warning",
        '- "https://github.com/acme/pay/actions/workflows/ci.yml"',
        'followups.short_term[0].validation[2]: cannot verify workflow "ci.yml" in acme/pay: the app has no "actions" read permission on this repository',
      ],
    ]);
    expect(update).toMatchObject({
      conclusion: "failure",
      output: { title: "2 errors, 1 warning in 1 postmortem" },
    });
  });

  it("language: ko: the annotations, their titles and the title of the run in Korean, at the same positions", async () => {
    seed({ [CONFIG]: "language: ko\n" });
    const text = postmortemMarkdown({
      short_term: [
        { id: "a", category: "sytem", validation: ["https://grafana.example.com/d/payments"] },
        { id: "b", owner: null, validation: ["the on-call checked it"] },
      ],
    });
    const pr = openPull({ [FILE]: text });

    await receive("pull_request", pullRequest(pr));

    const lines = text.split("\n");
    const [update] = bodies("checks/update");
    const output = update!.output as Json;
    expect(update).toMatchObject({ conclusion: "failure" });
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
        'followups.short_term[0].category: "sytem"은 분류가 아닙니다 (가능한 값: system, process, training, documentation, tooling); "system"을 말씀하신 건가요?',
      ],
      [
        "failure",
        "포스트모템 오류",
        '- "the on-call checked it"',
        11,
        'followups.short_term[1].validation[0]: "the on-call checked it"은 https URL도, 저장소 경로도, "#123" 같은 풀 리퀘스트나 이슈도 아닙니다',
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
    expect(summary).toContain('"sytem"은 분류가 아닙니다');
  });

  it("an invalid config that declares language: ko: its problems, the title and the summary in Korean", async () => {
    seed({ [CONFIG]: "language: ko\nvalidation:\n  on_close: maybe\n" });
    const pr = openPull({ [FILE]: postmortemMarkdown({ short_term: [{ id: "a" }] }) });

    await receive("pull_request", pullRequest(pr));

    const [update] = bodies("checks/update");
    const output = update!.output as Json;
    expect(update).toMatchObject({ conclusion: "failure", output: { title: "설정 오류 1건" } });
    expect(
      (output.annotations as Json[]).map((a) => [a.path, a.start_line, a.start_column, a.title, a.message]),
    ).toEqual([
      [
        CONFIG,
        3,
        13,
        "포스트모템 오류",
        'validation.on_close: "maybe"는 쓸 수 없는 값입니다 (가능한 값: comment, reopen, off)',
      ],
    ]);
    expect(String(output.summary)).toContain("설정이 올바르지 않아 포스트모템을 검사하지 못했습니다");
  });

  it("is registered by the app (src/app/app.ts)", async () => {
    seed();
    const full = await createProbot(app);
    const pr = openPull({ "README.md": "# changed\n" });
    await receive("pull_request", pullRequest(pr, "reopened"), full);
    expect(operations()).toEqual(["graphql checkProbe"]);
    expect(logs.some((l) => l.msg.includes("touches no postmortem file: no check run"))).toBe(true);
  });
});

describe("a pull request's own config never supplies the globs", () => {
  const HOSTILE_GLOB = "postmortems/*a*a*a*a*a*a*a*a*a*a*b.md";
  const NAME = `postmortems/${"a".repeat(44)}.md`;

  function globsCompiled(): string[][] {
    return vi.mocked(paths.postmortemPathMatcher).mock.calls.map(([globs]) => [...globs]);
  }

  it("an invalid proposed config with a hostile glob: its problems on the config file, files chosen with the base's paths, the head glob never compiled", async () => {
    seed();
    const pr = openPull({
      [CONFIG]: `paths:\n  - "${HOSTILE_GLOB}"\nvalidation:\n  requird: true\n`,
      [NAME]: postmortemMarkdown({ short_term: [{ id: "a", validation: ["https://status.example.com"] }] }),
    });

    await receive("pull_request", pullRequest(pr));

    expect(globsCompiled()).toEqual([["postmortems/**", "docs/postmortems/**"]]);
    expect(globsCompiled().flat()).not.toContain(HOSTILE_GLOB);
    const [update] = bodies("checks/update");
    const output = update!.output as Json;
    expect(update).toMatchObject({
      conclusion: "failure",
      output: { title: "Invalid configuration: 2 errors" },
    });
    // The glob itself is refused by the config's bounds (counted, never compiled), like any problem.
    expect((output.annotations as Json[]).map((a) => [a.path, a.start_line, a.message])).toEqual([
      [CONFIG, 2, expect.stringContaining("wildcards")],
      [CONFIG, 4, expect.stringContaining('unknown key "requird"')],
    ]);
    expect(String(output.summary)).toContain(
      "> Postmortem files were chosen with the `paths` of the base branch's configuration; this pull request's changes to `paths` apply after it merges.",
    );
  });

  it("a valid proposed config: its settings judge the postmortems (here: Korean), the base's paths choose them", async () => {
    seed({ [CONFIG]: "paths:\n  - postmortems/**\n" });
    const pr = openPull({
      // A valid head config (its globs within the bounds) whose paths would choose other files.
      [CONFIG]: `language: ko\npaths:\n  - "elsewhere/**"\n`,
      [NAME]: postmortemMarkdown({ short_term: [{ id: "a", validation: ["https://status.example.com"] }] }),
      "elsewhere/2026-03-12.md": postmortemMarkdown({ short_term: [{ id: "b" }] }),
    });

    await receive("pull_request", pullRequest(pr));

    expect(globsCompiled()).toEqual([["postmortems/**"]]);
    const [update] = bodies("checks/update");
    const output = update!.output as Json;
    // The 44-a file IS a postmortem under the base's `postmortems/**`; the head's `elsewhere/**` is not used.
    expect(output.title).toBe("포스트모템 1개, 후속 조치 1건, 모두 검증 방법 있음");
    expect(String(output.summary)).toContain(NAME);
    expect(String(output.summary)).not.toContain("elsewhere/");
    expect(
      VISIBLE_SUMMARY(String(output.summary)).startsWith(
        "> 포스트모템 파일은 기준 브랜치 설정의 `paths`로 골랐습니다. 이 풀 리퀘스트에서 바꾼 `paths`는 병합한 뒤부터 적용됩니다.",
      ),
    ).toBe(true);
  });
});
