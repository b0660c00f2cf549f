import { MARKER_PREFIX, MARKER_VERSION, readMarker, renderMarker } from "./marker.js";

/**
 * The record of the reminders and escalations sent on a follow-up issue (issue 16): one hidden,
 * versioned marker, `<!-- postmortem-followups:nudges v1 {"sent":[...]} -->`, on the line right
 * after the follow-up marker that opens the body the app authored. Only that line counts: a marker
 * anywhere else (a comment, a person's text further down the body, an issue someone else opened)
 * neither suppresses nor fakes a step. The issue itself must be trusted first (`trustedFollowups`).
 */

/** A step of src/domain/policy/nudges.ts (spelled here so markers/ depends on nothing of policy/). */
type Step = "reminder" | "overdue" | `escalation-${number}`;

export interface NudgeRecord {
  step: Step;
  /** The due date the step was about. */
  due: string;
  /** The day it was sent (YYYY-MM-DD, the config's time zone). */
  on: string;
}

export interface NudgeMarker {
  sent: NudgeRecord[];
}

/** The steps kept per issue (the oldest go first): enough for every step of a few due dates. */
export const MAX_RECORDS = 20;

const STEP = /^(reminder|overdue|escalation-[1-9])$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const LINE = new RegExp(`^<!-- ${MARKER_PREFIX}nudges v${MARKER_VERSION} \\{.*\\} -->$`);
const FOLLOWUP_LINE = new RegExp(`^<!-- ${MARKER_PREFIX}followup v\\d+ \\{.*\\} -->$`);

/** The record of a body the app authored; empty when there is none where it must be. */
export function readNudgeMarker(body: string): NudgeMarker {
  const [first, second] = body.split("\n", 2);
  if (first === undefined || second === undefined) return { sent: [] };
  if (!FOLLOWUP_LINE.test(first) || !LINE.test(second)) return { sent: [] };
  const data = readMarker<{ sent?: unknown }>("nudges", second);
  if (!data || !Array.isArray(data.sent)) return { sent: [] };
  const sent: NudgeRecord[] = [];
  for (const entry of data.sent.slice(-MAX_RECORDS) as unknown[]) {
    if (entry === null || typeof entry !== "object") continue;
    const { step, due, on } = entry as Record<string, unknown>;
    if (typeof step !== "string" || !STEP.test(step)) continue;
    if (typeof due !== "string" || !DATE.test(due) || typeof on !== "string" || !DATE.test(on)) continue;
    sent.push({ step: step as Step, due, on });
  }
  return { sent };
}

/** The body with the record replaced (or inserted after the follow-up marker line). */
export function writeNudgeMarker(body: string, marker: NudgeMarker): string {
  const line = renderMarker("nudges", { sent: marker.sent.slice(-MAX_RECORDS) });
  const lines = body.split("\n");
  if (lines.length > 1 && FOLLOWUP_LINE.test(lines[0]!) && LINE.test(lines[1]!)) lines[1] = line;
  else if (FOLLOWUP_LINE.test(lines[0] ?? "")) lines.splice(1, 0, line);
  else return body;
  return lines.join("\n");
}

/** How many reminders and escalations a record says were sent: what `report` and the weekly comment count. */
export interface NudgesSent {
  reminders: number;
  /** The owner's comment on the day after the due date. */
  overdue: number;
  /** Comments to the escalation list. */
  escalations: number;
}

export function countNudges(records: readonly NudgeMarker[]): NudgesSent {
  const counts: NudgesSent = { reminders: 0, overdue: 0, escalations: 0 };
  for (const record of records)
    for (const { step } of record.sent) {
      if (step === "reminder") counts.reminders++;
      else if (step === "overdue") counts.overdue++;
      else counts.escalations++;
    }
  return counts;
}
