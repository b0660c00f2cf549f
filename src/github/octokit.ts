import Bottleneck from "bottleneck";
import { githubObserver } from "./telemetry.js";

/**
 * Rate-limit and retry behaviour of the app's Octokit (see `AppOctokit` in ./client.ts).
 *
 * Probot's own throttle options give up on every secondary rate limit (it only logs), so a burst
 * of writes that GitHub slows down would lose follow-ups until the next sweep. These options:
 *
 * - secondary rate limits (403 or 429 with "secondary rate limit" and `retry-after`): wait as
 *   long as GitHub says, then retry, at most `SECONDARY_RETRIES` times per request and only when
 *   the wait is at most `MAX_WAIT_SECONDS` (a handler must not sleep for an hour);
 * - primary rate limit (403/429 with `x-ratelimit-remaining: 0`): wait for the reset when it is
 *   near (`MAX_WAIT_SECONDS`), at most `PRIMARY_RETRIES` times; otherwise give up (the weekly
 *   sweep reconciles what was missed);
 * - 5xx and network errors are retried by @octokit/plugin-retry (3 times, 1 s, 4 s, 9 s), except
 *   the writes that are not idempotent (issue and comment creation pass `NO_RETRY`: the caller
 *   re-reads before creating again).
 *
 * Two knobs exist for tests and unusual deployments (both default to GitHub's recommendations):
 * - `POSTMORTEM_FOLLOWUPS_WRITE_INTERVAL_MS`: the spacing of writes (and GraphQL queries) that
 *   @octokit/plugin-throttling enforces per process (1 s, and 3 s for requests that notify
 *   people, as GitHub asks). The end-to-end tests set 0.
 * - `POSTMORTEM_FOLLOWUPS_RETRY_BASE_MS`: the unit of @octokit/plugin-retry's backoff for 5xx
 *   (1000: 1 s, 4 s, 9 s). A server's `retry-after` is always honoured in real seconds.
 */

export const SECONDARY_RETRIES = 3;
export const PRIMARY_RETRIES = 2;
export const MAX_WAIT_SECONDS = 300;

export const WRITE_INTERVAL_ENV = "POSTMORTEM_FOLLOWUPS_WRITE_INTERVAL_MS";
export const RETRY_BASE_ENV = "POSTMORTEM_FOLLOWUPS_RETRY_BASE_MS";

/** The environment the pacing and retry settings are read from (WRITE_INTERVAL_ENV, RETRY_BASE_ENV). */
type RateLimitEnv = Record<string, string | undefined>;

interface LimitedRequest {
  method?: string;
  url?: string;
}

interface Logger {
  warn(obj: object | string, msg?: string): void;
}

interface ThrottleOptions {
  enabled?: boolean;
  Bottleneck?: typeof Bottleneck;
  connection?: unknown;
  [key: string]: unknown;
}

function logOf(octokit: unknown): Logger | null {
  const log = (octokit as { log?: Logger } | null | undefined)?.log;
  return log && typeof log.warn === "function" ? log : null;
}

/** A throttle-plugin handler: retry while under `maxRetries` and the wait is bearable; log either way. */
function limitHandler(kind: "primary" | "secondary", maxRetries: number, what: string, givingUpNote = "") {
  return (retryAfter: number, options: LimitedRequest, octokit: unknown, retryCount = 0): boolean => {
    const retry = retryCount < maxRetries && retryAfter <= MAX_WAIT_SECONDS;
    githubObserver().rateLimit(kind, retryAfter, retry);
    logOf(octokit)?.warn(
      { method: options.method, url: options.url, retryAfter, retryCount, retry },
      retry
        ? `${what}: retrying ${options.method} ${options.url} in ${retryAfter} s`
        : `${what}: giving up on ${options.method} ${options.url}${givingUpNote}`,
    );
    return retry;
  };
}

/** Should the throttle plugin retry after a secondary rate limit? (exported for tests) */
export const onSecondaryRateLimit = limitHandler("secondary", SECONDARY_RETRIES, "secondary rate limit");

/** Should the throttle plugin retry after the primary rate limit is exhausted? */
export const onRateLimit = limitHandler(
  "primary",
  PRIMARY_RETRIES,
  "rate limit exhausted",
  " (the sweep catches up)",
);

function nonNegativeInt(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** Write-spacing limiter groups, one set per process (plugin-throttling's are per process too). */
let groups: { key: string; write: Bottleneck.Group; notifications: Bottleneck.Group } | null = null;

function spacingGroups(
  interval: number,
  throttle: ThrottleOptions,
): { write: Bottleneck.Group; notifications: Bottleneck.Group } {
  const clustered = throttle.connection !== undefined;
  const key = `${interval}:${clustered}`;
  if (groups?.key === key) return groups;
  const Limiter = (throttle.Bottleneck ?? Bottleneck) as typeof Bottleneck;
  const common = {
    maxConcurrent: 1,
    minTime: interval,
    timeout: 2 * 60 * 1000,
    ...(clustered ? { connection: throttle.connection as Bottleneck.IORedisConnection } : {}),
  };
  groups = {
    key,
    write: new Limiter.Group({ id: "octokit-write", ...common }),
    notifications: new Limiter.Group({ id: "octokit-notifications", ...common }),
  };
  return groups;
}

/**
 * Octokit constructor options with the app's throttle and retry settings. Used as a `defaults`
 * function placed inside Probot's (so it sees, and overrides, Probot's throttle handlers) and
 * keeping whatever else the caller set (`enabled: false` in tests stays off).
 */
export function withAppRateLimits(options: Record<string, unknown>, env: RateLimitEnv = process.env) {
  const throttle = { ...((options.throttle as ThrottleOptions | undefined) ?? {}) };
  throttle.onSecondaryRateLimit = onSecondaryRateLimit;
  throttle.onRateLimit = onRateLimit;
  const interval = nonNegativeInt(env[WRITE_INTERVAL_ENV]);
  if (interval !== undefined && throttle.enabled !== false)
    Object.assign(throttle, spacingGroups(interval, throttle));
  const retryBase = nonNegativeInt(env[RETRY_BASE_ENV]);
  const retry =
    retryBase !== undefined
      ? { ...((options.retry as Record<string, unknown> | undefined) ?? {}), retryAfterBaseValue: retryBase }
      : options.retry;
  return { ...options, throttle, ...(retry !== undefined ? { retry } : {}) };
}
