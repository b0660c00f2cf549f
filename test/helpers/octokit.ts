import nock from "nock";
import { afterEach, beforeEach } from "vitest";
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

export const GITHUB_API = "https://api.github.com";

/** No real network in tests: every request must hit a nock interceptor. Call once per test file. */
export function useNock(): void {
  beforeEach(() => {
    nock.disableNetConnect();
  });
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });
}
