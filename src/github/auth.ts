import { createProbot, type Probot } from "probot";
import { AppOctokit, type GitHubClient } from "./client.js";

/**
 * Authentication for the CLI's `sweep` and `report`, from the same environment as the server:
 * APP_ID with PRIVATE_KEY or PRIVATE_KEY_PATH (and GHE_HOST / GHE_PROTOCOL for GitHub Enterprise
 * Server), through Probot's `createProbot()`; or, for `report`, a GITHUB_TOKEN.
 */

export type Env = Record<string, string | undefined>;

export function hasAppCredentials(env: Env): boolean {
  return Boolean(env.APP_ID && (env.PRIVATE_KEY || env.PRIVATE_KEY_PATH));
}

export const APP_CREDENTIALS_HELP =
  "set APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH), as for the server; GHE_HOST for GitHub Enterprise Server";

/** The REST API base URL: api.github.com, or `${GHE_PROTOCOL}://${GHE_HOST}/api/v3`. */
export function apiBaseUrl(env: Env): string {
  return env.GHE_HOST ? `${env.GHE_PROTOCOL || "https"}://${env.GHE_HOST}/api/v3` : "https://api.github.com";
}

/** The app, authenticated from the environment, with the app's Octokit (GraphQL pagination). */
export function appFromEnv(env: Env): Probot {
  return createProbot({ env: env as NodeJS.ProcessEnv, overrides: { Octokit: AppOctokit } });
}

/** An Octokit with a token (GITHUB_TOKEN), against the same API as the app. */
export function tokenOctokit(env: Env, token: string): GitHubClient {
  return new AppOctokit({ auth: { token }, baseUrl: apiBaseUrl(env) }) as unknown as GitHubClient;
}
