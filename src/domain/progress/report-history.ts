import { type ProgressMarker, readMarker } from "../markers/marker.js";
import {
  type ClassifiedItem,
  isClosedStatus,
  isOpenStatus,
  isStatus,
  type PostmortemProgress,
  statusesOf,
} from "./model.js";
import { compareWeeks, isWeekKey } from "./week.js";

/**
 * The reports already on a pull request, week by week: the markers the app writes on them (the
 * statuses of that week) and what changed since the last one.
 */

/** A progress comment the app's bot authored, with a valid marker. */
export interface ProgressComment {
  id: number;
  body: string;
  marker: ProgressMarker;
}

/** A progress marker from a comment body; null when absent or malformed. */
export function readProgressMarker(
  body: string | null | undefined,
): (ProgressMarker & { path?: string }) | null {
  const data = readMarker<Partial<ProgressMarker & { path: string }>>("progress", body);
  if (!data || !isWeekKey(data.week)) return null;
  const statuses: Record<string, string> = {};
  if (data.statuses && typeof data.statuses === "object" && !Array.isArray(data.statuses)) {
    for (const [id, status] of Object.entries(data.statuses))
      if (typeof status === "string" && isStatus(status)) statuses[id] = status;
  }
  return {
    ...(typeof data.path === "string" ? { path: data.path } : {}),
    week: data.week,
    ...(data.final === true ? { final: true } : {}),
    statuses,
  };
}

/** The marker of a report: the path tells apart the reports of postmortems sharing a pull request. */
export function progressMarker(
  progress: PostmortemProgress,
  week: string,
  final: boolean,
): ProgressMarker & { path: string } {
  return { path: progress.path, week, ...(final ? { final: true } : {}), statuses: statusesOf(progress) };
}

export interface WeekChanges {
  closed: ClassifiedItem[];
  newlyOverdue: ClassifiedItem[];
  newlyValidated: ClassifiedItem[];
  reopened: ClassifiedItem[];
}

/** What changed since the previous week's report; null when there is no previous report. */
export function changesSince(
  progress: PostmortemProgress,
  previous: ProgressMarker | null,
): WeekChanges | null {
  if (!previous) return null;
  const before = previous.statuses ?? {};
  const changes: WeekChanges = { closed: [], newlyOverdue: [], newlyValidated: [], reopened: [] };
  for (const item of progress.items) {
    const was = before[item.id];
    if (isClosedStatus(item.status) && (was === undefined || isOpenStatus(was))) changes.closed.push(item);
    if (item.status === "overdue" && was !== "overdue") changes.newlyOverdue.push(item);
    if (item.status === "done_validated" && was !== "done_validated") changes.newlyValidated.push(item);
    if (isOpenStatus(item.status) && isClosedStatus(was)) changes.reopened.push(item);
  }
  return changes;
}

export function openCount(statuses: Record<string, string> | undefined): number {
  return Object.values(statuses ?? {}).filter(isOpenStatus).length;
}

/** The most recent marker of a week before `week`. */
export function latestBefore(markers: readonly ProgressMarker[], week: string): ProgressMarker | null {
  let best: ProgressMarker | null = null;
  for (const m of markers) {
    if (compareWeeks(m.week, week) >= 0) continue;
    if (!best || compareWeeks(m.week, best.week) >= 0) best = m;
  }
  return best;
}
