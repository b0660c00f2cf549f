import { classify, type FollowupStatus, type ProgressItem } from "./model.js";

/**
 * Recurrence (issue 18), pure: a new postmortem that names a service or tag of an earlier one is a
 * repeat incident, and the earlier postmortem's follow-ups are what was supposed to prevent it.
 * Plain data in (the new postmortem's scope, the earlier postmortems with their follow-ups), matches
 * out. Names are compared without case and surrounding space; every step is linear in its input
 * (a map from name to postmortems), and what is listed is capped.
 */

/** How many earlier postmortems a check or summary lists, and how many follow-ups per postmortem. */
export const RECURRENCE_LIMITS = { matches: 10, followupsPerMatch: 10 } as const;

export interface RecurrenceScope {
  /** `owner/name` of the repository the postmortem is in. */
  repository: string;
  path: string;
  /** Incident date, YYYY-MM-DD (null when unknown). */
  date: string | null;
  services: readonly string[];
  tags: readonly string[];
}

export interface EarlierPostmortem extends RecurrenceScope {
  title: string;
  /** The pull request that merged it (where the recurrence comment goes). */
  pr: number | null;
  /** Its follow-ups (the tracked issues of the app, as the progress model reads them). */
  followups: readonly RecurrenceItem[];
}

/** A follow-up as recurrence needs it; `lapsed`: its evidence no longer holds (the sweep's re-check). */
export type RecurrenceItem = ProgressItem & { lapsed?: boolean };

export type RecurrenceStatus = FollowupStatus | "lapsed";

export interface RecurrenceFollowup {
  id: string;
  number: number | null;
  url: string | null;
  title: string;
  status: RecurrenceStatus;
  /** When it was closed (ISO), for "closed as validated 3 weeks ago". */
  closedAt: string | null;
  due: string | null;
}

export interface RecurrenceMatch {
  earlier: Pick<EarlierPostmortem, "repository" | "path" | "title" | "date" | "pr">;
  /** The shared services and tags, as the new postmortem writes them. */
  services: string[];
  tags: string[];
  followups: RecurrenceFollowup[];
  /** Follow-ups left out of `followups` (over the cap). */
  moreFollowups: number;
  /** Some follow-up was still open, or its evidence had lapsed, when the new incident happened. */
  unfinished: boolean;
}

export function scopeKey(name: string): string {
  return name.trim().toLowerCase();
}

const STATUS_ORDER: Record<RecurrenceStatus, number> = {
  lapsed: 0,
  overdue: 1,
  due_soon: 2,
  open: 3,
  done_unvalidated: 4,
  not_doing: 5,
  done_validated: 6,
};

/** True when the follow-up was not finished at the start of `date` (open then, or its evidence lapsed). */
export function unfinishedOn(item: RecurrenceItem, date: string): boolean {
  const start = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(start)) return false;
  if (Date.parse(item.createdAt) >= start) return false;
  if (item.lapsed) return true;
  return item.closedAt === null || Date.parse(item.closedAt) >= start;
}

/**
 * The earlier postmortems the new one shares a service or tag with, most recent first (at most
 * `RECURRENCE_LIMITS.matches`). The new file itself and postmortems dated after it are left out.
 */
export function findRecurrences(
  current: RecurrenceScope,
  earlier: readonly EarlierPostmortem[],
  today: string,
): RecurrenceMatch[] {
  const services = new Map(current.services.map((s) => [scopeKey(s), s] as const));
  const tags = new Map(current.tags.map((s) => [scopeKey(s), s] as const));
  if (services.size + tags.size === 0) return [];
  const on = current.date ?? today;
  const matches: RecurrenceMatch[] = [];
  for (const pm of earlier) {
    if (pm.repository === current.repository && pm.path === current.path) continue;
    if (pm.date && current.date && pm.date > current.date) continue;
    const shared = (names: readonly string[], wanted: Map<string, string>) => [
      ...new Set(names.map((n) => wanted.get(scopeKey(n))).filter((n): n is string => n !== undefined)),
    ];
    const sharedServices = shared(pm.services, services);
    const sharedTags = shared(pm.tags, tags);
    if (sharedServices.length + sharedTags.length === 0) continue;
    const followups = pm.followups
      .map((item): RecurrenceFollowup => {
        const status: RecurrenceStatus = item.lapsed ? "lapsed" : classify(item, today).status;
        return {
          id: item.id,
          number: item.number,
          url: item.url,
          title: item.title,
          status,
          closedAt: item.closedAt,
          due: item.due,
        };
      })
      .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.id.localeCompare(b.id));
    matches.push({
      earlier: { repository: pm.repository, path: pm.path, title: pm.title, date: pm.date, pr: pm.pr },
      services: sharedServices,
      tags: sharedTags,
      followups: followups.slice(0, RECURRENCE_LIMITS.followupsPerMatch),
      moreFollowups: Math.max(0, followups.length - RECURRENCE_LIMITS.followupsPerMatch),
      unfinished: pm.followups.some((item) => unfinishedOn(item, on)),
    });
  }
  return matches
    .sort(
      (a, b) =>
        (b.earlier.date ?? "").localeCompare(a.earlier.date ?? "") ||
        a.earlier.repository.localeCompare(b.earlier.repository) ||
        a.earlier.path.localeCompare(b.earlier.path),
    )
    .slice(0, RECURRENCE_LIMITS.matches);
}

export interface ServiceRecurrence {
  /** The service as its oldest postmortem writes it. */
  service: string;
  /** Postmortems naming it. */
  incidents: number;
  /** Of those, the ones with an earlier postmortem on the same service: repeat incidents. */
  repeats: number;
  /** Repeats that happened while an earlier postmortem on the service had unfinished (open or lapsed) follow-ups. */
  whileUnfinished: number;
}

/**
 * Repeat incidents per service over a set of postmortems (one repository or several): a postmortem
 * is a repeat on a service when an earlier-dated one names it too. Per service the postmortems are
 * sorted once and each repeat asks "how many earlier follow-ups were open at its date" with two
 * binary searches over sorted start and end times: O(n log n) in the follow-ups and postmortems.
 * Postmortems without a date are left out. Sorted by repeats, then name.
 */
export function recurrenceByService(
  postmortems: readonly Pick<EarlierPostmortem, "repository" | "path" | "date" | "services" | "followups">[],
): ServiceRecurrence[] {
  const byService = new Map<string, { service: string; list: typeof postmortems }>();
  // Oldest first: a service is shown as its first postmortem writes it.
  const dated = postmortems.filter((pm) => pm.date).sort((a, b) => a.date!.localeCompare(b.date!));
  for (const pm of dated) {
    const seen = new Set<string>();
    for (const name of pm.services) {
      const key = scopeKey(name);
      if (!key || seen.has(key)) continue;
      seen.add(key);
      const entry = byService.get(key) ?? { service: name.trim(), list: [] };
      (entry.list as (typeof postmortems)[number][]).push(pm);
      byService.set(key, entry);
    }
  }
  const rows: ServiceRecurrence[] = [];
  for (const { service, list } of byService.values()) {
    const sorted = list; // already oldest first
    // A follow-up counts from its creation to its close (forever when it never closed or lapsed).
    const starts: number[] = [];
    const ends: number[] = [];
    for (const pm of sorted)
      for (const item of pm.followups) {
        const created = Date.parse(item.createdAt);
        if (Number.isNaN(created)) continue;
        starts.push(created);
        const closed = item.closedAt && !item.lapsed ? Date.parse(item.closedAt) : Number.POSITIVE_INFINITY;
        ends.push(Number.isNaN(closed) ? Number.POSITIVE_INFINITY : closed);
      }
    starts.sort((a, b) => a - b);
    ends.sort((a, b) => a - b);
    let repeats = 0;
    let whileUnfinished = 0;
    const firstDate = sorted[0]!.date!;
    for (const pm of sorted) {
      if (pm.date === firstDate) continue;
      repeats++;
      const at = Date.parse(`${pm.date}T00:00:00Z`);
      // Follow-ups created before the day began and not closed before it (ends < at: closed before).
      if (countBelow(starts, at) - countBelow(ends, at) > 0) whileUnfinished++;
    }
    rows.push({ service, incidents: sorted.length, repeats, whileUnfinished });
  }
  return rows.sort((a, b) => b.repeats - a.repeats || a.service.localeCompare(b.service));
}

/** How many sorted values are below `x`. */
function countBelow(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
