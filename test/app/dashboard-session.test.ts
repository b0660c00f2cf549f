import { createHmac } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Probot } from "probot";
import { describe, expect, it } from "vitest";
import { browserLanguage, loginSettings } from "../../src/app/dashboard-login.js";
import { registerDashboard } from "../../src/app/dashboard-routes.js";
import {
  cookieKeys,
  cookieOf,
  newState,
  readSession,
  sessionValue,
  setCookie,
  stateMatches,
} from "../../src/app/dashboard-session.js";
import type { HttpHandler } from "../../src/app/health.js";
import { censor } from "../../src/app/server-log.js";

/**
 * Issue 19: the pieces of the dashboard's GitHub login that need no server — the signed cookies,
 * the settings it refuses to start with, and what the request log keeps of a URL. The flow itself
 * runs end to end in dashboard-login.test.ts.
 */

const SECRET = "s".repeat(32);
const keys = cookieKeys(SECRET);
const NOW = 1_800_000_000;
const alice = { login: "alice", installationId: 7, expires: NOW + 60 };

describe("the session cookie", () => {
  it("reads back what it signed, until its expiry", () => {
    const value = sessionValue(keys, alice);
    expect(readSession(keys, value, NOW)).toEqual(alice);
    expect(readSession(keys, value, NOW + 59)).toEqual(alice);
    expect(readSession(keys, value, NOW + 60)).toBeNull();
    // Only the login, the installation and the expiry are in it.
    const payload = value.split(".")[1]!;
    expect(JSON.parse(Buffer.from(payload, "base64url").toString())).toEqual({
      l: "alice",
      i: 7,
      e: NOW + 60,
    });
  });

  it("refuses anything it did not sign with this secret", () => {
    const value = sessionValue(keys, alice);
    const [version, payload, signature] = value.split(".") as [string, string, string];
    const reencode = (data: object) => Buffer.from(JSON.stringify(data)).toString("base64url");
    const refused = {
      empty: "",
      "no dot": "v1",
      "payload only": `${version}.${payload}`,
      "another login": `${version}.${reencode({ l: "mallory", i: 7, e: NOW + 60 })}.${signature}`,
      "a later expiry": `${version}.${reencode({ l: "alice", i: 7, e: NOW + 6000 })}.${signature}`,
      "a signature one character off": `${value.slice(0, -1)}${value.endsWith("A") ? "B" : "A"}`,
      "a signature with more after it": `${value}A`,
      "another secret": sessionValue(cookieKeys("t".repeat(32)), alice),
      "the state key": newState({ session: keys.state, state: keys.state }, NOW).cookie,
      "a state cookie": newState(keys, NOW).cookie,
    };
    for (const [what, cookie] of Object.entries(refused))
      expect({ what, session: readSession(keys, cookie, NOW) }).toEqual({ what, session: null });
  });

  it("refuses a payload of the wrong shape even when it is signed with the right key", () => {
    // Signed here as the module signs (HMAC-SHA256 of "v1.<payload>" under the session key).
    const signed = (payload: string) =>
      `v1.${payload}.${createHmac("sha256", keys.session).update(`v1.${payload}`).digest("base64url")}`;
    const json = (data: unknown) => Buffer.from(JSON.stringify(data)).toString("base64url");
    expect(readSession(keys, signed(json({ l: "alice", i: 7, e: NOW + 60 })), NOW)).toEqual(alice);
    for (const payload of [
      json({ l: 1, i: 7, e: NOW + 60 }),
      json({ l: "alice", i: "7", e: NOW + 60 }),
      json({ l: "alice", i: 7 }),
      json(null),
      Buffer.from("not json").toString("base64url"),
    ])
      expect({ payload, session: readSession(keys, signed(payload), NOW) }).toEqual({
        payload,
        session: null,
      });
    // Another version prefix is refused too.
    const v2 = `v2.${json({ l: "alice", i: 7, e: NOW + 60 })}`;
    expect(
      readSession(keys, `${v2}.${createHmac("sha256", keys.session).update(v2).digest("base64url")}`, NOW),
    ).toBeNull();
  });
});

describe("the OAuth state", () => {
  it("matches its own cookie only, for 10 minutes", () => {
    const { state, cookie } = newState(keys, NOW);
    expect(Buffer.from(state, "base64url")).toHaveLength(32);
    expect(stateMatches(keys, cookie, state, NOW)).toBe(true);
    expect(stateMatches(keys, cookie, state, NOW + 599)).toBe(true);
    expect(stateMatches(keys, cookie, state, NOW + 600)).toBe(false);
    const other = newState(keys, NOW);
    expect(other.state).not.toBe(state);
    expect(stateMatches(keys, cookie, other.state, NOW)).toBe(false);
    expect(stateMatches(keys, cookie, null, NOW)).toBe(false);
    expect(stateMatches(keys, cookie, "", NOW)).toBe(false);
    expect(stateMatches(keys, undefined, state, NOW)).toBe(false);
    expect(stateMatches(keys, `${state}.${NOW + 600}.forged`, state, NOW)).toBe(false);
    expect(stateMatches(cookieKeys("t".repeat(32)), cookie, state, NOW)).toBe(false);
  });
});

describe("cookies", () => {
  it("reads one cookie of a Cookie header, and writes HttpOnly, SameSite=Lax, Path=/dashboard ones", () => {
    expect(cookieOf("a=1; pmf=x.y; b=2", "pmf")).toBe("x.y");
    expect(cookieOf("pmf=first; pmf=second", "pmf")).toBe("first");
    expect(cookieOf("xpmf=1", "pmf")).toBeUndefined();
    expect(cookieOf(undefined, "pmf")).toBeUndefined();
    expect(setCookie("pmf", "v", { secure: true, maxAge: 3600 })).toBe(
      "pmf=v; Path=/dashboard; Max-Age=3600; HttpOnly; SameSite=Lax; Secure",
    );
    expect(setCookie("pmf", "", { secure: false, maxAge: 0 })).toBe(
      "pmf=; Path=/dashboard; Max-Age=0; HttpOnly; SameSite=Lax",
    );
  });
});

const GOOD = {
  DASHBOARD_LOGIN: "github",
  GITHUB_CLIENT_ID: "Iv1.abc",
  GITHUB_CLIENT_SECRET: "client-secret",
  DASHBOARD_SESSION_SECRET: SECRET,
  DASHBOARD_PUBLIC_URL: "https://followups.example.com/",
};

describe("loginSettings", () => {
  it("is off without DASHBOARD_LOGIN, and on with everything it needs", () => {
    expect(loginSettings({})).toBeNull();
    expect(loginSettings({ ...GOOD, DASHBOARD_LOGIN: " " })).toBeNull();
    const on = loginSettings(GOOD);
    expect(on).toMatchObject({
      client: { clientId: "Iv1.abc", clientSecret: "client-secret" },
      callbackUrl: "https://followups.example.com/dashboard/callback",
      secure: true,
      sessionSeconds: 3600,
    });
    expect(
      loginSettings({
        ...GOOD,
        DASHBOARD_PUBLIC_URL: "https://example.com:8443",
        DASHBOARD_SESSION_MINUTES: "15",
      }),
    ).toMatchObject({
      callbackUrl: "https://example.com:8443/dashboard/callback",
      sessionSeconds: 900,
    });
    // Plain http only on loopback, and then without Secure (a browser drops Secure cookies over http).
    for (const url of ["http://127.0.0.1:3000", "http://localhost:3000"])
      expect(loginSettings({ ...GOOD, DASHBOARD_PUBLIC_URL: url })).toMatchObject({ secure: false });
  });

  it("refuses to start with a clear line when a setting is missing or unsafe", () => {
    const problem = (env: Record<string, string | undefined>) => {
      const settings = loginSettings({ ...GOOD, ...env });
      return settings && "problem" in settings ? settings.problem : null;
    };
    const off = "the dashboard's GitHub login is off: ";
    expect({
      kind: problem({ DASHBOARD_LOGIN: "gitlab" }),
      id: problem({ GITHUB_CLIENT_ID: undefined }),
      secret: problem({ GITHUB_CLIENT_SECRET: "" }),
      "no session secret": problem({ DASHBOARD_SESSION_SECRET: undefined }),
      "short session secret": problem({ DASHBOARD_SESSION_SECRET: "s".repeat(31) }),
      "no public URL": problem({ DASHBOARD_PUBLIC_URL: undefined }),
      "http public URL": problem({ DASHBOARD_PUBLIC_URL: "http://followups.example.com" }),
      "a path": problem({ DASHBOARD_PUBLIC_URL: "https://example.com/tools" }),
      minutes: problem({ DASHBOARD_SESSION_MINUTES: "0" }),
      "too many minutes": problem({ DASHBOARD_SESSION_MINUTES: "1441" }),
    }).toEqual({
      kind: `${off}DASHBOARD_LOGIN must be "github", not "gitlab"`,
      id: `${off}set GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET (the GitHub App's client id and a client secret)`,
      secret: `${off}set GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET (the GitHub App's client id and a client secret)`,
      "no session secret": `${off}DASHBOARD_SESSION_SECRET must be at least 32 bytes (openssl rand -hex 32)`,
      "short session secret": `${off}DASHBOARD_SESSION_SECRET must be at least 32 bytes (openssl rand -hex 32)`,
      "no public URL": `${off}set DASHBOARD_PUBLIC_URL to the server's public URL (https://followups.example.com)`,
      "http public URL": `${off}DASHBOARD_PUBLIC_URL must be https (plain http only on 127.0.0.1 or localhost)`,
      "a path": `${off}DASHBOARD_PUBLIC_URL must be the server's origin only (https://followups.example.com), without a path`,
      minutes: `${off}DASHBOARD_SESSION_MINUTES must be a whole number from 1 to 1440`,
      "too many minutes": `${off}DASHBOARD_SESSION_MINUTES must be a whole number from 1 to 1440`,
    });
  });

  it("a refused login registers no route and logs its line; DASHBOARD_TOKEN alone still serves /dashboard", () => {
    const routes = (env: Record<string, string | undefined>) => {
      const errors: string[] = [];
      const handlers: HttpHandler[] = [];
      const app = { log: { error: (m: string) => errors.push(m), info() {} }, auth: async () => ({}) };
      registerDashboard(app as unknown as Probot, (h) => handlers.push(h as unknown as HttpHandler), env);
      const answered = ["/dashboard", "/dashboard/login", "/dashboard/callback", "/dashboard/logout"].filter(
        (url) => {
          const req = { url, method: "PUT", headers: {} } as IncomingMessage;
          const res = { writeHead: () => ({ end() {} }) } as never;
          return handlers.some((h) => h(req, res));
        },
      );
      return { errors, answered };
    };
    const short = { ...GOOD, DASHBOARD_SESSION_SECRET: "short" };
    expect(routes(short)).toEqual({
      errors: [
        "the dashboard's GitHub login is off: DASHBOARD_SESSION_SECRET must be at least 32 bytes (openssl rand -hex 32)",
      ],
      answered: [],
    });
    expect(routes({ ...short, DASHBOARD_TOKEN: "t" }).answered).toEqual(["/dashboard"]);
    expect(routes(GOOD)).toEqual({
      errors: [],
      answered: ["/dashboard", "/dashboard/login", "/dashboard/callback", "/dashboard/logout"],
    });
    expect(routes({})).toEqual({ errors: [], answered: [] });
  });
});

describe("what the request log keeps", () => {
  it("a URL's path, never a header's value", () => {
    expect(censor("/dashboard/callback?code=abc&state=def", ["req", "url"])).toBe("/dashboard/callback");
    expect(censor("/healthz", ["req", "url"])).toBe("/healthz");
    expect(censor("Bearer token", ["req", "headers", "authorization"])).toBe("[redacted]");
    expect(censor("pmf_dashboard_session=v1.x.y", ["req", "headers", "cookie"])).toBe("[redacted]");
  });

  it("the browser's language: Korean when it asks for Korean first", () => {
    const lang = (header?: string) =>
      browserLanguage({
        headers: header === undefined ? {} : { "accept-language": header },
      } as IncomingMessage);
    expect([lang("ko-KR,ko;q=0.9"), lang("ko"), lang("en-US,ko;q=0.8"), lang(), lang("kok")]).toEqual([
      "ko",
      "ko",
      "en",
      "en",
      "en",
    ]);
  });
});
