import type { ApplicationFunctionOptions, Probot } from "probot";
import { createBotIdentity } from "../github/identity.js";
import { createCommandLimiter } from "../infra/redis-command-limit.js";
import { registerDashboard } from "./dashboard-routes.js";
import { registerCheck } from "./handlers/check.js";
import { registerProgress } from "./handlers/progress.js";
import { registerSync } from "./handlers/sync.js";
import { registerValidation } from "./handlers/validation.js";
import { healthHandler } from "./health.js";

/**
 * The Probot app: handlers only route an event to the core. Each concern registers its own
 * handlers (sync on merge, the PR check, validation on close, weekly progress): one line each.
 */
export default function postmortemFollowups(app: Probot, options: ApplicationFunctionOptions): void {
  registerSync(app);
  // The PR check and the validation flows share one `GET /app` for the bot's login.
  const identity = createBotIdentity(app);
  registerCheck(app, { identity });
  // One budget per user and issue for both comment commands.
  const commandLimiter = createCommandLimiter(process.env, app.log);
  registerValidation(app, { commandLimiter, identity });
  registerProgress(app, { commandLimiter });
  options.addHandler(healthHandler());
  // /dashboard exists only with DASHBOARD_TOKEN or the GitHub login: it lists private repositories.
  registerDashboard(app, options.addHandler);
  app.log.info("postmortem-followups loaded");
}
