import type { Config } from "../../domain/config/schema.js";
import { type RecurrenceMarker, renderMarker } from "../../domain/markers/marker.js";
import type { RepoGateway } from "../../domain/ports.js";
import {
  type EarlierPostmortem,
  findRecurrences,
  type RecurrenceMatch,
  type RecurrenceScope,
} from "../../domain/progress/recurrence.js";
import {
  type RecurrenceRenderContext,
  renderRecurrence,
  renderRecurrenceComment,
} from "../../domain/progress/recurrence-render.js";
import { readEarlierPostmortems } from "./earlier.js";

/**
 * Recurrence for one run (the merge or the PR check): the new postmortems' services and tags against
 * the earlier postmortems of this repository and of the config's `recurrence.repositories` (same owner
 * only), then, on merge, ONE comment on each earlier postmortem's pull request. Reads are skipped
 * entirely when no new postmortem names a service or tag.
 */

/** The logger recurrence writes to (pino's shape). */
interface RecurrenceLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface RecurrenceInput {
  /** This repository's gateway (the merge's primed one: its tracked issues are already read). */
  gateway: RepoGateway;
  owner: string;
  repo: string;
  config: Config;
  botLogin: string;
  /** Where this repository's earlier postmortems are read (the merge commit, or the default branch). */
  ref: string;
  /** The new postmortems (their paths are never their own earlier incidents). */
  scopes: readonly RecurrenceScope[];
  /** YYYY-MM-DD: follow-up states and ages are on this day. */
  today: string;
  /** Opens another repository of the installation (`recurrence.repositories`); absent: this one only. */
  sibling?: (repo: string) => RepoGateway;
  log: RecurrenceLog;
}

export interface RecurrenceFound {
  /** Matches per new postmortem path (only paths with matches). */
  matches: Map<string, RecurrenceMatch[]>;
  /** `recurrence.repositories` entries that could not be read (not of this owner, or not readable). */
  unreadable: string[];
  /** Earlier postmortem files read, over every repository. */
  filesRead: number;
}

/** Repositories of `recurrence.repositories` that are not of this owner: never read. */
export function foreignRepositories(config: Config, owner: string): string[] {
  return config.recurrence.repositories.filter((r) => r.split("/")[0]!.toLowerCase() !== owner.toLowerCase());
}

export async function findRunRecurrences(input: RecurrenceInput): Promise<RecurrenceFound> {
  const found: RecurrenceFound = { matches: new Map(), unreadable: [], filesRead: 0 };
  const { config } = input;
  const scopes = input.scopes.filter((s) => s.services.length + s.tags.length > 0);
  if (!config.recurrence.enabled || scopes.length === 0) return found;
  const here = `${input.owner}/${input.repo}`;
  const earlier: EarlierPostmortem[] = [];
  const own = await readEarlierPostmortems({
    gateway: input.gateway,
    repository: here,
    config,
    botLogin: input.botLogin,
    ref: input.ref,
    exclude: new Set(scopes.map((s) => s.path)),
  });
  earlier.push(...own.postmortems);
  found.filesRead += own.filesRead;
  found.unreadable.push(...foreignRepositories(config, input.owner));
  for (const name of config.recurrence.repositories) {
    if (found.unreadable.includes(name) || name.toLowerCase() === here.toLowerCase() || !input.sibling)
      continue;
    try {
      const other = await readEarlierPostmortems({
        gateway: input.sibling(name.split("/")[1]!),
        repository: name,
        config,
        botLogin: input.botLogin,
        ref: "HEAD",
      });
      earlier.push(...other.postmortems);
      found.filesRead += other.filesRead;
    } catch (error) {
      input.log.warn({ repository: name, err: error }, "recurrence: cannot read a listed repository");
      found.unreadable.push(name);
    }
  }
  for (const scope of scopes) {
    const matches = findRecurrences(scope, earlier, input.today);
    if (matches.length > 0) found.matches.set(scope.path, matches);
  }
  input.log.info(
    { earlier: earlier.length, filesRead: found.filesRead, matched: found.matches.size },
    "recurrence: earlier postmortems compared",
  );
  return found;
}

/** The Markdown of every new postmortem's matches (for the check and the summary), or "". */
export function recurrenceSection(found: RecurrenceFound, ctx: RecurrenceRenderContext): string {
  // One list over the new postmortems (a pull request usually brings one): each earlier one once.
  const seen = new Set<string>();
  const all: RecurrenceMatch[] = [];
  for (const matches of found.matches.values())
    for (const m of matches) {
      const key = `${m.earlier.repository}#${m.earlier.path}`;
      if (seen.has(key)) continue;
      seen.add(key);
      all.push(m);
    }
  return renderRecurrence(all, ctx);
}

export interface CommentOutcome {
  created: number;
  existing: number;
  failed: number;
}

/**
 * ONE comment on each earlier postmortem's pull request per new postmortem, found again by its
 * marker `(repository, path)` in the app's own comments: a redelivery or a second replica (both
 * under the repository lock) finds the first comment and writes nothing.
 */
export async function commentOnEarlier(
  input: Pick<RecurrenceInput, "gateway" | "owner" | "repo" | "botLogin" | "sibling" | "log" | "config">,
  found: RecurrenceFound,
  newPostmortems: readonly { path: string; title: string; pr: number | null }[],
  ctx: RecurrenceRenderContext,
): Promise<CommentOutcome> {
  const outcome: CommentOutcome = { created: 0, existing: 0, failed: 0 };
  if (!input.config.recurrence.comment) return outcome;
  const here = `${input.owner}/${input.repo}`;
  for (const pm of newPostmortems) {
    for (const match of found.matches.get(pm.path) ?? []) {
      const { repository, pr } = match.earlier;
      if (pr === null) continue;
      try {
        const gateway =
          repository === here
            ? input.gateway
            : input.sibling
              ? input.sibling(repository.split("/")[1]!)
              : null;
        if (!gateway) continue;
        const marker: RecurrenceMarker = { repository: here, path: pm.path, pr: pm.pr };
        const existing = await gateway.findMarkedComment<RecurrenceMarker>(
          pr,
          "recurrence",
          input.botLogin,
          (data) => data.repository === here && data.path === pm.path,
        );
        if (existing) {
          outcome.existing++;
          continue;
        }
        const body = renderRecurrenceComment(
          {
            repository: here,
            path: pm.path,
            title: pm.title,
            pr: pm.pr,
            shared: [...match.services, ...match.tags],
          },
          { ...ctx, repository },
        );
        await gateway.createComment(pr, `${renderMarker("recurrence", marker)}\n${body}\n`);
        outcome.created++;
      } catch (error) {
        input.log.warn(
          { repository, pr, err: error },
          "recurrence: cannot comment on the earlier pull request",
        );
        outcome.failed++;
      }
    }
  }
  return outcome;
}
