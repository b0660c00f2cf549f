import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { ApplicationFunctionOptions } from "probot";
import { afterEach, describe, expect, it, vi } from "vitest";
import app from "../../src/app/app.js";
import { bearerMatches, METRICS_PATH, measureHandlers, withMetrics } from "../../src/app/metrics.js";
import { emptyCounts, type FollowupStatus, STATUSES } from "../../src/domain/progress/model.js";
import { onRateLimit, onSecondaryRateLimit } from "../../src/github/octokit.js";
import { setGitHubObserver } from "../../src/github/telemetry.js";
import { setRunObserver } from "../../src/infra/telemetry.js";
import { cappedRepositories, createMetrics } from "../../src/runs/metrics/registry.js";
import { emptyResult } from "../../src/runs/sweep/repository.js";
import { type SweepSource, sweepAll } from "../../src/runs/sweep/sweep.js";
import { postmortemMarkdown } from "../helpers/postmortems.js";
import { createTestProbot, type TestProbot } from "../helpers/probot.js";
import { appRequests, find, mergedPullPayload, seedPay, useSimulator } from "../helpers/simulated-github.js";

/**
 * `GET /metrics` (issue 19): the app's handlers served by a plain HTTP server that answers 404 when
 * no handler takes the request (as Probot's server does), and the exposition text parsed back.
 */

const github = useSimulator();
const FILE = "postmortems/2026-03-12-payments.md";
const ITEMS = {
  short_term: [
    { id: "validate-config", title: "Validate gateway config", owner: "alice", due: "2026-03-19" },
  ],
  long_term: [
    { id: "config-canary", title: "Canary every config change", category: "process", owner: "bob" },
  ],
};

type Handler = Parameters<ApplicationFunctionOptions["addHandler"]>[0];
let servers: Server[] = [];

async function serve(handlers: Handler[]): Promise<string> {
  const server = createServer(async (req, res) => {
    for (const handler of handlers) if (await handler(req, res)) return;
    res.writeHead(404).end("Not Found");
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function started(env: Record<string, string>): Promise<{ t: TestProbot; base: string }> {
  for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
  const handlers: Handler[] = [];
  const t = await createTestProbot(withMetrics(app), {
    baseUrl: github.sim.url,
    addHandler: (h) => handlers.push(h),
  });
  return { t, base: await serve(handlers) };
}

afterEach(async () => {
  vi.unstubAllEnvs();
  setGitHubObserver(null);
  setRunObserver(null);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  servers = [];
});

/** `name{a="x",b="y"}` -> value, labels sorted by name; comments skipped. */
function parse(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`unparsable line: ${line}`);
    const labels = [...(match[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)]
      .map(([, k, v]) => `${k}="${v}"`)
      .sort();
    samples.set(labels.length ? `${match[1]}{${labels.join(",")}}` : match[1]!, Number(match[3]));
  }
  return samples;
}

/** The samples whose name starts with `prefix`. */
function only(samples: Map<string, number>, prefix: string): Record<string, number> {
  return Object.fromEntries([...samples].filter(([k]) => k.startsWith(prefix)));
}

describe("GET /metrics", () => {
  it("is not served unless METRICS_ENABLED=true", async () => {
    const { base } = await started({ METRICS_ENABLED: "false" });
    expect((await fetch(`${base}${METRICS_PATH}`)).status).toBe(404);
    // The health route is still there: the 404 is the metrics being off, not a broken server.
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it("with METRICS_TOKEN: 401 without or with a wrong bearer token, 200 with it", async () => {
    const { base, t } = await started({ METRICS_ENABLED: "true", METRICS_TOKEN: "s3cret-token" });
    const without = await fetch(`${base}${METRICS_PATH}`);
    expect(without.status).toBe(401);
    expect(without.headers.get("www-authenticate")).toBe('Bearer realm="metrics"');
    const wrong = await fetch(`${base}${METRICS_PATH}`, {
      headers: { authorization: "Bearer s3cret-tokem" },
    });
    expect(wrong.status).toBe(401);
    const ok = await fetch(`${base}${METRICS_PATH}`, { headers: { authorization: "Bearer s3cret-token" } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await ok.text();
    expect(text).toContain("# TYPE postmortem_followups_webhook_deliveries_total counter");
    // Only this app's registry: no default process metrics of prom-client's global registry.
    expect(text).not.toContain("process_cpu");
    expect(JSON.stringify(t.logs)).not.toContain("s3cret-token");
    expect((await fetch(`${base}${METRICS_PATH}`, { method: "POST" })).status).toBe(405);
  });

  it("after a merged pull request: exact webhook, GitHub request, reconcile and lock counts", async () => {
    const repo = seedPay(github.sim, { collaborators: { alice: "write", bob: "write" } });
    const { base, t } = await started({ METRICS_ENABLED: "true" });
    const { payload } = mergedPullPayload(github.sim, repo, 7, { [FILE]: postmortemMarkdown(ITEMS) });
    await t.receive("pull_request", payload);
    const samples = parse(await (await fetch(`${base}${METRICS_PATH}`)).text());

    expect(only(samples, "postmortem_followups_webhook_deliveries_total")).toEqual({
      'postmortem_followups_webhook_deliveries_total{event="pull_request.closed",outcome="ok"}': 1,
    });
    expect(
      samples.get('postmortem_followups_webhook_duration_seconds_count{event="pull_request.closed"}'),
    ).toBe(1);
    // Two follow-up issues created: two `POST …/issues` answered 201, under the route template.
    expect(find(github.sim, "POST", "/repos/acme/pay/issues")).toHaveLength(2);
    expect(
      samples.get(
        'postmortem_followups_github_requests_total{route="POST /repos/{owner}/{repo}/issues",status="201"}',
      ),
    ).toBe(2);
    // Every request the simulator answered (the app's token and `GET /app` included) is counted once,
    // under a template: no label carries an owner or repository name.
    const counted = Object.entries(only(samples, "postmortem_followups_github_requests_total"));
    expect(counted.every(([k]) => !k.includes("acme"))).toBe(true);
    const total = counted.reduce((sum, [, n]) => sum + n, 0);
    expect(total).toBe(github.sim.requests.length);
    expect(total).toBe(appRequests(github.sim).length + 2);
    expect(samples.get("postmortem_followups_github_request_duration_seconds_count")).toBe(total);
    expect(samples.get('postmortem_followups_reconcile_duration_seconds_count{outcome="ok"}')).toBe(1);
    expect(samples.get("postmortem_followups_lock_wait_seconds_count")).toBe(1);
    expect(only(samples, "postmortem_followups_github_rate_limited_total")).toEqual({});
  });
});

describe("metrics without a server", () => {
  it("a sweep: duration count, errors, and follow-ups by the report's states per repository (not-due and failed left out)", async () => {
    const metrics = createMetrics();
    const repos = ["pay", "ledger", "idle", "broken"];
    const counts = (over: Partial<Record<FollowupStatus, number>>, lapsed: number) => ({
      states: { ...emptyCounts(), ...over },
      lapsed,
    });
    const source: SweepSource = {
      installations: async () => [{ id: 1, account: "acme", suspended: false }],
      repositories: async () =>
        repos.map((repo) => ({
          owner: "acme",
          repo,
          defaultBranch: "main",
          archived: false,
          serverUrl: "https://github.com",
        })),
      sweep: async ({ repository }) => {
        const name = `acme/${repository.repo}`;
        if (repository.repo === "idle") return emptyResult(name, "not-due");
        if (repository.repo === "broken") throw Object.assign(new Error("Server Error"), { status: 502 });
        const result = emptyResult(name, "ok");
        result.followups =
          repository.repo === "pay"
            ? counts(
                { open: 1, due_soon: 1, overdue: 2, done_validated: 3, done_unvalidated: 1, not_doing: 1 },
                1,
              )
            : counts({ done_validated: 1 }, 0);
        return result;
      },
    };
    const summary = await sweepAll(source);
    expect(summary.errors).toBe(1);
    const samples = parse(await metrics.registry.metrics());
    expect(samples.get("postmortem_followups_sweep_duration_seconds_count")).toBe(1);
    expect(samples.get("postmortem_followups_sweep_errors_total")).toBe(1);
    expect(samples.get("postmortem_followups_sweep_last_completed_timestamp_seconds")).toBeGreaterThan(0);
    const series = (repository: string, values: Partial<Record<FollowupStatus, number>>) =>
      Object.fromEntries(
        STATUSES.map((state) => [
          `postmortem_followups_followups{repository="${repository}",state="${state}"}`,
          values[state] ?? 0,
        ]),
      );
    expect(only(samples, "postmortem_followups_followups{")).toEqual({
      ...series("acme/pay", {
        open: 1,
        due_soon: 1,
        overdue: 2,
        done_validated: 3,
        done_unvalidated: 1,
        not_doing: 1,
      }),
      ...series("acme/ledger", { done_validated: 1 }),
    });
    expect(only(samples, "postmortem_followups_followups_validation_lapsed{")).toEqual({
      'postmortem_followups_followups_validation_lapsed{repository="acme/pay"}': 1,
      'postmortem_followups_followups_validation_lapsed{repository="acme/ledger"}': 0,
    });
  });

  it("rate limits: counted by kind and retry, the waits of the retried ones summed", async () => {
    const metrics = createMetrics();
    const request = { method: "POST", url: "/repos/{owner}/{repo}/issues" };
    expect(onSecondaryRateLimit(60, request, null, 0)).toBe(true);
    expect(onSecondaryRateLimit(30, request, null, 1)).toBe(true);
    expect(onSecondaryRateLimit(3600, request, null, 0)).toBe(false);
    expect(onRateLimit(120, request, null, 0)).toBe(true);
    const samples = parse(await metrics.registry.metrics());
    expect(only(samples, "postmortem_followups_github_rate_limit")).toEqual({
      'postmortem_followups_github_rate_limited_total{kind="secondary",retried="true"}': 2,
      'postmortem_followups_github_rate_limited_total{kind="secondary",retried="false"}': 1,
      'postmortem_followups_github_rate_limited_total{kind="primary",retried="true"}': 1,
      'postmortem_followups_github_rate_limit_wait_seconds_total{kind="secondary"}': 90,
      'postmortem_followups_github_rate_limit_wait_seconds_total{kind="primary"}': 120,
    });
  });
});

describe("measureHandlers", () => {
  it("labels a delivery with the registration it matched, and counts a handler that throws as an error", async () => {
    const metrics = createMetrics();
    const registered: [string | string[], (context: unknown) => Promise<void>][] = [];
    const app = {
      on: (event: string | string[], handler: (context: unknown) => Promise<void>) =>
        registered.push([event, handler]),
    };
    measureHandlers(app as never, metrics);
    (app.on as (e: string | string[], h: (c: unknown) => Promise<void>) => void)(
      ["pull_request.opened", "pull_request.reopened"],
      async () => {},
    );
    (app.on as (e: string, h: (c: unknown) => Promise<void>) => void)("issues.closed", async () => {
      throw new Error("boom");
    });
    const pulls = registered[0]?.[1];
    const closed = registered[1]?.[1];
    await pulls!({ name: "pull_request", payload: { action: "reopened" } });
    await pulls!({ name: "pull_request", payload: { action: "reopened" } });
    await pulls!({ name: "pull_request", payload: { action: "opened" } });
    await expect(closed!({ name: "issues", payload: { action: "closed" } })).rejects.toThrow("boom");
    const samples = parse(await metrics.registry.metrics());
    expect(only(samples, "postmortem_followups_webhook_deliveries_total")).toEqual({
      'postmortem_followups_webhook_deliveries_total{event="pull_request.reopened",outcome="ok"}': 2,
      'postmortem_followups_webhook_deliveries_total{event="pull_request.opened",outcome="ok"}': 1,
      'postmortem_followups_webhook_deliveries_total{event="issues.closed",outcome="error"}': 1,
    });
  });
});

describe("helpers", () => {
  it("bearerMatches: the scheme, the exact token, nothing else", () => {
    expect(bearerMatches("Bearer abc", "abc")).toBe(true);
    expect(bearerMatches("bearer   abc", "abc")).toBe(true);
    expect(bearerMatches("Bearer abcd", "abc")).toBe(false);
    expect(bearerMatches("Basic abc", "abc")).toBe(false);
    expect(bearerMatches("abc", "abc")).toBe(false);
    expect(bearerMatches(undefined, "abc")).toBe(false);
  });

  it("cappedRepositories: the first repositories by name, the rest summed under (other)", () => {
    const of = (open: number, done_validated: number, not_doing: number, lapsed: number) => ({
      states: { open, done_validated, not_doing },
      lapsed,
    });
    const states = new Map([
      ["b/two", of(1, 2, 0, 1)],
      ["a/one", of(3, 0, 1, 0)],
      ["c/three", of(5, 1, 0, 1)],
      ["d/four", of(1, 1, 1, 2)],
    ]);
    expect([...cappedRepositories(states, 2)]).toEqual([
      ["a/one", of(3, 0, 1, 0)],
      ["b/two", of(1, 2, 0, 1)],
      ["(other)", of(6, 2, 1, 3)],
    ]);
    expect([...cappedRepositories(states, 4)].map(([name]) => name)).toEqual([
      "a/one",
      "b/two",
      "c/three",
      "d/four",
    ]);
  });
});
