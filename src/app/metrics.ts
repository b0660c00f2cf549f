import type { ApplicationFunction, Probot } from "probot";
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import { setGitHubObserver } from "../github/telemetry.js";
import type { FollowupStateCounts } from "../infra/telemetry.js";
import { setRunObserver } from "../infra/telemetry.js";
import type { HttpHandler } from "./health.js";
import { forgetCredentials, headerCarriesToken } from "./token-header.js";

/**
 * The app's Prometheus metrics (issue 19): the one module that defines them, in a dedicated
 * `Registry` (not prom-client's global one, so nothing else registered in the process leaks into the
 * scrape). `GET /metrics` serves them only when `METRICS_ENABLED=true`; with `METRICS_TOKEN` set, a
 * scrape must send `Authorization: Bearer <token>` (compared in constant time, never logged).
 *
 * Every label is bounded: event names are the handlers' registrations, routes are Octokit's URL
 * templates, repositories are capped at `MAX_REPOSITORY_SERIES` (see docs/deployment.md, "Metrics").
 */

export const METRICS_PATH = "/metrics";
/** Repositories labelled in `postmortem_followups_followups` (the rest are summed under `(other)`). */
export const MAX_REPOSITORY_SERIES = 200;
const OTHER = "(other)";

export interface AppMetrics {
  readonly registry: Registry;
  /** A webhook handler finished: the event as registered ("pull_request.closed"), ok or error. */
  webhook(event: string, outcome: "ok" | "error", seconds: number): void;
}

/** Build the registry and its metrics, and install them as the GitHub and run observers. */
export function createMetrics(): AppMetrics {
  const registry = new Registry();
  const prefix = "postmortem_followups_";
  const webhooks = new Counter({
    name: `${prefix}webhook_deliveries_total`,
    help: "Webhook deliveries handled, by event (as the handler registered it) and outcome (ok, error).",
    labelNames: ["event", "outcome"],
    registers: [registry],
  });
  const webhookSeconds = new Histogram({
    name: `${prefix}webhook_duration_seconds`,
    help: "Time a webhook handler ran (lock wait included), by event.",
    labelNames: ["event"],
    buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    registers: [registry],
  });
  const requests = new Counter({
    name: `${prefix}github_requests_total`,
    help: "GitHub API requests, by route template and HTTP status (0: no answer).",
    labelNames: ["route", "status"],
    registers: [registry],
  });
  const requestSeconds = new Histogram({
    name: `${prefix}github_request_duration_seconds`,
    help: "GitHub API request duration (retries of the retry plugin included).",
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const rateLimits = new Counter({
    name: `${prefix}github_rate_limited_total`,
    help: "Rate limits hit, by kind (primary, secondary) and whether the request waited and retried.",
    labelNames: ["kind", "retried"],
    registers: [registry],
  });
  const rateLimitWait = new Counter({
    name: `${prefix}github_rate_limit_wait_seconds_total`,
    help: "Seconds GitHub asked to wait before a retry that was made, by kind.",
    labelNames: ["kind"],
    registers: [registry],
  });
  const lockWait = new Histogram({
    name: `${prefix}lock_wait_seconds`,
    help: "Time a run waited for its repository lock before starting.",
    buckets: [0.001, 0.01, 0.1, 0.5, 1, 5, 15, 30, 60],
    registers: [registry],
  });
  const reconcile = new Histogram({
    name: `${prefix}reconcile_duration_seconds`,
    help: "Duration of one repository reconcile (merge or sweep re-plan), by outcome.",
    labelNames: ["outcome"],
    buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    registers: [registry],
  });
  const sweepSeconds = new Histogram({
    name: `${prefix}sweep_duration_seconds`,
    help: "Duration of one fleet sweep (every installation and repository).",
    buckets: [1, 10, 30, 60, 300, 900, 1800, 3600],
    registers: [registry],
  });
  const sweepErrors = new Counter({
    name: `${prefix}sweep_errors_total`,
    help: "Errors the sweeps reported (a failed repository, a problem, an unreadable installation).",
    registers: [registry],
  });
  const sweepLast = new Gauge({
    name: `${prefix}sweep_last_completed_timestamp_seconds`,
    help: "Unix time the last sweep finished (0: none yet since the process started).",
    registers: [registry],
  });
  const followups = new Gauge({
    name: `${prefix}followups`,
    help: `Follow-ups by repository and state (open, done, not_doing) from the last sweep; at most ${MAX_REPOSITORY_SERIES} repositories, the rest summed under "${OTHER}".`,
    labelNames: ["repository", "state"],
    registers: [registry],
  });

  setGitHubObserver({
    request(route, status, seconds) {
      requests.inc({ route, status: String(status) });
      requestSeconds.observe(seconds);
    },
    rateLimit(kind, seconds, retried) {
      rateLimits.inc({ kind, retried: String(retried) });
      if (retried) rateLimitWait.inc({ kind }, seconds);
    },
  });
  setRunObserver({
    lockWait: (seconds) => lockWait.observe(seconds),
    reconcile: (outcome, seconds) => reconcile.observe({ outcome }, seconds),
    sweep(seconds, errors, states) {
      sweepSeconds.observe(seconds);
      sweepErrors.inc(errors);
      sweepLast.set(Date.now() / 1000);
      followups.reset();
      for (const [repository, counts] of cappedRepositories(states))
        for (const [state, n] of Object.entries(counts)) followups.set({ repository, state }, n);
    },
  });
  return {
    registry,
    webhook(event, outcome, seconds) {
      webhooks.inc({ event, outcome });
      webhookSeconds.observe({ event }, seconds);
    },
  };
}

/** The first `MAX_REPOSITORY_SERIES` repositories by name; the others summed under "(other)". */
export function cappedRepositories(
  states: ReadonlyMap<string, FollowupStateCounts>,
  max: number = MAX_REPOSITORY_SERIES,
): Map<string, FollowupStateCounts> {
  const names = [...states.keys()].sort();
  const out = new Map<string, FollowupStateCounts>();
  const other: Record<string, number> = {};
  names.forEach((name, i) => {
    const counts = states.get(name)!;
    if (i < max) out.set(name, counts);
    else for (const [state, n] of Object.entries(counts)) other[state] = (other[state] ?? 0) + n;
  });
  if (names.length > max) out.set(OTHER, other);
  return out;
}

/** `METRICS_ENABLED=true` (case-insensitive; anything else leaves the endpoint and the metrics off). */
export function metricsEnabled(env: Record<string, string | undefined> = process.env): boolean {
  return env.METRICS_ENABLED?.trim().toLowerCase() === "true";
}

/** Does the request carry `Authorization: Bearer <token>`? Constant time. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  return headerCarriesToken(header, token);
}

/** `GET /metrics`: the exposition text; 401 without the configured token. */
export function metricsHandler(metrics: AppMetrics, token: string | undefined): HttpHandler {
  const required = token?.trim() ? token.trim() : undefined;
  return (req, res) => {
    const path = (req.url ?? "").split("?")[0];
    if (path !== METRICS_PATH) return false;
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain" }).end("Method Not Allowed");
      return true;
    }
    const allowed = !required || bearerMatches(req.headers.authorization, required);
    forgetCredentials(req);
    if (!allowed) {
      res
        .writeHead(401, { "www-authenticate": 'Bearer realm="metrics"', "content-type": "text/plain" })
        .end("Unauthorized");
      return true;
    }
    metrics.registry.metrics().then(
      (body) => {
        res
          .writeHead(200, { "content-type": metrics.registry.contentType, "cache-control": "no-store" })
          .end(req.method === "HEAD" ? undefined : body);
      },
      () => {
        res.writeHead(500, { "content-type": "text/plain" }).end("metrics unavailable");
      },
    );
    return true;
  };
}

type Handler = (context: unknown) => Promise<void> | void;

/** The registration the delivery matched: `pull_request.opened` of `["pull_request.opened", …]`. */
function eventLabel(event: string | string[], context: unknown): string {
  if (!Array.isArray(event)) return event;
  const { name, payload } = (context ?? {}) as { name?: unknown; payload?: { action?: unknown } };
  const key = typeof payload?.action === "string" ? `${String(name)}.${payload.action}` : String(name);
  if (event.includes(key)) return key;
  return event.includes(String(name)) ? String(name) : event.join(",");
}

/**
 * Wrap `app.on` so every handler registered after this call reports its event (as registered, so
 * the label set is the app's own registrations), outcome and duration. The error is rethrown: Probot
 * logs it and answers the delivery as before.
 */
export function measureHandlers(app: Pick<Probot, "on">, metrics: AppMetrics): void {
  const on = app.on.bind(app) as unknown as (event: string | string[], handler: Handler) => void;
  const measured = (event: string | string[], handler: Handler) => {
    on(event, async (context) => {
      const name = eventLabel(event, context);
      const started = performance.now();
      try {
        await handler(context);
      } catch (error) {
        metrics.webhook(name, "error", (performance.now() - started) / 1000);
        throw error;
      }
      metrics.webhook(name, "ok", (performance.now() - started) / 1000);
    });
  };
  (app as { on: unknown }).on = measured;
}

/**
 * The server's app with metrics: when `METRICS_ENABLED=true`, `GET /metrics` is added and `app.on` is
 * measured before `appFn` registers its handlers. Applied in src/app/server.ts only, so the GitHub
 * Action (which loads src/app/app.ts itself) bundles no prom-client.
 */
export function withMetrics(
  appFn: ApplicationFunction,
  env: Record<string, string | undefined> = process.env,
): ApplicationFunction {
  return (app, options) => {
    if (metricsEnabled(env)) {
      const metrics = createMetrics();
      measureHandlers(app, metrics);
      options.addHandler(metricsHandler(metrics, env.METRICS_TOKEN));
    }
    return appFn(app, options);
  };
}
