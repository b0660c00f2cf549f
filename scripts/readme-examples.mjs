#!/usr/bin/env node
// Regenerates the examples of what the app writes (docs/examples/*.md and the README sections
// between `<!-- BEGIN GENERATED: name -->` markers) by running the app against the GitHub
// simulator: see scripts/readme-examples.ts.
//
//   node scripts/readme-examples.mjs           write them            (npm run docs:examples)
//   node scripts/readme-examples.mjs --check   exit 1 when any is stale
//
// The generator is TypeScript that imports src/ and test/simulator/: esbuild compiles it into
// node_modules/.cache first (dependencies stay external, templates are embedded).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { templateRegistration } from "./build-action.mjs";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const OUT = join(ROOT, "node_modules/.cache/postmortem-followups/readme-examples.mjs");

async function loadGenerator() {
  await build({
    stdin: {
      contents: [...templateRegistration(), 'export * from "./scripts/readme-examples.ts";'].join("\n"),
      resolveDir: ROOT,
      sourcefile: "readme-examples-entry.ts",
      loader: "ts",
    },
    absWorkingDir: ROOT,
    outfile: OUT,
    bundle: true,
    packages: "external",
    platform: "node",
    target: "node24",
    format: "esm",
    loader: { ".hbs": "text" },
    logLevel: "warning",
  });
  return import(pathToFileURL(OUT).href);
}

/** Every generated file: path relative to the root -> expected content. */
export async function expectedFiles(generator) {
  const sets = await generator.generateExamples();
  const out = {};
  for (const set of sets) {
    for (const [name, content] of Object.entries(set.files)) out[`docs/examples/${name}`] = content;
    const readme = generator.READMES[set.language];
    let current = "";
    try {
      current = readFileSync(join(ROOT, readme), "utf8");
    } catch {
      continue; // no README in that language yet
    }
    out[readme] = generator.rewriteReadme(current, set.sections);
  }
  return out;
}

async function cli(args) {
  const expected = await expectedFiles(await loadGenerator());
  const check = args.includes("--check");
  let stale = 0;
  for (const [path, content] of Object.entries(expected)) {
    const full = join(ROOT, path);
    let current = null;
    try {
      current = readFileSync(full, "utf8");
    } catch {
      // missing
    }
    if (current === content) continue;
    if (check) {
      process.stderr.write(`${path} is stale: run npm run docs:examples\n`);
      stale++;
    } else {
      mkdirSync(join(full, ".."), { recursive: true });
      writeFileSync(full, content);
      process.stdout.write(`wrote ${relative(ROOT, full)}\n`);
    }
  }
  if (check && stale === 0) process.stdout.write("docs/examples and the README examples are up to date\n");
  return stale > 0 ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await cli(process.argv.slice(2));
}
