import { paginateGraphQL } from "@octokit/plugin-paginate-graphql";
import { ProbotOctokit } from "probot";
import { noRetryOnDnsFailure } from "./network.js";
import { withAppRateLimits } from "./octokit.js";
import { observeRequests } from "./telemetry.js";

/**
 * The Octokit the app runs with: Probot's (retry, throttling, REST pagination, config) plus
 * GraphQL pagination (`octokit.graphql.paginate`). Pass it to Probot as `Octokit`
 * (see src/app/server.ts); the gateway also works with a plain ProbotOctokit (it adds GraphQL
 * pagination on the fly). Its rate-limit handling (secondary limits waited out and retried, unlike
 * Probot's default) is in ./octokit.ts.
 */
export const AppOctokit = ProbotOctokit.plugin(
  paginateGraphQL,
  noRetryOnDnsFailure,
  observeRequests,
).defaults(withAppRateLimits);
export type AppOctokit = InstanceType<typeof AppOctokit>;

/** What the gateway needs of an Octokit instance: Probot's client, with or without the plugin. */
export type GitHubClient = InstanceType<typeof ProbotOctokit>;

type GraphqlPaginate = ReturnType<typeof paginateGraphQL>["graphql"]["paginate"];

/** `octokit.graphql.paginate`, whether or not the instance was built with the plugin. */
export function graphqlPaginate(octokit: GitHubClient): GraphqlPaginate {
  const existing = (octokit.graphql as Partial<{ paginate: GraphqlPaginate }>).paginate;
  if (existing) return existing;
  return paginateGraphQL(octokit as never).graphql.paginate;
}

/** Per-request option that turns off @octokit/plugin-retry for a non-idempotent write. */
export const NO_RETRY = { retries: 0 } as const;

/** HTTP status of an Octokit error (RequestError), or undefined for anything else. */
export function statusOf(error: unknown): number | undefined {
  if (error && typeof error === "object" && "status" in error) {
    const status = (error as { status: unknown }).status;
    return typeof status === "number" ? status : undefined;
  }
  return undefined;
}

/** GitHub says the thing is not there, or not visible to this token: REST 404 or GraphQL NOT_FOUND. */
export function isNotFound(error: unknown): boolean {
  if (statusOf(error) === 404) return true;
  const errors = (error as { errors?: unknown } | null)?.errors;
  return Array.isArray(errors) && errors.some((e) => (e as { type?: unknown } | null)?.type === "NOT_FOUND");
}

/**
 * A write that failed this way may still have taken effect on GitHub: a 5xx (GitHub answers 502
 * after committing the write more often than one would hope), a timeout, or a network error
 * (@octokit/request reports those as status 500, or with no status at all).
 */
export function isAmbiguousWriteError(error: unknown): boolean {
  const status = statusOf(error);
  return status === undefined || status >= 500;
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
