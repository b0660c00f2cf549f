import picomatch from "picomatch";
import { globIssue, MAX_GLOB_LENGTH, MAX_MATCHED_PATH_LENGTH } from "../config/glob.js";
import type { RoutingConfig, RoutingRule } from "../config/schema.js";
import { checkEvidence } from "../validation/evidence.js";

/**
 * Where a follow-up's issue lives (issue 17). A follow-up's key stays (postmortem repository, path,
 * id) wherever its issue is; the route only says which repository of the same installation holds
 * it. Pure: the caller reads CODEOWNERS and the installation's repositories (src/runs/routing/).
 *
 * The order: the follow-up's own `repo:`; else the first `routing.rules` entry whose every matcher
 * matches; else (`routing.codeowners`) the other repository of the same owner whose CODEOWNERS owns
 * a file the evidence links to; else the postmortem's repository. A route to a repository of another
 * owner is never taken: the follow-up stays home and `refused` says why (the check reports it).
 */

/** Why a follow-up goes where it goes. */
export type RouteReason =
  /** The follow-up's own `repo:`. */
  | "explicit"
  /** A `routing.rules` entry (its 0-based index in `rule`). */
  | "rule"
  /** `routing.codeowners`: the repository whose CODEOWNERS owns a file the evidence links to. */
  | "codeowners"
  /** The postmortem's own repository (no route named another). */
  | "home";

export interface Route {
  /** `owner/name` of the repository the issue goes to, as written (compare case-insensitively). */
  repo: string;
  by: RouteReason;
  /** The matching rule's 0-based index in `routing.rules` (`by: "rule"`). */
  rule?: number;
  /** The code owner that decided (`by: "codeowners"`, or a rule's `codeowner` matcher). */
  codeowner?: string;
  /** A route to a repository of another owner, not taken (the follow-up stays home). */
  refused?: { repo: string; by: Exclude<RouteReason, "home">; rule?: number };
}

/** What routing reads of a follow-up. */
export interface RoutableFollowup {
  repo?: string | undefined;
  category: string;
  term: string;
  owner?: string | null | undefined;
  /** Evidence entries: their repository paths and GitHub blob/tree links are the paths it touches. */
  validation?: readonly string[] | undefined;
}

/** A file the evidence touches: its repository (`owner/name`) and its path there. */
export interface EvidencePlace {
  repository: string;
  path: string;
}

/**
 * The owners CODEOWNERS of `repository` gives `path` (without `@`), null when none or when the
 * file is absent or not read.
 */
export type CodeownersLookup = (repository: string, path: string) => readonly string[] | null;

export interface RouteOptions {
  routing?: RoutingConfig;
  /** The GitHub host whose blob/tree links count as places (default github.com). */
  githubHost?: string;
  codeowners?: CodeownersLookup;
}

/** `owner/name`, lower-cased: repository names compare case-insensitively on GitHub. */
export function repositoryKey(repository: string): string {
  return repository.toLowerCase();
}

export function sameRepository(a: string, b: string): boolean {
  return repositoryKey(a) === repositoryKey(b);
}

/** The owner part of `owner/name`, lower-cased. */
export function repositoryOwner(repository: string): string {
  return repository.split("/")[0]!.toLowerCase();
}

/** A login or org/team as compared: without `@`, lower-cased. */
function ownerKey(owner: string): string {
  return owner.replace(/^@/, "").toLowerCase();
}

/** The files a follow-up's evidence touches: repository paths (in `home`) and GitHub blob/tree links. */
export function evidencePlaces(
  home: string,
  followup: RoutableFollowup,
  githubHost = "github.com",
): EvidencePlace[] {
  const places: EvidencePlace[] = [];
  for (const entry of followup.validation ?? []) {
    const checked = checkEvidence(entry, githubHost);
    if (!checked.ok) continue;
    const ref = checked.ref;
    if (ref.kind === "path") places.push({ repository: home, path: ref.path });
    else if (
      ref.kind === "github" &&
      (ref.target.type === "blob" || ref.target.type === "tree") &&
      ref.target.path
    )
      places.push({ repository: `${ref.owner}/${ref.repo}`, path: ref.target.path });
  }
  return places;
}

/** The route of one follow-up (see above). Without options: its own `repo:`, else `home`. */
export function routeFollowup(home: string, followup: RoutableFollowup, options: RouteOptions = {}): Route {
  const chosen = chooseRoute(home, followup, options);
  if (chosen.by === "home" || repositoryOwner(chosen.repo) === repositoryOwner(home)) return chosen;
  return {
    repo: home,
    by: "home",
    refused: {
      repo: chosen.repo,
      by: chosen.by,
      ...(chosen.rule !== undefined ? { rule: chosen.rule } : {}),
    },
  };
}

function chooseRoute(home: string, followup: RoutableFollowup, options: RouteOptions): Route {
  if (followup.repo)
    return sameRepository(followup.repo, home)
      ? { repo: home, by: "home" }
      : { repo: followup.repo, by: "explicit" };
  const routing = options.routing;
  if (!routing || (routing.rules.length === 0 && !routing.codeowners)) return { repo: home, by: "home" };
  const places = evidencePlaces(home, followup, options.githubHost);
  const owners = (place: EvidencePlace) => options.codeowners?.(place.repository, place.path) ?? null;
  const rules = compiledRules(routing.rules);
  for (const [index, rule] of rules.entries()) {
    const codeowner = ruleMatches(rule, followup, places, owners);
    if (codeowner === false) continue;
    return { repo: rule.rule.repo, by: "rule", rule: index, ...(codeowner ? { codeowner } : {}) };
  }
  if (routing.codeowners) {
    for (const place of places) {
      if (
        sameRepository(place.repository, home) ||
        repositoryOwner(place.repository) !== repositoryOwner(home)
      )
        continue;
      const found = owners(place);
      if (found && found.length > 0)
        return { repo: place.repository, by: "codeowners", codeowner: found[0]! };
    }
  }
  return { repo: home, by: "home" };
}

interface CompiledRule {
  rule: RoutingRule;
  path?: (path: string) => boolean;
}

/** Compiled once per rules list (a run routes many follow-ups through the same config). */
const COMPILED = new WeakMap<readonly RoutingRule[], CompiledRule[]>();

function compiledRules(rules: readonly RoutingRule[]): CompiledRule[] {
  let compiled = COMPILED.get(rules);
  if (!compiled) {
    compiled = rules.map((rule) => ({
      rule,
      ...(rule.path !== undefined ? { path: pathMatcher(rule.path) } : {}),
    }));
    COMPILED.set(rules, compiled);
  }
  return compiled;
}

/**
 * A rule's glob over evidence paths, within the config globs' bounds (../config/glob.ts): the
 * schema refuses a glob over them; one that slips through (a config object without text) matches
 * nothing rather than being compiled.
 */
function pathMatcher(glob: string): (path: string) => boolean {
  if (globIssue(glob) !== undefined) return () => false;
  const re = picomatch.makeRe(glob, {
    dot: true,
    noextglob: true,
    nonegate: true,
    maxLength: MAX_GLOB_LENGTH,
  });
  return (path) => path.length <= MAX_MATCHED_PATH_LENGTH && re.test(path);
}

/** false when the rule does not match; else the code owner that matched (or "" when it has no codeowner matcher). */
function ruleMatches(
  { rule, path }: CompiledRule,
  followup: RoutableFollowup,
  places: readonly EvidencePlace[],
  owners: (place: EvidencePlace) => readonly string[] | null,
): string | false {
  if (rule.category !== undefined && rule.category !== followup.category) return false;
  if (rule.term !== undefined && rule.term !== followup.term) return false;
  if (rule.owner !== undefined && (!followup.owner || ownerKey(followup.owner) !== ownerKey(rule.owner)))
    return false;
  if (path && !places.some((place) => path(place.path))) return false;
  if (rule.codeowner === undefined) return "";
  const wanted = ownerKey(rule.codeowner);
  const at = places.find((place) => owners(place)?.some((owner) => ownerKey(owner) === wanted));
  return at ? rule.codeowner : false;
}

/**
 * The repositories whose CODEOWNERS routing these follow-ups asks for: routed once with no
 * CODEOWNERS, recording what was asked. Empty when no rule has a `codeowner` matcher that the
 * other matchers leave open and `routing.codeowners` is off: then nothing need be read.
 */
export function codeownersWanted(
  home: string,
  followups: readonly RoutableFollowup[],
  options: Omit<RouteOptions, "codeowners">,
): string[] {
  const wanted = new Map<string, string>();
  // Never another owner's repository: the installation is per owner.
  const codeowners: CodeownersLookup = (repository) => {
    if (repositoryOwner(repository) === repositoryOwner(home))
      wanted.set(repositoryKey(repository), repository);
    return null;
  };
  for (const followup of followups) routeFollowup(home, followup, { ...options, codeowners });
  return [...wanted.values()];
}
