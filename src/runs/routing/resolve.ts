import type { Config, Language } from "../../domain/config/schema.js";
import { type Codeowners, codeownersOf, parseCodeowners } from "../../domain/followups/codeowners.js";
import {
  codeownersWanted,
  type RoutableFollowup,
  type Route,
  repositoryKey,
  repositoryOwner,
  routeFollowup,
  sameRepository,
} from "../../domain/followups/routing.js";
import type { RoutingReads } from "../../domain/ports.js";
import { detail, renderDetail } from "../../text/catalog/index.js";

/**
 * Where each follow-up's issue goes, with what GitHub says (issue 17): the pure rules
 * (domain/followups/routing.ts) fed with the CODEOWNERS they ask for, then one probe of which target
 * repositories the app is installed on. A route to another owner's repository, or to one without the
 * app, is not taken: the follow-up stays in the postmortem's repository, and `stays` says why (the
 * check reports it at the follow-up's line; the merge summary shows `routeNote`).
 *
 * Cost: nothing when no rule can take a follow-up elsewhere; else at most one CODEOWNERS request
 * (all the repositories the rules ask, in one request) and one installation probe (all targets in one
 * request). A read that fails is thrown: the caller decides (the check leaves routing out).
 */

/** Distinct (repository, path) CODEOWNERS lookups per run (200 follow-ups with 2 evidence paths each). */
export const MAX_CODEOWNERS_LOOKUPS = 400;

/** A follow-up as the resolver takes it: what routing reads, and the caller's key for it. */
export interface KeyedFollowup extends RoutableFollowup {
  key: string;
}

export type StayReason = "other-owner" | "not-installed";

export interface ResolvedRoute {
  /** Where the issue goes: the wanted repository, or the postmortem's when it cannot go there. */
  route: Route;
  /** The app is installed on `route.repo` (always true for the postmortem's repository). */
  installed: boolean;
  /** The repository it would go to and why it does not: the follow-up stays home. */
  stays?: { repo: string; reason: StayReason; wanted: Route };
}

export interface ResolveRoutesInput {
  /** The postmortem's repository, `owner/name`. */
  home: string;
  config: Config;
  followups: readonly KeyedFollowup[];
  reads: RoutingReads;
  /** The GitHub host of blob/tree links (default github.com). */
  githubHost?: string;
}

export interface RoutesResolved {
  routes: Map<string, ResolvedRoute>;
  /** Requests made: CODEOWNERS (0 or 1) and installation probes (0 or 1). */
  reads: { codeowners: number; installed: number };
}

/** Routes every follow-up (see above). */
export async function resolveRoutes(input: ResolveRoutesInput): Promise<RoutesResolved> {
  const { home, config, followups } = input;
  const options = { routing: config.routing, ...(input.githubHost ? { githubHost: input.githubHost } : {}) };
  const reads = { codeowners: 0, installed: 0 };

  // CODEOWNERS: only the repositories a rule (or the fallback) asks for, all in one request.
  const wanted = codeownersWanted(home, followups, options);
  const parsed = new Map<string, Codeowners | null>();
  if (wanted.length > 0) {
    reads.codeowners++;
    const texts = await input.reads.codeowners(wanted);
    for (const repository of wanted) {
      const text = texts.get(repositoryKey(repository)) ?? null;
      parsed.set(repositoryKey(repository), text === null ? null : parseCodeowners(text));
    }
  }
  // Each (repository, path) is looked up once per run (a lookup may try every CODEOWNERS line), and
  // at most MAX_CODEOWNERS_LOOKUPS of them: a path beyond has no owner here.
  const looked = new Map<string, readonly string[] | null>();
  const codeowners = (repository: string, path: string) => {
    const key = `${repositoryKey(repository)}\u0000${path}`;
    if (!looked.has(key)) {
      if (looked.size >= MAX_CODEOWNERS_LOOKUPS) return null;
      const file = parsed.get(repositoryKey(repository));
      looked.set(key, file ? codeownersOf(file, path) : null);
    }
    return looked.get(key)!;
  };

  const chosen = followups.map((followup) => ({
    followup,
    route: routeFollowup(home, followup, { ...options, codeowners }),
  }));
  const targets = new Map<string, string>();
  for (const { route } of chosen)
    if (!sameRepository(route.repo, home)) targets.set(repositoryKey(route.repo), route.repo);
  let installed = new Set<string>();
  if (targets.size > 0) {
    reads.installed++;
    installed = await input.reads.installed([...targets.values()]);
  }

  const routes = new Map<string, ResolvedRoute>();
  const homeRoute: Route = { repo: home, by: "home" };
  for (const { followup, route } of chosen) {
    if (route.refused) {
      const wanted: Route = {
        repo: route.refused.repo,
        by: route.refused.by,
        ...(route.refused.rule !== undefined ? { rule: route.refused.rule } : {}),
      };
      routes.set(followup.key, {
        route: homeRoute,
        installed: true,
        stays: { repo: route.refused.repo, reason: "other-owner", wanted },
      });
    } else if (sameRepository(route.repo, home)) {
      routes.set(followup.key, { route, installed: true });
    } else if (installed.has(repositoryKey(route.repo))) {
      routes.set(followup.key, { route, installed: true });
    } else {
      routes.set(followup.key, {
        route: homeRoute,
        installed: true,
        stays: { repo: route.repo, reason: "not-installed", wanted: route },
      });
    }
  }
  return { routes, reads };
}

/** Whether any follow-up could leave its repository (else the check reads nothing for routing). */
export function routingApplies(
  home: string,
  config: Config,
  followups: readonly RoutableFollowup[],
): boolean {
  if (config.routing.rules.length > 0 || config.routing.codeowners) return followups.length > 0;
  return followups.some((f) => f.repo !== undefined && !sameRepository(f.repo, home));
}

/** The problem's detail of a follow-up that stays home (the check's annotation, the merge's note). */
export function stayDetail(home: string, stays: NonNullable<ResolvedRoute["stays"]>) {
  return stays.reason === "other-owner"
    ? detail("routing-foreign-repository", { repository: stays.repo, owner: repositoryOwner(home) })
    : detail("route-not-installed", { repository: stays.repo, home });
}

/**
 * The note the merge summary shows for a follow-up that stays in the postmortem's repository
 * ("the app is not installed on acme/payments: this follow-up's issue stays in acme/incidents until it is"), null when
 * it goes where it was routed.
 */
export function routeNote(language: Language, home: string, resolved: ResolvedRoute): string | null {
  return resolved.stays ? renderDetail(language, stayDetail(home, resolved.stays)) : null;
}
