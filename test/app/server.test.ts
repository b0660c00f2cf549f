import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { testPrivateKey } from "../helpers/probot.js";
import { cleanEnv, freePort, NO_NETWORK, ROOT, type Started, start, waitForHttp } from "./process.js";

/**
 * The built server (`node lib/app/server.js`, what `npm start` runs after its build) started as a
 * separate process with a clean environment, in an empty folder holding only `app.yml` and
 * `package.json` (what Probot's setup mode reads from the working folder). Every connection to a
 * host other than loopback, and every child process, is refused and reported (fixtures/no-network.mjs).
 */

const SERVER = join(ROOT, "lib/app/server.js");
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };

let folders: string[] = [];
let processes: Started[] = [];

function workFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), "pmf-server-"));
  copyFileSync(join(ROOT, "app.yml"), join(dir, "app.yml"));
  copyFileSync(join(ROOT, "package.json"), join(dir, "package.json"));
  folders.push(dir);
  return dir;
}

function startServer(cwd: string, env: Record<string, string>): Started {
  const started = start(["--import", NO_NETWORK, SERVER], { cwd, env });
  processes.push(started);
  return started;
}

/**
 * The server in `cwd` (a new work folder unless given) on a free port of 127.0.0.1, with `env` over
 * a clean environment; returned once `ready` answers.
 */
async function serve(
  env: Record<string, string>,
  { cwd = workFolder(), ready = "/ping" }: { cwd?: string; ready?: string } = {},
): Promise<{ server: Started; base: string }> {
  const port = await freePort();
  const server = startServer(cwd, cleanEnv({ PORT: String(port), HOST: "127.0.0.1", ...env }));
  const base = `http://127.0.0.1:${port}`;
  await waitForHttp(`${base}${ready}`, server);
  return { server, base };
}

/** Production with the app's credentials (and no scheduler): the server starts. */
function production(env: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: "production",
    APP_ID: "1",
    PRIVATE_KEY: testPrivateKey(),
    WEBHOOK_SECRET: "a-secret",
    POSTMORTEM_FOLLOWUPS_SCHEDULER: "off",
    ...env,
  };
}

afterEach(async () => {
  await Promise.all(processes.map((p) => p.stop()));
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  processes = [];
  folders = [];
});

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

describe("first run: no credentials", () => {
  it("serves Probot's registration page from app.yml, offline", async () => {
    const { server, base } = await serve({});

    const root = await fetch(`${base}/`, { redirect: "manual" });
    expect(root.status).toBe(302);
    expect(root.headers.get("location")).toBe("/probot");

    const page = await fetch(`${base}/probot`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Register GitHub App");
    expect(html).toContain("register a new app on GitHub");
    expect(html).toContain('action="https://github.com/settings/apps/new"');

    // The manifest posted to GitHub is app.yml, whole: no value may cut the quoted attribute short.
    const match = /name="manifest" id="manifest" value='([^']*)'/.exec(html);
    expect(match).not.toBeNull();
    const manifest = JSON.parse(decodeEntities(match![1]!)) as Record<string, unknown>;
    const appYml = parse(readFileSync(join(ROOT, "app.yml"), "utf8")) as Record<string, unknown>;
    expect(manifest).toMatchObject(appYml);
    expect(manifest.hook_attributes).toEqual({ url: `${base}/` });
    expect(manifest.redirect_url).toBe(`${base}/probot/setup`);

    // Give a smee.io channel attempt time to show up, then check nothing left the machine.
    await new Promise((r) => setTimeout(r, 300));
    const output = server.stdout() + server.stderr();
    expect(output).not.toContain("[no-network]");
    expect(output).not.toMatch(/smee/i);
    expect(output).toContain("setup mode");
  });
});

describe("cp .env.example .env && npm start", () => {
  it("works as it is: the setup page, no private-key error, nothing on stderr", async () => {
    const cwd = workFolder();
    copyFileSync(join(ROOT, ".env.example"), join(cwd, ".env"));
    const { server, base } = await serve({}, { cwd });

    const page = await fetch(`${base}/probot`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Register GitHub App");
    await new Promise((r) => setTimeout(r, 300));
    expect(server.stdout() + server.stderr()).not.toMatch(/private key|does not exist/i);
    expect(server.stdout()).toContain("setup mode");
  });
});

describe("NODE_ENV=production", () => {
  it("without credentials exits 1 with one clear line on stderr", async () => {
    const cwd = workFolder();
    const port = await freePort();
    const server = startServer(cwd, cleanEnv({ NODE_ENV: "production", PORT: String(port) }));
    expect(await server.exited).toBe(1);
    const lines = server.stderr().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^postmortem-followups: NODE_ENV=production needs the GitHub App's credentials; missing APP_ID, PRIVATE_KEY \(or PRIVATE_KEY_PATH\), WEBHOOK_SECRET\. /,
    );
    expect(server.stderr()).not.toMatch(/\n\s+at /);
    expect(server.stdout()).toBe("");
  });

  it("reads .env like Probot and names only what is still missing", async () => {
    const cwd = workFolder();
    writeFileSync(join(cwd, ".env"), "APP_ID=123\nPRIVATE_KEY_PATH=./missing.pem\n");
    const server = startServer(cwd, cleanEnv({ NODE_ENV: "production", PORT: String(await freePort()) }));
    expect(await server.exited).toBe(1);
    const lines = server.stderr().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("missing PRIVATE_KEY_PATH (./missing.pem does not exist), WEBHOOK_SECRET.");
  });

  it("with credentials serves GET /healthz with the version, and makes no request to GitHub", async () => {
    const { server, base } = await serve(production());

    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(health.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await health.json()).toEqual({ status: "ok", version: pkg.version });

    const head = await fetch(`${base}/healthz`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");

    expect((await fetch(`${base}/healthz`, { method: "POST" })).status).toBe(405);
    expect((await fetch(`${base}/healthz/x`)).status).toBe(404);
    // Metrics are off unless METRICS_ENABLED=true.
    expect((await fetch(`${base}/metrics`)).status).toBe(404);
    // Webhooks are still Probot's: an unsigned delivery is refused.
    const hook = await fetch(`${base}/api/github/webhooks`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-github-event": "ping", "x-github-delivery": "1" },
      body: "{}",
    });
    expect(hook.status).toBeGreaterThanOrEqual(400);

    const output = server.stdout() + server.stderr();
    expect(output).not.toContain("[no-network]");
    expect(output).toContain("postmortem-followups loaded");
  });

  it("METRICS_ENABLED=true with METRICS_TOKEN: /metrics answers 401 without the token, 200 with it", async () => {
    const { server, base } = await serve(
      production({ METRICS_ENABLED: "true", METRICS_TOKEN: "scrape-token-1" }),
    );
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    const ok = await fetch(`${base}/metrics`, { headers: { authorization: "Bearer scrape-token-1" } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("# TYPE postmortem_followups_github_requests_total counter");
    const output = server.stdout() + server.stderr();
    expect(output).not.toContain("scrape-token-1");
    expect(output).not.toContain("[no-network]");
  });

  it("stops cleanly on SIGTERM (what docker stop and Kubernetes send), exit code 0", async () => {
    const { server } = await serve(production(), { ready: "/healthz" });
    const started = Date.now();
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
