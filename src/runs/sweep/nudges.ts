import type { Config, LabelSpec } from "../../domain/config/schema.js";
import { type NudgeAction, planNudges } from "../../domain/followups/nudges.js";
import type { NudgesSent } from "../../domain/markers/nudges.js";
import type { NudgeStep } from "../../domain/policy/nudges.js";
import type { RepoGateway, TrackedIssue } from "../../domain/ports.js";
import { errorMessage } from "../../github/client.js";
import { trustedFollowups } from "../../github/tracked-issues.js";
import type { SyncLog } from "../merge/report.js";

/**
 * Reminders, escalation and the due soon / overdue labels of one repository (issue 16): plan from
 * the tracked issues the repository probe already read (src/domain/followups/nudges.ts), then
 * write through the gateway. The caller holds the repository lock, and the issues are read after
 * any write of this run (the read cache drops its answer when reconcile writes an issue), so the
 * record of what was sent is fresh when it is checked.
 *
 * Write order, one step: (1) the issue body with the step recorded, and the labels, in ONE update;
 * (2) the comment. If (1) fails, nothing was sent and the step stays due. If (2) fails, the record
 * is taken back (another update); only when that fails too is the step lost, logged as an error,
 * and the next step (overdue, escalation) still comes on its day. The other order (comment, then
 * record) would post the same comment again on the next run whenever recording failed, and a
 * marker inside the comment would need the comments of every follow-up issue read on every run:
 * one more read per repository, which the sweep must not cost. A person pinged once too few is
 * better than a person pinged twice by a tool that says it never repeats itself.
 */

export interface NudgeOutcome {
  number: number;
  step: NudgeStep;
  due: string;
  mentions: string[];
  /** Sent (or, in a dry run, would be); false when a write failed. */
  sent: boolean;
}

/** What the nudges of one repository did: `report` and the weekly figures read `sent`. */
export interface NudgeRun {
  /** Reminders and escalations sent this run, by kind. */
  sent: NudgesSent;
  nudges: NudgeOutcome[];
  /** Issues whose state labels changed. */
  labelsChanged: number;
  /** Left for the next run by the caps of one run. */
  deferred: number;
  errors: string[];
  /** The tracked issues as they are after these writes (the weekly report reads them, no query). */
  issues: TrackedIssue[] | null;
}

export interface NudgeRunInput {
  gateway: RepoGateway;
  config: Config;
  botLogin: string;
  /** YYYY-MM-DD in the config's time zone. */
  today: string;
  log: SyncLog;
}

function emptyRun(): NudgeRun {
  return {
    sent: { reminders: 0, overdue: 0, escalations: 0 },
    nudges: [],
    labelsChanged: 0,
    deferred: 0,
    errors: [],
    issues: null,
  };
}

/**
 * The state labels the writes add, created with their colour and description when no tracked issue
 * carries them yet (a label an issue carries exists). No listing: creating one that exists is
 * answered "exists", so this costs one write the first time and no read ever.
 */
async function ensureLabels(
  gateway: RepoGateway,
  specs: readonly LabelSpec[],
  tracked: readonly TrackedIssue[],
): Promise<void> {
  const carried = new Set(tracked.flatMap((i) => i.labels.map((l) => l.toLowerCase())));
  for (const spec of specs) if (!carried.has(spec.name.toLowerCase())) await gateway.createLabel(spec);
}

async function applyAction(
  gateway: RepoGateway,
  action: NudgeAction,
  original: TrackedIssue,
  run: NudgeRun,
): Promise<Partial<Pick<TrackedIssue, "body" | "labels">>> {
  const { nudge, labels } = action;
  if (!nudge) {
    await gateway.updateIssue(action.number, { labels: labels! });
    run.labelsChanged++;
    return { labels: labels! };
  }
  const outcome: NudgeOutcome = {
    number: action.number,
    step: nudge.step,
    due: nudge.due,
    mentions: nudge.mentions,
    sent: false,
  };
  run.nudges.push(outcome);
  // (1) Record first (see the comment at the top), with the labels in the same update.
  await gateway.updateIssue(action.number, { body: nudge.body, ...(labels ? { labels } : {}) });
  if (labels) run.labelsChanged++;
  // (2) Then the comment.
  try {
    await gateway.createComment(action.number, nudge.comment);
  } catch (error) {
    const rollback = await gateway
      .updateIssue(action.number, { body: original.body })
      .then(() => "the record was taken back: it is sent on the next run")
      .catch(() => "the record could not be taken back: this step is not sent again");
    throw new Error(`${errorMessage(error)} (${rollback})`);
  }
  outcome.sent = true;
  if (nudge.step === "reminder") run.sent.reminders++;
  else if (nudge.step === "overdue") run.sent.overdue++;
  else run.sent.escalations++;
  return { body: nudge.body, ...(labels ? { labels } : {}) };
}

export async function runNudges(input: NudgeRunInput): Promise<NudgeRun> {
  const { gateway, config, botLogin, today, log } = input;
  const run = emptyRun();
  let tracked: TrackedIssue[];
  try {
    tracked = await gateway.listTrackedIssues(config.labels.tracking.name);
  } catch (error) {
    run.errors.push(`nudges: list tracked issues: ${errorMessage(error)}`);
    return run;
  }
  const { actual } = trustedFollowups(tracked, botLogin);
  const plan = planNudges(actual, config, today);
  run.deferred = plan.deferred;
  const changed = new Map<number, Partial<Pick<TrackedIssue, "body" | "labels">>>();
  if (plan.actions.length > 0) {
    try {
      await ensureLabels(gateway, plan.labelsAdded, tracked);
    } catch (error) {
      // GitHub creates a missing label with a grey colour when an issue gets it: go on.
      log.warn({ err: error }, "could not create the due soon / overdue labels");
    }
  }
  const byNumber = new Map(tracked.map((i) => [i.number, i]));
  for (const action of plan.actions) {
    try {
      changed.set(action.number, await applyAction(gateway, action, byNumber.get(action.number)!, run));
    } catch (error) {
      run.errors.push(
        `nudge #${action.number}${action.nudge ? ` (${action.nudge.step})` : ""}: ${errorMessage(error)}`,
      );
    }
  }
  run.issues = tracked.map((issue) => {
    const change = changed.get(issue.number);
    return change ? { ...issue, ...change } : issue;
  });
  if (run.nudges.length || run.labelsChanged)
    log.info(
      { ...run.sent, labelsChanged: run.labelsChanged, deferred: run.deferred, errors: run.errors.length },
      "nudges",
    );
  return run;
}
