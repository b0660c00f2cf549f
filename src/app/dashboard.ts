import type { IncomingMessage, ServerResponse } from "node:http";
import type { Probot } from "probot";
import type { GitHubClient } from "../github/client.js";
import { botLoginFromSlug, createBotIdentity } from "../github/identity.js";
import { type InstallationInfo, listInstallations } from "../github/installations.js";
import { loadDashboardAssets, renderDashboard } from "../runs/report/html.js";
import { collectOrgReport } from "../runs/report/org.js";
import { clearSessionCookie, LOGIN_PATH, type LoginSettings, sessionOf } from "./dashboard-login.js";
import type { HttpHandler } from "./health.js";
import { forgetCredentials, headerCarriesToken } from "./token-header.js";

/**
 * `GET /dashboard` (issue 19): the HTML dashboard of one installation, served by the app's server
 * ONLY when `DASHBOARD_TOKEN` or the GitHub login (DASHBOARD_LOGIN=github, ./dashboard-login.ts) is
 * set up — it lists private repositories and follow-up titles, so it is never public by default.
 * The token is asked for as HTTP Basic (any user name, the token as the password: a browser prompts
 * for it) or `Authorization: Bearer <token>`, and compared in constant time. With the login, a
 * request without an Authorization header needs a session cookie for the same installation, and is
 * sent to /dashboard/login without one. The installation is `DASHBOARD_ORG`'s, or the only one. The page is built (one request per
 * repository, as `report --org`) at most once per `DASHBOARD_MAX_AGE_SECONDS` (default 600), one
 * build at a time, and sent with `cache-control: no-store`.
 */

export const DASHBOARD_PATH = "/dashboard";
const DEFAULT_MAX_AGE_SECONDS = 600;

export interface DashboardSettings {
  /** DASHBOARD_TOKEN; null when only the GitHub login opens the page. */
  token: string | null;
  org: string | null;
  maxAgeMs: number;
}

/**
 * The server's dashboard settings; null (no /dashboard at all) without DASHBOARD_TOKEN, unless the
 * GitHub login is on (`withLogin`).
 */
export function dashboardSettings(
  env: Record<string, string | undefined>,
  withLogin = false,
): DashboardSettings | null {
  const token = env.DASHBOARD_TOKEN?.trim() || null;
  if (!token && !withLogin) return null;
  const age = Number(env.DASHBOARD_MAX_AGE_SECONDS ?? DEFAULT_MAX_AGE_SECONDS);
  return {
    token,
    org: env.DASHBOARD_ORG?.trim() || null,
    maxAgeMs: (Number.isFinite(age) && age >= 0 ? age : DEFAULT_MAX_AGE_SECONDS) * 1000,
  };
}

/** Does the Authorization header carry the token (Bearer, or Basic's password)? Constant time. */
export function authorized(header: string | undefined, token: string): boolean {
  return headerCarriesToken(header, token, { basic: true });
}

const SECURITY_HEADERS = {
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
};

/** The GitHub login's part of /dashboard: the settings, and the installation the page shows. */
export interface DashboardLogin {
  settings: LoginSettings;
  installationId(): Promise<number>;
}

export function dashboardHandler(
  settings: DashboardSettings,
  build: () => Promise<string>,
  log: { error(obj: object, msg: string): void },
  now: () => number = Date.now,
  login: DashboardLogin | null = null,
): HttpHandler {
  let cached: { html: string; at: number } | null = null;
  let building: Promise<string> | null = null;
  const page = async (): Promise<string> => {
    if (cached && now() - cached.at < settings.maxAgeMs) return cached.html;
    building ??= build()
      .then((html) => {
        cached = { html, at: now() };
        return html;
      })
      .finally(() => {
        building = null;
      });
    return building;
  };
  return (req, res) => {
    const path = (req.url ?? "").split("?")[0];
    if (path !== DASHBOARD_PATH) return false;
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain" }).end("Method Not Allowed");
      return true;
    }
    const serve = () => send(req, res);
    const header = req.headers.authorization;
    const session = login ? sessionOf(login.settings, req, Math.floor(now() / 1000)) : null;
    forgetCredentials(req);
    if (settings.token && (header || !login)) {
      if (authorized(header, settings.token)) serve();
      else
        res
          .writeHead(401, {
            ...SECURITY_HEADERS,
            "content-type": "text/plain",
            "www-authenticate": 'Basic realm="postmortem-followups dashboard", charset="UTF-8"',
          })
          .end("Unauthorized");
      return true;
    }
    if (!login) return false;
    const signIn = (clear: boolean) =>
      res
        .writeHead(302, {
          ...SECURITY_HEADERS,
          location: LOGIN_PATH,
          ...(clear ? { "set-cookie": clearSessionCookie(login.settings) } : {}),
        })
        .end();
    if (!session) {
      signIn(false);
      return true;
    }
    // A session for another installation (DASHBOARD_ORG changed since) is no session.
    login.installationId().then(
      (id) => (id === session.installationId ? serve() : signIn(true)),
      (error: unknown) => failed(res, error),
    );
    return true;
  };

  function failed(res: ServerResponse, error: unknown) {
    log.error({ err: error }, "the dashboard could not be built");
    res
      .writeHead(503, { ...SECURITY_HEADERS, "content-type": "text/plain" })
      .end("The dashboard could not be built");
  }

  function send(req: IncomingMessage, res: ServerResponse) {
    page().then(
      (html) => {
        res
          .writeHead(200, {
            ...SECURITY_HEADERS,
            "content-type": "text/html; charset=utf-8",
            "content-length": Buffer.byteLength(html),
          })
          .end(req.method === "HEAD" ? undefined : html);
      },
      (error: unknown) => failed(res, error),
    );
  }
}

/** The installation the dashboard shows: DASHBOARD_ORG's, or the app's only one (not suspended). */
export async function dashboardInstallation(
  app: Pick<Probot, "auth">,
  settings: Pick<DashboardSettings, "org">,
): Promise<InstallationInfo> {
  const installations = (await listInstallations((await app.auth()) as GitHubClient)).filter(
    (i) => !i.suspended,
  );
  const org = settings.org?.toLowerCase();
  const chosen = org ? installations.filter((i) => i.account.toLowerCase() === org) : installations;
  if (chosen.length !== 1)
    throw new Error(
      org
        ? `the app has no installation on ${settings.org}`
        : "the app has several installations: set DASHBOARD_ORG",
    );
  return chosen[0]!;
}

/** The dashboard of the app's installation on `org` (or its only installation), as `report --org` makes it. */
export function appDashboard(app: Pick<Probot, "auth">, settings: DashboardSettings): () => Promise<string> {
  return async () => {
    const installation = await dashboardInstallation(app, settings);
    const named = process.env.APP_BOT_LOGIN;
    const botLogin =
      !named && installation.appSlug
        ? botLoginFromSlug(installation.appSlug)
        : await createBotIdentity(app, named)();
    const report = await collectOrgReport((await app.auth(installation.id)) as GitHubClient, {
      installation,
      botLogin,
      now: new Date(),
    });
    return renderDashboard(report, loadDashboardAssets());
  };
}
