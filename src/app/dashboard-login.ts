import type { IncomingMessage } from "node:http";
import { errorMessage, statusOf } from "../github/client.js";
import type { OAuthClient, UserAccess } from "../github/user-access.js";
import { t } from "../text/catalog/index.js";
import type { Language } from "../text/language.js";
import {
  type CookieKeys,
  cookieKeys,
  cookieOf,
  MIN_SECRET_BYTES,
  newState,
  readSession,
  SESSION_COOKIE,
  type Session,
  STATE_COOKIE,
  STATE_MAX_AGE_SECONDS,
  sessionValue,
  setCookie,
  stateMatches,
} from "./dashboard-session.js";
import type { HttpHandler } from "./health.js";
import { forgetCredentials } from "./token-header.js";

/**
 * `/dashboard/login`, `/dashboard/callback`, `/dashboard/logout` (issue 19): the dashboard for
 * people who sign in with GitHub, off unless DASHBOARD_LOGIN=github and everything it needs is set.
 *
 * 1. `/dashboard/login` sends the browser to GitHub's authorize page (the GitHub App's user
 *    authorization) with a random `state`, bound to a signed HttpOnly cookie for 10 minutes (CSRF).
 * 2. `/dashboard/callback` checks the state, exchanges the code and asks GitHub, as the user, which
 *    installations and repositories they can access (../github/user-access.ts; the token is then
 *    revoked). Only a user who can see EVERY repository of the dashboard's installation gets in: the
 *    page lists them all, private ones included. An org member without the installation gets 403.
 * 3. The session is a signed (HMAC-SHA256), expiring cookie with the login, the installation id and
 *    the expiry only (./dashboard-session.ts). Access is checked at sign-in; a session lasts
 *    DASHBOARD_SESSION_MINUTES (default 60), after which /dashboard signs the user in again.
 * 4. `/dashboard/logout` deletes it.
 */

export const LOGIN_PATH = "/dashboard/login";
export const CALLBACK_PATH = "/dashboard/callback";
export const LOGOUT_PATH = "/dashboard/logout";
const DEFAULT_SESSION_MINUTES = 60;
const MAX_SESSION_MINUTES = 24 * 60;

export interface LoginSettings {
  client: OAuthClient;
  keys: CookieKeys;
  /** `${DASHBOARD_PUBLIC_URL}/dashboard/callback`: the GitHub App's callback URL. */
  callbackUrl: string;
  /** Cookies are Secure unless the public URL is http on loopback. */
  secure: boolean;
  sessionSeconds: number;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * The login's settings, null when DASHBOARD_LOGIN is not set, or `{ problem }`: the one line the
 * server logs when it refuses to turn the login on (a missing or short setting).
 */
export function loginSettings(
  env: Record<string, string | undefined>,
): LoginSettings | { problem: string } | null {
  const kind = env.DASHBOARD_LOGIN?.trim();
  if (!kind) return null;
  const off = (why: string) => ({ problem: `the dashboard's GitHub login is off: ${why}` });
  if (kind !== "github") return off(`DASHBOARD_LOGIN must be "github", not "${kind}"`);
  const clientId = env.GITHUB_CLIENT_ID?.trim();
  const clientSecret = env.GITHUB_CLIENT_SECRET?.trim();
  if (!clientId || !clientSecret)
    return off(
      "set GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET (the GitHub App's client id and a client secret)",
    );
  const secret = env.DASHBOARD_SESSION_SECRET ?? "";
  if (Buffer.byteLength(secret, "utf8") < MIN_SECRET_BYTES)
    return off(`DASHBOARD_SESSION_SECRET must be at least ${MIN_SECRET_BYTES} bytes (openssl rand -hex 32)`);
  let url: URL;
  try {
    url = new URL(env.DASHBOARD_PUBLIC_URL?.trim() ?? "");
  } catch {
    return off("set DASHBOARD_PUBLIC_URL to the server's public URL (https://followups.example.com)");
  }
  // The routes and the cookies' Path are /dashboard at the root: a path prefix would break both.
  if (url.pathname !== "/" || url.search || url.hash)
    return off(
      "DASHBOARD_PUBLIC_URL must be the server's origin only (https://followups.example.com), without a path",
    );
  const loopback = url.protocol === "http:" && LOOPBACK.has(url.hostname);
  if (url.protocol !== "https:" && !loopback)
    return off("DASHBOARD_PUBLIC_URL must be https (plain http only on 127.0.0.1 or localhost)");
  const minutes = Number(env.DASHBOARD_SESSION_MINUTES ?? DEFAULT_SESSION_MINUTES);
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_SESSION_MINUTES)
    return off(`DASHBOARD_SESSION_MINUTES must be a whole number from 1 to ${MAX_SESSION_MINUTES}`);
  return {
    client: { clientId, clientSecret },
    keys: cookieKeys(secret),
    callbackUrl: `${url.origin}${CALLBACK_PATH}`,
    secure: !loopback,
    sessionSeconds: minutes * 60,
  };
}

/** What the login needs of GitHub (the app's side and the user's side). */
export interface LoginPorts {
  /** The app's API base URL (GitHub's, or GHE_HOST's): every OAuth URL is derived from it. */
  apiBaseUrl(): Promise<string>;
  /** The installation the dashboard shows. */
  installation(): Promise<{ id: number; account: string }>;
  /** Its repositories (`owner/name`, lower case), as the app lists them. */
  repositories(installationId: number): Promise<string[]>;
  authorizationUrl(baseUrl: string, redirectUrl: string, state: string): string;
  /** Exchange the code and read the user's access (the token is revoked before this returns). */
  access(
    baseUrl: string,
    input: { code: string; redirectUrl: string; installationId: number },
  ): Promise<UserAccess>;
}

interface Log {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/** The browser's first language among ours (Accept-Language), English otherwise. */
export function browserLanguage(req: IncomingMessage): Language {
  const first = (req.headers["accept-language"] ?? "").split(",")[0]?.trim().toLowerCase() ?? "";
  return first === "ko" || first.startsWith("ko-") ? "ko" : "en";
}

const HEADERS = {
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
};

/** The session of a request to /dashboard: a valid cookie, not expired; else null. */
export function sessionOf(settings: LoginSettings, req: IncomingMessage, nowSeconds: number): Session | null {
  return readSession(settings.keys, cookieOf(req.headers.cookie, SESSION_COOKIE), nowSeconds);
}

export function clearSessionCookie(settings: LoginSettings): string {
  return setCookie(SESSION_COOKIE, "", { secure: settings.secure, maxAge: 0 });
}

export function loginHandler(
  settings: LoginSettings,
  ports: LoginPorts,
  log: Log,
  now: () => number = Date.now,
): HttpHandler {
  const seconds = () => Math.floor(now() / 1000);
  const cookie = (name: string, value: string, maxAge: number) =>
    setCookie(name, value, { secure: settings.secure, maxAge });
  return (req, res) => {
    const url = new URL(req.url ?? "/", "http://dashboard.invalid");
    const path = url.pathname;
    if (path !== LOGIN_PATH && path !== CALLBACK_PATH && path !== LOGOUT_PATH) return false;
    const allowed = path === LOGOUT_PATH ? ["GET", "POST"] : ["GET"];
    if (!allowed.includes(req.method ?? "")) {
      res
        .writeHead(405, { allow: allowed.join(", "), "content-type": "text/plain" })
        .end("Method Not Allowed");
      return true;
    }
    const language = browserLanguage(req);
    const cookies = req.headers.cookie;
    forgetCredentials(req);
    const text = (status: number, body: string, headers: Record<string, string | string[]> = {}) =>
      res
        .writeHead(status, { ...HEADERS, "content-type": "text/plain; charset=utf-8", ...headers })
        .end(body);

    if (path === LOGOUT_PATH) {
      text(200, t(language, "dashboard-login.signed-out"), { "set-cookie": clearSessionCookie(settings) });
      return true;
    }
    if (path === LOGIN_PATH) {
      const { state, cookie: stateCookie } = newState(settings.keys, seconds());
      ports.apiBaseUrl().then(
        (baseUrl) => {
          res
            .writeHead(302, {
              ...HEADERS,
              location: ports.authorizationUrl(baseUrl, settings.callbackUrl, state),
              "set-cookie": cookie(STATE_COOKIE, stateCookie, STATE_MAX_AGE_SECONDS),
            })
            .end();
        },
        () => text(503, t(language, "dashboard-login.unreachable")),
      );
      return true;
    }
    // The callback. The state cookie is single-use: deleted whatever happens next.
    const clearState = cookie(STATE_COOKIE, "", 0);
    const given = url.searchParams.get("state");
    if (!stateMatches(settings.keys, cookieOf(cookies, STATE_COOKIE), given, seconds())) {
      log.warn({}, "dashboard sign-in refused: the state does not match its cookie");
      text(400, t(language, "dashboard-login.state-refused"), { "set-cookie": clearState });
      return true;
    }
    const code = url.searchParams.get("code");
    if (url.searchParams.has("error") || !code) {
      text(403, t(language, "dashboard-login.cancelled"), { "set-cookie": clearState });
      return true;
    }
    admit(settings, ports, code, seconds, log).then(
      (outcome) => {
        if (outcome.kind === "admitted") {
          log.info({ login: outcome.login, installation: outcome.installationId }, "dashboard sign-in");
          res
            .writeHead(303, {
              ...HEADERS,
              location: "/dashboard",
              "set-cookie": [clearState, cookie(SESSION_COOKIE, outcome.cookie, settings.sessionSeconds)],
            })
            .end();
          return;
        }
        if (outcome.kind === "refused") {
          log.warn({ login: outcome.login, reason: outcome.reason }, "dashboard sign-in refused");
          text(403, outcome.message(language), { "set-cookie": clearState });
          return;
        }
        log.warn({ status: outcome.status ?? null, reason: outcome.reason }, "dashboard sign-in failed");
        const refused = outcome.status === 400 || outcome.status === 401 || outcome.status === 404;
        text(
          refused ? 400 : 502,
          t(language, refused ? "dashboard-login.code-refused" : "dashboard-login.unreachable"),
          {
            "set-cookie": clearState,
          },
        );
      },
      () => text(500, t(language, "dashboard-login.unreachable"), { "set-cookie": clearState }),
    );
    return true;
  };
}

type Outcome =
  | { kind: "admitted"; login: string; installationId: number; cookie: string }
  | { kind: "refused"; login: string; reason: string; message: (language: Language) => string }
  | { kind: "failed"; status: number | undefined; reason: string };

/** Who the code belongs to, and whether they may see the whole installation. */
async function admit(
  settings: LoginSettings,
  ports: LoginPorts,
  code: string,
  seconds: () => number,
  log: Log,
): Promise<Outcome> {
  let access: UserAccess;
  let installation: { id: number; account: string };
  let repositories: string[];
  try {
    const baseUrl = await ports.apiBaseUrl();
    installation = await ports.installation();
    access = await ports.access(baseUrl, {
      code,
      redirectUrl: settings.callbackUrl,
      installationId: installation.id,
    });
    repositories = access.repositories === null ? [] : await ports.repositories(installation.id);
  } catch (error) {
    // The status and the message only: a RequestError also carries the request (the client
    // secret, the code), which must not reach the log. Its message is GitHub's answer.
    return { kind: "failed", status: statusOf(error), reason: errorMessage(error).slice(0, 300) };
  }
  const { login } = access;
  if (!access.revoked)
    log.warn({ login }, "dashboard sign-in: the user's token could not be revoked (it expires on its own)");
  const account = installation.account;
  if (access.repositories === null)
    return {
      kind: "refused",
      login,
      reason: "no access to the installation",
      message: (language) => t(language, "dashboard-login.no-installation", { login, account }),
    };
  const visible = new Set(access.repositories);
  const seen = repositories.filter((r) => visible.has(r)).length;
  if (seen < repositories.length)
    return {
      kind: "refused",
      login,
      reason: `sees ${seen} of ${repositories.length} repositories`,
      message: (language) =>
        t(language, "dashboard-login.some-repositories", {
          login,
          account,
          seen,
          total: repositories.length,
        }),
    };
  const session = { login, installationId: installation.id, expires: seconds() + settings.sessionSeconds };
  return {
    kind: "admitted",
    login,
    installationId: installation.id,
    cookie: sessionValue(settings.keys, session),
  };
}
