import { MARKER_PREFIX, MARKER_VERSION, readMarker, renderMarker } from "./marker.js";

/**
 * The marker of a postmortem's tracker issue (`tracker: true`, issue 17):
 * `<!-- postmortem-followups:tracker v1 {"path":…,"linked":[…],"mode":…} -->` on the FIRST line of
 * the body the app authored. The issue is found by this marker (and its bot author), never by its
 * title or the Search API. `linked` lists the follow-up issues the app attached (as sub-issues, or
 * as task-list lines where the API is missing), so a run with nothing new reads no sub-issue list.
 */
export interface TrackerMarker {
  /** The postmortem file. */
  path: string;
  /** Issue numbers the app attached, in the order it attached them. */
  linked: number[];
  /** How they are attached: GitHub's sub-issues, or a task list in the body (the API answered 404). */
  mode: "sub-issues" | "task-list";
}

const LINE = new RegExp(`^<!-- ${MARKER_PREFIX}tracker v${MARKER_VERSION} \\{.*\\} -->$`);
/** GitHub allows 100 sub-issues per parent; a marker lists no more than that. */
export const MAX_LINKED = 100;

export function renderTrackerMarker(marker: TrackerMarker): string {
  return renderMarker("tracker", marker);
}

/** The tracker marker on a body's first line; null anywhere else or when malformed. */
export function readTrackerMarker(body: string | null | undefined): TrackerMarker | null {
  const first = (body ?? "").split("\n", 1)[0] ?? "";
  if (!LINE.test(first)) return null;
  const data = readMarker<Partial<TrackerMarker>>("tracker", first);
  if (!data || typeof data.path !== "string" || data.path.length === 0) return null;
  const linked = Array.isArray(data.linked)
    ? data.linked.filter((n): n is number => Number.isInteger(n) && n > 0).slice(0, MAX_LINKED)
    : [];
  return { path: data.path, linked, mode: data.mode === "task-list" ? "task-list" : "sub-issues" };
}
