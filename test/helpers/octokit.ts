import { AppOctokit } from "../../src/github/client.js";

/**
 * The app's Octokit (Probot's + GraphQL pagination) with retries and throttling off, so a test's
 * 5xx reaches the code under test at once. FUNCTION form of `defaults`: Probot passes its own
 * options (auth strategy, logger, base URL) and they must survive.
 */
export const TestOctokit = AppOctokit.defaults((options: Record<string, unknown>) => ({
  ...options,
  retry: { enabled: false },
  throttle: { enabled: false },
}));
