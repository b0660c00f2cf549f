import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cookieKeys, SESSION_COOKIE, STATE_COOKIE, sessionValue } from "../../src/app/dashboard-session.js";
import { testPrivateKey } from "../helpers/probot.js";
import { type Simulator, startSimulator } from "../simulator/index.js";
import { SIM_CLIENT_SECRET } from "../simulator/oauth.js";
import { cleanEnv, freePort, NO_NETWORK, ROOT, type Started, start, waitForHttp } from "./process.js";

/**
 * Issue 19: the dashboard's GitHub login, end to end. The built server (`node lib/app/server.js`)
 * runs with GHE_HOST pointing at the simulator (so every URL must follow the configured host, never
 * github.com), the no-network preload (no other host may be reached), and LOG_LEVEL=debug (so a
 * token that reached a log line would show). The test plays the browser: it follows the redirects
 * by hand, keeps the cookies, and signs in as the simulator's web user.
 */

const SECRET = "0123456789abcdef0123456789abcdef-session";
const CLIENT_ID = "Iv1.simulator";
const DASHBOARD_TOKEN = "dashboard-token-for-scripts";
const METRICS_TOKEN = "metrics-scrape-token";

let sim: Simulator;
let server: Started;
let cwd: string;
let base: string;
let callback: string;

beforeAll(async () => {
  sim = await startSimulator({ strict: true, app: { slug: "postmortem-followups" } });
  cwd = mkdtempSync(join(tmpdir(), "pmf-login-"));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  callback = `${base}/dashboard/callback`;
  server = start(["--import", NO_NETWORK, join(ROOT, "lib/app/server.js")], {
    cwd,
    env: cleanEnv({
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      APP_ID: "1",
      PRIVATE_KEY: testPrivateKey(),
      WEBHOOK_SECRET: "login-webhook-secret",
      GHE_HOST: sim.host,
      GHE_PROTOCOL: "http",
      POSTMORTEM_FOLLOWUPS_SCHEDULER: "off",
      POSTMORTEM_FOLLOWUPS_WRITE_INTERVAL_MS: "0",
      LOG_LEVEL: "debug",
      DASHBOARD_LOGIN: "github",
      GITHUB_CLIENT_ID: CLIENT_ID,
      GITHUB_CLIENT_SECRET: SIM_CLIENT_SECRET,
      DASHBOARD_SESSION_SECRET: SECRET,
      DASHBOARD_PUBLIC_URL: base,
      // The token still opens the page for scripts; /metrics has its own token.
      DASHBOARD_TOKEN: DASHBOARD_TOKEN,
      METRICS_ENABLED: "true",
      METRICS_TOKEN: METRICS_TOKEN,
    }),
  });
  await waitForHttp(`${base}/healthz`, server);
});

afterAll(async () => {
  await server?.stop();
  await sim?.close();
  if (cwd) rmSync(cwd, { recursive: true, force: true });
});

beforeEach(() => {
  sim.reset();
  sim.addInstallation("acme", { id: 1, accountType: "Organization" });
  sim.seedRepo({ owner: "acme", name: "pay", ownerType: "Organization", installation: 1, private: true });
  sim.seedRepo({ owner: "acme", name: "api", ownerType: "Organization", installation: 1, private: true });
  sim.addCollaborator("acme/pay", "alice", "read");
  sim.addCollaborator("acme/api", "alice", "write");
  sim.addCollaborator("acme/pay", "bob", "write"); // sees pay, not api
  sim.addTeam("acme", "sre", { carol: "member" }); // an org member with no repository of the installation
  sim.setOAuth({ callbackUrls: [callback] });
});

type Jar = Record<string, string>;

/** The Set-Cookie headers of a response, by name: `{ value, attributes }`. */
function setCookies(response: Response): Record<string, { value: string; attributes: string[] }> {
  const out: Record<string, { value: string; attributes: string[] }> = {};
  for (const header of response.headers.getSetCookie()) {
    const [pair, ...attributes] = header.split(";").map((p) => p.trim());
    const eq = pair!.indexOf("=");
    out[pair!.slice(0, eq)] = { value: pair!.slice(eq + 1), attributes };
  }
  return out;
}

/** What a browser keeps: the cookies set, minus those deleted (Max-Age=0). */
function keep(jar: Jar, response: Response): Jar {
  const next = { ...jar };
  for (const [name, cookie] of Object.entries(setCookies(response))) {
    if (cookie.attributes.includes("Max-Age=0")) delete next[name];
    else next[name] = cookie.value;
  }
  return next;
}

const header = (jar: Jar) =>
  Object.entries(jar)
    .map(([k, v]) => `${k}=${v}`)
    .join("; ");

const get = (url: string, jar: Jar = {}, init: RequestInit = {}) =>
  fetch(url, { redirect: "manual", ...init, headers: { cookie: header(jar), ...(init.headers ?? {}) } });

/** /dashboard/login → GitHub's authorize page → back to the callback, as `login`. */
async function signIn(login: string): Promise<{ callback: Response; jar: Jar; authorize: URL }> {
  sim.setOAuth({ webUser: login });
  const started = await get(`${base}/dashboard/login`);
  expect(started.status).toBe(302);
  const authorize = new URL(started.headers.get("location")!);
  let jar = keep({}, started);
  const github = await fetch(authorize, { redirect: "manual" });
  expect(github.status).toBe(302);
  const back = await get(github.headers.get("location")!, jar);
  jar = keep(jar, back);
  return { callback: back, jar, authorize };
}

const userTokens = () => Object.values(sim.state.tokens).filter((t) => t.login !== null);
const logs = () => server.stdout() + server.stderr();

/** The server's output once it holds `text`: its log lines arrive over a pipe, after the response. */
async function logged(text: string): Promise<string> {
  for (let tries = 0; tries < 100 && !logs().includes(text); tries++)
    await new Promise((r) => setTimeout(r, 20));
  return logs();
}

describe("the dashboard's GitHub login", () => {
  it("sends a browser without a session to /dashboard/login, and from there to the GHES authorize page", async () => {
    const page = await get(`${base}/dashboard`);
    expect(page.status).toBe(302);
    expect(page.headers.get("location")).toBe("/dashboard/login");

    const login = await get(`${base}/dashboard/login`);
    expect(login.status).toBe(302);
    const location = new URL(login.headers.get("location")!);
    // The configured GitHub's web host (GHE_HOST), never github.com.
    expect(location.origin).toBe(`http://${sim.host}`);
    expect(location.pathname).toBe("/login/oauth/authorize");
    const state = location.searchParams.get("state")!;
    expect(Object.fromEntries(location.searchParams)).toEqual({
      allow_signup: "false",
      client_id: CLIENT_ID,
      redirect_uri: callback,
      state,
    });
    expect(Buffer.from(state, "base64url")).toHaveLength(32);
    const cookie = setCookies(login)[STATE_COOKIE]!;
    expect(cookie.value.startsWith(`${state}.`)).toBe(true);
    // Loopback http in this test: no Secure (DASHBOARD_PUBLIC_URL https sets it; see the unit tests).
    expect(cookie.attributes).toEqual(["Path=/dashboard", "Max-Age=600", "HttpOnly", "SameSite=Lax"]);
    // A second login gets another state.
    const again = new URL((await get(`${base}/dashboard/login`)).headers.get("location")!);
    expect(again.searchParams.get("state")).not.toBe(state);
    expect(sim.requests.filter((r) => r.operation?.startsWith("oauth/"))).toEqual([]);
  });

  it("lets in a user who can see every repository of the installation, with a session cookie and no token", async () => {
    const { callback: back, jar } = await signIn("alice");
    expect(back.status).toBe(303);
    expect(back.headers.get("location")).toBe("/dashboard");
    const cookies = setCookies(back);
    expect(cookies[STATE_COOKIE]!.attributes).toContain("Max-Age=0");
    const session = cookies[SESSION_COOKIE]!;
    expect(session.attributes).toEqual(["Path=/dashboard", "Max-Age=3600", "HttpOnly", "SameSite=Lax"]);
    // The session carries the login, the installation and the expiry: nothing else.
    const payload = JSON.parse(Buffer.from(session.value.split(".")[1]!, "base64url").toString("utf8"));
    expect(Object.keys(payload)).toEqual(["l", "i", "e"]);
    expect(payload).toMatchObject({ l: "alice", i: 1 });

    const page = await get(`${base}/dashboard`, jar);
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("no-store");
    expect(await page.text()).toContain("<title>Follow-up health: acme</title>");

    // What GitHub was asked, in order; the OAuth endpoints on the web host, the rest on /api/v3.
    const asked = sim.requests
      .filter((r) => r.operation?.startsWith("oauth/") || /user|delete-token/.test(r.operation ?? ""))
      .map((r) => `${r.ghes ? "api" : "web"} ${r.method} ${r.path}`);
    expect(asked).toEqual([
      "web GET /login/oauth/authorize",
      "web POST /login/oauth/access_token",
      "api GET /user",
      "api GET /user/installations",
      "api GET /user/installations/1/repositories",
      `api DELETE /applications/${CLIENT_ID}/token`,
    ]);
    const exchange = sim.requests.find((r) => r.operation === "oauth/access-token")!;
    expect(JSON.parse(String(exchange.body))).toMatchObject({ client_id: CLIENT_ID, redirect_uri: callback });
    // The user's token was revoked: the simulator holds no user token any more.
    expect(userTokens()).toEqual([]);
    expect(await logged('"login":"alice","installation":1,"msg":"dashboard sign-in"')).toContain(
      '"login":"alice","installation":1,"msg":"dashboard sign-in"',
    );
  });

  it("refuses a callback whose state is not its cookie's, before asking GitHub anything", async () => {
    sim.setOAuth({ webUser: "alice" });
    const started = await get(`${base}/dashboard/login`);
    const jar = keep({}, started);
    const github = await fetch(started.headers.get("location")!, { redirect: "manual" });
    const back = new URL(github.headers.get("location")!);
    const code = back.searchParams.get("code")!;
    const forged = `${callback}?code=${code}&state=${"A".repeat(43)}`;
    for (const [url, cookies] of [
      [forged, jar], // another state
      [back.href, {}], // no state cookie (a link sent to someone else)
      [`${callback}?code=${code}`, jar], // no state at all
      [back.href, { [STATE_COOKIE]: `${back.searchParams.get("state")}.9999999999.forged` }], // unsigned
    ] as const) {
      const answer = await get(url, cookies);
      expect(answer.status).toBe(400);
      expect(await answer.text()).toBe(
        "This sign-in link has expired or was not started by this server. Sign in again at /dashboard/login.",
      );
      expect(setCookies(answer)[SESSION_COOKIE]).toBeUndefined();
    }
    expect(sim.requests.filter((r) => r.operation === "oauth/access-token")).toEqual([]);
    // "Cancel" on GitHub's page: back with the right state and an error instead of a code.
    const cancelled = await get(
      `${callback}?error=access_denied&state=${back.searchParams.get("state")}`,
      jar,
    );
    expect(cancelled.status).toBe(403);
    expect(await cancelled.text()).toBe(
      "Sign-in was cancelled on GitHub. Sign in again at /dashboard/login.",
    );
    // In Korean for a browser that asks for it.
    const ko = await get(forged, jar, { headers: { "accept-language": "ko-KR,ko;q=0.9,en;q=0.8" } });
    expect(await ko.text()).toBe(
      "로그인 링크가 만료되었거나 이 서버에서 시작되지 않았습니다. /dashboard/login에서 다시 로그인하세요.",
    );
  });

  it("answers 403 to an org member without the installation, and to a user who cannot see every repository", async () => {
    const carol = await signIn("carol");
    expect(carol.callback.status).toBe(403);
    expect(await carol.callback.text()).toBe(
      "@carol cannot access the app's installation on acme, so the dashboard is not shown.",
    );
    expect(carol.jar[SESSION_COOKIE]).toBeUndefined();
    expect((await get(`${base}/dashboard`, carol.jar)).status).toBe(302);

    const bob = await signIn("bob");
    expect(bob.callback.status).toBe(403);
    expect(await bob.callback.text()).toBe(
      "@bob can see 1 of the 2 repositories of the app's installation on acme. " +
        "The dashboard lists all of them, so it is shown only to people who can see every one.",
    );
    expect(bob.jar[SESSION_COOKIE]).toBeUndefined();
    // Both tokens were revoked all the same.
    expect(userTokens()).toEqual([]);
    expect(await logged('"login":"bob","reason":"sees 1 of 2 repositories"')).toContain(
      '"login":"bob","reason":"sees 1 of 2 repositories"',
    );
  });

  it("a code used twice is refused by GitHub, and the server says so", async () => {
    sim.setOAuth({ webUser: "alice" });
    const started = await get(`${base}/dashboard/login`);
    const jar = keep({}, started);
    const back = (await fetch(started.headers.get("location")!, { redirect: "manual" })).headers.get(
      "location",
    )!;
    expect((await get(back, jar)).status).toBe(303);
    const replay = await get(back, jar);
    expect(replay.status).toBe(400);
    expect(await replay.text()).toBe(
      "GitHub refused the sign-in code (used or expired). Sign in again at /dashboard/login.",
    );
    expect(await logged('"status":400,"reason":"The code passed is incorrect or expired.')).toContain(
      '"status":400,"reason":"The code passed is incorrect or expired.',
    );
  });

  it("refuses a tampered, expired or foreign session cookie, and logout deletes it", async () => {
    const { jar } = await signIn("alice");
    const value = jar[SESSION_COOKIE]!;
    const [version, payload, signature] = value.split(".") as [string, string, string];
    const keys = cookieKeys(SECRET);
    const now = Math.floor(Date.now() / 1000);
    const asMallory = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, "base64url").toString()), l: "mallory" }),
    ).toString("base64url");
    const refused = {
      "another login, same signature": `${version}.${asMallory}.${signature}`,
      "a flipped signature": `${value.slice(0, -2)}${value.endsWith("A") ? "B" : "A"}${value.slice(-1)}`,
      "no signature": `${version}.${payload}`,
      expired: sessionValue(keys, { login: "alice", installationId: 1, expires: now - 1 }),
      "another installation": sessionValue(keys, { login: "alice", installationId: 2, expires: now + 600 }),
      "signed with another secret": sessionValue(cookieKeys(`${SECRET}-other`), {
        login: "alice",
        installationId: 1,
        expires: now + 600,
      }),
    };
    const answers: Record<string, number> = {};
    for (const [what, cookie] of Object.entries(refused))
      answers[what] = (await get(`${base}/dashboard`, { [SESSION_COOKIE]: cookie })).status;
    expect(answers).toEqual(Object.fromEntries(Object.keys(refused).map((k) => [k, 302])));
    // The same cookie, untouched, is fine; and a well-signed one made here is too (the test's keys are right).
    expect((await get(`${base}/dashboard`, jar)).status).toBe(200);
    const made = sessionValue(keys, { login: "alice", installationId: 1, expires: now + 600 });
    expect((await get(`${base}/dashboard`, { [SESSION_COOKIE]: made })).status).toBe(200);

    const out = await get(`${base}/dashboard/logout`, jar, { method: "POST" });
    expect(out.status).toBe(200);
    expect(setCookies(out)[SESSION_COOKIE]).toEqual({
      value: "",
      attributes: ["Path=/dashboard", "Max-Age=0", "HttpOnly", "SameSite=Lax"],
    });
    const after = keep(jar, out);
    expect(after[SESSION_COOKIE]).toBeUndefined();
    expect((await get(`${base}/dashboard`, after)).status).toBe(302);
  });

  it("never puts a token, the code, the state or the session in a log line or a token in a cookie, and reaches no other host", async () => {
    const { jar, callback: back } = await signIn("alice");
    const code = new URL(back.url).searchParams.get("code")!;
    await signIn("bob");
    await get(`${base}/dashboard`, jar);
    // With the login on, a request with an Authorization header is a script's: the token decides.
    const script = await get(
      `${base}/dashboard`,
      {},
      { headers: { authorization: `Bearer ${DASHBOARD_TOKEN}` } },
    );
    expect(script.status).toBe(200);
    const wrong = await get(`${base}/dashboard`, jar, { headers: { authorization: "Bearer nope" } });
    expect(wrong.status).toBe(401);
    const scrape = await get(
      `${base}/metrics`,
      {},
      { headers: { authorization: `Bearer ${METRICS_TOKEN}` } },
    );
    expect(scrape.status).toBe(200);
    const text = await logged("GET /metrics 200");
    // Probot's request log was on (info) and so was debug logging: the lines are there, without the secrets.
    expect(text).toContain('"msg":"GET /dashboard/callback 303');
    expect(text).toContain('"url":"/dashboard/callback"');
    expect(text).toContain('"authorization":"[redacted]"');
    for (const secret of [
      DASHBOARD_TOKEN,
      METRICS_TOKEN,
      "Bearer",
      "ghu_",
      "ghr_",
      SIM_CLIENT_SECRET,
      SECRET,
      code,
      "code=",
      "state=",
      jar[SESSION_COOKIE]!,
      SESSION_COOKIE,
      STATE_COOKIE,
    ])
      expect({ secret, found: text.includes(secret) }).toEqual({ secret, found: false });
    expect(Object.values(jar).join(";")).not.toMatch(/gh[ur]_/);
    expect(text).not.toContain("[no-network]");
  });
});
