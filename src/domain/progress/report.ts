import { t } from "../../text/catalog/index.js";
import { categoryName } from "../../text/catalog/labels.js";
import { statusLabel } from "../../text/catalog/progress.js";
import { cell, inline, mention, quietLogin } from "../../text/sanitize.js";
import { render } from "../../text/templates.js";
import type { Config, Language } from "../config/schema.js";
import { blobUrl, mdLink } from "../followups/desired.js";
import type { RepoRef } from "../followups/model.js";
import { type ProgressMarker, readMarker, renderMarker } from "../markers/marker.js";
import {
  type ClassifiedItem,
  type FollowupStatus,
  isClosedStatus,
  isOpenStatus,
  isStatus,
  type PostmortemProgress,
  statusesOf,
} from "./model.js";
import { compareWeeks, isWeekKey, shortWeek } from "./week.js";

/**
 * The weekly progress comment (pure): rendering from the templates, and the decision whether to
 * post, edit or leave the comment alone. The gateway (src/github/progress.ts) applies it.
 */

export type MentionPolicy = Config["weekly"]["mention"];

export interface ReportOptions {
  language: Language;
  /** The configured categories (their labels name the team's own categories). */
  categories?: Config["categories"];
  mention: MentionPolicy;
  repo: RepoRef;
  /** ISO week of the report, e.g. 2026-W48 (in the repository's weekly time zone). */
  week: string;
}

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

const BAR_WIDTH = 20;

/** A text progress bar: █ finished (validated or not doing), ▒ done without validation, ░ open. */
export function progressBar(progress: PostmortemProgress): string {
  const { total, counts } = progress.summary;
  if (total === 0) return "░".repeat(BAR_WIDTH);
  const finished = counts.done_validated + counts.not_doing;
  const full = Math.round((finished / total) * BAR_WIDTH);
  const half = Math.round(((finished + counts.done_unvalidated) / total) * BAR_WIDTH) - full;
  return "█".repeat(full) + "▒".repeat(half) + "░".repeat(BAR_WIDTH - full - half);
}

export function percent(ratio: number | null): string | null {
  return ratio === null ? null : `${Math.round(ratio * 100)}%`;
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

const PIE_ORDER: FollowupStatus[] = [
  "done_validated",
  "done_unvalidated",
  "not_doing",
  "open",
  "due_soon",
  "overdue",
];

/** Mermaid pie of the status split (only the statuses that occur). */
export function pieChart(progress: PostmortemProgress, language: Language): string {
  const lines = [
    "pie showData",
    `    title ${t(language, "progress.chart.pie", { total: progress.summary.total })}`,
  ];
  for (const status of PIE_ORDER) {
    const n = progress.summary.counts[status];
    if (n > 0) lines.push(`    "${t(language, `progress.status.${status}`)}" : ${n}`);
  }
  return lines.join("\n");
}

/** How many weeks the trend chart shows. */
export const TREND_WEEKS = 12;

export function openCount(statuses: Record<string, string> | undefined): number {
  return Object.values(statuses ?? {}).filter(isOpenStatus).length;
}

/**
 * Mermaid xychart of open follow-ups week by week, from the earlier reports' markers plus this
 * week; null until there is at least one earlier week.
 */
export function trendChart(
  progress: PostmortemProgress,
  history: readonly ProgressMarker[],
  week: string,
  language: Language,
): string | null {
  const byWeek = new Map<string, number>();
  for (const m of [...history].sort((a, b) => compareWeeks(a.week, b.week)))
    if (compareWeeks(m.week, week) < 0) byWeek.set(m.week, openCount(m.statuses));
  if (byWeek.size === 0) return null;
  byWeek.set(week, progress.summary.open);
  const points = [...byWeek.entries()].slice(-TREND_WEEKS);
  const max = Math.max(1, ...points.map(([, n]) => n));
  return [
    "xychart-beta",
    `    title "${t(language, "progress.chart.trend")}"`,
    `    x-axis [${points.map(([w]) => `"${shortWeek(w)}"`).join(", ")}]`,
    `    y-axis "${t(language, "progress.chart.axis")}" 0 --> ${max}`,
    `    bar [${points.map(([, n]) => n).join(", ")}]`,
    `    line [${points.map(([, n]) => n).join(", ")}]`,
  ].join("\n");
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

interface RenderMode {
  titleLength: number;
}

function ownerText(owner: string | null, notify: boolean): string {
  if (!owner) return "—";
  return notify ? mention(owner) : cell(quietLogin(owner));
}

function itemRow(item: ClassifiedItem, opts: ReportOptions, mode: RenderMode) {
  const notify = opts.mention === "everyone" && isOpenStatus(item.status);
  let due = item.due ?? "—";
  if (item.daysLeft !== null && item.status === "overdue")
    due += ` (${t(opts.language, "progress.days-overdue", { days: -item.daysLeft })})`;
  else if (item.daysLeft !== null && item.status === "due_soon")
    due += ` (${t(opts.language, "progress.days-left", { days: item.daysLeft })})`;
  return {
    issue: `#${item.number}`,
    title: cell(truncate(item.title, mode.titleLength)),
    category: item.category ? cell(categoryName(opts.language, item.category, opts.categories)) : "—",
    owner: ownerText(item.owner, notify),
    due: cell(due),
    status: statusLabel(opts.language, item.status),
  };
}

function changeRow(item: ClassifiedItem, opts: ReportOptions, mode: RenderMode) {
  return {
    issue: `#${item.number}`,
    title: inline(truncate(item.title, mode.titleLength)),
    status: statusLabel(opts.language, item.status),
  };
}

function headline(progress: PostmortemProgress, opts: ReportOptions) {
  const s = progress.summary;
  return {
    week: opts.week,
    postmortem: mdLink(progress.path, blobUrl(opts.repo, progress.path)),
    bar: progressBar(progress),
    completion: percent(s.completion) ?? "0%",
    validation: percent(s.validation),
    median: s.medianDaysToClose === null ? null : String(s.medianDaysToClose),
    total: s.total,
    closed: s.closed,
    done: s.done,
    open: s.open,
    counts: s.counts,
  };
}

function renderBody(
  progress: PostmortemProgress,
  opts: ReportOptions,
  history: readonly ProgressMarker[],
  previous: ProgressMarker | null,
  mode: RenderMode,
): { body: string; marker: ProgressMarker } {
  const marker = progressMarker(progress, opts.week, false);
  const terms = new Map<string, ClassifiedItem[]>();
  for (const item of progress.items) {
    const key = item.term ?? "unknown";
    terms.set(key, [...(terms.get(key) ?? []), item]);
  }
  const termOrder = ["short_term", "long_term", "unknown"];
  const changes = changesSince(progress, previous);
  const context = {
    marker: renderMarker("progress", marker),
    ...headline(progress, opts),
    pie: pieChart(progress, opts.language),
    trend: trendChart(progress, history, opts.week, opts.language),
    terms: termOrder
      .filter((term) => terms.has(term))
      .map((term) => ({
        name:
          term === "unknown"
            ? t(opts.language, "progress.unknown-group")
            : t(opts.language, `labels.term.${term as "short_term" | "long_term"}`),
        rows: terms.get(term)!.map((item) => itemRow(item, opts, mode)),
      })),
    overdue: progress.items
      .filter((i) => i.status === "overdue")
      .map((item) => ({
        issue: `#${item.number}`,
        title: inline(truncate(item.title, mode.titleLength)),
        owner: ownerText(item.owner, opts.mention !== "nobody"),
        due: item.due ?? "",
        days: t(opts.language, "progress.days-overdue", { days: -(item.daysLeft ?? 0) }),
      })),
    changes: changes
      ? {
          previousWeek: previous!.week,
          any:
            changes.closed.length +
              changes.newlyOverdue.length +
              changes.newlyValidated.length +
              changes.reopened.length >
            0,
          closed: changes.closed.map((i) => changeRow(i, opts, mode)),
          newlyOverdue: changes.newlyOverdue.map((i) => changeRow(i, opts, mode)),
          newlyValidated: changes.newlyValidated.map((i) => changeRow(i, opts, mode)),
          reopened: changes.reopened.map((i) => changeRow(i, opts, mode)),
        }
      : null,
  };
  return { body: render(opts.language, "weekly-progress", context), marker };
}

/** GitHub rejects comments over 65536 characters; stay well below. */
export const MAX_COMMENT_LENGTH = 60_000;

function fitBody(build: (mode: RenderMode) => { body: string; marker: ProgressMarker }) {
  let out = build({ titleLength: 120 });
  if (out.body.length > MAX_COMMENT_LENGTH) out = build({ titleLength: 40 });
  if (out.body.length > MAX_COMMENT_LENGTH) out = build({ titleLength: 12 });
  return out;
}

/** This week's progress comment. `history`: markers of the earlier reports on the pull request. */
export function renderProgressComment(
  progress: PostmortemProgress,
  opts: ReportOptions,
  history: readonly ProgressMarker[] = [],
): { body: string; marker: ProgressMarker } {
  const previous = latestBefore(history, opts.week);
  return fitBody((mode) => renderBody(progress, opts, history, previous, mode));
}

/** The final "complete" comment: posted once, when every follow-up is done and validated or not doing. */
export function renderCompleteComment(
  progress: PostmortemProgress,
  opts: ReportOptions,
): { body: string; marker: ProgressMarker } {
  return fitBody((mode) => {
    const marker = progressMarker(progress, opts.week, true);
    const context = {
      marker: renderMarker("progress", marker),
      ...headline(progress, opts),
      pie: pieChart(progress, opts.language),
      items: progress.items.map((item) => ({
        issue: `#${item.number}`,
        title: cell(truncate(item.title, mode.titleLength)),
        owner: ownerText(item.owner, false),
        status: statusLabel(opts.language, item.status),
        daysToClose: item.daysToClose === null ? "—" : String(item.daysToClose),
      })),
    };
    return { body: render(opts.language, "weekly-complete", context), marker };
  });
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

export type ReportDecision =
  | { type: "skip"; reason: string }
  | { type: "create"; body: string; marker: ProgressMarker; final: boolean }
  | { type: "update"; commentId: number; body: string; marker: ProgressMarker }
  | { type: "unchanged"; commentId: number };

function normalise(body: string): string {
  return body.replace(/\r\n/g, "\n").trim();
}

/**
 * Post, edit or leave alone (pure). One comment per ISO week: a re-run in the same week edits
 * that week's comment only when its content changed; a new week posts a new one. When every
 * follow-up is finished, one final comment; after it, nothing ever again.
 */
export function decideReport(
  progress: PostmortemProgress,
  opts: ReportOptions,
  comments: readonly ProgressComment[],
): ReportDecision {
  if (comments.some((c) => c.marker.final)) return { type: "skip", reason: "complete: final report posted" };
  if (progress.summary.total === 0) return { type: "skip", reason: "no tracked follow-ups" };
  if (progress.pr === null) return { type: "skip", reason: "no pull request to report on" };
  if (progress.summary.complete) {
    const { body, marker } = renderCompleteComment(progress, opts);
    return { type: "create", body, marker, final: true };
  }
  const ordered = [...comments].sort((a, b) => a.id - b.id);
  const current = ordered.filter((c) => c.marker.week === opts.week).at(-1);
  const { body, marker } = renderProgressComment(
    progress,
    opts,
    ordered.map((c) => c.marker),
  );
  if (!current) return { type: "create", body, marker, final: false };
  if (normalise(current.body) === normalise(body)) return { type: "unchanged", commentId: current.id };
  return { type: "update", commentId: current.id, body, marker };
}
