import type { DesiredFollowup } from "./model.js";

/** A postmortem's milestone as the follow-ups want it. */
export interface WantedMilestone {
  /** The latest due date of its follow-ups (YYYY-MM-DD). */
  due: string | null;
  /** The postmortem it belongs to (its description links there). */
  path: string;
}

/** One milestone per postmortem, due on its latest follow-up: title -> what it should be. */
export function wantedMilestones(desired: readonly DesiredFollowup[]): Map<string, WantedMilestone> {
  const wanted = new Map<string, WantedMilestone>();
  for (const d of desired) {
    if (!d.milestone) continue;
    const current = wanted.get(d.milestone);
    if (!current) wanted.set(d.milestone, { due: d.due, path: d.path });
    else if (current.due === null || d.due > current.due) current.due = d.due;
  }
  return wanted;
}

/** What to do with a wanted milestone given the repository's milestone of that title (if any). */
export function milestoneChange(
  found: { dueOn: string | null } | undefined,
  due: string | null,
): "create" | "update" | "unchanged" {
  if (!found) return "create";
  return found.dueOn !== due ? "update" : "unchanged";
}
