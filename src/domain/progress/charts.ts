import { t } from "../../text/catalog/index.js";
import type { Language } from "../config/schema.js";
import type { ProgressMarker } from "../markers/marker.js";
import type { FollowupStatus, PostmortemProgress } from "./model.js";
import { openCount } from "./report-history.js";
import { compareWeeks, shortWeek } from "./week.js";

/** The pictures of a progress comment: a text bar, a Mermaid pie of statuses, a trend of open follow-ups. */

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
