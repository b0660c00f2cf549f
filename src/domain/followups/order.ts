/**
 * The one order of follow-ups in every listing: the merge's PR summary, the check's table, the
 * weekly comment and `plan`. By due date, soonest first (an item without a date after the dated
 * ones, by the days its policy will give it: the check runs before the merge fixes the date), then
 * by severity in the config's `severities` order, most severe first. Equal items keep their order:
 * callers sort stably from the file's order (or the issue number).
 */

export interface OrderedFollowup {
  due?: string | null;
  /** An item without a date: the days the due policy will give it from the merge. */
  days?: number | null;
  severity?: string | null;
}

function rank(severity: string | null | undefined, severities: readonly string[]): number {
  const i = severity ? severities.indexOf(severity) : -1;
  return i === -1 ? severities.length : i;
}

export function compareFollowups(
  a: OrderedFollowup,
  b: OrderedFollowup,
  severities: readonly string[] = [],
): number {
  if (a.due && b.due && a.due !== b.due) return a.due < b.due ? -1 : 1;
  if (Boolean(a.due) !== Boolean(b.due)) return a.due ? -1 : 1;
  if (!a.due && !b.due && (a.days ?? null) !== (b.days ?? null))
    return (a.days ?? Number.POSITIVE_INFINITY) - (b.days ?? Number.POSITIVE_INFINITY);
  return rank(a.severity, severities) - rank(b.severity, severities);
}
