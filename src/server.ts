import { run } from "probot";
import app from "./app.js";
import { AppOctokit } from "./github/client.js";
import { preferOfflineSetup, startupProblem } from "./startup.js";

// NODE_ENV=production without credentials: one clear line, exit 1 (not Probot's stack trace).
const problem = startupProblem();
if (problem) {
  console.error(problem);
  process.exit(1);
}
preferOfflineSetup();

// `npm start`: Probot's server. Without credentials it serves the page that registers the app
// on GitHub from app.yml (http://localhost:3000), offline. The Octokit adds GraphQL pagination.
await run(app, { Octokit: AppOctokit });
