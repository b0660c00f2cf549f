import { differenceInCalendarDays } from "date-fns/differenceInCalendarDays";
import { parseISO } from "date-fns/parseISO";
import type { RecheckLine } from "../../text/catalog/evaluation.js";
import type { Config } from "../config/schema.js";
import { type RecheckIssue, recheckWindow } from "../followups/recheck.js";
import { hasLapsed, readRecheckMarker } from "../markers/recheck.js";

/**
 * The evidence re-checks of one postmortem, as its post-evaluation comment shows them (issue 18).
 * With the defaults the evaluation is posted when the last follow-up closes and the re-checks come
 * 30 days after each close, so at posting time nothing is re-checked yet: the comment says when the
 * re-checks are due, and the sweep updates the comment in place (found by its marker, written only
 * when the text changed) once they are done, whether the evidence held or lapsed. The marker
 * records the counts the comment shows, so an unchanged count never costs a write, and a template
 * change alone never edits old comments. Pure, on plain data.
 */

/** After its last re-check is due, an evaluation is kept up to date this many days more (a sweep
 *  that was down catches up), then never edited again. */
export const EVALUATION_UPDATE_DAYS = 30;

export interface RecheckStatus extends RecheckLine {
  /** The last day anything is (or was) due or recorded: the comment is kept up to date until
   *  EVALUATION_UPDATE_DAYS after it. Null when there is nothing to re-check. */
  horizon: string | null;
}

const later = (a: string | null, b: string) => (a === null || b > a ? b : a);
const earlier = (a: string | null, b: string) => (a === null || b < a ? b : a);

/** The re-check status of a postmortem's follow-up issues (the app's, of that postmortem only). */
export function recheckStatus(
  issues: readonly RecheckIssue[],
  config: Pick<Config, "effectiveness" | "labels">,
): RecheckStatus {
  const status: RecheckStatus = {
    total: 0,
    checked: 0,
    lapsed: 0,
    from: null,
    to: null,
    lastOn: null,
    horizon: null,
  };
  for (const issue of issues) {
    const checks = readRecheckMarker(issue.body).checks;
    if (hasLapsed(issue.body, issue.state, issue.closedAt)) {
      // Lapsed for its current closing, or reopened on the lapse and not closed since.
      const record =
        issue.state === "open" ? checks.at(-1) : checks.findLast((c) => c.closed === issue.closedAt);
      status.total++;
      status.checked++;
      status.lapsed++;
      if (record) {
        status.lastOn = later(status.lastOn, record.on);
        status.horizon = later(status.horizon, record.on);
      }
      continue;
    }
    const window = recheckWindow(issue, config);
    if (!window) continue;
    status.total++;
    const due = window.due.slice(0, 10);
    status.horizon = later(status.horizon, due);
    const record = checks.find((c) => c.closed === window.closed);
    if (record) {
      status.checked++;
      status.lastOn = later(status.lastOn, record.on);
      status.horizon = later(status.horizon, record.on);
    } else {
      status.from = earlier(status.from, due);
      status.to = later(status.to, due);
    }
  }
  return status;
}

/** What the evaluation marker records of the re-checks the comment shows. */
export interface RecheckShown {
  checked: number;
  lapsed: number;
}

export type EvaluationUpdate = { type: "update" } | { type: "skip"; reason: string };

/**
 * Update a posted evaluation or not (pure). `shown`: the counts its marker records (an evaluation
 * posted before the re-checks were shown records none: as if nothing was re-checked). `today`:
 * YYYY-MM-DD. The caller still compares the text and writes only when it changed.
 */
export function decideEvaluationUpdate(
  shown: RecheckShown | undefined,
  status: RecheckStatus,
  today: string,
): EvaluationUpdate {
  const was = shown ?? { checked: 0, lapsed: 0 };
  if (status.total === 0 || (was.checked === status.checked && was.lapsed === status.lapsed))
    return { type: "skip", reason: "evaluation already posted" };
  if (
    status.horizon !== null &&
    differenceInCalendarDays(parseISO(today), parseISO(status.horizon)) > EVALUATION_UPDATE_DAYS
  )
    return { type: "skip", reason: `re-checks done more than ${EVALUATION_UPDATE_DAYS} days ago` };
  return { type: "update" };
}
