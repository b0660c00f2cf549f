import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * `GET /healthz` (and `HEAD`) for container and Kubernetes probes: 200 with
 * `{"status":"ok","version":"…"}` once the app is loaded. Registered through Probot's `addHandler`
 * (see src/app/app.ts), so it answers only when the app itself runs — not in Probot's setup mode, where
 * there is nothing to probe yet. No GitHub request is made: a probe must not spend the rate limit,
 * and GitHub being slow must not get the pod restarted.
 */

export const HEALTH_PATH = "/healthz";

let cachedVersion: string | undefined;

/** The package version (`package.json` next to `lib/` or `src/`), "unknown" when unreadable. */
export function appVersion(): string {
  if (cachedVersion === undefined) {
    try {
      const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
        version?: unknown;
      };
      cachedVersion = typeof pkg.version === "string" ? pkg.version : "unknown";
    } catch {
      cachedVersion = "unknown";
    }
  }
  return cachedVersion;
}

export type HttpHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

export function healthHandler(version: string = appVersion()): HttpHandler {
  const body = JSON.stringify({ status: "ok", version });
  return (req, res) => {
    const path = (req.url ?? "").split("?")[0];
    if (path !== HEALTH_PATH) return false;
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain" }).end("Method Not Allowed");
      return true;
    }
    res
      .writeHead(200, {
        "content-type": "application/json; charset=utf-8",
        "cache-control": "no-store",
        "content-length": Buffer.byteLength(body),
      })
      .end(req.method === "HEAD" ? undefined : body);
    return true;
  };
}
