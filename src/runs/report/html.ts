import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Language } from "../../domain/config/schema.js";
import { ORG_LIMITS, type OrgReportParts, partsOf } from "../../domain/dashboard/org-fold.js";
import { STATUS_COLUMNS } from "../../domain/dashboard/org-format.js";
import type { OrgReport, OrgRepository } from "../../domain/dashboard/org-report.js";
import { STATUSES } from "../../domain/progress/model.js";
import { t } from "../../text/catalog/index.js";
import { DASHBOARD_SCRIPT } from "./dashboard-script.js";

/**
 * The HTML dashboard (issue 19): ONE self-contained static file built from the organisation report
 * (../../domain/dashboard/org-report.ts). Chart.js is read from node_modules when the file is made
 * and inlined with the page's own script; a Content-Security-Policy with their hashes allows those
 * two scripts and nothing else, and no request of any kind (`default-src 'none'`), so the page
 * works offline and cannot be made to load anything. Every user value (titles come from
 * postmortem files anyone with write access can edit) is escaped; links are http(s) only.
 */

export interface DashboardAssets {
  /** Chart.js's UMD build (defines `window.Chart`). */
  chartJs: string;
}

/** Chart.js's source, defined by the Action's bundle (scripts/build-action.mjs), which has no node_modules. */
declare const __PMF_CHART_JS__: string | undefined;

/** Chart.js, from node_modules (its `dist/chart.umd.min.js`), without its source map comment. */
export function loadDashboardAssets(): DashboardAssets {
  let source: string;
  if (typeof __PMF_CHART_JS__ === "string") source = __PMF_CHART_JS__;
  else {
    const require = createRequire(import.meta.url);
    const main = require.resolve("chart.js");
    source = readFileSync(main.replace(/dist[\\/][^\\/]+$/, "dist/chart.umd.min.js"), "utf8");
  }
  return { chartJs: source.replace(/\/\/# sourceMappingURL=\S*\s*$/, "") };
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** An http(s) URL, escaped for an attribute; null for anything else (javascript:, data:, relative). */
function safeUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? escapeHtml(parsed.href) : null;
  } catch {
    return null;
  }
}

/** JSON inside a <script> element: nothing in it can close the element or open a comment. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
}

function sha256(text: string): string {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

function pct(ratio: number | null): string {
  return ratio === null ? "—" : `${Math.round(ratio * 100)}%`;
}

const STYLE = `
:root { color-scheme: light dark; --bg:#ffffff; --fg:#1f2328; --muted:#57606a; --card:#f6f8fa; --line:#d0d7de; --grid:rgba(31,35,40,.15); --link:#0969da;
  --open:#0969da; --opened:#8250df; --closed:#1a7f37; --done:#1a7f37; --overdue:#cf222e; }
@media (prefers-color-scheme: dark) { :root { --bg:#0d1117; --fg:#e6edf3; --muted:#9198a1; --card:#161b22; --line:#3d444d; --grid:rgba(230,237,243,.15); --link:#4493f8;
  --open:#4493f8; --opened:#ab7df8; --closed:#3fb950; --done:#3fb950; --overdue:#f85149; } }
* { box-sizing: border-box; }
body { margin:0; padding:1.5rem; background:var(--bg); color:var(--fg); font:15px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans KR","Apple SD Gothic Neo","NanumGothic",sans-serif; }
main { max-width:80rem; margin:0 auto; }
h1 { font-size:1.6rem; margin:0 0 .25rem; } h2 { font-size:1.2rem; margin:2rem 0 .75rem; }
.sub { color:var(--muted); margin:0 0 1rem; }
a { color:var(--link); }
.cards { display:grid; grid-template-columns:repeat(auto-fill,minmax(10rem,1fr)); gap:.75rem; list-style:none; padding:0; margin:0; }
.cards li { background:var(--card); border:1px solid var(--line); border-radius:.5rem; padding:.75rem; }
.cards .n { display:block; font-size:1.6rem; font-weight:600; }
.charts { display:grid; grid-template-columns:repeat(auto-fit,minmax(22rem,1fr)); gap:1rem; }
figure { margin:0; background:var(--card); border:1px solid var(--line); border-radius:.5rem; padding:.75rem; }
figcaption { font-weight:600; margin-bottom:.5rem; }
.chart { position:relative; height:16rem; }
details { margin-top:.5rem; } summary { cursor:pointer; color:var(--muted); }
table { border-collapse:collapse; width:100%; font-size:.9rem; }
th, td { border-bottom:1px solid var(--line); padding:.35rem .5rem; text-align:left; vertical-align:top; }
td.num, th.num { text-align:right; font-variant-numeric:tabular-nums; }
th button { font:inherit; font-weight:600; color:inherit; background:none; border:0; padding:0; cursor:pointer; text-align:inherit; }
th[aria-sort=ascending] button::after { content:" ▲"; } th[aria-sort=descending] button::after { content:" ▼"; }
.filters { display:flex; flex-wrap:wrap; gap:.75rem; align-items:center; margin-bottom:.5rem; }
input, select { font:inherit; color:var(--fg); background:var(--bg); border:1px solid var(--line); border-radius:.35rem; padding:.25rem .5rem; }
.status-overdue { color:var(--overdue); font-weight:600; }
.scroll { overflow-x:auto; }
.hint { color:var(--muted); font-size:.85rem; }
@media print {
  :root { --bg:#fff; --fg:#000; --muted:#333; --card:#fff; --line:#999; --link:#000; }
  body { padding:0; font-size:10pt; }
  .filters, .hint, summary { display:none; }
  details > table { display:table; }
  figure, tr, .cards li { break-inside:avoid; }
  tr[hidden] { display:table-row; }
  a { text-decoration:none; }
}
`;

function th(label: string, numeric = false): string {
  return `<th scope="col"${numeric ? ' class="num" data-numeric' : ""}><button type="button">${escapeHtml(label)}</button></th>`;
}

function td(text: string, sort?: string | number | null, numeric = false): string {
  const attr = sort === undefined || sort === null ? "" : ` data-sort="${escapeHtml(String(sort))}"`;
  return `<td${numeric ? ' class="num"' : ""}${attr}>${text}</td>`;
}

function filters(l: Language, table: string, withStatus: boolean): string {
  const statusSelect = withStatus
    ? `<label>${escapeHtml(t(l, "dashboard.filter.status"))} <select data-filter="${table}"><option value="">${escapeHtml(t(l, "dashboard.filter.all"))}</option>${STATUSES.map((s) => `<option value="${s}">${escapeHtml(t(l, `progress.status.${s}`))}</option>`).join("")}</select></label>`
    : "";
  const template = t(l, "dashboard.filter.shown", { shown: "__SHOWN__", total: "__TOTAL__" });
  return `<div class="filters"><label>${escapeHtml(t(l, "dashboard.filter.label"))} <input type="search" data-filter="${table}"></label>${statusSelect}<span role="status" data-count="${table}" data-template="${escapeHtml(template)}"></span></div>`;
}

/** A chart (a canvas Chart.js draws on, with a label) and its data as a table, for screen readers and print. */
function chart(id: string, caption: string, head: string[], rows: (string | number)[][]): string {
  const table = `<table><thead><tr>${head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join("")}</tr></thead><tbody>${rows
    .map(
      (r) =>
        `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${escapeHtml(String(c))}</th>` : `<td class="num">${escapeHtml(String(c))}</td>`)).join("")}</tr>`,
    )
    .join("")}</tbody></table>`;
  return `<figure><figcaption id="${id}-caption">${escapeHtml(caption)}</figcaption><div class="chart"><canvas id="${id}" role="img" aria-labelledby="${id}-caption"></canvas></div><details><summary>${escapeHtml(caption)}</summary>${table}</details></figure>`;
}

/** Every follow-up closed as not planned, with its recorded reason (or the warning that it has none). */
function* notDoing(l: Language, report: OrgReportParts): Generator<string> {
  if (report.counts.notDoing === 0) return;
  const e = escapeHtml;
  const head = [
    t(l, "dashboard.followups.issue"),
    t(l, "dashboard.followups.title"),
    t(l, "dashboard.not-doing.reason"),
    t(l, "dashboard.not-doing.by"),
    t(l, "dashboard.not-doing.date"),
  ];
  yield `<section aria-labelledby="not-doing"><h2 id="not-doing">${e(t(l, "figures.not-doing.heading"))}</h2>
<div class="scroll"><table aria-labelledby="not-doing"><thead><tr>${head.map((h) => `<th scope="col">${e(h)}</th>`).join("")}</tr></thead>
<tbody>`;
  yield* lines(report.notDoing(), (n) => {
    const href = safeUrl(n.url);
    const issue = href ? `<a href="${href}">#${n.number}</a>` : `#${n.number}`;
    const r = n.reason;
    return `<tr><td class="num">${issue}</td><td>${e(n.title)}</td><td>${r ? e(r.reason) : e(t(l, "dashboard.not-doing.none"))}</td><td>${r ? e(r.by) : ""}</td><td>${r ? e(r.at.slice(0, 10)) : ""}</td></tr>`;
  });
  yield "</tbody></table></div></section>";
}

/** Rows joined by newlines, rendered as they are read. */
function* lines<T>(items: Iterable<T>, row: (item: T) => string): Generator<string> {
  let first = true;
  for (const item of items) {
    yield first ? row(item) : `\n${row(item)}`;
    first = false;
  }
}

/** The dashboard of a report held whole in memory, as one string. */
export function renderDashboard(
  report: OrgReport,
  assets: DashboardAssets,
  followupLimit = ORG_LIMITS.followups,
): string {
  return [...dashboardChunks(partsOf(report, followupLimit), assets)].join("");
}

/**
 * The dashboard, in the report's language, in chunks to write as they come: the repositories' and
 * the "not doing" rows are read as they are written; the follow-up table lists the most urgent
 * `report.limits.followups` follow-ups and says how many more the JSON report has.
 */
export function* dashboardChunks(report: OrgReportParts, assets: DashboardAssets): Generator<string> {
  const l = report.language;
  const e = escapeHtml;
  const counted = report.counts.counted;
  const severityName = (s: string) => (s === "unknown" ? t(l, "figures.severity.unknown") : s);
  const agingKeys = ["0-7", "8-30", "31-90", "over-90"] as const;
  const data = {
    burndown: {
      labels: report.burndown.map((w) => w.week),
      names: [
        t(l, "dashboard.burndown.open"),
        t(l, "dashboard.burndown.opened"),
        t(l, "dashboard.burndown.closed"),
      ],
      open: report.burndown.map((w) => w.open),
      opened: report.burndown.map((w) => w.opened),
      closed: report.burndown.map((w) => w.closed),
    },
    attainment: {
      name: t(l, "dashboard.attainment.rate"),
      labels: report.figures.attainment.map((a) => severityName(a.severity)),
      rates: report.figures.attainment.map((a) => (a.rate === null ? null : Math.round(a.rate * 1000) / 10)),
    },
    aging: {
      name: t(l, "dashboard.aging.count"),
      labels: agingKeys.map((k) => t(l, `dashboard.aging.${k}`)),
      counts: agingKeys.map((k) => report.figures.aging[k]),
    },
  };
  const totals = report.totals;
  const cards = [
    [t(l, "dashboard.totals.all"), totals.total],
    ...STATUS_COLUMNS.map(([s, k]) => [t(l, `progress.status.${s}`), totals[k]] as const),
  ];
  const { p50, p90, count } = report.figures.daysToClose;
  const closeLine =
    p50 === null || p90 === null
      ? t(l, "figures.close-days.none")
      : t(l, "dashboard.close.value", { p50: String(p50), p90: String(p90), count });

  const repoRow = (r: OrgRepository) => {
    const m = r.metrics;
    const name = td(e(r.repository), r.repository);
    if (!m)
      return `<tr>${name}${td(e(t(l, r.status === "failed" ? "dashboard.failed" : "dashboard.config-error")), -1)}${STATUS_COLUMNS.map(() => td("", -1, true)).join("")}${td("", -1, true)}${td("", -1, true)}${td("", -1, true)}</tr>`;
    return `<tr>${name}${td(String(r.postmortems), r.postmortems, true)}${td(String(m.total), m.total, true)}${STATUS_COLUMNS.map(([, k]) => td(String(m[k]), m[k], true)).join("")}${td(pct(m.completion), m.completion ?? -1, true)}${td(pct(m.validationRate), m.validationRate ?? -1, true)}</tr>`;
  };
  const ownerRows = report.owners.map(
    (o) =>
      `<tr>${td(o.owner === null ? e(t(l, "dashboard.owners.none")) : e(o.owner), o.owner ?? "")}${[o.total, o.open, o.overdue, o.doneValidated, o.doneUnvalidated, o.notDoing].map((n) => td(String(n), n, true)).join("")}</tr>`,
  );
  const followupRows = report.urgent.map((f) => {
    const href = safeUrl(f.url);
    const issue = f.number === null ? "—" : href ? `<a href="${href}">#${f.number}</a>` : `#${f.number}`;
    const status = `<span class="status-${f.status.replace("_", "-")}">${e(t(l, `progress.status.${f.status}`))}</span>`;
    return `<tr data-status="${f.status}">${td(e(f.repository), f.repository)}${td(issue, f.number ?? 0, true)}${td(e(f.title), f.title)}${td(f.owner ? e(f.owner) : "—", f.owner ?? "")}${td(e(f.severity ?? "—"), f.severity ?? "")}${td(status, STATUSES.indexOf(f.status))}${td(e(f.due ?? "—"), f.due ?? "9999-99-99")}</tr>`;
  });

  const statusHeads = STATUS_COLUMNS.map(([s]) => th(t(l, `progress.status.${s}`), true)).join("");
  const dataJson = scriptJson(data);
  const chartJs = assets.chartJs.replace(/<\/script/gi, "<\\/script");
  const csp = `default-src 'none'; script-src ${sha256(chartJs)} ${sha256(DASHBOARD_SCRIPT)}; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'`;
  const title = t(l, "dashboard.title", { account: report.account });
  const capped =
    report.counts.followups > report.urgent.length
      ? `<p class="hint" role="note">${e(t(l, "dashboard.followups.capped", { shown: report.urgent.length, total: report.counts.followups }))}</p>`
      : "";
  yield `<!doctype html>
<html lang="${l}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${e(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${e(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${e(title)}</h1>
<p class="sub">${e(t(l, "dashboard.subtitle", { date: report.date, repositories: counted }))}</p>
<section aria-labelledby="totals"><h2 id="totals">${e(t(l, "dashboard.totals.heading"))}</h2>
<ul class="cards">${cards.map(([label, n]) => `<li><span class="n">${n}</span>${e(String(label))}</li>`).join("")}</ul>
<p>${e(t(l, "dashboard.close.heading"))}: ${e(closeLine)}</p></section>
<section aria-labelledby="trends"><h2 id="trends">${e(t(l, "dashboard.trends.heading"))}</h2><div class="charts">
${chart(
  "chart-burndown",
  t(l, "dashboard.burndown.heading"),
  [t(l, "dashboard.burndown.week"), ...data.burndown.names],
  report.burndown.map((w) => [w.week, w.open, w.opened, w.closed]),
)}
${chart(
  "chart-attainment",
  t(l, "dashboard.attainment.heading"),
  [
    t(l, "dashboard.attainment.severity"),
    t(l, "dashboard.attainment.met"),
    t(l, "dashboard.attainment.missed"),
    t(l, "dashboard.attainment.rate"),
  ],
  report.figures.attainment.map((a) => [severityName(a.severity), a.met, a.missed, pct(a.rate)]),
)}
${chart(
  "chart-aging",
  t(l, "dashboard.aging.heading"),
  [t(l, "dashboard.aging.bucket"), t(l, "dashboard.aging.count")],
  agingKeys.map((k) => [t(l, `dashboard.aging.${k}`), report.figures.aging[k]]),
)}
</div></section>
<section aria-labelledby="repositories"><h2 id="repositories">${e(t(l, "dashboard.repositories.heading"))}</h2>
${filters(l, "repositories", false)}<p class="hint">${e(t(l, "dashboard.sort.hint"))}</p>
<div class="scroll"><table data-table="repositories" aria-labelledby="repositories"><thead><tr>${th(t(l, "dashboard.repositories.name"))}${th(t(l, "dashboard.repositories.postmortems"), true)}${th(t(l, "dashboard.repositories.total"), true)}${statusHeads}${th(t(l, "dashboard.repositories.completion"), true)}${th(t(l, "dashboard.repositories.validation"), true)}</tr></thead>
<tbody>`;
  yield* lines(report.repositories(), repoRow);
  yield `</tbody></table></div></section>
<section aria-labelledby="owners"><h2 id="owners">${e(t(l, "dashboard.owners.heading"))}</h2>
${filters(l, "owners", false)}
<div class="scroll"><table data-table="owners" aria-labelledby="owners"><thead><tr>${th(t(l, "dashboard.owners.owner"))}${th(t(l, "dashboard.repositories.total"), true)}${(["open", "overdue", "done_validated", "done_unvalidated", "not_doing"] as const).map((s) => th(t(l, `progress.status.${s}`), true)).join("")}</tr></thead>
<tbody>${ownerRows.join("\n")}</tbody></table></div>${report.ownersOmitted > 0 ? `<p class="hint" role="note">${e(t(l, "dashboard.owners.omitted", { limit: report.limits.owners, count: report.ownersOmitted }))}</p>` : ""}</section>
`;
  yield* notDoing(l, report);
  yield `
<section aria-labelledby="followups"><h2 id="followups">${e(t(l, "dashboard.followups.heading"))}</h2>
${filters(l, "followups", true)}${capped}
<div class="scroll"><table data-table="followups" aria-labelledby="followups"><thead><tr>${th(t(l, "dashboard.followups.repository"))}${th(t(l, "dashboard.followups.issue"), true)}${th(t(l, "dashboard.followups.title"))}${th(t(l, "dashboard.followups.owner"))}${th(t(l, "dashboard.followups.severity"))}${th(t(l, "dashboard.followups.status"))}${th(t(l, "dashboard.followups.due"))}</tr></thead>
<tbody>${followupRows.join("\n")}</tbody></table></div></section>
</main>
<script type="application/json" id="dashboard-data">${dataJson}</script>
<script>${chartJs}</script>
<script>${DASHBOARD_SCRIPT}</script>
</body>
</html>
`;
}
