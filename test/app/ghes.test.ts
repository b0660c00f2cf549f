import { createHmac } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testPrivateKey } from "../helpers/probot.js";
import { type Simulator, startSimulator } from "../simulator/index.js";
import { cleanEnv, freePort, NO_NETWORK, ROOT, type Started, start, waitForHttp } from "./process.js";

/**
 * GitHub Enterprise Server end to end: the built server (`node lib/app/server.js`) started with
 * GHE_HOST/GHE_PROTOCOL pointing at the simulator, a signed `pull_request.closed` delivered over
 * HTTP, and the simulator's state checked. Every REST call must go to `/api/v3`, every GraphQL
 * query to `/api/graphql` (the simulator checks them against the GHES OpenAPI description), and the
 * links the app writes must use the server's web host, never github.com. Any connection to a host
 * other than loopback (api.github.com, say) is refused and reported by the no-network preload.
 */

const SECRET = "ghes-webhook-secret";
const POSTMORTEM = `---
title: Search cluster ran out of disk
date: 2026-04-02
severity: SEV2
summary: Search was read-only for 40 minutes when the data nodes filled their disks.
root_cause:
  five_whys:
    - Indexing stopped because the disk watermark was reached.
    - Old indices were never deleted.
followups:
  short_term:
    - id: disk-alert
      title: Alert at 75% disk on data nodes
      category: tooling
      owner: alice
      description: Page before the flood-stage watermark.
      validation:
        - ops/alerts/search-disk.yml
  long_term:
    - id: index-lifecycle
      title: Delete indices older than 30 days
      category: system
      owner: alice
      description: An index lifecycle policy for every log index.
      validation:
        - "#1"
---
# What happened
The cluster filled up.
`;

let sim: Simulator;
let server: Started;
let cwd: string;
let base: string;

beforeAll(async () => {
  sim = await startSimulator({ strict: true });
  cwd = mkdtempSync(join(tmpdir(), "pmf-ghes-"));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = start(["--import", NO_NETWORK, join(ROOT, "lib/app/server.js")], {
    cwd,
    env: cleanEnv({
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      APP_ID: "1",
      PRIVATE_KEY: testPrivateKey(),
      WEBHOOK_SECRET: SECRET,
      GHE_HOST: sim.host,
      GHE_PROTOCOL: "http",
      POSTMORTEM_FOLLOWUPS_SCHEDULER: "off",
      POSTMORTEM_FOLLOWUPS_WRITE_INTERVAL_MS: "0",
      LOG_LEVEL: "info",
    }),
  });
  await waitForHttp(`${base}/healthz`, server);
});

afterAll(async () => {
  await server?.stop();
  await sim?.close();
  rmSync(cwd, { recursive: true, force: true });
});

async function deliver(name: string, payload: object): Promise<Response> {
  const body = JSON.stringify(payload);
  const signature = `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`;
  return fetch(`${base}/api/github/webhooks`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": name,
      "x-github-delivery": `ghes-${Date.now()}`,
      "x-hub-signature-256": signature,
    },
    body,
  });
}

describe("GitHub Enterprise Server (GHE_HOST, GHE_PROTOCOL)", () => {
  it("a merged postmortem creates its follow-ups through /api/v3 and /api/graphql, with links to the GHES host", async () => {
    const repo = sim.seedRepo({
      owner: "octo-org",
      ownerType: "Organization",
      name: "search",
      files: { "README.md": "# search\n", "ops/alerts/search-disk.yml": "alert: disk\n" },
      collaborators: { alice: "write" },
    });
    const pull = sim.openPullRequest(repo, {
      title: "Postmortem: search disk",
      head: "postmortem/search-disk",
      files: { "postmortems/2026-04-02-search-disk.md": POSTMORTEM },
      user: "alice",
    });
    sim.mergePullRequest(repo, pull.number, { by: "alice" });

    // The payload as GHES sends it: its pull request and repository from its own /api/v3.
    const octokit = new Octokit({ baseUrl: sim.ghesUrl, auth: sim.createInstallationToken() });
    const { data: pr } = await octokit.rest.pulls.get({
      owner: "octo-org",
      repo: "search",
      pull_number: pull.number,
    });
    const { data: repository } = await octokit.rest.repos.get({ owner: "octo-org", repo: "search" });
    expect(repository.html_url).toBe(`http://${sim.host}/octo-org/search`);
    sim.clearLog();

    const response = await deliver("pull_request", {
      action: "closed",
      number: pr.number,
      pull_request: pr,
      repository,
      sender: { login: "alice", type: "User", id: 2 },
      installation: { id: repo.installation_id },
    });
    expect(response.status).toBe(200);

    const issues = Object.values(sim.state.repos["octo-org/search"]!.issues).filter((i) => !i.pull);
    expect(issues.map((i) => i.title).sort()).toEqual([
      "Alert at 75% disk on data nodes",
      "Delete indices older than 30 days",
    ]);
    for (const issue of issues) {
      expect(issue.user).toBe("my-app[bot]");
      expect(issue.assignees).toEqual(["alice"]);
      expect(issue.body).toContain(`http://${sim.host}/octo-org/search/`);
      expect(issue.body).not.toMatch(/https:\/\/github\.com\/octo-org/);
    }
    const alert = issues.find((i) => i.title.startsWith("Alert"))!;
    expect(alert.body).toContain(`http://${sim.host}/octo-org/search/blob/main/ops/alerts/search-disk.yml`);
    expect(alert.body).toContain(
      `(http://${sim.host}/octo-org/search/blob/main/postmortems/2026-04-02-search-disk.md)`,
    );

    // Every request went to the GHES API: REST under /api/v3, GraphQL at /api/graphql (the
    // simulator records paths without those prefixes and flags GHES requests with `ghes`).
    const requests = sim.requests;
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((r) => !r.ghes).map((r) => `${r.method} ${r.path}`)).toEqual([]);
    const graphql = requests.filter((r) => r.kind === "graphql");
    expect(graphql.length).toBeGreaterThan(0);
    expect(requests.some((r) => r.kind === "rest" && r.access === "write")).toBe(true);
    expect(sim.violations).toEqual([]);
    expect(server.stderr() + server.stdout()).not.toContain("[no-network]");
  });
});
