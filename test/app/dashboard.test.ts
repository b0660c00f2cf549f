import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Probot } from "probot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import postmortemFollowups from "../../src/app/app.js";
import {
  appDashboard,
  authorized,
  DASHBOARD_PATH,
  dashboardHandler,
  dashboardSettings,
} from "../../src/app/dashboard.js";
import type { HttpHandler } from "../../src/app/health.js";
import { defaultConfig } from "../../src/domain/config/load.js";
import { addFollowup } from "../domain/progress/followup-issues.js";
import { TestOctokit } from "../helpers/octokit.js";
import { testPrivateKey } from "../helpers/probot.js";
import { seedPay, useSimulator, writes } from "../helpers/simulated-github.js";

/**
 * Issue 19: `/dashboard` on the app's server. Never there without DASHBOARD_TOKEN; with it, the
 * token is required (Basic or Bearer), the page is the installation's dashboard, built at most
 * once per max age, and nothing is written to GitHub.
 */

const github = useSimulator({ app: { slug: "postmortem-followups" } });
const TOKEN = "s3cret-dashboard-token";
const servers: ReturnType<typeof createServer>[] = [];

afterEach(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  servers.length = 0;
});

beforeEach(() => {
  github.sim.addInstallation("acme", { id: 1, accountType: "Organization" });
  const pay = seedPay(github.sim, { installation: 1 });
  addFollowup(github.sim, pay, defaultConfig(), { id: "a", due: "2026-11-01" });
});

async function serve(handler: HttpHandler): Promise<string> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (!handler(req, res)) res.writeHead(404).end("Not Found");
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}${DASHBOARD_PATH}`;
}

const probot = () =>
  new Probot({ appId: 1, privateKey: testPrivateKey(), Octokit: TestOctokit, baseUrl: github.sim.url });
const silent = { error() {} };
const basic = (password: string) => `Basic ${Buffer.from(`anyone:${password}`).toString("base64")}`;

describe("/dashboard", () => {
  it("does not exist without DASHBOARD_TOKEN: the app registers no handler for it", async () => {
    const answering = async (token: string | undefined) => {
      const handlers: HttpHandler[] = [];
      const saved = process.env.DASHBOARD_TOKEN;
      if (token === undefined) delete process.env.DASHBOARD_TOKEN;
      else process.env.DASHBOARD_TOKEN = token;
      try {
        await probot().load(postmortemFollowups, {
          addHandler: (h) => {
            handlers.push(h as unknown as HttpHandler);
          },
          cwd: process.cwd(),
        });
      } finally {
        if (saved === undefined) delete process.env.DASHBOARD_TOKEN;
        else process.env.DASHBOARD_TOKEN = saved;
      }
      const req = { url: DASHBOARD_PATH, method: "POST", headers: {} } as IncomingMessage;
      const res = { writeHead: () => ({ end() {} }) } as unknown as ServerResponse;
      return handlers.filter((h) => h(req, res)).length;
    };
    expect(await answering(undefined)).toBe(0);
    expect(await answering("")).toBe(0);
    expect(await answering(TOKEN)).toBe(1);
    expect(dashboardSettings({})).toBeNull();
    expect(dashboardSettings({ DASHBOARD_TOKEN: "  " })).toBeNull();
    expect(
      dashboardSettings({ DASHBOARD_TOKEN: "t", DASHBOARD_ORG: "acme", DASHBOARD_MAX_AGE_SECONDS: "60" }),
    ).toEqual({
      token: "t",
      org: "acme",
      maxAgeMs: 60_000,
    });
  });

  it("asks for the token, and serves the installation's dashboard with it (Basic or Bearer)", async () => {
    const settings = dashboardSettings({ DASHBOARD_TOKEN: TOKEN })!;
    const url = await serve(dashboardHandler(settings, appDashboard(probot(), settings), silent));
    const none = await fetch(url);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toBe(
      'Basic realm="postmortem-followups dashboard", charset="UTF-8"',
    );
    expect(await none.text()).toBe("Unauthorized");
    for (const wrong of [basic("nope"), `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, basic(""), TOKEN])
      expect((await fetch(url, { headers: { authorization: wrong } })).status).toBe(401);
    // Nothing was built for the refused requests.
    expect(github.sim.requests).toEqual([]);

    const page = await fetch(url, { headers: { authorization: basic(TOKEN) } });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(page.headers.get("cache-control")).toBe("no-store");
    const html = await page.text();
    expect(html).toContain("<title>Follow-up health: acme</title>");
    expect(html).toContain('<a href="https://github.com/acme/pay/issues/1">#1</a>');
    const bearer = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(await bearer.text()).toBe(html);
    expect((await fetch(url, { method: "POST", headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(
      405,
    );
    expect(writes(github.sim)).toEqual([]);
  });

  it("builds the page at most once per max age, one build at a time", async () => {
    let builds = 0;
    let clock = 0;
    const settings = { token: TOKEN, org: null, maxAgeMs: 1000 };
    const build = async () => `<p>build ${++builds}</p>`;
    const url = await serve(dashboardHandler(settings, build, silent, () => clock));
    const get = () => fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } }).then((r) => r.text());
    expect(await Promise.all([get(), get(), get()])).toEqual([
      "<p>build 1</p>",
      "<p>build 1</p>",
      "<p>build 1</p>",
    ]);
    clock = 999;
    expect(await get()).toBe("<p>build 1</p>");
    clock = 1000;
    expect(await get()).toBe("<p>build 2</p>");
  });

  it("a build that fails answers 503 and is tried again on the next request", async () => {
    let fail = true;
    const settings = { token: TOKEN, org: "nobody", maxAgeMs: 1000 };
    const url = await serve(
      dashboardHandler(
        settings,
        async () => {
          if (fail) throw new Error("boom");
          return "ok";
        },
        silent,
      ),
    );
    const get = () => fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect((await get()).status).toBe(503);
    fail = false;
    expect(await (await get()).text()).toBe("ok");
  });

  it("another organisation than the app's: an error, not someone else's page", async () => {
    const settings = dashboardSettings({ DASHBOARD_TOKEN: TOKEN, DASHBOARD_ORG: "other" })!;
    await expect(appDashboard(probot(), settings)()).rejects.toThrow("the app has no installation on other");
  });

  it("compares the token whole", () => {
    expect(authorized(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(authorized(`bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(authorized(basic(TOKEN), TOKEN)).toBe(true);
    expect(authorized(undefined, TOKEN)).toBe(false);
    expect(authorized("Bearer", TOKEN)).toBe(false);
    expect(authorized(`Token ${TOKEN}`, TOKEN)).toBe(false);
  });
});
