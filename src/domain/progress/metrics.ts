import { t } from "../../text/catalog/index.js";
import { cell } from "../../text/sanitize.js";
import type { Language } from "../config/schema.js";
import type { AgeBucket } from "./distribution.js";
import { bySeverityRank, computeFigures, type Figures, type FiguresOptions } from "./figures.js";
import { renderFigures } from "./figures-render.js";
import {
  type ClassifiedItem,
  groupBy,
  type PostmortemProgress,
  type ProgressSummary,
  summarize,
} from "./model.js";
import { type PostmortemRecord, recordLines } from "./record-report.js";

/**
 * Metrics over the follow-ups of a repository (pure): per postmortem and overall, completion,
 * overdue, validation rate and median days to close, broken down by term and category.
 */

export interface MetricRow {
  total: number;
  open: number;
  dueSoon: number;
  overdue: number;
  doneValidated: number;
  doneUnvalidated: number;
  notDoing: number;
  /** Done or not doing, share of all (0..1). */
  completion: number | null;
  /** Validated share of the done follow-ups (0..1). */
  validationRate: number | null;
  medianDaysToClose: number | null;
  /** Percentiles of days to close (closed as completed), nearest rank. */
  p50DaysToClose: number | null;
  p90DaysToClose: number | null;
  /** Follow-ups closed as completed by their due date, and missed (closed later, or open past it). */
  policyMet: number;
  policyMissed: number;
  /** policyMet / (policyMet + policyMissed), 0..1; null when none is decided. */
  policyAttainment: number | null;
  /** Open follow-ups by days since they were opened. */
  aging: Record<AgeBucket, number>;
}

export interface MetricBreakdown {
  all: MetricRow;
  byTerm: Record<string, MetricRow>;
  byCategory: Record<string, MetricRow>;
  bySeverity: Record<string, MetricRow>;
  /** The SLO figures (./figures.ts): attainment by severity, p50/p90, aging, not doing, nudges. */
  figures: Figures;
}

export interface PostmortemMetrics extends MetricBreakdown {
  path: string;
  pr: number | null;
  /** Its response figures and post-evaluation (issue 18), when `report` could read the postmortem. */
  record?: PostmortemRecord;
}

export interface RepositoryMetrics {
  repository: string;
  /** The calendar day the metrics were computed for (YYYY-MM-DD). */
  date: string;
  overall: MetricBreakdown;
  postmortems: PostmortemMetrics[];
}

/** The options of the SLO figures: today is the metrics' date. */
export type MetricOptions = Omit<FiguresOptions, "today">;

export function metricRow(summary: ProgressSummary, figures: Figures): MetricRow {
  const c = summary.counts;
  const met = figures.attainment.reduce((n, a) => n + a.met, 0);
  const missed = figures.attainment.reduce((n, a) => n + a.missed, 0);
  return {
    total: summary.total,
    open: c.open,
    dueSoon: c.due_soon,
    overdue: c.overdue,
    doneValidated: c.done_validated,
    doneUnvalidated: c.done_unvalidated,
    notDoing: c.not_doing,
    completion: summary.completion,
    validationRate: summary.validation,
    medianDaysToClose: summary.medianDaysToClose,
    p50DaysToClose: figures.daysToClose.p50,
    p90DaysToClose: figures.daysToClose.p90,
    policyMet: met,
    policyMissed: missed,
    policyAttainment: met + missed ? met / (met + missed) : null,
    aging: figures.aging,
  };
}

function breakdown(items: readonly ClassifiedItem[], opts: FiguresOptions): MetricBreakdown {
  const row = (list: readonly ClassifiedItem[], summary = summarize(list)) =>
    metricRow(summary, computeFigures(list, opts));
  const grouped = (dimension: "term" | "category") =>
    Object.fromEntries(
      groupBy(items, dimension).map((g) => [
        g.key,
        row(
          items.filter((i) => (i[dimension] ?? "unknown") === g.key),
          g.summary,
        ),
      ]),
    );
  const severities = [...new Set(items.map((i) => i.severity ?? "unknown"))].sort(
    bySeverityRank(opts.severities),
  );
  return {
    all: row(items),
    byTerm: grouped("term"),
    byCategory: grouped("category"),
    bySeverity: Object.fromEntries(
      severities.map((s) => [s, row(items.filter((i) => (i.severity ?? "unknown") === s))]),
    ),
    figures: computeFigures(items, opts),
  };
}

export function computeMetrics(
  repository: string,
  date: string,
  progress: readonly PostmortemProgress[],
  options: MetricOptions = { timeZone: "UTC" },
): RepositoryMetrics {
  const opts = { ...options, today: date };
  return {
    repository,
    date,
    overall: breakdown(
      progress.flatMap((p) => p.items),
      opts,
    ),
    postmortems: progress.map((p) => ({ path: p.path, pr: p.pr, ...breakdown(p.items, opts) })),
  };
}

export const METRIC_FORMATS = ["md", "json", "csv"] as const;
export type MetricFormat = (typeof METRIC_FORMATS)[number];

function pct(ratio: number | null): string {
  return ratio === null ? "—" : `${Math.round(ratio * 100)}%`;
}

function days(value: number | null): string {
  return value === null ? "—" : String(value);
}

const MD_RULE =
  "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |";

function mdCells(row: MetricRow): string {
  return [
    row.total,
    row.open,
    row.dueSoon,
    row.overdue,
    row.doneValidated,
    row.doneUnvalidated,
    row.notDoing,
    pct(row.completion),
    pct(row.validationRate),
    days(row.medianDaysToClose),
    `${days(row.p50DaysToClose)} / ${days(row.p90DaysToClose)}`,
    row.policyAttainment === null
      ? "—"
      : `${pct(row.policyAttainment)} (${row.policyMet}/${row.policyMet + row.policyMissed})`,
    `${row.aging["0-7"]} / ${row.aging["8-30"]} / ${row.aging["31-90"]} / ${row.aging["over-90"]}`,
  ].join(" | ");
}

type FirstColumn = "scope" | "severity" | "term" | "category" | "postmortem" | "group";

/** A group's name as the Markdown shows it: `unknown` (no term, category or severity) in the language. */
function groupName(language: Language, name: string): string {
  return name === "unknown" ? t(language, "report.unknown") : name;
}

function mdTable(language: Language, first: FirstColumn, rows: [string, MetricRow][]): string[] {
  return [
    `| ${t(language, `report.first.${first}`)} | ${t(language, "report.columns")}`,
    MD_RULE,
    ...rows.map(([name, row]) => `| ${cell(name)} | ${mdCells(row)} |`),
  ];
}

/** The Markdown report: its frame (title, headings, table headers, row names) in `language`. */
function toMarkdown(m: RepositoryMetrics, language: Language): string {
  const say = (key: "overall" | "by-severity" | "by-term" | "by-category" | "per-postmortem") =>
    t(language, `report.${key}`);
  const out = [`# ${t(language, "report.title", { repository: cell(m.repository), date: m.date })}`, ""];
  const all = t(language, "report.all-followups");
  out.push(`## ${say("overall")}`, "", ...mdTable(language, "scope", [[all, m.overall.all]]), "");
  const named = (rows: Record<string, MetricRow>) =>
    Object.entries(rows).map(([k, r]): [string, MetricRow] => [groupName(language, k), r]);
  const bySeverity = named(m.overall.bySeverity);
  out.push(`### ${say("by-severity")}`, "", ...mdTable(language, "severity", bySeverity), "");
  out.push(`### ${say("by-term")}`, "", ...mdTable(language, "term", named(m.overall.byTerm)), "");
  const byCategory = named(m.overall.byCategory);
  out.push(`### ${say("by-category")}`, "", ...mdTable(language, "category", byCategory), "");
  out.push(renderFigures(language, m.overall.figures, 2), "");
  out.push(`## ${say("per-postmortem")}`, "");
  out.push(
    ...mdTable(
      language,
      "postmortem",
      m.postmortems.map((p) => [p.pr ? `${p.path} (#${p.pr})` : p.path, p.all]),
    ),
  );
  const group = (dimension: "term" | "category" | "severity", rows: Record<string, MetricRow>) =>
    Object.entries(rows).map(([value, r]): [string, MetricRow] => [
      t(language, `report.group.${dimension}`, { value: groupName(language, value) }),
      r,
    ]);
  for (const p of m.postmortems) {
    out.push("", `### ${cell(p.path)}`, "");
    out.push(
      ...mdTable(language, "group", [
        ...group("term", p.byTerm),
        ...group("category", p.byCategory),
        ...group("severity", p.bySeverity),
      ]),
    );
    const record = recordLines(p.record, language);
    if (record.length) out.push("", ...record);
  }
  return `${out.join("\n")}\n`;
}

/** A CSV cell before quoting: `null` is an empty cell. */
type CsvCell = string | number | null;

function ratio(value: number | null): number | null {
  return value === null ? null : Math.round(value * 1000) / 1000;
}

/**
 * The figure columns of the CSV reports: each column's name and its cell of a `MetricRow` (ratios
 * rounded to three decimals). `report` writes them all; `report --org` (../dashboard/org-format.ts)
 * writes a selection.
 */
export const FIGURE_COLUMNS = [
  ["total", (r) => r.total],
  ["open", (r) => r.open],
  ["due_soon", (r) => r.dueSoon],
  ["overdue", (r) => r.overdue],
  ["done_validated", (r) => r.doneValidated],
  ["done_unvalidated", (r) => r.doneUnvalidated],
  ["not_doing", (r) => r.notDoing],
  ["completion", (r) => ratio(r.completion)],
  ["validation_rate", (r) => ratio(r.validationRate)],
  ["median_days_to_close", (r) => r.medianDaysToClose],
  ["p50_days_to_close", (r) => r.p50DaysToClose],
  ["p90_days_to_close", (r) => r.p90DaysToClose],
  ["policy_met", (r) => r.policyMet],
  ["policy_missed", (r) => r.policyMissed],
  ["policy_attainment", (r) => ratio(r.policyAttainment)],
  ["open_age_0_7", (r) => r.aging["0-7"]],
  ["open_age_8_30", (r) => r.aging["8-30"]],
  ["open_age_31_90", (r) => r.aging["31-90"]],
  ["open_age_over_90", (r) => r.aging["over-90"]],
] as const satisfies readonly (readonly [string, (row: MetricRow) => CsvCell])[];

type FigureColumn = (typeof FIGURE_COLUMNS)[number];

/** The names of `columns`, for the header. */
export function figureHeads(columns: readonly FigureColumn[]): string[] {
  return columns.map(([name]) => name);
}

/** The cells of `row` in `columns`; no row (a repository not counted) gives empty cells. */
export function figureCells(columns: readonly FigureColumn[], row: MetricRow | null): CsvCell[] {
  return columns.map(([, cellOf]) => (row ? cellOf(row) : null));
}

const CSV_COLUMNS = [
  "repository",
  "date",
  "postmortem",
  "dimension",
  "group",
  ...figureHeads(FIGURE_COLUMNS),
];

/** RFC 4180 quoting, and no formula injection when the file is opened in a spreadsheet. */
export function csvField(value: CsvCell): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function toCsv(m: RepositoryMetrics): string {
  const rows: CsvCell[][] = [];
  const add = (postmortem: string, dimension: string, group: string, r: MetricRow) =>
    rows.push([m.repository, m.date, postmortem, dimension, group, ...figureCells(FIGURE_COLUMNS, r)]);
  const addAll = (postmortem: string, b: MetricBreakdown) => {
    add(postmortem, "all", "", b.all);
    for (const [k, r] of Object.entries(b.byTerm)) add(postmortem, "term", k, r);
    for (const [k, r] of Object.entries(b.byCategory)) add(postmortem, "category", k, r);
    for (const [k, r] of Object.entries(b.bySeverity)) add(postmortem, "severity", k, r);
  };
  addAll("", m.overall);
  for (const p of m.postmortems) addAll(p.path, p);
  return `${[CSV_COLUMNS.join(","), ...rows.map((r) => r.map(csvField).join(","))].join("\n")}\n`;
}

/**
 * `language`: of the Markdown (frame, tables and SLO figures, from the catalog). CSV columns and JSON
 * keys stay English in every language: they are read by scripts and spreadsheets.
 */
export function formatMetrics(
  metrics: RepositoryMetrics,
  format: MetricFormat,
  language: Language = "en",
): string {
  switch (format) {
    case "json":
      return `${JSON.stringify(metrics, null, 2)}\n`;
    case "csv":
      return toCsv(metrics);
    case "md":
      return toMarkdown(metrics, language);
  }
}
