import type { Config } from "../../domain/config/schema.js";
import { detail } from "../../domain/diagnostics/messages.js";
import { type ActualFollowup, followupKey, type RepoRef } from "../../domain/followups/model.js";
import { repositoryKey, routeFollowup, sameRepository } from "../../domain/followups/routing.js";
import type { ChangedFile, RepoGateway, RoutingReads } from "../../domain/ports.js";
import { fileLevelProblem, parsePostmortem } from "../../domain/postmortem/parse.js";
import { LIMITS } from "../../domain/postmortem/schema.js";
import { isNotFound } from "../../github/client.js";
import { isWorkflowToken } from "../../github/identity.js";
import { trustedFollowups } from "../../github/tracked-issues.js";
import { resolveRoutes, routingApplies, stayDetail } from "../routing/resolve.js";
import type { ValidFile } from "./read.js";
import type { ReconcileResult, SyncLog } from "./report.js";

/**
 * Follow-ups routed to other repositories of the installation (issue 17): where each goes, and the
 * issues already there. One read per repository touched (the tracked issues of each target, the
 * same query as the postmortem repository's own); a target the app cannot see keeps its follow-ups
 * in the postmortem's repository, with a warning at the follow-up's line.
 *
 * Where an issue is now when its route changed: the postmortem as it was before the change
 * (`previousRef`) names the repository it was routed to. That file is read only for follow-ups of
 * an edited postmortem that no read found an issue for (one read, none in the usual merge).
 */

/** At most this many other repositories per run (a postmortem is the author's, perhaps an attacker's). */
export const MAX_TARGETS = 20;

export interface Routed {
  /** Follow-up key -> `owner/name` of its repository, for those leaving the postmortem's. */
  routes: Map<string, string>;
  /** The app's issues in other repositories that belong to this repository's postmortems. */
  actual: ActualFollowup[];
  /** Lower-cased `owner/name` -> the gateway that writes there. */
  gateways: Map<string, RepoGateway>;
  /** `owner/name` of each repository read (where this repository's routed issues may be). */
  repositories: string[];
  /**
   * Follow-ups routed to a repository this run cannot write (the Action's token, the CLI without
   * the app): left alone, neither created here (a duplicate once the app can route) nor closed.
   */
  held: Set<string>;
}

export interface RoutedInput {
  gateway: RepoGateway;
  config: Config;
  repo: RepoRef;
  botLogin: string;
  /** The changed files (status and previous path of each). */
  files: readonly ChangedFile[];
  /** The commit before the change (the pull request's base, the push's `before`). */
  previousRef?: string | undefined;
  /** Opens another repository of the same owner and installation, by name; absent: nothing leaves. */
  sibling?: ((name: string) => RepoGateway) | undefined;
  /** CODEOWNERS and where the app is installed (../routing/resolve.ts); absent: rules without CODEOWNERS. */
  routing?: RoutingReads | undefined;
}

type Unreachable = "route-not-installed" | "route-unavailable";

/**
 * Route every follow-up of the valid files and read what is already in the other repositories.
 * Throws when a repository's issues cannot be read for another reason than "not there": writing
 * without them could duplicate an issue, so the run fails and a re-run completes it.
 */
export async function readRouted(
  input: RoutedInput,
  valid: readonly ValidFile[],
  homeActual: readonly ActualFollowup[],
  result: ReconcileResult,
  log: SyncLog,
): Promise<Routed> {
  const home = `${input.repo.owner}/${input.repo.repo}`;
  const githubHost = new URL(input.repo.serverUrl).host;
  const followups = valid.flatMap((file) =>
    file.followups.map((f) => ({ ...f, key: followupKey(file.path, f.id), path: file.path })),
  );
  // The rules with CODEOWNERS and the installation probe when the run has them (nothing is read when
  // no follow-up can leave); else the rules alone, and the target's own answer tells if the app is there.
  const resolved =
    input.routing && routingApplies(home, input.config, followups)
      ? (await resolveRoutes({ home, config: input.config, followups, reads: input.routing, githubHost }))
          .routes
      : null;
  const wanted = new Map<string, { repository: string; path: string; line: number }>();
  const stays: { path: string; line: number; detail: ReturnType<typeof stayDetail> }[] = [];
  for (const followup of followups) {
    const found = resolved?.get(followup.key);
    if (found?.stays)
      stays.push({ path: followup.path, line: followup.line, detail: stayDetail(home, found.stays) });
    const route =
      found?.route ?? routeFollowup(home, followup, { routing: input.config.routing, githubHost });
    if (route.by !== "home" && !sameRepository(route.repo, home))
      wanted.set(followup.key, { repository: route.repo, path: followup.path, line: followup.line });
  }

  const routed: Routed = {
    routes: new Map(),
    actual: [],
    gateways: new Map(),
    repositories: [],
    held: new Set(),
  };
  const unreachable = new Map<string, Unreachable>();
  const read = (repositories: Iterable<string>) =>
    readRepositories(input, home, repositories, routed, unreachable, log);
  await read([...wanted.values()].map((w) => w.repository));

  // Follow-ups of an edited postmortem without an issue anywhere read so far: where were they routed?
  const found = new Set(
    [...homeActual, ...routed.actual].map((a) => followupKey(a.marker.path, a.marker.id)),
  );
  const unfound = valid.flatMap((file) =>
    file.followups
      .filter((f) => !found.has(followupKey(file.path, f.id)))
      .map((f) => ({ path: file.path, id: f.id })),
  );
  if (unfound.length > 0) await read(await previousRoutes(input, home, unfound, log));

  for (const { path, line, detail: stay } of stays)
    result.files
      .find((f) => f.path === path)
      ?.problems.push(fileLevelProblem(path, stay, input.config.language, "warning", line));
  for (const [key, { repository, path, line }] of wanted) {
    const reason = unreachable.get(repositoryKey(repository));
    if (!reason) {
      routed.routes.set(key, repository);
      continue;
    }
    if (reason === "route-unavailable") routed.held.add(key);
    result.files
      .find((f) => f.path === path)
      ?.problems.push(
        fileLevelProblem(path, detail(reason, { repository, home }), input.config.language, "warning", line),
      );
  }
  return routed;
}

/** Read the routed issues of each repository not read yet (at most MAX_TARGETS in all). */
async function readRepositories(
  input: RoutedInput,
  home: string,
  repositories: Iterable<string>,
  routed: Routed,
  unreachable: Map<string, Unreachable>,
  log: SyncLog,
): Promise<void> {
  for (const repository of repositories) {
    const key = repositoryKey(repository);
    if (sameRepository(repository, home) || routed.gateways.has(key) || unreachable.has(key)) continue;
    const owner = repository.split("/")[0]!;
    // Another owner is never this installation's (the check reports it as an error); a workflow's
    // GITHUB_TOKEN can write no other repository.
    if (!input.sibling || !sameRepository(owner, input.repo.owner) || isWorkflowToken(input.botLogin)) {
      unreachable.set(key, "route-unavailable");
      continue;
    }
    if (routed.gateways.size >= MAX_TARGETS) {
      unreachable.set(key, "route-unavailable");
      log.warn(
        { repository, max: MAX_TARGETS },
        "too many repositories in one run: the follow-up stays here",
      );
      continue;
    }
    const gateway = input.sibling(repository.split("/")[1]!);
    if (!gateway.listRoutedIssues) {
      unreachable.set(key, "route-unavailable");
      continue;
    }
    try {
      const issues = await gateway.listRoutedIssues(input.config.labels.tracking.name, home);
      routed.actual.push(...trustedFollowups(issues, input.botLogin).actual);
      routed.gateways.set(key, gateway);
      routed.repositories.push(repository);
    } catch (error) {
      if (!isNotFound(error)) throw error;
      unreachable.set(key, "route-not-installed");
      log.warn({ repository }, "the app cannot see a repository follow-ups are routed to: they stay here");
    }
  }
}

/**
 * The repositories the previous version of the edited postmortems routed `unfound` follow-ups to:
 * one read per file (renamed files at their old path), nothing when there is no previous commit.
 */
async function previousRoutes(
  input: RoutedInput,
  home: string,
  unfound: readonly { path: string; id: string }[],
  log: SyncLog,
): Promise<string[]> {
  if (!input.previousRef) return [];
  const ids = new Map<string, Set<string>>();
  for (const { path, id } of unfound) ids.set(path, (ids.get(path) ?? new Set()).add(id));
  const githubHost = new URL(input.repo.serverUrl).host;
  const repositories = new Set<string>();
  for (const file of input.files) {
    const wantedIds = ids.get(file.path);
    if (!wantedIds || (file.status !== "modified" && file.status !== "renamed")) continue;
    const before = file.previousPath ?? file.path;
    try {
      const content = await input.gateway.readFile(before, {
        ref: input.previousRef,
        maxBytes: LIMITS.fileBytes,
      });
      if (content?.kind !== "file") continue;
      const parsed = parsePostmortem(before, content.content, input.config, { githubHost });
      for (const followup of parsed.followups) {
        if (!wantedIds.has(followup.id)) continue;
        const route = routeFollowup(home, followup, { routing: input.config.routing, githubHost });
        if (route.by !== "home" && !sameRepository(route.repo, home)) repositories.add(route.repo);
      }
    } catch (error) {
      // Unknown: the follow-ups are planned from what was found (at worst a new issue).
      log.warn(
        { path: before, ref: input.previousRef, err: error },
        "could not read the postmortem before the change",
      );
    }
  }
  return [...repositories];
}

/**
 * Another repository as the follow-ups of `home` see it: its tracked issues are only those routed
 * there from `home`'s postmortems (each saying where it is), and every write goes there. The
 * sweep's reminders, re-check and reports run through it unchanged.
 */
export function routedView(gateway: RepoGateway, home: string): RepoGateway {
  return new Proxy(gateway, {
    get(target, prop, receiver) {
      if (prop === "listTrackedIssues")
        return (label: string) => target.listRoutedIssues?.(label, home) ?? Promise.resolve([]);
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * The postmortem's repository with the follow-ups routed elsewhere listed among its own (each
 * saying where it is): what the tracker and the project read after the writes. Every other method
 * is the postmortem repository's (the tracker and project items are there, or named by node id).
 */
export function withRoutedIssues(
  gateway: RepoGateway,
  gateways: ReadonlyMap<string, RepoGateway>,
  home: string,
): RepoGateway {
  if (gateways.size === 0) return gateway;
  return new Proxy(gateway, {
    get(target, prop, receiver) {
      if (prop === "listTrackedIssues")
        return async (label: string) => {
          const own = await target.listTrackedIssues(label);
          const routed = await Promise.all(
            [...gateways.values()].map((g) => g.listRoutedIssues?.(label, home) ?? Promise.resolve([])),
          );
          return [...own, ...routed.flat()];
        };
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
