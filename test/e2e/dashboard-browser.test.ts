import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import axe from "axe-core";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrgReport } from "../../src/domain/dashboard/org-report.js";
import { loadDashboardAssets, renderDashboard } from "../../src/runs/report/html.js";
import { LANGUAGES } from "../../src/text/language.js";
import { sampleReport } from "../fixtures/dashboard/sample.js";

/**
 * Issue 19: the HTML dashboard in headless Chromium (Debian's `chromium`, driven by
 * playwright-core), in both languages and both colour schemes: no console error (a wrong script
 * hash in the page's CSP would be one, and the charts would be missing), no request beyond the
 * file itself, every chart holds the report's figures, the filters and the sorting change the
 * table, every link points to a follow-up issue, and axe-core finds no serious violation.
 * Chromium missing is a failure with one clear line, never a skip (.ci/run installs it).
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const axeSource = axe.source;

/** What the tests read of a table row in the page (no DOM types in this project). */
interface Row {
  hidden: boolean;
  cells: { textContent: string | null }[];
}

let browser: Browser;
let dir: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium; .ci/run does in CI) or set CHROMIUM_PATH`,
    );
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  dir = mkdtempSync(join(tmpdir(), "dashboard-"));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Opened {
  page: Page;
  errors: string[];
  requests: string[];
  report: OrgReport;
  url: string;
}

async function open(
  language: (typeof LANGUAGES)[number],
  options: { dark?: boolean; bypassCSP?: boolean } = {},
): Promise<Opened> {
  const report = sampleReport(language);
  const file = join(dir, `dashboard-${language}.html`);
  writeFileSync(file, renderDashboard(report, loadDashboardAssets()));
  const url = pathToFileURL(file).href;
  const context = await browser.newContext({
    colorScheme: options.dark ? "dark" : "light",
    bypassCSP: options.bypassCSP ?? false,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("request", (r) => requests.push(r.url()));
  // The page's scripts are inline and synchronous: when "load" fires, they have run (or failed).
  await page.goto(url, { waitUntil: "load" });
  return { page, errors, requests, report, url };
}

describe.each(LANGUAGES)("the dashboard in %s", (language) => {
  it("renders without console errors, loads nothing, and its charts hold the report's figures", async () => {
    const { page, errors, requests, report, url } = await open(language);
    expect(errors).toEqual([]);
    expect(requests).toEqual([url]);
    expect(await page.getAttribute("html", "lang")).toBe(language);
    const charts = await page.evaluate(() => {
      const all = (
        globalThis as unknown as {
          dashboardCharts: Record<
            string,
            { data: { datasets: { data: unknown[] }[] }; getDatasetMeta(i: number): { data: unknown[] } }
          >;
        }
      ).dashboardCharts;
      return Object.fromEntries(
        Object.entries(all).map(([id, chart]) => [
          id,
          {
            data: chart.data.datasets.map((d) => d.data),
            drawn: chart.data.datasets.map((_, i) => chart.getDatasetMeta(i).data.length),
          },
        ]),
      );
    });
    expect(charts["chart-burndown"]!.data).toEqual([
      report.burndown.map((w) => w.open),
      report.burndown.map((w) => w.opened),
      report.burndown.map((w) => w.closed),
    ]);
    expect(charts["chart-burndown"]!.drawn).toEqual([12, 12, 12]);
    expect(charts["chart-attainment"]!.data).toEqual([
      report.figures.attainment.map((a) => (a.rate === null ? null : Math.round(a.rate * 1000) / 10)),
    ]);
    expect(charts["chart-attainment"]!.drawn).toEqual([report.figures.attainment.length]);
    expect(charts["chart-aging"]!.data).toEqual([Object.values(report.figures.aging)]);
    expect(charts["chart-aging"]!.drawn).toEqual([4]);
    // The sample's figures, so a report that lost them fails here too.
    expect(report.burndown.at(-1)).toEqual({ week: "2026-W48", open: 6, opened: 0, closed: 0 });
    expect(report.figures.aging).toEqual({ "0-7": 1, "8-30": 0, "31-90": 5, "over-90": 0 });
    await page.context().close();
  });

  it("filters and sorts the tables; every link is a follow-up issue", async () => {
    const { page, report } = await open(language);
    const visible = () =>
      page.$$eval('table[data-table="followups"] tbody tr', (rows) =>
        rows
          .filter((r) => !(r as unknown as Row).hidden)
          .map((r) => (r as unknown as Row).cells[1]!.textContent!.trim()),
      );
    expect(await visible()).toHaveLength(report.followups.length);
    await page.fill('input[data-filter="followups"]', "acme/pay");
    expect(await visible()).toEqual(["#106", "#107", "#108", "#109"]);
    await page.selectOption('select[data-filter="followups"]', "overdue");
    expect(await visible()).toEqual(["#108"]);
    expect(await page.textContent('[data-count="followups"]')).toBe(
      language === "en" ? "1 of 10 shown" : "10건 중 1건 표시",
    );
    await page.fill('input[data-filter="followups"]', "");
    expect(await visible()).toEqual(["#102", "#103", "#108"]);
    // Sorting by the issue column, descending on the second click.
    await page.selectOption('select[data-filter="followups"]', "");
    const issueHeading = page.locator('table[data-table="followups"] thead th').nth(1);
    await issueHeading.locator("button").click();
    await issueHeading.locator("button").click();
    expect(await issueHeading.getAttribute("aria-sort")).toBe("descending");
    expect((await visible()).slice(0, 3)).toEqual(["#109", "#108", "#107"]);
    // The repositories table filters too.
    await page.fill('input[data-filter="repositories"]', "shop");
    const repos = await page.$$eval('table[data-table="repositories"] tbody tr', (rows) =>
      rows
        .filter((r) => !(r as unknown as Row).hidden)
        .map((r) => (r as unknown as Row).cells[0]!.textContent),
    );
    expect(repos).toEqual(["acme/shop"]);
    const links = await page.$$eval("a[href]", (as) => as.map((a) => a.getAttribute("href")));
    // Each follow-up's row, and the not-doing list's rows again: nothing else is a link.
    expect([...new Set(links)].sort()).toEqual(report.followups.map((f) => f.url).sort());
    expect(links).toHaveLength(report.followups.length + report.figures.notDoing.length);
    expect(await page.textContent("#not-doing + div")).toContain(
      "A second vendor costs more than the outages it prevents; revisit at the contract renewal",
    );
    for (const link of links) expect(link).toMatch(/^https:\/\/github\.com\/acme\/[a-z]+\/issues\/\d+$/);
    // The attacker's title is text, not markup.
    expect(await page.locator("img").count()).toBe(0);
    expect(await page.textContent("body")).toContain('<img src=x onerror=alert(1)> "Quote"');
    await page.context().close();
  });

  it("charts follow the colour scheme, and print dark on white", async () => {
    const { page, errors } = await open(language, { dark: true });
    const colours = () =>
      page.evaluate(() => {
        const all = (
          globalThis as unknown as {
            dashboardCharts: Record<string, { options: { scales: { y: { ticks: { color: string } } } } }>;
          }
        ).dashboardCharts;
        return Object.values(all).map((c) => c.options.scales.y.ticks.color);
      });
    expect(await colours()).toEqual(["#e6edf3", "#e6edf3", "#e6edf3"]);
    await page.evaluate(
      (name) => (globalThis as unknown as EventTarget).dispatchEvent(new Event(name)),
      "beforeprint",
    );
    expect(await colours()).toEqual(["#000000", "#000000", "#000000"]);
    await page.evaluate(
      (name) => (globalThis as unknown as EventTarget).dispatchEvent(new Event(name)),
      "afterprint",
    );
    expect(await colours()).toEqual(["#e6edf3", "#e6edf3", "#e6edf3"]);
    await page.emulateMedia({ colorScheme: "light" });
    await page.waitForFunction(() => {
      const all = (
        globalThis as unknown as {
          dashboardCharts: Record<string, { options: { scales: { y: { ticks: { color: string } } } } }>;
        }
      ).dashboardCharts;
      return all["chart-aging"]!.options.scales.y.ticks.color === "#1f2328";
    });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it.each([false, true])("axe-core: no serious or critical violation (dark mode: %s)", async (dark) => {
    // axe is injected into the page: only this test lifts the page's CSP for it.
    const { page } = await open(language, { dark, bypassCSP: true });
    await page.addScriptTag({ content: axeSource });
    const violations = await page.evaluate(async () => {
      const axe = (
        globalThis as unknown as {
          axe: {
            run(): Promise<{ violations: { id: string; impact: string; nodes: { target: unknown }[] }[] }>;
          };
        }
      ).axe;
      const result = await axe.run();
      return result.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id}: ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`);
    });
    expect(violations).toEqual([]);
    await page.context().close();
  });
});
