import type { Config } from "../../domain/config/schema.js";
import {
  dueRechecks,
  entryHolds,
  planRecheck,
  type RecheckAction,
  type RecheckIssue,
} from "../../domain/followups/recheck.js";
import type { RepoGateway, TrackedIssue } from "../../domain/ports.js";
import {
  type EvidencePlan,
  judgeEvidence,
  type LookupResult,
  planEvidence,
  type ResolveContext,
} from "../../domain/validation/resolve.js";
import { errorMessage } from "../../github/client.js";
import { trustedFollowups } from "../../github/tracked-issues.js";
import type { SyncLog } from "../merge/report.js";

/**
 * The effectiveness re-check of one repository (issue 18, "evidence that still holds"): the
 * follow-ups closed as validated `effectiveness.recheck_days` ago whose closing is not yet checked
 * (src/domain/followups/recheck.ts) get their recorded evidence re-resolved, ALL of them in one
 * batch through the run's evidence resolver (one GraphQL request per 100 lookups; repository paths
 * at the default branch; links to other hosts and repositories are never fetched: they hold on
 * form). At most MAX_RECHECKS_PER_RUN issues per run.
 *
 * Write order per issue, as the nudges: (1) ONE update with the body that records the window, the
 * `validation lapsed` label and, with `on_lapse: reopen`, the state; (2) the comment. If (1) fails
 * nothing is recorded and the next sweep checks again. If (2) fails the record is taken back. A
 * second sweep (a replica after the lock, a re-run) finds the window recorded: nothing more.
 */

/** The evidence lookups the re-check needs: the repository's resolver for this run. */
export interface RecheckResolver {
  resolveBatch(plans: readonly EvidencePlan[]): Promise<Map<string, LookupResult>>;
}

/** One re-check written (or, in a dry run, planned): what `sweep` prints (the catalog's `sweep.recheck`). */
export interface RecheckDone {
  number: number;
  /** `owner/name` of the issue's repository when routed away from the postmortem's (issue 17). */
  repository?: string;
  /** The window: the issue's `closed_at`. */
  closed: string;
  outcome: "holds" | "lapsed";
  /** What no longer holds, and why (plain text). */
  lapsed: { entry: string; message: string }[];
  reopen: boolean;
  /** The label added (null: none, or the issue had it). */
  label: string | null;
}

export interface RecheckRun {
  /** Windows recorded this run (held or lapsed). */
  checked: number;
  /** The same, issue by issue, in the order written. */
  done: RecheckDone[];
  /** Issue numbers whose evidence lapsed this run. */
  lapsed: number[];
  /** Due re-checks left for the next run by the cap. */
  deferred: number;
  errors: string[];
  /** The tracked issues as they are after these writes. */
  issues: TrackedIssue[] | null;
}

export interface RecheckRunInput {
  gateway: RepoGateway;
  config: Config;
  botLogin: string;
  now: Date;
  resolver: RecheckResolver;
  /** Where evidence resolves: this repository, at its default branch. */
  context: Omit<ResolveContext, "allowed">;
  log: SyncLog;
  /** The tracked issues as the run already read them (else listed, through the read cache). */
  issues?: TrackedIssue[] | null;
}

function recheckIssue(issue: TrackedIssue): RecheckIssue {
  return {
    number: issue.number,
    body: issue.body,
    state: issue.state,
    stateReason: issue.stateReason,
    closedAt: issue.closedAt,
    labels: issue.labels,
  };
}

async function apply(
  gateway: RepoGateway,
  action: RecheckAction,
  original: TrackedIssue,
): Promise<TrackedIssue> {
  const labels =
    action.addLabel && !original.labels.some((l) => l.toLowerCase() === action.addLabel!.name.toLowerCase())
      ? [...original.labels, action.addLabel.name]
      : null;
  await gateway.updateIssue(action.number, {
    body: action.body,
    ...(labels ? { labels } : {}),
    ...(action.reopen ? { state: "open" as const } : {}),
  });
  if (action.comment !== null) {
    try {
      await gateway.createComment(action.number, action.comment);
    } catch (error) {
      const rollback = await gateway
        .updateIssue(action.number, { body: original.body })
        .then(() => "the record was taken back: it is checked again on the next run")
        .catch(() => "the record could not be taken back: this window is not checked again");
      throw new Error(`${errorMessage(error)} (${rollback})`);
    }
  }
  return {
    ...original,
    body: action.body,
    ...(labels ? { labels } : {}),
    ...(action.reopen ? { state: "open" as const, stateReason: "reopened", closedAt: null } : {}),
  };
}

export async function runRecheck(input: RecheckRunInput): Promise<RecheckRun> {
  const { gateway, config, botLogin, now, log } = input;
  const run: RecheckRun = { checked: 0, done: [], lapsed: [], deferred: 0, errors: [], issues: null };
  let tracked: TrackedIssue[];
  try {
    tracked = input.issues ?? (await gateway.listTrackedIssues(config.labels.tracking.name));
  } catch (error) {
    run.errors.push(`recheck: list tracked issues: ${errorMessage(error)}`);
    return run;
  }
  run.issues = tracked;
  const trusted = new Set(trustedFollowups(tracked, botLogin).actual.map((f) => f.number));
  const candidates = tracked.filter((i) => trusted.has(i.number));
  const { due, deferred } = dueRechecks(candidates.map(recheckIssue), config, now);
  run.deferred = deferred;
  if (due.length === 0) return run;

  const ctx: ResolveContext = {
    ...input.context,
    allowed: { httpHosts: config.validation.httpHosts, tickets: config.validation.tickets },
  };
  const plans = new Map(due.map((d) => [d.number, d.entries.map((entry) => planEvidence(entry, ctx))]));
  let results: Map<string, LookupResult>;
  try {
    // Every due issue's lookups in one batch: one GraphQL request per 100 distinct lookups.
    results = await input.resolver.resolveBatch([...plans.values()].flat());
  } catch (error) {
    run.errors.push(`recheck: resolve evidence: ${errorMessage(error)}`);
    return run;
  }

  const byNumber = new Map(tracked.map((i) => [i.number, i]));
  const changed = new Map<number, TrackedIssue>();
  const label = config.labels.validationLapsed.name.toLowerCase();
  let labelExists = tracked.some((i) => i.labels.some((l) => l.toLowerCase() === label));
  for (const item of due) {
    const issue = byNumber.get(item.number)!;
    const rechecked = plans.get(item.number)!.map((plan) => {
      const outcome = judgeEvidence(plan, results, ctx, config.language);
      return { entry: plan.entry, holds: entryHolds(outcome), message: outcome.message };
    });
    const action = planRecheck(item, issue, rechecked, config, now);
    if (!action) continue;
    try {
      if (action.addLabel && !labelExists) {
        labelExists = true;
        await gateway.createLabel(action.addLabel).catch((error: unknown) => {
          // GitHub creates a missing label with a grey colour when an issue gets it: go on.
          log.warn({ err: error }, "could not create the validation lapsed label");
        });
      }
      changed.set(item.number, await apply(gateway, action, issue));
      run.checked++;
      run.done.push({
        number: item.number,
        closed: item.closed,
        outcome: action.outcome,
        lapsed: rechecked.filter((r) => r.holds === false).map(({ entry, message }) => ({ entry, message })),
        reopen: action.reopen,
        label: action.addLabel?.name ?? null,
      });
      if (action.outcome === "lapsed") run.lapsed.push(item.number);
    } catch (error) {
      run.errors.push(`recheck #${item.number}: ${errorMessage(error)}`);
    }
  }
  run.issues = tracked.map((i) => changed.get(i.number) ?? i);
  if (run.checked || run.errors.length)
    log.info(
      { checked: run.checked, lapsed: run.lapsed.length, deferred, errors: run.errors.length },
      "recheck",
    );
  return run;
}
