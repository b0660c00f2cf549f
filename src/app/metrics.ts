import type { ApplicationFunction, Probot } from "probot";
import { type AppMetrics, createMetrics } from "../runs/metrics/registry.js";
import type { HttpHandler } from "./health.js";
import { forgetCredentials, headerCarriesToken } from "./token-header.js";

/**
 * The app's Prometheus metrics (issue 19; defined in src/runs/metrics/registry.ts) on the server:
 * `GET /metrics` serves them only when `METRICS_ENABLED=true`; with `METRICS_TOKEN` set, a scrape
 * must send `Authorization: Bearer <token>` (compared in constant time, never logged).
 */

export const METRICS_PATH = "/metrics";

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
