import type { Config, LabelSpec, Language } from "../../domain/config/schema.js";
import { blobUrl } from "../../domain/followups/desired.js";
import { labelsNeeded, missingLabels } from "../../domain/followups/labels.js";
import { milestoneChange, wantedMilestones } from "../../domain/followups/milestones.js";
import type { DesiredFollowup, PlannedAction, RepoRef } from "../../domain/followups/model.js";
import type { LabelOutcome, Milestone, RepoGateway } from "../../domain/ports.js";
import { t } from "../../text/catalog/index.js";
import type { ValidFile } from "./read.js";
import { fail, OPERATION, type ReconcileResult, type SyncLog } from "./report.js";

/**
 * What the apply step's writes need in a repository before they are sent: the labels (created
 * once when missing) and one milestone per postmortem. Each repository has its own: a follow-up
 * routed elsewhere gets them there (./apply.ts calls these once per repository written).
 */

/** Labels the writes need: created once when missing, with colour and description; never recoloured. */
/** Where an action writes: a create and a transfer where the issue goes, the others where it is. */
function destination(action: PlannedAction): string | undefined {
  if (action.type === "create") return action.desired.repository;
  if (action.type === "update" && action.transfer) return action.transfer.to;
  return action.repository;
}

/** Lower-cased `owner/name`, or "" for the postmortem's own repository. */
export const repoKey = (repository: string | undefined) => repository?.toLowerCase() ?? "";

/**
 * The labels and milestones of every repository the actions write to; returns the milestone
 * number of a title in a repository (undefined: leave the milestone alone; null: none).
 */
export async function ensurePrerequisites(
  input: {
    config: Config;
    repo: RepoRef;
    desired: readonly DesiredFollowup[];
    files: readonly ValidFile[];
    actions: readonly PlannedAction[];
    gatewayOf: (repository: string | undefined) => RepoGateway | undefined;
  },
  result: ReconcileResult,
  log: SyncLog,
): Promise<(title: string | null | undefined, repository: string | undefined) => number | null | undefined> {
  const { config } = input;
  const groups = new Map<string, { repository: string | undefined; actions: PlannedAction[] }>([
    ["", { repository: undefined, actions: [] }],
  ]);
  for (const action of input.actions) {
    const repository = destination(action);
    const group = groups.get(repoKey(repository)) ?? { repository, actions: [] };
    group.actions.push(action);
    groups.set(repoKey(repository), group);
  }
  const milestones = new Map<string, Map<string, number>>();
  for (const [key, group] of groups) {
    const gateway = input.gatewayOf(group.repository);
    if (!gateway) continue;
    if (group.actions.some((a) => a.type !== "unchanged"))
      await ensureLabels(gateway, config, group.actions, result, log);
    if (config.milestones)
      milestones.set(
        key,
        await ensureMilestones(
          gateway,
          input.desired.filter((d) => repoKey(d.repository) === key),
          input.files,
          input.repo,
          config.language,
          result,
          log,
        ),
      );
  }
  return (title, repository) => {
    if (title === undefined) return undefined;
    if (title === null) return null;
    return milestones.get(repoKey(repository))?.get(title);
  };
}

async function ensureLabels(
  gateway: RepoGateway,
  config: Config,
  actions: readonly PlannedAction[],
  result: ReconcileResult,
  log: SyncLog,
): Promise<void> {
  const needed = labelsNeeded(config, actions);
  if (needed.size === 0) return;
  let missing: LabelSpec[];
  try {
    missing = missingLabels(
      needed,
      (await gateway.listLabels()).map((l) => l.name),
    );
  } catch (error) {
    fail(result, log, { operation: OPERATION.listLabels }, error);
    return;
  }
  // Several missing labels (a repository's first merge): one request when the gateway can.
  let outcomes: Map<string, LabelOutcome> | null = null;
  if (missing.length > 1 && gateway.createLabels) {
    try {
      outcomes = await gateway.createLabels(missing);
    } catch (error) {
      log.warn({ err: error }, "could not create the labels in one request: one by one");
    }
  }
  for (const spec of missing) {
    let outcome: LabelOutcome | undefined = outcomes?.get(spec.name);
    if (outcome === undefined) outcome = await gateway.createLabel(spec).catch((error: Error) => error);
    if (outcome instanceof Error) fail(result, log, { operation: OPERATION.createLabel(spec.name) }, outcome);
    else if (outcome === "created") {
      result.labelsCreated.push(spec.name);
      result.writes++;
    }
  }
}

/** One milestone per postmortem, due on its latest follow-up. Returns title -> number. */
async function ensureMilestones(
  gateway: RepoGateway,
  desired: readonly DesiredFollowup[],
  files: readonly ValidFile[],
  repo: RepoRef,
  language: Language,
  result: ReconcileResult,
  log: SyncLog,
): Promise<Map<string, number>> {
  const numbers = new Map<string, number>();
  const wanted = wantedMilestones(desired);
  if (wanted.size === 0) return numbers;
  let existing: Milestone[];
  try {
    existing = await gateway.listMilestones();
  } catch (error) {
    fail(result, log, { operation: OPERATION.listMilestones }, error);
    return numbers;
  }
  const byTitle = new Map(existing.map((m) => [m.title, m]));
  for (const [title, { due, path }] of wanted) {
    const found = byTitle.get(title);
    try {
      const change = milestoneChange(found, due);
      if (change === "create" || !found) {
        const file = files.find((f) => f.path === path);
        const created = await gateway.createMilestone({
          title,
          dueOn: due,
          description: t(language, "merge.milestone.description", {
            postmortem: file ? blobUrl(repo, path) : path,
          }),
        });
        result.writes++;
        numbers.set(title, created.number);
        result.milestones.push({ title, number: created.number, dueOn: due, change: "created" });
      } else if (change === "update") {
        await gateway.updateMilestone(found.number, { dueOn: due });
        result.writes++;
        numbers.set(title, found.number);
        result.milestones.push({ title, number: found.number, dueOn: due, change: "updated" });
      } else {
        numbers.set(title, found.number);
        result.milestones.push({ title, number: found.number, dueOn: due, change: "unchanged" });
      }
    } catch (error) {
      if (found) numbers.set(title, found.number);
      fail(result, log, { operation: OPERATION.milestone(title) }, error);
    }
  }
  return numbers;
}
