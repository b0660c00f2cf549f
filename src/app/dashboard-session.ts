import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * The signed cookies of the dashboard's GitHub login (./dashboard-login.ts), pure: no request, no
 * clock of its own. Each value is `payload.signature`, the signature HMAC-SHA256 under a key
 * derived from DASHBOARD_SESSION_SECRET for that cookie alone (a state cookie is never a session).
 *
 * - The session carries the GitHub login, the installation id and the expiry — never a token.
 * - The state cookie carries the OAuth `state` (random, 32 bytes) and its expiry (10 minutes).
 *
 * Signatures are compared with `timingSafeEqual` over equal-length digests.
 */

export const SESSION_COOKIE = "pmf_dashboard_session";
export const STATE_COOKIE = "pmf_dashboard_state";
/** How long the GitHub round trip may take between /dashboard/login and /dashboard/callback. */
export const STATE_MAX_AGE_SECONDS = 600;
/** DASHBOARD_SESSION_SECRET's minimum, in bytes (the HMAC-SHA256 key size). */
export const MIN_SECRET_BYTES = 32;

export interface Session {
  login: string;
  installationId: number;
  /** Seconds since the epoch. */
  expires: number;
}

export interface CookieKeys {
  session: Buffer;
  state: Buffer;
}

/** One key per cookie, derived from the secret (HMAC as a KDF, with the cookie's name as label). */
export function cookieKeys(secret: string): CookieKeys {
  const derive = (label: string) =>
    createHmac("sha256", secret).update(`postmortem-followups ${label}`).digest();
  return { session: derive("dashboard session v1"), state: derive("dashboard oauth state v1") };
}

const sign = (key: Buffer, payload: string) => createHmac("sha256", key).update(payload).digest();
/** Equal-length digests, so that `timingSafeEqual` neither throws nor exits early on a length. */
const digest = (data: Buffer | string) => createHash("sha256").update(data).digest();

/** The payload of `payload.signature` when the signature is right, else null (constant time). */
function verified(key: Buffer, value: string | undefined): string | null {
  if (!value) return null;
  const dot = value.lastIndexOf(".");
  if (dot <= 0) return null;
  const payload = value.slice(0, dot);
  const given = value.slice(dot + 1);
  const expected = sign(key, payload).toString("base64url");
  return timingSafeEqual(digest(given), digest(expected)) ? payload : null;
}

function signed(key: Buffer, payload: string): string {
  return `${payload}.${sign(key, payload).toString("base64url")}`;
}

export function sessionValue(keys: CookieKeys, session: Session): string {
  const payload = Buffer.from(
    JSON.stringify({ l: session.login, i: session.installationId, e: session.expires }),
  ).toString("base64url");
  return signed(keys.session, `v1.${payload}`);
}

/** The session a cookie value carries: signed by us, not expired at `nowSeconds`; else null. */
export function readSession(keys: CookieKeys, value: string | undefined, nowSeconds: number): Session | null {
  const payload = verified(keys.session, value);
  if (!payload?.startsWith("v1.")) return null;
  try {
    const data = JSON.parse(Buffer.from(payload.slice(3), "base64url").toString("utf8")) as {
      l?: unknown;
      i?: unknown;
      e?: unknown;
    };
    if (typeof data.l !== "string" || typeof data.i !== "number" || typeof data.e !== "number") return null;
    if (data.e <= nowSeconds) return null;
    return { login: data.l, installationId: data.i, expires: data.e };
  } catch {
    return null;
  }
}

/** A fresh OAuth state (32 random bytes) and its cookie value. */
export function newState(keys: CookieKeys, nowSeconds: number): { state: string; cookie: string } {
  const state = randomBytes(32).toString("base64url");
  return { state, cookie: signed(keys.state, `${state}.${nowSeconds + STATE_MAX_AGE_SECONDS}`) };
}

/** Does the callback's `state` match the state cookie (ours, not expired)? Constant time. */
export function stateMatches(
  keys: CookieKeys,
  cookie: string | undefined,
  given: string | null,
  nowSeconds: number,
): boolean {
  const payload = verified(keys.state, cookie);
  if (!payload || given === null) return false;
  const dot = payload.lastIndexOf(".");
  const state = payload.slice(0, dot);
  const expires = Number(payload.slice(dot + 1));
  const same = timingSafeEqual(digest(state), digest(given));
  return same && state.length > 0 && Number.isFinite(expires) && expires > nowSeconds;
}

/** The named cookie of a `Cookie` header (first one wins), undefined when absent. */
export function cookieOf(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export interface CookieOptions {
  /** Secure unless the server's public URL is plain http on loopback (tests, a local try-out). */
  secure: boolean;
  /** Seconds; 0 deletes the cookie. */
  maxAge: number;
}

/** A `Set-Cookie` value: HttpOnly, SameSite=Lax, Path=/dashboard, Secure when asked. */
export function setCookie(name: string, value: string, options: CookieOptions): string {
  return [
    `${name}=${value}`,
    "Path=/dashboard",
    `Max-Age=${options.maxAge}`,
    "HttpOnly",
    "SameSite=Lax",
    ...(options.secure ? ["Secure"] : []),
  ].join("; ");
}
