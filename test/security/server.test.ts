import { sign } from "@octokit/webhooks-methods";
import { describe, expect, it } from "vitest";
import { useServerOnSimulator } from "../e2e/fixture.js";
import {
  type AppProcess,
  followupIssues,
  issueClosed,
  issueCommentCreated,
  mergePullRequest,
  postmortem,
  pullRequestOpened,
  seedRepo,
  type Trap,
  WEBHOOK_SECRET,
  waitForQuiet,
} from "../e2e/harness.js";
import { postmortemMarkdown } from "../helpers/postmortems.js";
import { recordFigures } from "../reliability/figures.js";
import type { Simulator } from "../simulator/index.js";

/**
 * Security of the running server (`node lib/app/server.js` at LOG_LEVEL=trace, on the simulator):
 * unsigned or mis-signed webhooks are refused and change nothing; no credential reaches the logs;
 * nothing in a repository (config, postmortem, comments) makes the app contact another host.
 */

const PATH = "postmortems/2026-03-12-payments.md";

let sim: Simulator;
let app: AppProcess;
let trap: Trap;
useServerOnSimulator(
  (env) => {
    ({ sim, app, trap } = env);
  },
  { app: { logLevel: "trace" }, checks: false },
);

describe("webhook signatures", () => {
  it("a delivery with a bad, missing or foreign signature, or a tampered body, is refused and changes nothing", async () => {
    const repo = seedRepo(sim, "unsigned");
    const merge = mergePullRequest(sim, repo, { [PATH]: postmortem(2) });
    const body = JSON.stringify(merge.closed);
    const tampered = structuredClone(merge.closed);
    (tampered.repository as Record<string, unknown>).name = "another";
    const before = sim.requests.length;
    const attempts = [
      app.deliver("pull_request", merge.closed, { signature: "sha256=deadbeef" }),
      app.deliver("pull_request", merge.closed, { secret: "not-the-secret" }),
      app.deliver("pull_request", merge.closed, { signature: `sha1=${"0".repeat(40)}` }),
      app.deliver("pull_request", tampered, { signature: await sign(WEBHOOK_SECRET, body) }),
      fetch(`${app.url}/api/github/webhooks`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-github-event": "pull_request",
          "x-github-delivery": "x",
        },
        body,
      }).then(async (r) => ({ status: r.status, text: await r.text() })),
    ];
    const results = await Promise.all(attempts);
    await waitForQuiet(sim);
    for (const r of results) expect([400, 401]).toContain(r.status);
    expect(sim.requests.length).toBe(before); // not one request to GitHub
    expect(followupIssues(sim, repo).total).toBe(0);
    recordFigures("bad webhook signatures", {
      deliveries: results.length,
      refused: results.filter((r) => r.status === 400 || r.status === 401).length,
      githubRequests: sim.requests.length - before,
      issuesExpected: 0,
      issuesFound: followupIssues(sim, repo).total,
      crashes: app.running ? 0 : 1,
    });
    expect(app.running).toBe(true);
  });
});

describe("a repository cannot make the app call another host", () => {
  it("config with _extends and URLs elsewhere, evidence links to other hosts and cloud metadata, /validated links", async () => {
    const hostile = postmortemMarkdown({
      summary: "See http://169.254.169.254/latest/meta-data/ and https://evil.example/x",
      short_term: [
        {
          id: "a1",
          validation: [
            "https://evil.example/dashboard",
            "http://169.254.169.254/latest/meta-data/iam",
            "https://github.com/octo-org/hosts/pull/1",
            "https://127.0.0.1:9/admin",
            "file:///etc/passwd",
          ],
        },
        { id: "a2", validation: ["https://grafana.example.com/d/abc", "#1", "https://evil.example/proof"] },
      ],
    });
    // 1. A config that points elsewhere: _extends to a URL, then to another owner's repository.
    const configured = seedRepo(sim, "hostile-config", {
      files: {
        ".github/postmortem-followups.yml":
          "_extends: https://evil.example/config.yml\npaths: ['postmortems/**']\n",
      },
    });
    const m1 = mergePullRequest(sim, configured, { [PATH]: hostile });
    await app.deliver("pull_request", m1.closed);
    sim.addCommit(configured, {
      files: { ".github/postmortem-followups.yml": "_extends: evil-org/.github\n" },
    });
    await app.deliver("pull_request", m1.closed);

    // 2. Default config: the check on the pull request (evidence resolution), the merge, /validated, close.
    const repo = seedRepo(sim, "hosts");
    const pr = sim.openPullRequest(repo, {
      title: "Postmortem",
      head: "pm",
      files: { [PATH]: hostile },
      user: "alice",
    });
    await app.deliver("pull_request", pullRequestOpened(sim, repo, pr));
    // The merged version drops the entries the check rejects (http:, file:), keeping the other hosts.
    const valid = hostile
      .replace(/\n\s+- "http:\/\/169[^\n]*/, '\n        - "https://169.254.169.254/latest/meta-data/iam"')
      .replace(/\n\s+- "file:[^\n]*/, "");
    const merged = mergePullRequest(sim, repo, { [PATH]: valid });
    await app.deliver("pull_request", merged.closed);
    await waitForQuiet(sim);
    const issue = [...followupIssues(sim, repo).byKey.values()].flat()[0]!;
    expect(issue).toBeDefined();
    const comment = sim.addComment(repo, issue.number, "/validated https://evil.example/proof", "alice");
    await app.deliver("issue_comment", issueCommentCreated(sim, repo, issue, comment));
    issue.state = "closed";
    issue.state_reason = "completed";
    issue.closed_at = new Date().toISOString();
    await app.deliver("issues", issueClosed(sim, repo, issue));
    await waitForQuiet(sim);

    expect(repo.check_runs.length).toBeGreaterThan(0); // the check did run
    expect(trap.requests).toEqual([]);
    expect(sim.violations).toEqual([]);
    expect(app.running).toBe(true);
    recordFigures("hostile config and links: requests to other hosts", {
      deliveries: 6,
      otherHostRequests: trap.requests.length,
      simulatorRequests: sim.requests.length,
      crashes: app.running ? 0 : 1,
    });
  });
});

describe("no credential in the logs (LOG_LEVEL=trace)", () => {
  it("installation tokens, the app's JWT, the private key and the webhook secret never appear", async () => {
    // A full run at trace level: the check, a merge, a comment (everything above ran in this process too).
    const repo = seedRepo(sim, "logs");
    const merge = mergePullRequest(sim, repo, { [PATH]: postmortem(2) });
    await app.deliver("pull_request", merge.closed);
    await waitForQuiet(sim);
    expect(followupIssues(sim, repo).total).toBe(3);

    const output = app.output;
    expect(output.length).toBeGreaterThan(10_000); // trace logging did log
    expect(output).toContain('"level":20'); // request-level lines are there
    const tokens = Object.keys(sim.state.tokens);
    expect(tokens.length).toBeGreaterThan(0);
    for (const token of tokens) expect(output).not.toContain(token);
    // A JWT (header.payload.signature, base64url) of any kind.
    expect(output).not.toMatch(/eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]{10,}/);
    expect(output).not.toContain("PRIVATE KEY");
    const keyBody = app.privateKey.split("\n").filter((l) => l && !l.startsWith("-----"));
    for (const line of keyBody) expect(output).not.toContain(line);
    expect(output).not.toContain(WEBHOOK_SECRET);
    expect(output).not.toMatch(/authorization"?\s*:\s*"?(token|bearer)\s+\S{8,}/i);
    recordFigures("credentials in trace logs", {
      logBytes: output.length,
      logLines: output.split("\n").length,
      tokensIssued: tokens.length,
      tokensFound: tokens.filter((t) => output.includes(t)).length,
      privateKeyLinesFound: keyBody.filter((l) => output.includes(l)).length,
      secretFound: output.includes(WEBHOOK_SECRET) ? 1 : 0,
    });
  });
});
