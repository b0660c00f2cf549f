import { type ClassifiedItem, emptyCounts, type FollowupStatus } from "./model.js";

/**
 * A repository's follow-ups by state, as the reports count them (issue 19's `followups` gauge):
 * the six statuses of the report's columns (open, due soon, overdue, done and validated, done not
 * validated, not doing; they add up to the total) and, apart because it overlaps them, how many
 * follow-ups' validation lapsed (the effectiveness re-check, as the report's "validation lapsed").
 */

export interface FollowupStates {
  states: Record<FollowupStatus, number>;
  lapsed: number;
}

export function followupStateCounts(items: readonly ClassifiedItem[]): FollowupStates {
  const states = emptyCounts();
  let lapsed = 0;
  for (const item of items) {
    states[item.status]++;
    if (item.lapsed) lapsed++;
  }
  return { states, lapsed };
}
