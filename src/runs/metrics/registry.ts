import { Counter, Gauge, Histogram, Registry } from "prom-client";
import { STATUSES } from "../../domain/progress/model.js";
import { setGitHubObserver } from "../../github/telemetry.js";
import type { FollowupStateCounts } from "../../infra/telemetry.js";
import { setRunObserver } from "../../infra/telemetry.js";

/**
 * The app's Prometheus metrics (issue 19): the one module that defines them, in a dedicated
 * `Registry` (not prom-client's global one, so nothing else registered in the process leaks into the
 * output). The server serves them at `GET /metrics` (src/app/metrics.ts); the `sweep` CLI writes
 * them to a file for node_exporter's textfile collector (`--metrics-file`, ./file.ts).
 *
 * Every label is bounded: event names are the handlers' registrations, routes are Octokit's URL
 * templates, repositories are capped at `MAX_REPOSITORY_SERIES` (see docs/deployment.md, "Metrics").
 */
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
  const sweepLastErrors = new Gauge({
    name: `${prefix}sweep_last_errors`,
    help: "Errors the last sweep reported (the counter's share of the last sweep; what a sweep CLI's metrics file alerts on).",
    registers: [registry],
  });
  const sweepLast = new Gauge({
    name: `${prefix}sweep_last_completed_timestamp_seconds`,
    help: "Unix time the last sweep finished (0: none yet since the process started).",
    registers: [registry],
  });
  const followups = new Gauge({
    name: `${prefix}followups`,
    help: `Follow-ups by repository and state (${STATUSES.join(", ")}: the report's columns, which add up to the total) from the last sweep; at most ${MAX_REPOSITORY_SERIES} repositories, the rest summed under "${OTHER}".`,
    labelNames: ["repository", "state"],
    registers: [registry],
  });
  const lapsed = new Gauge({
    name: `${prefix}followups_validation_lapsed`,
    help: `Follow-ups whose validation lapsed (the effectiveness re-check), by repository, from the last sweep; also counted in their state of ${prefix}followups. Capped as that gauge.`,
    labelNames: ["repository"],
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
      sweepLastErrors.set(errors);
      sweepLast.set(Date.now() / 1000);
      followups.reset();
      lapsed.reset();
      for (const [repository, counts] of cappedRepositories(states)) {
        for (const [state, n] of Object.entries(counts.states)) followups.set({ repository, state }, n);
        lapsed.set({ repository }, counts.lapsed);
      }
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
  let otherLapsed = 0;
  names.forEach((name, i) => {
    const counts = states.get(name)!;
    if (i < max) out.set(name, counts);
    else {
      for (const [state, n] of Object.entries(counts.states)) other[state] = (other[state] ?? 0) + n;
      otherLapsed += counts.lapsed;
    }
  });
  if (names.length > max) out.set(OTHER, { states: other, lapsed: otherLapsed });
  return out;
}
