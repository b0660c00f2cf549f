import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { loadDashboardAssets, renderDashboard } from "../src/runs/report/html.js";
import { LANGUAGES } from "../src/text/language.js";
import { sampleReport } from "../test/fixtures/dashboard/sample.js";

/**
 * The dashboard screenshots of docs/images/ (issue 19): the sample report
 * (test/fixtures/dashboard/sample.ts) rendered in each language and photographed in headless
 * Chromium. Their staleness is checked by the hash of the HTML they were taken from
 * (docs/images/dashboard-screenshots.json; test/docs/dashboard-screenshots.test.ts), never by pixels.
 */

export const IMAGES = "docs/images";
export const HASHES = join(IMAGES, "dashboard-screenshots.json");

export function dashboardHtml(language: (typeof LANGUAGES)[number]): string {
  return renderDashboard(sampleReport(language), loadDashboardAssets());
}

export function htmlHash(html: string): string {
  return createHash("sha256").update(html, "utf8").digest("hex");
}

/** Each language's HTML hash now, and as recorded with the screenshots. */
export function screenshotHashes(root: string): {
  now: Record<string, string>;
  recorded: Record<string, string>;
} {
  const now = Object.fromEntries(LANGUAGES.map((l) => [l, htmlHash(dashboardHtml(l))]));
  let recorded: Record<string, string> = {};
  try {
    recorded = JSON.parse(readFileSync(join(root, HASHES), "utf8")) as Record<string, string>;
  } catch {}
  return { now, recorded };
}

export async function writeScreenshots(root: string, executablePath: string): Promise<string[]> {
  mkdirSync(join(root, IMAGES), { recursive: true });
  const browser = await chromium.launch({ executablePath, args: ["--no-sandbox"] });
  const written: string[] = [];
  const hashes: Record<string, string> = {};
  try {
    for (const language of LANGUAGES) {
      const html = dashboardHtml(language);
      hashes[language] = htmlHash(html);
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme: "light" });
      await page.setContent(html, { waitUntil: "load" });
      const file = join(IMAGES, `dashboard-${language}.png`);
      await page.screenshot({ path: join(root, file), fullPage: true });
      await page.close();
      written.push(file);
    }
  } finally {
    await browser.close();
  }
  writeFileSync(join(root, HASHES), `${JSON.stringify(hashes, null, 2)}\n`);
  return [...written, HASHES];
}
