import { createProbot, type Probot } from "probot";
import { AppOctokit, type GitHubClient } from "./client.js";

/**
 * Authentication for the CLI's `sweep` and `report`, from the same environment as the server:
 * APP_ID with PRIVATE_KEY or PRIVATE_KEY_PATH (and GHE_HOST / GHE_PROTOCOL for GitHub Enterprise
 * Server), through Probot's `createProbot()`; or, for `report`, a GITHUB_TOKEN.
 */

/** The environment the CLI authenticates from (APP_ID, PRIVATE_KEY, GHE_HOST, GITHUB_TOKEN, ...). */
export type AuthEnv = Record<string, string | undefined>;

export function hasAppCredentials(env: AuthEnv): boolean {
  return Boolean(env.APP_ID && (env.PRIVATE_KEY || env.PRIVATE_KEY_PATH));
}

/** The REST API base URL: api.github.com, or `${GHE_PROTOCOL}://${GHE_HOST}/api/v3`. */
export function apiBaseUrl(env: AuthEnv): string {
  return env.GHE_HOST ? `${env.GHE_PROTOCOL || "https"}://${env.GHE_HOST}/api/v3` : "https://api.github.com";
}

/** The app, authenticated from the environment, with the app's Octokit (GraphQL pagination). */
export function appFromEnv(env: AuthEnv): Probot {
  return createProbot({ env: env as NodeJS.ProcessEnv, overrides: { Octokit: AppOctokit } });
}

/** An Octokit with a token (GITHUB_TOKEN), against the same API as the app. */
export function tokenOctokit(env: AuthEnv, token: string): GitHubClient {
  return new AppOctokit({ auth: { token }, baseUrl: apiBaseUrl(env) }) as unknown as GitHubClient;
}
