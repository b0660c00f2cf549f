import { t } from "../../text/catalog/index.js";
import { cell } from "../../text/sanitize.js";
import { renderFigures } from "../progress/figures-render.js";
import {
  csvField,
  FIGURE_COLUMNS,
  figureCells,
  figureHeads,
  METRIC_FORMATS,
  type MetricRow,
} from "../progress/metrics.js";
import type { STATUSES } from "../progress/model.js";
import type { OrgReport } from "./org-report.js";

/**
 * `report --org` as Markdown (in the report's language, through the catalog), JSON (the
 * `OrgReport` itself, the dashboard's input) or CSV (one row for the whole installation, then
 * one per repository). The HTML dashboard is ./html.ts.
 */

export const ORG_FORMATS = [...METRIC_FORMATS, "html"] as const;
export type OrgFormat = (typeof ORG_FORMATS)[number];

function pct(ratio: number | null): string {
  return ratio === null ? "—" : `${Math.round(ratio * 100)}%`;
}

/** The status columns (status, metric key), in the progress topic's words: the md/csv tables and the HTML page. */
export const STATUS_COLUMNS = [
  ["open", "open"],
  ["due_soon", "dueSoon"],
  ["overdue", "overdue"],
  ["done_validated", "doneValidated"],
  ["done_unvalidated", "doneUnvalidated"],
  ["not_doing", "notDoing"],
] as const satisfies readonly (readonly [(typeof STATUSES)[number], keyof MetricRow])[];

export function orgMarkdown(report: OrgReport): string {
  const l = report.language;
  const counted = report.repositories.filter((r) => r.status === "ok").length;
  const statusHeads = STATUS_COLUMNS.map(([s]) => t(l, `progress.status.${s}`));
  const out = [
    `# ${cell(t(l, "dashboard.title", { account: report.account }))}`,
    "",
    t(l, "dashboard.subtitle", { date: report.date, repositories: counted }),
    "",
    `## ${t(l, "dashboard.totals.heading")}`,
    "",
    `| ${t(l, "dashboard.totals.all")} | ${statusHeads.join(" | ")} |`,
    `| ---: | ${statusHeads.map(() => "---:").join(" | ")} |`,
    `| ${report.totals.total} | ${STATUS_COLUMNS.map(([, k]) => report.totals[k]).join(" | ")} |`,
    "",
    renderFigures(l, report.figures, 2),
    "",
    `## ${t(l, "dashboard.burndown.heading")}`,
    "",
    `| ${t(l, "dashboard.burndown.week")} | ${t(l, "dashboard.burndown.open")} | ${t(l, "dashboard.burndown.opened")} | ${t(l, "dashboard.burndown.closed")} |`,
    "| --- | ---: | ---: | ---: |",
    ...report.burndown.map((w) => `| ${w.week} | ${w.open} | ${w.opened} | ${w.closed} |`),
    "",
    `## ${t(l, "dashboard.repositories.heading")}`,
    "",
    `| ${t(l, "dashboard.repositories.name")} | ${t(l, "dashboard.repositories.postmortems")} | ${t(l, "dashboard.repositories.total")} | ${statusHeads.join(" | ")} | ${t(l, "dashboard.repositories.completion")} | ${t(l, "dashboard.repositories.validation")} |`,
    `| --- | ---: | ---: | ${statusHeads.map(() => "---:").join(" | ")} | ---: | ---: |`,
    ...report.repositories.map((r) => {
      const m = r.metrics;
      if (!m)
        return `| ${cell(r.repository)} | ${t(l, `dashboard.${r.status === "failed" ? "failed" : "config-error"}`)} |${" |".repeat(STATUS_COLUMNS.length + 3)}`;
      return `| ${cell(r.repository)} | ${r.postmortems} | ${m.total} | ${STATUS_COLUMNS.map(([, k]) => m[k]).join(" | ")} | ${pct(m.completion)} | ${pct(m.validationRate)} |`;
    }),
    "",
    `## ${t(l, "dashboard.owners.heading")}`,
    "",
    `| ${t(l, "dashboard.owners.owner")} | ${t(l, "dashboard.repositories.total")} | ${[
      "open",
      "overdue",
      "done_validated",
      "done_unvalidated",
      "not_doing",
    ]
      .map((s) => t(l, `progress.status.${s as (typeof STATUSES)[number]}`))
      .join(" | ")} |`,
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...report.owners.map(
      (o) =>
        `| ${o.owner === null ? t(l, "dashboard.owners.none") : `\`${cell(o.owner)}\``} | ${o.total} | ${o.open} | ${o.overdue} | ${o.doneValidated} | ${o.doneUnvalidated} | ${o.notDoing} |`,
    ),
  ];
  return `${out.join("\n")}\n`;
}

/** The figures of `report`'s CSV but the median (p50 is the same figure). */
const ORG_FIGURES = FIGURE_COLUMNS.filter(([name]) => name !== "median_days_to_close");

const CSV_COLUMNS = ["account", "date", "repository", "status", "postmortems", ...figureHeads(ORG_FIGURES)];

/** A row's figure cells in those columns (empty for a repository not counted). */
function metricCells(m: MetricRow | null): (string | number | null)[] {
  return figureCells(ORG_FIGURES, m);
}

/** One row for the installation (empty repository), then one per repository; formula-looking cells defused. */
export function orgCsv(report: OrgReport): string {
  const postmortems = report.repositories.reduce((n, r) => n + r.postmortems, 0);
  const rows: (string | number | null)[][] = [
    [report.account, report.date, "", "ok", postmortems, ...metricCells(report.totals)],
    ...report.repositories.map((r) => [
      report.account,
      report.date,
      r.repository,
      r.status,
      r.postmortems,
      ...metricCells(r.metrics),
    ]),
  ];
  return `${[CSV_COLUMNS.join(","), ...rows.map((r) => r.map(csvField).join(","))].join("\n")}\n`;
}
