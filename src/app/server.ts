import { run } from "probot";
import { AppOctokit } from "../github/client.js";
import { preferOfflineSetup, startupProblem } from "../infra/startup.js";
import app from "./app.js";
import { withMetrics } from "./metrics.js";
import { serverLog } from "./server-log.js";

// NODE_ENV=production without credentials: one clear line, exit 1 (not Probot's stack trace).
const problem = startupProblem();
if (problem) {
  console.error(problem);
  process.exit(1);
}
preferOfflineSetup();

// `npm start`: Probot's server. Without credentials it serves the page that registers the app
// on GitHub from app.yml (http://localhost:3000), offline. The Octokit adds GraphQL pagination.
// `METRICS_ENABLED=true` adds `GET /metrics` (./metrics.ts; the Action loads ./app.ts without it).
// Probot's logger, with the credentials of the request log redacted (./server-log.ts).
const server = await run(withMetrics(app), { Octokit: AppOctokit, log: await serverLog() });

// Containers are stopped with SIGTERM, which node running as PID 1 does not act on by default:
// stop accepting connections, let deliveries in flight finish (at most 20 s), then exit.
process.once("SIGTERM", () => {
  setTimeout(() => process.exit(1), 20_000).unref();
  server.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
