import { t } from "../../text/catalog/index.js";
import { cell } from "../../text/sanitize.js";
import { notDoingLines, renderFigures } from "../progress/figures-render.js";
import {
  csvField,
  FIGURE_COLUMNS,
  figureCells,
  figureHeads,
  METRIC_FORMATS,
  type MetricRow,
} from "../progress/metrics.js";
import type { STATUSES } from "../progress/model.js";
import type { OrgReportParts } from "./org-fold.js";

/**
 * `report --org` as Markdown (in the report's language, through the catalog), JSON (the
 * `OrgReport` itself, the dashboard's input, ./org-json.ts) or CSV (one row for the whole
 * installation, then one per repository), each as a sequence of chunks to write as they come, so
 * the repositories' rows are never all in memory. The HTML dashboard is runs/report/html.ts.
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

/** `report --org` as Markdown, line by line (the repositories' rows read as they are written). */
export function* orgMarkdownChunks(report: OrgReportParts): Generator<string> {
  const l = report.language;
  const statusHeads = STATUS_COLUMNS.map(([s]) => t(l, `progress.status.${s}`));
  const lines = function* (): Generator<string> {
    yield* [
      `# ${cell(t(l, "dashboard.title", { account: report.account }))}`,
      "",
      t(l, "dashboard.subtitle", { date: report.date, repositories: report.counts.counted }),
      "",
      `## ${t(l, "dashboard.totals.heading")}`,
      "",
      `| ${t(l, "dashboard.totals.all")} | ${statusHeads.join(" | ")} |`,
      `| ---: | ${statusHeads.map(() => "---:").join(" | ")} |`,
      `| ${report.totals.total} | ${STATUS_COLUMNS.map(([, k]) => report.totals[k]).join(" | ")} |`,
      "",
    ];
    // The figures, then their "not doing" list, read as it is written.
    let figures = renderFigures(l, { ...report.figures, notDoing: [] }, 2);
    if (report.counts.notDoing > 0)
      for (const line of notDoingLines(l, report.notDoing(), 2)) figures += `\n${line}`;
    yield figures;
    yield* [
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
    ];
    for (const r of report.repositories()) {
      const m = r.metrics;
      if (!m)
        yield `| ${cell(r.repository)} | ${t(l, `dashboard.${r.status === "failed" ? "failed" : "config-error"}`)} |${" |".repeat(STATUS_COLUMNS.length + 3)}`;
      else
        yield `| ${cell(r.repository)} | ${r.postmortems} | ${m.total} | ${STATUS_COLUMNS.map(([, k]) => m[k]).join(" | ")} | ${pct(m.completion)} | ${pct(m.validationRate)} |`;
    }
    yield* [
      "",
      `## ${t(l, "dashboard.owners.heading")}`,
      "",
      `| ${t(l, "dashboard.owners.owner")} | ${t(l, "dashboard.repositories.total")} | ${OWNER_STATUSES.map((s) => t(l, `progress.status.${s}`)).join(" | ")} |`,
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
      ...report.owners.map(
        (o) =>
          `| ${o.owner === null ? t(l, "dashboard.owners.none") : `\`${cell(o.owner)}\``} | ${o.total} | ${o.open} | ${o.overdue} | ${o.doneValidated} | ${o.doneUnvalidated} | ${o.notDoing} |`,
      ),
    ];
    if (report.ownersOmitted > 0)
      yield* [
        "",
        t(l, "dashboard.owners.omitted", { limit: report.limits.owners, count: report.ownersOmitted }),
      ];
  };
  for (const line of lines()) yield `${line}\n`;
}

/** The owner table's status columns. */
export const OWNER_STATUSES = ["open", "overdue", "done_validated", "done_unvalidated", "not_doing"] as const;

/** The figures of `report`'s CSV but the median (p50 is the same figure). */
const ORG_FIGURES = FIGURE_COLUMNS.filter(([name]) => name !== "median_days_to_close");

const CSV_COLUMNS = ["account", "date", "repository", "status", "postmortems", ...figureHeads(ORG_FIGURES)];

/** A row's figure cells in those columns (empty for a repository not counted). */
function metricCells(m: MetricRow | null): (string | number | null)[] {
  return figureCells(ORG_FIGURES, m);
}

/** One row for the installation (empty repository), then one per repository; formula-looking cells defused. */
export function* orgCsvChunks(report: OrgReportParts): Generator<string> {
  const line = (r: (string | number | null)[]) => `${r.map(csvField).join(",")}\n`;
  yield `${CSV_COLUMNS.join(",")}\n`;
  yield line([
    report.account,
    report.date,
    "",
    "ok",
    report.counts.postmortems,
    ...metricCells(report.totals),
  ]);
  for (const r of report.repositories())
    yield line([
      report.account,
      report.date,
      r.repository,
      r.status,
      r.postmortems,
      ...metricCells(r.metrics),
    ]);
}
