import { run } from "probot";
import app from "./app.js";
import { AppOctokit } from "./github/client.js";

// `npm start`: Probot's server. Without credentials it serves the page that registers the app
// on GitHub from app.yml (http://localhost:3000). The Octokit adds GraphQL pagination.
await run(app, { Octokit: AppOctokit });
