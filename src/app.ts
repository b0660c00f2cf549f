import type { ApplicationFunctionOptions, Probot } from "probot";
import { registerProgress } from "./handlers/progress.js";
import { registerSync } from "./handlers/sync.js";
import { registerValidation } from "./handlers/validation.js";

/**
 * The Probot app: handlers only route an event to the core. Each concern registers its own
 * handlers (sync on merge, the PR check, validation on close, weekly progress): one line each.
 */
export default function postmortemFollowups(app: Probot, _options: ApplicationFunctionOptions): void {
  registerSync(app);
  registerValidation(app);
  registerProgress(app);
  app.log.info("postmortem-followups loaded");
}
