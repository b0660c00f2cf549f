import type { ApplicationFunctionOptions, Probot } from "probot";

/**
 * The Probot app: handlers only route an event to the core. Each concern registers its own
 * handlers (sync on merge, the PR check, validation on close, weekly progress).
 */
export default function postmortemFollowups(app: Probot, _options: ApplicationFunctionOptions): void {
  app.log.info("postmortem-followups loaded");
}
