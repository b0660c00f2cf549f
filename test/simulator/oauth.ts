/**
 * The GitHub App user-authorization web flow, as GitHub serves it (issue 19's dashboard login):
 *
 * - `GET /login/oauth/authorize?client_id&redirect_uri&state` on the web host: the signed-in web
 *   user (`sim.setOAuth({ webUser })`) authorizes the app and is sent back to `redirect_uri` with a
 *   one-time `code` (10 minutes) and the `state`. A `redirect_uri` not registered as a callback URL
 *   (`callbackUrls`) or another app's `client_id` is refused, as GitHub does.
 * - `POST /login/oauth/access_token`: code → user token (`ghu_…`, 8 hours, with a refresh token).
 *   Errors are 200 with `{ error, error_description, error_uri }`, as on GitHub.
 * - REST, as the user: `GET /user`, `GET /user/installations`,
 *   `GET /user/installations/{installation_id}/repositories` (a user can access a repository they
 *   own or collaborate on, and an installation with at least one such repository), and
 *   `DELETE /applications/{client_id}/token` (Basic auth with the client id and secret).
 *
 * These paths are outside the REST description (the first two) or in it (the rest, contract-checked).
 */
import { randomBytes } from "node:crypto";
import { ApiError, notFound } from "./model.js";
import type { RestRequest, RestResponse } from "./rest.js";
import { installationJson, publicUser, repoJson } from "./serialize.js";
import { permissionOf, type SimInstallation, type SimRepo, type SimState } from "./state.js";

export interface SimOAuth {
  client_secret: string;
  /** The app's registered callback URLs (redirect_uri must be one of them). */
  callback_urls: string[];
  /** Who is signed in to GitHub in the simulated browser (null: nobody). */
  web_user: string | null;
  /** One-time codes: code -> who, for which redirect_uri, until when (ms). */
  codes: Record<string, { login: string; redirect_uri: string; expires: number }>;
}

export const SIM_CLIENT_SECRET = "sim-client-secret";

export function oauthOf(state: SimState): SimOAuth {
  state.oauth ??= { client_secret: SIM_CLIENT_SECRET, callback_urls: [], web_user: null, codes: {} };
  return state.oauth;
}

export interface WebAnswer {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
  raw?: string;
}

const ERROR_URI =
  "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors";

function form(raw: Buffer, contentType: string | undefined): Record<string, string> {
  const text = raw.toString("utf8");
  if (contentType?.includes("application/json")) {
    try {
      const parsed = JSON.parse(text) as Record<string, unknown>;
      return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(text));
}

/** `/login/oauth/*` on the web host; null for any other path. */
export function oauthWeb(
  state: SimState,
  method: string,
  url: URL,
  raw: Buffer,
  contentType: string | undefined,
  now: Date,
): WebAnswer | null {
  const oauth = oauthOf(state);
  if (url.pathname === "/login/oauth/authorize" && method === "GET") {
    const q = url.searchParams;
    if (q.get("client_id") !== state.app.client_id) return { status: 404, headers: {}, raw: "Not Found" };
    const redirect = q.get("redirect_uri") ?? oauth.callback_urls[0] ?? "";
    if (!oauth.callback_urls.includes(redirect))
      return { status: 400, headers: {}, raw: "The redirect_uri is not associated with this application." };
    if (!oauth.web_user) return { status: 200, headers: {}, raw: "Sign in to GitHub to continue." };
    const code = randomBytes(10).toString("hex");
    oauth.codes[code] = { login: oauth.web_user, redirect_uri: redirect, expires: now.getTime() + 600_000 };
    const back = new URL(redirect);
    back.searchParams.set("code", code);
    const sent = q.get("state");
    if (sent !== null) back.searchParams.set("state", sent);
    return { status: 302, headers: { location: back.href }, raw: "" };
  }
  if (url.pathname === "/login/oauth/access_token" && method === "POST") {
    const body = form(raw, contentType);
    const error = (code: string, description: string): WebAnswer => ({
      status: 200,
      headers: {},
      body: { error: code, error_description: description, error_uri: ERROR_URI },
    });
    if (body.client_id !== state.app.client_id || body.client_secret !== oauth.client_secret)
      return error(
        "incorrect_client_credentials",
        "The client_id and/or client_secret passed are incorrect.",
      );
    const grant = body.code ? oauth.codes[body.code] : undefined;
    if (!grant || grant.expires <= now.getTime())
      return error("bad_verification_code", "The code passed is incorrect or expired.");
    if (body.redirect_uri && body.redirect_uri !== grant.redirect_uri)
      return error(
        "redirect_uri_mismatch",
        "The redirect_uri MUST match the registered callback URL for this application.",
      );
    delete oauth.codes[body.code!];
    const token = `ghu_${randomBytes(18).toString("hex")}`;
    state.tokens[token] = {
      token,
      installation_id: null,
      login: grant.login,
      expires_at: new Date(now.getTime() + 8 * 3600_000).toISOString(),
    };
    return {
      status: 200,
      headers: {},
      body: {
        access_token: token,
        expires_in: 28800,
        refresh_token: `ghr_${randomBytes(18).toString("hex")}`,
        refresh_token_expires_in: 15811200,
        scope: "",
        token_type: "bearer",
      },
    };
  }
  return null;
}

function userOf(req: RestRequest): string {
  const login =
    req.auth.kind === "user" && req.auth.token ? req.ctx.state.tokens[req.auth.token]?.login : null;
  if (!login) throw new ApiError(401, "Requires authentication");
  return login;
}

const canSee = (repo: SimRepo, login: string) => permissionOf(repo, login) !== null;

function reposOf(state: SimState, inst: SimInstallation, login: string): SimRepo[] {
  return Object.values(state.repos).filter((r) => r.installation_id === inst.id && canSee(r, login));
}

function installationsOf(state: SimState, login: string): SimInstallation[] {
  return Object.values(state.installations).filter(
    (i) => i.account.toLowerCase() === login.toLowerCase() || reposOf(state, i, login).length > 0,
  );
}

type Paginate = <T>(req: RestRequest, items: T[]) => { items: T[]; headers: Record<string, string> };

/** The REST handlers of a user token and of the app's client credentials. */
export function oauthHandlers(paginate: Paginate): Record<string, (req: RestRequest) => RestResponse> {
  return {
    "users/get-authenticated": (req) => {
      const login = userOf(req);
      const user = req.ctx.state.users[login.toLowerCase()];
      if (!user) throw notFound();
      return { status: 200, body: publicUser(req.urls, req.ctx.state, user) };
    },
    "apps/list-installations-for-authenticated-user": (req) => {
      const login = userOf(req);
      const all = installationsOf(req.ctx.state, login);
      const page = paginate(req, all);
      return {
        status: 200,
        headers: page.headers,
        body: {
          total_count: all.length,
          installations: page.items.map((i) => installationJson(req.urls, req.ctx.state, i)),
        },
      };
    },
    "apps/list-installation-repos-for-authenticated-user": (req) => {
      const login = userOf(req);
      const inst = installationsOf(req.ctx.state, login).find(
        (i) => String(i.id) === req.params.installation_id,
      );
      if (!inst) throw notFound();
      const all = reposOf(req.ctx.state, inst, login);
      const page = paginate(req, all);
      return {
        status: 200,
        headers: page.headers,
        body: {
          total_count: all.length,
          repository_selection: inst.repository_selection,
          repositories: page.items.map((r) => repoJson(req.urls, req.ctx.state, r, login)),
        },
      };
    },
    "apps/delete-token": (req) => {
      const oauth = oauthOf(req.ctx.state);
      const expected = Buffer.from(`${req.ctx.state.app.client_id}:${oauth.client_secret}`).toString(
        "base64",
      );
      const given = /^basic\s+(\S+)$/i.exec(String(req.headers.authorization ?? ""))?.[1];
      if (req.params.client_id !== req.ctx.state.app.client_id || given !== expected) throw notFound();
      const token = (req.body as { access_token?: unknown } | undefined)?.access_token;
      if (typeof token !== "string" || !req.ctx.state.tokens[token]) throw notFound();
      delete req.ctx.state.tokens[token];
      return { status: 204 };
    },
  };
}
