#!/usr/bin/env node
import { join } from "node:path";
// The dashboard screenshots in docs/images/ (dashboard-en.png, dashboard-ko.png): see
// scripts/dashboard-screenshots.ts. Needs Chromium (/usr/bin/chromium, or CHROMIUM_PATH) and a
// Korean font (Debian: fonts-nanum or fonts-noto-cjk).
//
//   node scripts/dashboard-screenshots.mjs           take them        (npm run docs:screenshots)
//   node scripts/dashboard-screenshots.mjs --check   exit 1 when the HTML they show has changed
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const OUT = join(ROOT, "node_modules/.cache/postmortem-followups/dashboard-screenshots.mjs");

await build({
  entryPoints: [join(ROOT, "scripts/dashboard-screenshots.ts")],
  absWorkingDir: ROOT,
  outfile: OUT,
  bundle: true,
  packages: "external",
  platform: "node",
  target: "node24",
  format: "esm",
  logLevel: "warning",
});
const generator = await import(pathToFileURL(OUT).href);

if (process.argv.includes("--check")) {
  const { now, recorded } = generator.screenshotHashes(ROOT);
  const stale = Object.keys(now).filter((l) => now[l] !== recorded[l]);
  if (stale.length > 0) {
    console.error(`stale dashboard screenshots (${stale.join(", ")}): run npm run docs:screenshots`);
    process.exit(1);
  }
  console.log("dashboard screenshots are up to date");
} else {
  const written = await generator.writeScreenshots(ROOT, process.env.CHROMIUM_PATH ?? "/usr/bin/chromium");
  for (const file of written) console.log(`wrote ${file}`);
}
