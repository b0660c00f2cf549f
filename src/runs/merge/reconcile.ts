import type { Config } from "../../domain/config/schema.js";
import {
  applyJoins,
  identityItems,
  identityProblem,
  joinEditedItems,
} from "../../domain/followups/identity.js";
import type {
  ActualFollowup,
  DesiredFollowup,
  PlannedAction,
  PullRef,
  RepoRef,
} from "../../domain/followups/model.js";
import type { ChangedFile, RepoGateway, RoutingReads } from "../../domain/ports.js";
import { runObserver, timed } from "../../infra/telemetry.js";
import { applyActions } from "./apply.js";
import { postmortemMatcher, selectPostmortemFiles } from "./files.js";
import { planRepository, withRenames } from "./plan.js";
import {
  type ChangedPostmortems,
  checkOwners,
  readActual,
  readChangedPostmortems,
  type ValidFile,
} from "./read.js";
import {
  emptyResult,
  type FollowupReport,
  fail,
  followupReports,
  OPERATION,
  type ReconcileResult,
  type SyncLog,
  silentLog,
} from "./report.js";
import { type Routed, readRouted, withRoutedIssues } from "./routed.js";
import { syncTrackers } from "./tracker.js";

/**
 * Reconcile one repository: read (./read.ts), plan (./plan.ts), apply (./apply.ts); what it did is
 * a `ReconcileResult` (./report.ts).
 */

export interface ReconcileInput {
  gateway: RepoGateway;
  config: Config;
  repo: RepoRef;
  /** Changed files (the handler passes a merge's or push's; the sweep passes every known postmortem). */
  files: readonly ChangedFile[];
  /** The commit to read the postmortems at (the merge commit). */
  ref: string;
  /** The pull request that merged them, when there is one. */
  pr: PullRef | null;
  /** YYYY-MM-DD the postmortem merged: default due dates count from it. */
  mergedOn: string;
  /** The app's own bot login ("slug[bot]"): only its issues are trusted. */
  botLogin: string;
  /** Opens another repository of the same owner and installation by name (routed follow-ups, issue 17). */
  sibling?: (name: string) => RepoGateway;
  /** The commit before the change (where a routed follow-up was, when its route changed). */
  previousRef?: string;
  /** CODEOWNERS and where the app is installed, for `routing:` rules (src/github/routing-reads.ts). */
  routing?: RoutingReads;
  log?: SyncLog;
}

/** What a reconcile would write, before it writes (`planReconcile`). */
export interface ReconcilePlan {
  desired: DesiredFollowup[];
  actions: PlannedAction[];
  actual: ActualFollowup[];
  files: ValidFile[];
  /** Files renamed in this change (old path -> new): the trackers follow them. */
  renames: ChangedPostmortems["renames"];
  reports: Map<string, FollowupReport>;
  /** The gateways of the other repositories follow-ups are routed to, by lower-cased `owner/name`. */
  gateways: ReadonlyMap<string, RepoGateway>;
}

/**
 * Reconcile one repository: read each postmortem at the merge commit, parse (a file with errors
 * changes nothing; the others proceed), read the tracked issues ONCE, build the desired state,
 * plan, apply. The apply step is the only writer; one item's error does not stop the others, and
 * a re-run completes what failed. Callers serialise runs per repository (`RepoLock`).
 */
export function reconcileRepository(input: ReconcileInput): Promise<ReconcileResult> {
  return timed(
    (outcome, seconds) => runObserver().reconcile(outcome, seconds),
    () => reconcileOnce(input),
  );
}

async function reconcileOnce(input: ReconcileInput): Promise<ReconcileResult> {
  const log = input.log ?? silentLog;
  const { result, plan } = await planReconcile(input);
  if (!plan) return result;
  await applyActions(input, plan, result, log);
  // The tracker and the project see the follow-ups routed elsewhere too (read after the writes).
  const home = `${input.repo.owner}/${input.repo.repo}`;
  const gateway = withRoutedIssues(input.gateway, plan.gateways, home);
  // `tracker: true`: each postmortem's tracker issue, from the tracked issues as they now are.
  if (input.config.tracker) await syncTrackers({ ...input, gateway }, plan.files, plan.renames, result, log);
  else if (input.config.project && plan.gateways.size > 0)
    result.trackedAfter = await gateway
      .listTrackedIssues(input.config.labels.tracking.name)
      .catch(() => undefined);
  return result;
}

/**
 * The reconcile's reads and plan, without a write: `result.followups` already says which items are
 * done or adopted (no issue of ours); `plan` is null when there is nothing to write.
 */
export async function planReconcile(
  input: ReconcileInput,
): Promise<{ result: ReconcileResult; plan: ReconcilePlan | null }> {
  const { gateway, config, repo } = input;
  const log = input.log ?? silentLog;
  const result = emptyResult();

  const selected = selectPostmortemFiles(input.files, postmortemMatcher(config));
  if (selected.length === 0) {
    log.info({ files: input.files.length }, "no postmortem among the changed files: nothing to reconcile");
    return { result, plan: null };
  }

  // 1. Read and parse each file at the merge commit.
  const githubHost = new URL(repo.serverUrl).host;
  const read = await readChangedPostmortems(gateway, config, selected, input.ref, githubHost, result, log);
  if (read.scope.size === 0) {
    log.info(
      { files: result.files.map((f) => `${f.path}: ${f.outcome}`) },
      "no valid or removed postmortem: nothing to write",
    );
    return { result, plan: null };
  }

  // 2. The actual state, read fresh, once.
  let actual: ActualFollowup[];
  try {
    actual = await readActual(gateway, config, input.botLogin, result, log);
  } catch (error) {
    fail(result, log, { operation: OPERATION.listTrackedIssues }, error);
    return { result, plan: null };
  }

  // Follow-ups routed to other repositories, and the issues already there (issue 17).
  let routed: Routed;
  try {
    routed = await readRouted(input, read.valid, actual, result, log);
  } catch (error) {
    fail(result, log, { operation: OPERATION.listTrackedIssues }, error);
    return { result, plan: null };
  }
  actual = withRenames([...actual, ...routed.actual], read.renames);

  // An edited item (a typo fix, a reworded title: its derived id changed) keeps its issue: the
  // issue's marker moves to the new key before planning, like a rename.
  const identity = joinEditedItems(
    read.valid.flatMap((file) => identityItems(file.path, file.followups)),
    actual.filter((issue) => read.scope.has(issue.marker.path)),
  );
  if (identity.joins.length > 0) {
    actual = applyJoins(actual, identity.joins);
    result.joins = identity.joins;
    log.info({ joins: identity.joins }, "edited items joined to their issues");
  }
  for (const warning of identity.warnings)
    result.files
      .find((f) => f.path === warning.path)
      ?.problems.push(identityProblem(warning, config.language));

  // 3. Owners that cannot be assigned (never fails the run).
  const ownerProblems = await checkOwners(gateway, config.language, read.valid, actual, result, log);

  // 4. Desired state and plan.
  const { desired, ...planned } = planRepository(
    {
      config,
      repo,
      pr: input.pr,
      mergedOn: input.mergedOn,
      read,
      actual,
      ownerProblems,
      routes: routed.routes,
    },
    log,
  );
  // Routed where this run cannot write: left alone (./routed.ts).
  const actions = planned.actions.filter((a) => !routed.held.has(a.key));
  result.actions = actions;
  result.routedTo = routed.repositories;
  const reports = followupReports(desired, actions, repo, result);
  return {
    result,
    plan: {
      desired,
      actions,
      actual,
      files: read.valid,
      renames: read.renames,
      reports,
      gateways: routed.gateways,
    },
  };
}
