import { managedLabelNames } from "../../domain/config/load.js";
import type { Config } from "../../domain/config/schema.js";
import { buildDesired } from "../../domain/followups/desired.js";
import {
  type ActualFollowup,
  type DesiredFollowup,
  followupKey,
  type PlannedAction,
  type PullRef,
  type RepoRef,
} from "../../domain/followups/model.js";
import { planReconcile } from "../../domain/followups/plan.js";
import type { FollowupMarker } from "../../domain/markers/marker.js";
import type { ChangedPostmortems } from "./read.js";
import type { SyncLog } from "./report.js";

/**
 * The plan of a reconcile run, from what was read: the desired state of every follow-up and the
 * actions that make GitHub match it. No I/O (the pure planner is domain/followups/plan.ts).
 */

/** A renamed postmortem keeps its issues: they move to the new path (the marker is rewritten). */
export function withRenames(
  actual: ActualFollowup[],
  renames: ReadonlyMap<string, string>,
): ActualFollowup[] {
  if (renames.size === 0) return actual;
  return actual.map((issue) => {
    const to = renames.get(issue.marker.path);
    return to ? { ...issue, marker: { ...issue.marker, path: to } } : issue;
  });
}

export interface RepositoryPlanInput {
  config: Config;
  repo: RepoRef;
  pr: PullRef | null;
  mergedOn: string;
  read: ChangedPostmortems;
  actual: readonly ActualFollowup[];
  /** Owner -> why they cannot be assigned. */
  ownerProblems: ReadonlyMap<string, string>;
  /** Follow-up key -> the repository its issue is routed to (./routed.ts). */
  routes?: ReadonlyMap<string, string>;
}

export function planRepository(
  input: RepositoryPlanInput,
  log: SyncLog,
): { desired: DesiredFollowup[]; actions: PlannedAction[] } {
  const { config, read, actual } = input;
  // The previous markers keep a default due date from moving.
  const previous = new Map<string, FollowupMarker>();
  for (const issue of [...actual].sort((a, b) => b.number - a.number))
    previous.set(followupKey(issue.marker.path, issue.marker.id), issue.marker);
  const desired: DesiredFollowup[] = read.valid.flatMap((file) =>
    buildDesired({
      path: file.path,
      postmortem: file.postmortem,
      followups: file.followups,
      config,
      repo: input.repo,
      pr: input.pr,
      mergedOn: input.mergedOn,
      previous,
      ownerProblems: input.ownerProblems,
      ...(input.routes ? { routes: input.routes } : {}),
    }),
  );
  const actions = planReconcile({
    desired,
    actual,
    scope: read.scope,
    removedFiles: read.removedFiles,
    managedLabels: managedLabelNames(config),
  });
  const counts = { create: 0, update: 0, close: 0, unchanged: 0 };
  for (const a of actions) counts[a.type]++;
  log.info({ ...counts, files: read.valid.length, removed: read.removedFiles.size }, "planned");
  return { desired, actions };
}
