import { t } from "../../text/catalog/index.js";
import { categoryName } from "../../text/catalog/labels.js";
import { statusLabel } from "../../text/catalog/progress.js";
import { cell, inline, mention, quietLogin } from "../../text/sanitize.js";
import { render } from "../../text/templates.js";
import type { Config, Language } from "../config/schema.js";
import { blobUrl, mdLink } from "../followups/desired.js";
import type { RepoRef } from "../followups/model.js";
import { type ProgressMarker, renderMarker } from "../markers/marker.js";
import { percent, pieChart, progressBar, trendChart } from "./charts.js";
import { computeFigures, type FiguresOptions } from "./figures.js";
import { renderFigures } from "./figures-render.js";
import { type ClassifiedItem, isOpenStatus, type PostmortemProgress } from "./model.js";
import { changesSince, latestBefore, type ProgressComment, progressMarker } from "./report-history.js";

/**
 * The weekly progress comment (pure): rendering from the templates (the charts are ./charts.ts, the
 * earlier weeks ./report-history.ts), and the decision whether to post, edit or leave the comment
 * alone. src/runs/weekly/weekly.ts applies it through the repository ports.
 */

export type MentionPolicy = Config["weekly"]["mention"];

/** How a weekly progress comment is rendered: language, categories, mentions, links, week. */
export interface ProgressReportOptions {
  language: Language;
  /** The configured categories (their labels name the team's own categories). */
  categories?: Config["categories"];
  mention: MentionPolicy;
  repo: RepoRef;
  /** ISO week of the report, e.g. 2026-W48 (in the repository's weekly time zone). */
  week: string;
  /** The SLO figures (./figures.ts): today (YYYY-MM-DD) in `timeZone`, the config's severities.
   *  Without them the comment has no figures section. */
  figures?: Omit<FiguresOptions, "severities"> & { severities?: readonly string[] };
}

function figuresOf(
  progress: PostmortemProgress,
  opts: ProgressReportOptions,
  mode: RenderMode,
): string | null {
  if (!opts.figures) return null;
  return renderFigures(opts.language, computeFigures(progress.items, opts.figures), 3, mode.titleLength);
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

interface RenderMode {
  titleLength: number;
}

/** `#12` (`acme/payments#12` in another repository), or "done in the postmortem" for an item that never had an issue. */
function issueCell(item: ClassifiedItem, language: Language): string {
  return item.number === null ? t(language, "merge.done") : `${item.repository ?? ""}#${item.number}`;
}

function ownerText(owner: string | null, notify: boolean): string {
  if (!owner) return "—";
  return notify ? mention(owner) : cell(quietLogin(owner));
}

function itemRow(item: ClassifiedItem, opts: ProgressReportOptions, mode: RenderMode) {
  const notify = opts.mention === "everyone" && isOpenStatus(item.status);
  let due = item.due ?? "—";
  if (item.daysLeft !== null && item.status === "overdue")
    due += ` (${t(opts.language, "progress.days-overdue", { days: -item.daysLeft })})`;
  else if (item.daysLeft !== null && item.status === "due_soon")
    due += ` (${t(opts.language, "progress.days-left", { days: item.daysLeft })})`;
  return {
    issue: issueCell(item, opts.language),
    title: cell(truncate(item.title, mode.titleLength)),
    category: item.category ? cell(categoryName(opts.language, item.category, opts.categories)) : "—",
    owner: ownerText(item.owner, notify),
    due: cell(due),
    status: withNudge(statusLabel(opts.language, item.status), item, opts),
  };
}

/** The escalation state of an open follow-up (issue 16): the last reminder or escalation step sent. */
function nudgeMark(item: ClassifiedItem, opts: ProgressReportOptions): string | null {
  if (!item.nudge || !isOpenStatus(item.status)) return null;
  const { step } = item.nudge;
  if (step === "reminder") return t(opts.language, "nudges.state.reminder");
  if (step === "overdue") return t(opts.language, "nudges.state.overdue");
  return t(opts.language, "nudges.state.escalation", { step: Number(step.slice("escalation-".length)) });
}

function withNudge(text: string, item: ClassifiedItem, opts: ProgressReportOptions): string {
  const mark = nudgeMark(item, opts);
  return mark ? `${text} · ${mark}` : text;
}

function changeRow(item: ClassifiedItem, opts: ProgressReportOptions, mode: RenderMode) {
  return {
    issue: issueCell(item, opts.language),
    title: inline(truncate(item.title, mode.titleLength)),
    status: statusLabel(opts.language, item.status),
  };
}

function headline(progress: PostmortemProgress, opts: ProgressReportOptions) {
  const s = progress.summary;
  // With the SLO figures, days to close are there (p50 and p90): the headline does not repeat them.
  const median = opts.figures || s.medianDaysToClose === null ? null : String(s.medianDaysToClose);
  return {
    week: opts.week,
    postmortem: mdLink(progress.path, blobUrl(opts.repo, progress.path)),
    bar: progressBar(progress),
    legend: t(opts.language, "progress.chart.bar-legend"),
    completion: percent(s.completion) ?? "0%",
    validation: percent(s.validation),
    median,
    total: s.total,
    closed: s.closed,
    done: s.done,
    open: s.open,
    counts: s.counts,
  };
}

function renderBody(
  progress: PostmortemProgress,
  opts: ProgressReportOptions,
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
    figures: figuresOf(progress, opts, mode),
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
        issue: issueCell(item, opts.language),
        title: inline(truncate(item.title, mode.titleLength)),
        owner: ownerText(item.owner, opts.mention !== "nobody"),
        due: item.due ?? "",
        days: t(opts.language, "progress.days-overdue", { days: -(item.daysLeft ?? 0) }),
        nudge: nudgeMark(item, opts),
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
  opts: ProgressReportOptions,
  history: readonly ProgressMarker[] = [],
): { body: string; marker: ProgressMarker } {
  const previous = latestBefore(history, opts.week);
  return fitBody((mode) => renderBody(progress, opts, history, previous, mode));
}

/** The final "complete" comment: posted once, when every follow-up is done and validated or not doing. */
export function renderCompleteComment(
  progress: PostmortemProgress,
  opts: ProgressReportOptions,
): { body: string; marker: ProgressMarker } {
  return fitBody((mode) => {
    const marker = progressMarker(progress, opts.week, true);
    const context = {
      marker: renderMarker("progress", marker),
      ...headline(progress, opts),
      pie: pieChart(progress, opts.language),
      figures: figuresOf(progress, opts, mode),
      items: progress.items.map((item) => ({
        issue: issueCell(item, opts.language),
        title: cell(truncate(item.title, mode.titleLength)),
        owner: ownerText(item.owner, false),
        status: statusLabel(opts.language, item.status),
        daysToClose: item.daysToClose === null ? "—" : String(item.daysToClose),
      })),
    };
    return { body: render(opts.language, "weekly-complete", context), marker };
  });
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
  opts: ProgressReportOptions,
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
