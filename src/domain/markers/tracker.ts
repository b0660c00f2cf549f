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
  /** Follow-ups in other repositories it attached (`acme/payments#8`, issue 17); absent when none. */
  routed?: string[];
  /** How they are attached: GitHub's sub-issues, or a task list in the body (the API answered 404). */
  mode: "sub-issues" | "task-list";
}

const LINE = new RegExp(`^<!-- ${MARKER_PREFIX}tracker v${MARKER_VERSION} \\{.*\\} -->$`);
/** `owner/name#8`: a follow-up issue in another repository. */
const ROUTED_REF = /^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}#[1-9][0-9]{0,9}$/;
/** GitHub allows 100 sub-issues per parent; a marker lists no more than that. */
export const MAX_LINKED = 100;

/** Its keys always in one order: the same marker is the same text (a body compares equal). */
export function renderTrackerMarker(marker: TrackerMarker): string {
  const { path, linked, routed, mode } = marker;
  return renderMarker("tracker", { path, linked, ...(routed?.length ? { routed } : {}), mode });
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
  const routed = Array.isArray(data.routed)
    ? data.routed.filter((r): r is string => typeof r === "string" && ROUTED_REF.test(r)).slice(0, MAX_LINKED)
    : [];
  return {
    path: data.path,
    linked,
    ...(routed.length > 0 ? { routed } : {}),
    mode: data.mode === "task-list" ? "task-list" : "sub-issues",
  };
}
