import { differenceInCalendarDays } from "date-fns/differenceInCalendarDays";
import { parseISO } from "date-fns/parseISO";
import { businessDaysBetween } from "./due.js";

/**
 * Reminders before the due date and escalation after it (issue 16), pure: from a follow-up's state,
 * the nudges already sent (read from the app's own markers on the issue) and today, the one nudge
 * that is due now, if any. A nudge is keyed by its step and the due date it was for, so a moved due
 * date makes new nudges due, and a redelivery, a restart or a second replica finds the marker of the
 * one already sent and sends nothing.
 */

export interface NudgePolicy {
  /** Days before the due date of the reminder (0: no reminder). */
  remindDaysBefore: number;
  /** Days after the due date of each escalation step, ascending (e.g. [7, 14]). */
  escalateAfterDays: readonly number[];
  /** The owner's comment the day after the due date (default true; `escalation.overdue_notice`). */
  overdueNotice?: boolean;
  /**
   * Count every day above in business days (weekends and these holidays skipped), as the due date
   * itself is counted when `due_days.business_days` is on. Absent: calendar days.
   */
  businessDays?: { holidays: readonly string[] } | undefined;
}

export type NudgeStep = "reminder" | "overdue" | `escalation-${number}`;

export interface SentNudge {
  step: NudgeStep;
  /** The due date the nudge was about. */
  due: string;
}

export interface NudgeInput {
  open: boolean;
  due: string | null;
  today: string;
  sent: readonly SentNudge[];
}

export interface Nudge {
  step: NudgeStep;
  due: string;
  /** Days until the due date (negative: days overdue), business days when `businessDays`. */
  daysLeft: number;
  businessDays: boolean;
}

/**
 * Days from today to the due date, in the policy's days: business days in (today, due] before it,
 * minus those in (due, today] after it. A Saturday after a Friday due date is 0 business days
 * overdue: the overdue notice comes on Monday.
 */
function daysLeftOf(due: string, today: string, policy: Pick<NudgePolicy, "businessDays">): number {
  if (!policy.businessDays) return differenceInCalendarDays(parseISO(due), parseISO(today));
  return businessDaysBetween(today, due, new Set(policy.businessDays.holidays));
}

/** The steps of a policy, in order: reminder (if any), overdue on the day, then each escalation. */
function schedule(policy: NudgePolicy): { step: NudgeStep; offset: number }[] {
  const steps: { step: NudgeStep; offset: number }[] = [];
  if (policy.remindDaysBefore > 0) steps.push({ step: "reminder", offset: -policy.remindDaysBefore });
  if (policy.overdueNotice !== false) steps.push({ step: "overdue", offset: 1 });
  policy.escalateAfterDays.forEach((days, i) => {
    steps.push({ step: `escalation-${i + 1}`, offset: days });
  });
  return steps;
}

/**
 * The nudge to send now: the latest step whose day has come and that was not sent for this due date.
 * Earlier steps that were missed (the app was down) are skipped, not sent late one after another:
 * one comment says where things stand. Closed follow-ups and follow-ups without a due date get none.
 */
export function dueNudge(input: NudgeInput, policy: NudgePolicy): Nudge | null {
  if (!input.open || !input.due) return null;
  const daysLeft = daysLeftOf(input.due, input.today, policy);
  // Past the date on the calendar, no reminder is due any more (with business days, a weekend
  // after the due date is still 0 days overdue).
  const past = input.today > input.due;
  const sent = new Set(input.sent.filter((s) => s.due === input.due).map((s) => s.step));
  const steps = schedule(policy);
  let latest: { step: NudgeStep; index: number } | undefined;
  steps.forEach(({ step, offset }, index) => {
    if (-daysLeft >= offset && !(past && step === "reminder")) latest = { step, index };
  });
  if (!latest) return null;
  // A later step already sent for this date (or this one) means nothing new is due.
  if (steps.slice(latest.index).some(({ step }) => sent.has(step))) return null;
  return { step: latest.step, due: input.due, daysLeft, businessDays: policy.businessDays !== undefined };
}

export type DueState = "due-soon" | "overdue" | null;

/**
 * The state label of an open follow-up: overdue once its due date has passed (on the calendar),
 * due soon within the reminder window (counted like the reminder: business days when the policy says).
 */
export function dueState(
  input: { open: boolean; due: string | null; today: string },
  policy: Pick<NudgePolicy, "remindDaysBefore" | "businessDays">,
): DueState {
  if (!input.open || !input.due) return null;
  if (input.today > input.due) return "overdue";
  if (daysLeftOf(input.due, input.today, policy) <= Math.max(policy.remindDaysBefore, 0)) return "due-soon";
  return null;
}
