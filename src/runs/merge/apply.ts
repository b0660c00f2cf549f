import type { Config, LabelSpec, Language } from "../../domain/config/schema.js";
import { blobUrl, mdLink } from "../../domain/followups/desired.js";
import { labelsNeeded, missingLabels } from "../../domain/followups/labels.js";
import { milestoneChange, wantedMilestones } from "../../domain/followups/milestones.js";
import type {
  ActualFollowup,
  DesiredFollowup,
  PlannedAction,
  PullRef,
  RepoRef,
} from "../../domain/followups/model.js";
import type { LabelOutcome, Milestone, RepoGateway } from "../../domain/ports.js";
import { isAmbiguousWriteError, statusOf } from "../../github/client.js";
import { t } from "../../text/catalog/index.js";
import { render } from "../../text/templates.js";
import { readActual, type ValidFile } from "./read.js";
import {
  type ClosedReport,
  type FollowupReport,
  fail,
  OPERATION,
  type ReconcileResult,
  type SyncLog,
} from "./report.js";

/**
 * The apply step of a reconcile run, its only writer: the labels and milestones the writes need,
 * then each planned create, update and close. One item's error does not stop the others (it is
 * recorded in the result), and a re-run completes what failed.
 */

/** What the apply step needs of the run's input. */
export interface ApplyInput {
  gateway: RepoGateway;
  config: Config;
  repo: RepoRef;
  pr: PullRef | null;
  botLogin: string;
}

/** Labels the writes need: created once when missing, with colour and description; never recoloured. */
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

export async function applyActions(
  input: ApplyInput,
  plan: {
    actions: readonly PlannedAction[];
    desired: readonly DesiredFollowup[];
    actual: readonly ActualFollowup[];
    files: readonly ValidFile[];
    /** Each follow-up's report, by key (./report.ts `followupReports`): the writes complete them. */
    reports: ReadonlyMap<string, FollowupReport>;
  },
  result: ReconcileResult,
  log: SyncLog,
): Promise<void> {
  const { gateway, config, repo } = input;
  const { actions, desired, actual, reports } = plan;
  const files = plan.files;
  const issueUrl = (n: number) => `${repo.serverUrl}/${repo.owner}/${repo.repo}/issues/${n}`;
  const byNumber = new Map(actual.map((a) => [a.number, a]));

  const writing = actions.some((a) => a.type !== "unchanged");
  if (writing) await ensureLabels(gateway, config, actions, result, log);
  const milestones = config.milestones
    ? await ensureMilestones(gateway, desired, files, repo, config.language, result, log)
    : new Map<string, number>();
  const milestoneNumber = (title: string | null | undefined): number | null | undefined => {
    if (title === undefined) return undefined;
    if (title === null) return null;
    return milestones.get(title);
  };

  for (const action of actions) {
    switch (action.type) {
      case "unchanged": {
        const report = reports.get(action.key)!;
        report.state = "unchanged";
        report.number = action.number;
        report.url = issueUrl(action.number);
        report.issueState = byNumber.get(action.number)?.state ?? "open";
        break;
      }
      case "create": {
        const report = reports.get(action.key)!;
        const created = await createOnce(input, action, log, result);
        if (created) {
          report.state = "created";
          report.number = created.number;
          report.url = created.url;
          report.issueState = "open";
          if (created.recovered) report.recovered = true;
        }
        break;
      }
      case "update": {
        const report = reports.get(action.key)!;
        report.number = action.number;
        report.url = issueUrl(action.number);
        report.issueState = byNumber.get(action.number)?.state ?? "open";
        const { milestone, ...changes } = action.changes;
        const number = milestoneNumber(milestone);
        try {
          await gateway.updateIssue(action.number, {
            ...changes,
            ...(number !== undefined ? { milestone: number } : {}),
          });
          result.writes++;
          report.state = "updated";
          report.reasons = action.reasons;
          if (changes.state === "open") report.issueState = "open";
          log.info(
            { issue: action.number, key: action.key, reasons: action.reasons },
            "updated follow-up issue",
          );
        } catch (error) {
          report.state = "failed";
          fail(
            result,
            log,
            { operation: OPERATION.update(action.number), key: action.key, number: action.number },
            error,
          );
        }
        break;
      }
      case "close": {
        const issue = byNumber.get(action.number);
        const closed: ClosedReport = {
          key: action.key,
          path: action.path,
          id: action.id,
          number: action.number,
          title: issue?.title ?? action.id,
          reason: action.reason,
          ...(action.duplicateOf !== undefined ? { duplicateOf: action.duplicateOf } : {}),
          ok: false,
        };
        result.closed.push(closed);
        try {
          await gateway.updateIssue(action.number, {
            state: "closed",
            stateReason: "not_planned",
            ...(action.body !== issue?.body ? { body: action.body } : {}),
          });
          result.writes++;
          closed.ok = true;
          log.info(
            { issue: action.number, key: action.key, reason: action.reason },
            "closed follow-up issue",
          );
        } catch (error) {
          fail(
            result,
            log,
            { operation: OPERATION.close(action.number), key: action.key, number: action.number },
            error,
          );
          break;
        }
        try {
          await gateway.createComment(
            action.number,
            render(config.language, "followup-removed", {
              reason: action.reason,
              removedItem: action.reason === "removed-item",
              removedFile: action.reason === "removed-file",
              duplicate: action.reason === "duplicate",
              duplicateOf: action.duplicateOf ?? null,
              id: action.id,
              path: action.path,
              postmortem: mdLink(action.path, blobUrl(repo, action.path)),
              pr: input.pr ? `#${input.pr.number}` : null,
            }).trimEnd(),
          );
          result.writes++;
        } catch (error) {
          fail(
            result,
            log,
            { operation: OPERATION.comment(action.number), key: action.key, number: action.number },
            error,
          );
        }
        break;
      }
    }
  }

  async function createOnce(
    input: ApplyInput,
    action: Extract<PlannedAction, { type: "create" }>,
    log: SyncLog,
    result: ReconcileResult,
  ): Promise<{ number: number; url: string; recovered?: boolean } | null> {
    const milestone = milestoneNumber(action.desired.milestone) ?? null;
    const issue = {
      title: action.title,
      body: action.body,
      labels: action.labels,
      assignees: action.assignees,
      milestone,
    };
    const where = { operation: OPERATION.create(action.key), key: action.key };
    try {
      const created = await input.gateway.createIssue(issue);
      result.writes++;
      log.info({ issue: created.number, key: action.key }, "created follow-up issue");
      return created;
    } catch (error) {
      if (!isAmbiguousWriteError(error)) {
        fail(result, log, where, error);
        return null;
      }
      // The write may have taken effect: look for the marker before creating again.
      log.warn(
        { key: action.key, status: statusOf(error), err: error },
        "create failed ambiguously: re-reading",
      );
      try {
        const fresh = await readActual(input.gateway, config, input.botLogin, result, log);
        const found = fresh
          .filter((a) => a.marker.path === action.desired.path && a.marker.id === action.desired.id)
          .sort((a, b) => a.number - b.number)[0];
        if (found) {
          result.writes++;
          log.info(
            { issue: found.number, key: action.key },
            "the failed create had taken effect: not creating again",
          );
          return { number: found.number, url: issueUrl(found.number), recovered: true };
        }
        const created = await input.gateway.createIssue(issue);
        result.writes++;
        log.info({ issue: created.number, key: action.key }, "created follow-up issue on retry");
        return created;
      } catch (retryError) {
        fail(result, log, where, retryError);
        return null;
      }
    }
  }
}
