import type { ApplicationFunctionOptions, Probot } from "probot";
import { createCommandLimiter } from "../infra/redis-command-limit.js";
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
  // One budget per user and issue for both comment commands.
  const commandLimiter = createCommandLimiter(process.env, app.log);
  registerValidation(app, { commandLimiter });
  registerProgress(app, { commandLimiter });
  options.addHandler(healthHandler());
  app.log.info("postmortem-followups loaded");
}
