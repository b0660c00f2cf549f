import { isTeam } from "./desired.js";
import { type ActualFollowup, followupKey } from "./model.js";

/** A valid postmortem's follow-ups, as far as their owners go. */
export interface OwnedFollowups {
  path: string;
  followups: readonly { id: string; owner?: string | null }[];
}

/**
 * The owners a merge must ask GitHub about ("can this login be assigned here?"), each with the
 * follow-up keys that name them. Teams are left out (they are mentioned, never assigned), and so is
 * anyone already assigned to one of the app's issues here: a redelivery, a re-merge or the weekly
 * sweep would otherwise check every owner again.
 */
export function ownersToCheck(
  files: readonly OwnedFollowups[],
  actual: readonly ActualFollowup[],
): Map<string, string[]> {
  const assigned = new Set(actual.flatMap((a) => a.assignees.map((login) => login.toLowerCase())));
  const keysByOwner = new Map<string, string[]>();
  for (const file of files)
    for (const item of file.followups) {
      const owner = item.owner?.replace(/^@/, "");
      if (!owner || isTeam(owner) || assigned.has(owner.toLowerCase())) continue;
      const keys = keysByOwner.get(owner) ?? [];
      keys.push(followupKey(file.path, item.id));
      keysByOwner.set(owner, keys);
    }
  return keysByOwner;
}
