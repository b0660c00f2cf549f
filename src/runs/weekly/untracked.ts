import type { Config } from "../../domain/config/schema.js";
import type { RepoRef } from "../../domain/followups/model.js";
import type { RepoGateway, RepoTree, RoutingReads, TrackedIssue } from "../../domain/ports.js";
import type { UntrackedFollowup } from "../../domain/progress/items.js";
import { localDate } from "../../domain/progress/week.js";
import { postmortemsOfTree } from "../merge/files.js";
import {
  crossRepository,
  type GroupReads,
  groupPostmortems,
  type PostmortemGroup,
  reconcileInputOf,
} from "../merge/groups.js";
import { planReconcile } from "../merge/reconcile.js";
import { type FollowupReport, type SyncLog, silentLog } from "../merge/report.js";
import { routedView } from "../merge/routed.js";

/**
 * The items of Markdown postmortems that got no issue of ours (issue 14): done in the file, or
 * adopting an existing issue its tracking link names. Every progress report counts them: the sweep
 * takes them from the reconcile it runs anyway (`untrackedOf`); `/followups status` and `report`,
 * which write no follow-up, plan the same reconcile without writing (`readUntracked`).
 */

/**
 * The reconcile's done and adopted items as the progress reports count them. An adopted issue is
 * read for its state only (one request each, through the run's read cache); one that cannot be read
 * counts as open.
 */
export async function untrackedOf(
  gateway: RepoGateway,
  followups: readonly FollowupReport[],
  group: Pick<PostmortemGroup, "pr" | "mergedOn">,
): Promise<UntrackedFollowup[]> {
  const out: UntrackedFollowup[] = [];
  for (const f of followups) {
    if (f.state !== "done" && f.state !== "adopted") continue;
    const item: UntrackedFollowup = {
      path: f.path,
      id: f.id,
      title: f.title,
      term: f.term,
      category: f.category,
      owner: f.owner,
      due: f.due,
      pr: group.pr?.number ?? null,
      kind: f.state,
      proof: f.proof === true,
      since: `${group.mergedOn}T00:00:00Z`,
    };
    if (f.state === "adopted" && f.number !== null) {
      const open = { state: "open" as const, stateReason: null, closedAt: null };
      const state = gateway.issueState ? await gateway.issueState(f.number).catch(() => open) : open;
      item.issue = { number: f.number, url: f.url ?? "", ...state };
    }
    out.push(item);
  }
  return out;
}

export interface UntrackedReadInput {
  /** A gateway with the sweep's read cache (`openRepository(…).forSweep`): nothing here writes. */
  gateway: RepoGateway;
  /** The sweep's reads (`openRepository(…).forSweep`): the tree, the last commits. */
  github: GroupReads & { tree(ref: string, globs: readonly string[]): Promise<RepoTree> };
  repo: RepoRef;
  config: Config;
  botLogin: string;
  now: Date;
  log?: SyncLog;
  /** Opens another repository of the owner by name, and routing's reads (routed follow-ups, issue 17). */
  sibling?: (name: string) => RepoGateway;
  routing?: RoutingReads;
  /** Filled with the other repositories this repository's follow-ups are routed to. */
  routedTo?: Set<string>;
}

/**
 * Done and adopted items of every postmortem on the default branch, planned as the sweep would
 * reconcile them, without writing. A postmortem that cannot be read adds nothing (the check, `lint`
 * and the sweep report its problems).
 */
export async function readUntracked(input: UntrackedReadInput): Promise<UntrackedFollowup[]> {
  const { gateway, repo, config, botLogin, now } = input;
  const log = input.log ?? silentLog;
  const ref = repo.defaultBranch;
  const tree = await input.github.tree(ref, config.paths);
  const paths = postmortemsOfTree(tree.paths, config);
  if (paths.length === 0) return [];
  const today = localDate(now, config.weekly.timezone);
  const { groups } = await groupPostmortems({
    gateway,
    github: input.github,
    repo,
    config,
    paths,
    botLogin,
    now,
    today,
    log,
  });
  const out: UntrackedFollowup[] = [];
  for (const group of groups) {
    const { result } = await planReconcile(
      reconcileInputOf(group, { gateway, config, repo, botLogin, log, ...crossRepository(input) }),
    );
    out.push(...(await untrackedOf(gateway, result.followups, group)));
    for (const name of result.routedTo ?? []) input.routedTo?.add(name);
  }
  return out;
}

/** The follow-ups routed from `home` to each of `repositories`, as their issues are (one read each). */
export async function readRoutedIssues(
  sibling: (name: string) => RepoGateway,
  home: string,
  label: string,
  repositories: Iterable<string>,
): Promise<TrackedIssue[]> {
  const out: TrackedIssue[] = [];
  for (const name of repositories)
    out.push(...(await routedView(sibling(name.split("/")[1]!), home).listTrackedIssues(label)));
  return out;
}
