import { t } from "../../text/catalog/index.js";
import { inline } from "../../text/sanitize.js";
import type { Config, LabelSpec } from "../config/schema.js";
import { type RecheckRecord, readRecheckMarker, writeRecheckMarker } from "../markers/recheck.js";
import { recordedEvidence } from "../validation/proof.js";
import type { EvidenceOutcome } from "../validation/resolve.js";
import { severityOf } from "./nudges.js";

/**
 * The effectiveness re-check (issue 18, "evidence that still holds"), planned purely. A follow-up
 * closed as validated is re-checked once per closing, `effectiveness.recheck_days` (per severity)
 * after it was closed: the sweep re-resolves the evidence recorded in its body and, when some of it
 * no longer holds, comments (or reopens) and adds the `validation lapsed` label. Either way the
 * body records the window (src/domain/markers/recheck.ts), so the same window is never checked
 * twice. src/runs/sweep/recheck.ts reads and writes GitHub; nothing here does.
 */

/** Re-checks per repository and sweep; the rest stay due for the next sweep (oldest closing first). */
export const MAX_RECHECKS_PER_RUN = 50;

const DAY_MS = 86_400_000;

/** A tracked follow-up issue as the re-check needs it (the fields of ports' TrackedIssue). */
export interface RecheckIssue {
  number: number;
  body: string;
  state: "open" | "closed";
  stateReason: string | null;
  closedAt: string | null;
  labels: string[];
}

export interface DueRecheck {
  number: number;
  /** The window: the issue's `closed_at`. */
  closed: string;
  /** What the evidence recorded in the body names (`recheckReferences`), to re-resolve. */
  entries: string[];
  days: number;
}

const LINK = /\[(?:[^\]\\]|\\.)*\]\(([^)\s]+)\)/g;

/**
 * What a recorded evidence line names, to resolve again. The lines the app records
 * (src/text/catalog/evidence.ts `entry.*`) are sentences: `✅ Merged pull request #12 (title) ...`,
 * `✅ Commit [a1b2c3d](url) closed this issue`, `` ✅ `path` ``/`✅ [text](url)`/`✅ #12` ...
 * `validated by ... ([comment](url))`. The link to the comment that recorded it is not evidence
 * (`#issuecomment-`); a code span counts only as the line's first token (later ones are logins).
 * A line someone wrote by hand that is one token (a path, `#N`, a URL) is that token. A fully
 * ticked plan names nothing: there is nothing to resolve, it holds.
 */
export function recheckReferences(entry: string): string[] {
  const text = entry.trim().replace(/^✅\s*/u, "");
  const links = [...text.matchAll(LINK)].map((m) => m[1]!).filter((url) => !url.includes("#issuecomment-"));
  if (links.length > 0) return [links[0]!];
  const withoutLinks = text.replace(LINK, "");
  const reference = /(?:^|\s)(#\d+)\b/.exec(withoutLinks)?.[1];
  if (reference) return [reference];
  const code = /^`([^`]+)`/.exec(text)?.[1];
  if (code) return [code];
  if (!/\s/.test(text) && text.length > 0) return [text.replace(/^`|`$/g, "")];
  return [];
}

/** The re-check days of a follow-up, by its severity label when a row names it. */
export function recheckDays(
  config: Pick<Config, "effectiveness" | "labels">,
  labels: readonly string[],
): number {
  const severity = severityOf(labels, config);
  return (
    (severity === null ? undefined : config.effectiveness.bySeverity[severity]) ??
    config.effectiveness.recheckDays
  );
}

/** The re-check of one closing: when it closed, after how many days and from when it is due, and
 *  what its recorded evidence names. */
export interface RecheckWindow {
  closed: string;
  days: number;
  /** `closed` plus `days` (ISO timestamp): the first sweep from then re-checks it. */
  due: string;
  entries: string[];
}

/**
 * The re-check window of a follow-up (re-checked or not yet), or null when it gets none: only an
 * issue closed as completed with recorded evidence and no `needs validation` label is re-checked.
 */
export function recheckWindow(
  issue: RecheckIssue,
  config: Pick<Config, "effectiveness" | "labels">,
): RecheckWindow | null {
  if (issue.state !== "closed" || issue.closedAt === null) return null;
  if ((issue.stateReason ?? "completed") !== "completed") return null;
  const needs = config.labels.needsValidation.name.toLowerCase();
  if (issue.labels.some((l) => l.toLowerCase() === needs)) return null;
  const recorded = recordedEvidence(issue.body);
  if (recorded.length === 0) return null;
  const closed = Date.parse(issue.closedAt);
  if (Number.isNaN(closed)) return null;
  const days = recheckDays(config, issue.labels);
  return {
    closed: issue.closedAt,
    days,
    due: new Date(closed + days * DAY_MS).toISOString(),
    entries: [...new Set(recorded.flatMap(recheckReferences))],
  };
}

/**
 * The follow-ups due for a re-check at `now`: closed as completed with recorded evidence and no
 * `needs validation` label, closed at least their re-check days ago, and this closing not yet
 * checked. Oldest closing first, at most `cap`; `deferred` counts the rest.
 */
export function dueRechecks(
  issues: readonly RecheckIssue[],
  config: Pick<Config, "effectiveness" | "labels">,
  now: Date,
  cap = MAX_RECHECKS_PER_RUN,
): { due: DueRecheck[]; deferred: number } {
  const due: DueRecheck[] = [];
  for (const issue of issues) {
    const window = recheckWindow(issue, config);
    if (!window) continue;
    if (now.getTime() < Date.parse(window.due)) continue;
    if (readRecheckMarker(issue.body).checks.some((c) => c.closed === window.closed)) continue;
    due.push({ number: issue.number, closed: window.closed, entries: window.entries, days: window.days });
  }
  due.sort((a, b) => Date.parse(a.closed) - Date.parse(b.closed) || a.number - b.number);
  return { due: due.slice(0, cap), deferred: Math.max(0, due.length - cap) };
}

/**
 * Whether a re-resolved entry still holds. `missing` (the file is gone from the default branch, the
 * issue or pull request is gone) lapses, and so does an issue or pull request that is found but
 * `unsettled` (an issue open again, a pull request not merged: the rule of
 * src/domain/validation/resolve.ts's `unsettledOf`, which `/validated` applies too); a link to
 * another host or repository is checked for form only and holds; `cannot-verify` (no permission,
 * budget spent) is unknown: the window is left unchecked and tried again by the next sweep.
 */
export function entryHolds(outcome: Pick<EvidenceOutcome, "status" | "unsettled">): boolean | null {
  if (outcome.status === "cannot-verify") return null;
  if (outcome.status === "missing") return false;
  if (outcome.status === "verified" && outcome.unsettled !== undefined) return false;
  return true;
}

export interface RecheckAction {
  number: number;
  outcome: "holds" | "lapsed";
  /** The body with the check recorded: written BEFORE the comment (a crash in between loses the
   *  comment, never doubles it). */
  body: string;
  /** The comment on a lapse (null when the evidence holds). */
  comment: string | null;
  reopen: boolean;
  /** The label a lapse adds (null when it holds or the issue has it already). */
  addLabel: LabelSpec | null;
}

/** A re-resolved entry: what it was, whether it holds (null: unknown), and why not (plain text). */
export interface RecheckedEntry {
  entry: string;
  holds: boolean | null;
  message: string;
}

/**
 * What to write for one due re-check, given its entries re-resolved. Null when some entry could not
 * be verified and none lapsed (nothing is recorded: the next sweep tries again).
 */
export function planRecheck(
  due: DueRecheck,
  issue: Pick<RecheckIssue, "body" | "labels">,
  results: readonly RecheckedEntry[],
  config: Pick<Config, "effectiveness" | "labels" | "language">,
  now: Date,
): RecheckAction | null {
  const lapsed = results.filter((r) => r.holds === false);
  if (lapsed.length === 0 && results.some((r) => r.holds === null)) return null;
  const record: RecheckRecord = {
    closed: due.closed,
    on: now.toISOString().slice(0, 10),
    outcome: lapsed.length > 0 ? "lapsed" : "holds",
    ...(lapsed.length > 0 ? { lapsed: lapsed.map((r) => r.entry) } : {}),
  };
  const marker = readRecheckMarker(issue.body);
  const body = writeRecheckMarker(issue.body, { checks: [...marker.checks, record] });
  if (lapsed.length === 0)
    return { number: due.number, outcome: "holds", body, comment: null, reopen: false, addLabel: null };
  const label = config.labels.validationLapsed;
  const reopen = config.effectiveness.onLapse === "reopen";
  const lines = lapsed.map((r) => `- ${inline(r.entry)}: ${inline(r.message)}`).join("\n");
  const comment = t(config.language, "recheck.lapsed", {
    days: due.days,
    lines,
    label: `\`${label.name}\``,
    reopened: reopen,
  });
  const has = issue.labels.some((l) => l.toLowerCase() === label.name.toLowerCase());
  return { number: due.number, outcome: "lapsed", body, comment, reopen, addLabel: has ? null : label };
}
