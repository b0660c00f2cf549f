import { getTransformStream } from "@probot/pino";
import { type Logger, pino } from "pino";

/**
 * The server's logger: Probot's own (probot/lib/helpers/get-log.js — the same transform from
 * @probot/pino, the same LOG_LEVEL, LOG_FORMAT, LOG_LEVEL_IN_STRING, LOG_MESSAGE_KEY and SENTRY_DSN),
 * plus one thing Probot does not do: its request log (pino-http) writes every request's headers and
 * URL, so the credentials of the protected routes would land in the logs — DASHBOARD_TOKEN and
 * METRICS_TOKEN in `Authorization`, the dashboard's session in `Cookie`, the OAuth code and state in
 * the query of /dashboard/callback. Those are redacted: headers to "[redacted]", URLs to their path.
 * (The line's message takes the URL when the response ends; the routes cut it there themselves, see
 * `forgetCredentials` in ./token-header.ts.)
 */

export const REDACTED_PATHS = [
  "req.headers.authorization",
  "req.headers.cookie",
  "req.url",
  'res.headers["set-cookie"]',
];

/** "[redacted]" for a header; a URL keeps its path and loses its query. */
export function censor(value: unknown, path: string[]): unknown {
  if (path.at(-1) === "url") return typeof value === "string" ? value.split("?")[0] : value;
  return "[redacted]";
}

export async function serverLog(env: Record<string, string | undefined> = process.env): Promise<Logger> {
  const format = env.LOG_FORMAT
    ? env.LOG_FORMAT === "pretty"
      ? "pretty"
      : "json"
    : env.NODE_ENV === "production"
      ? "json"
      : "pretty";
  const transform = await getTransformStream({
    logFormat: format,
    logLevelInString: env.LOG_LEVEL_IN_STRING === "true",
    ...(env.SENTRY_DSN ? { sentryDsn: env.SENTRY_DSN } : {}),
  });
  // As Probot does; pino's SonicBoom is a writable stream at run time, not in @types/node's eyes.
  transform.pipe(pino.destination(1) as unknown as NodeJS.WritableStream);
  return pino(
    {
      level: env.LOG_LEVEL || "info",
      name: "probot",
      messageKey: env.LOG_MESSAGE_KEY || "msg",
      redact: { paths: REDACTED_PATHS, censor },
    },
    transform,
  );
}
