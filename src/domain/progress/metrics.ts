import { cell } from "../../text/sanitize.js";
import {
  type ClassifiedItem,
  groupBy,
  type PostmortemProgress,
  type ProgressSummary,
  summarize,
} from "./model.js";

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
}

export interface MetricBreakdown {
  all: MetricRow;
  byTerm: Record<string, MetricRow>;
  byCategory: Record<string, MetricRow>;
}

export interface PostmortemMetrics extends MetricBreakdown {
  path: string;
  pr: number | null;
}

export interface RepositoryMetrics {
  repository: string;
  /** The calendar day the metrics were computed for (YYYY-MM-DD). */
  date: string;
  overall: MetricBreakdown;
  postmortems: PostmortemMetrics[];
}

export function metricRow(summary: ProgressSummary): MetricRow {
  const c = summary.counts;
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
  };
}

function breakdown(items: readonly ClassifiedItem[]): MetricBreakdown {
  return {
    all: metricRow(summarize(items)),
    byTerm: Object.fromEntries(groupBy(items, "term").map((g) => [g.key, metricRow(g.summary)])),
    byCategory: Object.fromEntries(groupBy(items, "category").map((g) => [g.key, metricRow(g.summary)])),
  };
}

export function computeMetrics(
  repository: string,
  date: string,
  progress: readonly PostmortemProgress[],
): RepositoryMetrics {
  return {
    repository,
    date,
    overall: breakdown(progress.flatMap((p) => p.items)),
    postmortems: progress.map((p) => ({ path: p.path, pr: p.pr, ...breakdown(p.items) })),
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

const MD_HEADER =
  "| total | open | due soon | overdue | done, validated | done, not validated | not doing | completion | validation rate | median days to close |";
const MD_RULE = "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |";

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
  ].join(" | ");
}

function mdTable(first: string, rows: [string, MetricRow][]): string[] {
  return [
    `| ${first} ${MD_HEADER}`,
    MD_RULE,
    ...rows.map(([name, row]) => `| ${cell(name)} | ${mdCells(row)} |`),
  ];
}

function toMarkdown(m: RepositoryMetrics): string {
  const out = [`# Follow-up metrics: ${cell(m.repository)} (${m.date})`, ""];
  out.push("## Overall", "", ...mdTable("scope", [["all follow-ups", m.overall.all]]), "");
  out.push("### By term", "", ...mdTable("term", Object.entries(m.overall.byTerm)), "");
  out.push("### By category", "", ...mdTable("category", Object.entries(m.overall.byCategory)), "");
  out.push("## Per postmortem", "");
  out.push(
    ...mdTable(
      "postmortem",
      m.postmortems.map((p) => [p.pr ? `${p.path} (#${p.pr})` : p.path, p.all]),
    ),
  );
  for (const p of m.postmortems) {
    out.push("", `### ${cell(p.path)}`, "");
    out.push(
      ...mdTable("group", [
        ...Object.entries(p.byTerm).map(([k, r]): [string, MetricRow] => [`term: ${k}`, r]),
        ...Object.entries(p.byCategory).map(([k, r]): [string, MetricRow] => [`category: ${k}`, r]),
      ]),
    );
  }
  return `${out.join("\n")}\n`;
}

const CSV_COLUMNS = [
  "repository",
  "date",
  "postmortem",
  "dimension",
  "group",
  "total",
  "open",
  "due_soon",
  "overdue",
  "done_validated",
  "done_unvalidated",
  "not_doing",
  "completion",
  "validation_rate",
  "median_days_to_close",
] as const;

/** RFC 4180 quoting, and no formula injection when the file is opened in a spreadsheet. */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function ratio(value: number | null): number | null {
  return value === null ? null : Math.round(value * 1000) / 1000;
}

function toCsv(m: RepositoryMetrics): string {
  const rows: (string | number | null)[][] = [];
  const add = (postmortem: string, dimension: string, group: string, r: MetricRow) =>
    rows.push([
      m.repository,
      m.date,
      postmortem,
      dimension,
      group,
      r.total,
      r.open,
      r.dueSoon,
      r.overdue,
      r.doneValidated,
      r.doneUnvalidated,
      r.notDoing,
      ratio(r.completion),
      ratio(r.validationRate),
      r.medianDaysToClose,
    ]);
  const addAll = (postmortem: string, b: MetricBreakdown) => {
    add(postmortem, "all", "", b.all);
    for (const [k, r] of Object.entries(b.byTerm)) add(postmortem, "term", k, r);
    for (const [k, r] of Object.entries(b.byCategory)) add(postmortem, "category", k, r);
  };
  addAll("", m.overall);
  for (const p of m.postmortems) addAll(p.path, p);
  return `${[CSV_COLUMNS.join(","), ...rows.map((r) => r.map(csvField).join(","))].join("\n")}\n`;
}

export function formatMetrics(metrics: RepositoryMetrics, format: MetricFormat): string {
  switch (format) {
    case "json":
      return `${JSON.stringify(metrics, null, 2)}\n`;
    case "csv":
      return toCsv(metrics);
    case "md":
      return toMarkdown(metrics);
  }
}
