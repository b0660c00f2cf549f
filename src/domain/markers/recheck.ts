import { MARKER_PREFIX, MARKER_VERSION, readMarker, renderMarker } from "./marker.js";

/**
 * The record of the effectiveness re-checks of a follow-up issue (issue 18, "evidence that still
 * holds"): one hidden, versioned marker line, `<!-- postmortem-followups:recheck v1 {"checks":[...]} -->`,
 * at the end of the body the app authored (a body that opens with the follow-up marker). A window
 * is one closing of the issue (its `closed_at`): a window recorded here is never checked again, so a
 * second sweep, a replica or a re-run writes nothing more. A reopened and closed again issue opens a
 * new window.
 */

export type RecheckOutcome = "holds" | "lapsed";

export interface RecheckRecord {
  /** The window: the issue's `closed_at` (ISO timestamp) when it was checked. */
  closed: string;
  /** The day of the check (YYYY-MM-DD, UTC). */
  on: string;
  outcome: RecheckOutcome;
  /** The evidence entries that no longer held (lapsed only). */
  lapsed?: string[];
}

export interface RecheckMarker {
  checks: RecheckRecord[];
}

/** Records kept per issue (the oldest go first). */
export const MAX_RECHECK_RECORDS = 10;
/** Lapsed entries kept per record (the comment names them all; the record only needs a few). */
const MAX_LAPSED = 10;

const LINE = new RegExp(`^<!-- ${MARKER_PREFIX}recheck v${MARKER_VERSION} \\{.*\\} -->$`);
const FOLLOWUP_LINE = new RegExp(`^<!-- ${MARKER_PREFIX}followup v\\d+ \\{.*\\} -->$`);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T[0-9:.]+Z$/;

/** The record of a body the app authored; empty when there is none (or the body is not the app's). */
export function readRecheckMarker(body: string): RecheckMarker {
  const lines = body.split("\n");
  if (!FOLLOWUP_LINE.test(lines[0] ?? "")) return { checks: [] };
  const line = lines.findLast((l) => LINE.test(l));
  if (!line) return { checks: [] };
  const data = readMarker<{ checks?: unknown }>("recheck", line);
  if (!data || !Array.isArray(data.checks)) return { checks: [] };
  const checks: RecheckRecord[] = [];
  for (const entry of data.checks.slice(-MAX_RECHECK_RECORDS) as unknown[]) {
    if (entry === null || typeof entry !== "object") continue;
    const { closed, on, outcome, lapsed } = entry as Record<string, unknown>;
    if (typeof closed !== "string" || !TIMESTAMP.test(closed)) continue;
    if (typeof on !== "string" || !DATE.test(on)) continue;
    if (outcome !== "holds" && outcome !== "lapsed") continue;
    const record: RecheckRecord = { closed, on, outcome };
    if (Array.isArray(lapsed))
      record.lapsed = lapsed.filter((e): e is string => typeof e === "string").slice(0, MAX_LAPSED);
    checks.push(record);
  }
  return { checks };
}

/** The body with the record replaced (or appended as its last line); unchanged when not the app's. */
export function writeRecheckMarker(body: string, marker: RecheckMarker): string {
  const lines = body.split("\n");
  if (!FOLLOWUP_LINE.test(lines[0] ?? "")) return body;
  const checks = marker.checks
    .slice(-MAX_RECHECK_RECORDS)
    .map((c) => (c.lapsed ? { ...c, lapsed: c.lapsed.slice(0, MAX_LAPSED) } : c));
  const line = renderMarker("recheck", { checks });
  const kept = lines.filter((l) => !LINE.test(l));
  while (kept.length > 1 && kept[kept.length - 1] === "") kept.pop();
  return [...kept, "", line].join("\n");
}

/**
 * Whether the follow-up's evidence is lapsed (for the report, the weekly comment and recurrence): a
 * closed issue whose check of this closing found it lapsed (`on_lapse: comment`), or an open one
 * whose latest check did (reopened by `on_lapse: reopen`, or by a person, and not closed since).
 */
export function hasLapsed(body: string, state: "open" | "closed", closedAt: string | null): boolean {
  const checks = readRecheckMarker(body).checks;
  const record = state === "open" ? checks.at(-1) : checks.findLast((c) => c.closed === closedAt);
  return record?.outcome === "lapsed";
}
