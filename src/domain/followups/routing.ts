/**
 * Where a follow-up's issue lives (issue 17). A follow-up's key stays (postmortem repository, path,
 * id) wherever its issue is; the route only says which repository of the same installation holds
 * it. Pure: the caller reads CODEOWNERS and the installation's repositories.
 */

/** Why a follow-up goes where it goes. */
export type RouteReason =
  /** The follow-up's own `repo:`. */
  | "explicit"
  /** A `routing.rules` entry (its 0-based index in `rule`). */
  | "rule"
  /** The postmortem's own repository (no route named another). */
  | "home";

export interface Route {
  /** `owner/name` of the repository the issue goes to, as written (compare case-insensitively). */
  repo: string;
  by: RouteReason;
  /** The matching rule's 0-based index in `routing.rules` (`by: "rule"`). */
  rule?: number;
}

/** What routing reads of a follow-up. */
export interface RoutableFollowup {
  repo?: string | undefined;
  category: string;
  term: string;
  owner?: string | null | undefined;
}

/** `owner/name`, lower-cased: repository names compare case-insensitively on GitHub. */
export function repositoryKey(repository: string): string {
  return repository.toLowerCase();
}

export function sameRepository(a: string, b: string): boolean {
  return repositoryKey(a) === repositoryKey(b);
}

/** The route of one follow-up: its own `repo:`, else the postmortem's repository `home`. */
export function routeFollowup(home: string, followup: RoutableFollowup): Route {
  if (followup.repo && !sameRepository(followup.repo, home)) return { repo: followup.repo, by: "explicit" };
  return { repo: home, by: "home" };
}
