import { t } from "../../text/catalog/index.js";
import { mention } from "../../text/sanitize.js";
import type { Config, LabelSpec } from "../config/schema.js";
import { type NudgeMarker, readNudgeMarker, writeNudgeMarker } from "../markers/nudges.js";
import { type DueState, dueNudge, dueState, type Nudge, type NudgePolicy } from "../policy/nudges.js";
import type { ActualFollowup } from "./model.js";

/**
 * The sweep's nudges (issue 16), planned purely: from the app's follow-up issues as the repository
 * probe read them (their bodies carry the record of what was sent, src/domain/markers/nudges.ts),
 * the config and today, what to write on each issue: the `due soon` / `overdue` labels to add or
 * remove, and the one reminder or escalation comment that is due, with the body that records it.
 * src/runs/sweep/nudges.ts applies the plan; nothing here reads or writes GitHub.
 */

/** Comments per repository and run; the rest wait for the next run (they stay due). */
export const MAX_NUDGES_PER_RUN = 30;
/** Issues whose labels change per repository and run (a first run on a large backlog). */
export const MAX_LABEL_CHANGES_PER_RUN = 100;

export interface PlannedNudge extends Nudge {
  /** The issue body with this step recorded: written BEFORE the comment (see runs/sweep/nudges.ts). */
  body: string;
  comment: string;
  /** Who the comment mentions (logins and org/teams, without `@`). */
  mentions: string[];
}

export interface NudgeAction {
  number: number;
  /** The issue's labels after this run; absent when they stay as they are. */
  labels?: string[];
  nudge?: PlannedNudge;
}

export interface NudgePlan {
  actions: NudgeAction[];
  /** State labels the actions add (the repository must have them first). */
  labelsAdded: LabelSpec[];
  /** Nudges and label changes left for the next run by the caps. */
  deferred: number;
}

/** The severity of an issue, from its severity label (null: none). */
export function severityOf(labels: readonly string[], config: Pick<Config, "labels">): string | null {
  const have = new Set(labels.map((l) => l.toLowerCase()));
  for (const [severity, spec] of Object.entries(config.labels.severity))
    if (have.has(spec.name.toLowerCase())) return severity;
  return null;
}

/**
 * The reminder and escalation policy of a severity, and whom its escalation steps mention; with
 * `windowDays`, the due soon label's window, which `reminders.enabled: false` keeps (the label has
 * its own switch). Business days when the due dates are counted in them (`due_days.business_days`).
 */
export function nudgePolicy(
  config: Pick<Config, "reminders" | "escalation" | "duePolicy">,
  severity: string | null,
): NudgePolicy & { to: string[]; windowDays: number } {
  const row = severity === null ? undefined : config.escalation.bySeverity[severity];
  const windowDays =
    (severity === null ? undefined : config.reminders.bySeverity[severity]) ?? config.reminders.daysBefore;
  const { enabled, overdueNotice } = config.escalation;
  return {
    remindDaysBefore: config.reminders.enabled ? windowDays : 0,
    escalateAfterDays: enabled ? (row?.afterDays ?? config.escalation.afterDays) : [],
    overdueNotice: enabled && overdueNotice,
    businessDays: config.duePolicy.businessDays ? { holidays: config.duePolicy.holidays } : undefined,
    to: row?.to ?? config.escalation.to,
    windowDays,
  };
}

/**
 * Whether the config turns every nudge off: no reminder, no comment after the due date and no state
 * label can ever be written, so the scheduler's daily pass has nothing to do (src/runs/weekly/scheduler.ts).
 */
export function nudgesOff(config: Pick<Config, "labels" | "reminders" | "escalation">): boolean {
  const { reminders, escalation, labels } = config;
  const noReminder =
    !reminders.enabled ||
    [reminders.daysBefore, ...Object.values(reminders.bySeverity)].every((d) => d === 0);
  const noEscalation =
    !escalation.enabled ||
    (!escalation.overdueNotice &&
      [escalation.afterDays, ...Object.values(escalation.bySeverity).map((r) => r.afterDays ?? [])].every(
        (days) => days.length === 0,
      ));
  return noReminder && noEscalation && labels.dueSoon === null && labels.overdue === null;
}

function mentions(logins: readonly string[]): string {
  return logins.map(mention).join(" ");
}

function commentFor(
  nudge: Nudge,
  issue: ActualFollowup,
  to: readonly string[],
  config: Pick<Config, "language">,
): { comment: string; mentions: string[] } {
  const lang = config.language;
  const owners = issue.marker.owner ? [issue.marker.owner.replace(/^@/, "")] : issue.assignees;
  const who = owners.length ? mentions(owners) : t(lang, "nudges.no-owner");
  if (nudge.step === "reminder")
    return {
      comment: t(lang, "nudges.reminder", {
        who,
        due: nudge.due,
        days: nudge.daysLeft,
        business: nudge.businessDays,
      }),
      mentions: owners,
    };
  if (nudge.step === "overdue")
    return {
      comment: t(lang, "nudges.overdue", {
        who,
        due: nudge.due,
        days: -nudge.daysLeft,
        business: nudge.businessDays,
      }),
      mentions: owners,
    };
  const list = to.length ? [...to] : (issue.marker.authors ?? []);
  return {
    comment: t(lang, "nudges.escalation", {
      to: list.length ? mentions(list) : t(lang, "nudges.no-escalation-list"),
      who,
      due: nudge.due,
      days: -nudge.daysLeft,
      business: nudge.businessDays,
    }),
    mentions: [...new Set([...list, ...owners])],
  };
}

function sameLabels(a: readonly string[], b: readonly string[]): boolean {
  const lower = new Set(a.map((l) => l.toLowerCase()));
  return a.length === b.length && b.every((l) => lower.has(l.toLowerCase()));
}

/**
 * The issue's labels with the state labels as `state` wants them. A state label turned off
 * (`labels.due_soon: false`) is neither added nor removed: the sweep no longer owns that name.
 */
export function stateLabels(
  labels: readonly string[],
  state: DueState,
  config: Pick<Config, "labels">,
): string[] {
  const dueSoon = config.labels.dueSoon?.name ?? null;
  const overdue = config.labels.overdue?.name ?? null;
  const managed = new Set([dueSoon, overdue].flatMap((name) => (name === null ? [] : [name.toLowerCase()])));
  const kept = labels.filter((l) => !managed.has(l.toLowerCase()));
  const want = state === "due-soon" ? dueSoon : state === "overdue" ? overdue : null;
  const current = labels.find((l) => want !== null && l.toLowerCase() === want.toLowerCase());
  return want === null ? kept : [...kept, current ?? want];
}

/** The last step sent for the issue's current due date (the weekly comment's escalation state). */
export function lastStep(issue: Pick<ActualFollowup, "body" | "marker">): NudgeMarker["sent"][number] | null {
  const due = issue.marker.due;
  const sent = readNudgeMarker(issue.body).sent.filter((s) => s.due === due);
  return sent.at(-1) ?? null;
}

export function planNudges(
  issues: readonly ActualFollowup[],
  config: Pick<Config, "labels" | "reminders" | "escalation" | "duePolicy" | "language">,
  today: string,
): NudgePlan {
  const actions: NudgeAction[] = [];
  const added = new Map<string, LabelSpec>();
  let nudges = 0;
  let labelChanges = 0;
  let deferred = 0;
  for (const issue of [...issues].sort((a, b) => a.number - b.number)) {
    const open = issue.state === "open";
    const due = issue.marker.due;
    const policy = nudgePolicy(config, severityOf(issue.labels, config));
    const state = dueState({ open, due, today }, { ...policy, remindDaysBefore: policy.windowDays });
    const labels = stateLabels(issue.labels, state, config);
    const action: NudgeAction = { number: issue.number };
    if (!sameLabels(labels, issue.labels)) {
      if (labelChanges < MAX_LABEL_CHANGES_PER_RUN) {
        action.labels = labels;
        labelChanges++;
        const have = new Set(issue.labels.map((l) => l.toLowerCase()));
        for (const spec of [config.labels.dueSoon, config.labels.overdue])
          if (
            spec &&
            labels.some((l) => l.toLowerCase() === spec.name.toLowerCase()) &&
            !have.has(spec.name.toLowerCase())
          )
            added.set(spec.name.toLowerCase(), spec);
      } else deferred++;
    }
    const record = readNudgeMarker(issue.body);
    const nudge = dueNudge({ open, due, today, sent: record.sent }, policy);
    if (nudge) {
      const body = writeNudgeMarker(issue.body, {
        sent: [...record.sent, { step: nudge.step, due: nudge.due, on: today }],
      });
      // A body that cannot carry the record (a person moved the follow-up marker): nothing is
      // sent, since nothing could stop the next run from sending it again.
      if (body === issue.body) {
        // (left to reconcile, which puts the marker back first)
      } else if (nudges < MAX_NUDGES_PER_RUN) {
        action.nudge = { ...nudge, body, ...commentFor(nudge, issue, policy.to, config) };
        nudges++;
      } else deferred++;
    }
    if (action.labels || action.nudge) actions.push(action);
  }
  return { actions, labelsAdded: [...added.values()], deferred };
}
