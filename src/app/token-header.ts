import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

/**
 * The one token check of the server's protected routes (`/metrics`, `/dashboard`): the token an
 * `Authorization` header carries, compared in constant time.
 */

/** The token in `Bearer <token>`, or (when `basic`) the password of `Basic base64(user:password)`. */
function headerToken(header: string | undefined, basic: boolean): string | null {
  const match = /^(\S+)\s+(.+)$/.exec(header?.trim() ?? "");
  if (!match) return null;
  const scheme = match[1]!.toLowerCase();
  if (scheme === "bearer") return match[2]!;
  if (basic && scheme === "basic") {
    const decoded = Buffer.from(match[2]!, "base64").toString("utf8");
    return decoded.slice(decoded.indexOf(":") + 1);
  }
  return null;
}

const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();

/**
 * Does the header carry the token? Digests of equal length: the comparison takes the same time
 * whatever was given, and says nothing about the token's length.
 */
export function headerCarriesToken(
  header: string | undefined,
  token: string,
  options: { basic?: boolean } = {},
): boolean {
  const given = headerToken(header, options.basic === true);
  return timingSafeEqual(digest(given ?? ""), digest(token)) && given !== null && given.length > 0;
}

/**
 * Probot's request log (pino-http) writes every request's URL and headers when its response ends.
 * A protected route calls this once it has read its credentials, so that the line shows the path
 * only: no Authorization header (DASHBOARD_TOKEN, METRICS_TOKEN), no cookie (the dashboard's
 * session), no query (the OAuth code and state of /dashboard/callback).
 */
export function forgetCredentials(req: IncomingMessage): void {
  delete req.headers.authorization;
  delete req.headers.cookie;
  req.url = (req.url ?? "").split("?")[0];
}
