import { MAX_LINKED, readTrackerMarker, type TrackerMarker } from "../markers/tracker.js";

/**
 * The tracker issue of a postmortem (`tracker: true`, issue 17), planned purely:
 * `(desired, actual) -> what to write`. The adapter (src/runs/merge/tracker.ts over the gateway)
 * reads, renders the body and applies; nothing here talks to GitHub or reads a clock.
 */

/** A sub-issue as GitHub's sub-issues API lists it. */
export interface SubIssueRef {
  number: number;
  /** owner/name of its repository (sub-issues may live in other repositories of the owner). */
  repository: string;
}

/** A follow-up issue of the postmortem, as the tracker needs it. */
export interface TrackerFollowup {
  number: number;
  /** `owner/name` of its repository when not the postmortem's (a routed follow-up, issue 17). */
  repository?: string;
  /** The issue's database id (the sub-issues API names issues by it); null when unknown. */
  databaseId: number | null;
  /** Done and validated, or closed as not doing with a recorded reason. */
  finished: boolean;
}

/** An issue that may be a tracker: what the tracked-issue query says about it. */
export interface TrackerCandidate {
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  /** Authored by the app's own bot (see `isTrustedAuthor`): a copied marker counts for nothing. */
  trusted: boolean;
}

export interface ExistingTracker extends TrackerCandidate {
  marker: TrackerMarker;
}

/**
 * The trackers of one postmortem among the candidates: the oldest (lowest number) is THE tracker,
 * any later one is a duplicate (two replicas without a shared lock) to close. A renamed postmortem
 * keeps its tracker: a tracker of `previousPath` counts when `path` has none.
 */
export function findTracker(
  candidates: readonly TrackerCandidate[],
  path: string,
  previousPath?: string,
): { tracker: ExistingTracker | null; duplicates: number[] } {
  const of = (p: string) =>
    candidates
      .filter((c) => c.trusted)
      .flatMap((c) => {
        const marker = readTrackerMarker(c.body);
        return marker?.path === p ? [{ ...c, marker }] : [];
      })
      .sort((a, b) => a.number - b.number);
  let found = of(path);
  if (found.length === 0 && previousPath) found = of(previousPath);
  const [tracker, ...rest] = found;
  return {
    tracker: tracker ?? null,
    duplicates: rest.filter((t) => t.state === "open").map((t) => t.number),
  };
}

export interface TrackerPlan {
  /** No tracker yet and there is something to track. */
  create: boolean;
  /** Follow-ups to attach now (not yet in the marker's `linked`), in the postmortem's order. */
  link: TrackerFollowup[];
  /** The state the tracker should have: closed once every follow-up is finished. */
  state: "open" | "closed";
  /** Newer duplicate trackers of the same postmortem: close them. */
  duplicates: number[];
}

/** What to do for one postmortem's tracker. */
export function planTracker(
  followups: readonly TrackerFollowup[],
  found: { tracker: ExistingTracker | null; duplicates: number[] },
): TrackerPlan {
  const { tracker, duplicates } = found;
  const linked = new Set(linkedRefs(tracker?.marker));
  const room = Math.max(0, MAX_LINKED - linked.size);
  const link = followups.filter((f) => !linked.has(followupRef(f))).slice(0, room);
  const state = followups.length > 0 && followups.every((f) => f.finished) ? "closed" : "open";
  return { create: tracker === null && followups.length > 0, link, state, duplicates };
}

/** `#8` in the postmortem's repository, `acme/payments#8` in another (lower-cased: names compare so). */
export function followupRef(f: Pick<TrackerFollowup, "number" | "repository">): string {
  return `${f.repository?.toLowerCase() ?? ""}#${f.number}`;
}

/** The follow-ups a tracker's marker says are attached, as `followupRef`s. */
function linkedRefs(marker: TrackerMarker | undefined): string[] {
  return [...(marker?.linked ?? []).map((n) => `#${n}`), ...(marker?.routed ?? [])];
}

/** The issue write that brings a tracker in step: only the fields that differ; null when none does. */
export function trackerUpdate(
  actual: Pick<TrackerCandidate, "title" | "body" | "state">,
  wanted: { title: string; body: string; state: "open" | "closed" },
): {
  title?: string;
  body?: string;
  state?: "open" | "closed";
  stateReason?: "completed" | "reopened";
} | null {
  const update: ReturnType<typeof trackerUpdate> & object = {};
  if (actual.title !== wanted.title) update.title = wanted.title;
  if (actual.body !== wanted.body) update.body = wanted.body;
  if (actual.state !== wanted.state) {
    update.state = wanted.state;
    update.stateReason = wanted.state === "closed" ? "completed" : "reopened";
  }
  return Object.keys(update).length > 0 ? update : null;
}
