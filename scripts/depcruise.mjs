#!/usr/bin/env node
/**
 * Runs dependency-cruiser over src/ with .dependency-cruiser.cjs (the layering rules, issue 13).
 *
 * Why a wrapper: dependency-cruiser 18 parses TypeScript with the TypeScript compiler API, which
 * typescript 7.0 (this project's compiler) does not expose yet (it needs >= 7.1). So this script
 * turns every src/ file into plain JavaScript with Node's own type stripper, first rewriting
 * type-only imports (`import type`, `import { type X }`, `export type { X } from`) into value
 * imports so that a type-only dependency still counts — a core file that takes a port type from
 * github/ depends on the adapter. It writes the mirror into .depcruise/ (git-ignored; the
 * project's node_modules stays reachable from there) and cruises it.
 *
 *   node scripts/depcruise.mjs                 check the rules and that no folders form a cycle (npm run lint)
 *   node scripts/depcruise.mjs --mermaid       print the folder graph in Mermaid
 *   node scripts/depcruise.mjs --write-docs    write that graph into docs/architecture.md (npm run docs:architecture)
 *   node scripts/depcruise.mjs --check-docs    fail when docs/architecture.md's graph is stale (test/docs)
 */
import { mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import { stripTypeScriptTypes } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describeCycles, folderCycles } from "./folder-cycles.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const MIRROR = join(ROOT, ".depcruise", String(process.pid));
const DOC = join(ROOT, "docs/architecture.md");
const BEGIN = "<!-- BEGIN GENERATED: folder dependencies (npm run docs:architecture) -->";
const END = "<!-- END GENERATED: folder dependencies -->";

/** Type-only imports and re-exports become value imports, so that dependency-cruiser sees them. */
export function keepTypeImports(source) {
  return source
    .replace(/\bimport\s+type\s+/g, "import ")
    .replace(/\bexport\s+type\s+(\{[^}]*\}\s*from\b)/g, "export $1")
    .replace(
      /\b(import|export)(\s*\{)([^}]*)(\}\s*from\b)/g,
      (_m, kw, open, names, close) =>
        `${kw}${open}${names.replace(/(^|[,{\s])type\s+(?=[A-Za-z_$])/g, "$1")}${close}`,
    );
}

function* tsFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* tsFiles(path);
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) yield path;
  }
}

export function mirror() {
  rmSync(MIRROR, { recursive: true, force: true });
  for (const file of tsFiles(join(ROOT, "src"))) {
    const js = stripTypeScriptTypes(keepTypeImports(readFileSync(file, "utf8")), { mode: "transform" });
    const out = join(MIRROR, relative(ROOT, file)).replace(/\.ts$/, ".js");
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, js);
  }
}

/** The doc with `graph` (Mermaid text) between its markers. */
export function rewriteDoc(doc, graph) {
  const from = doc.indexOf(BEGIN);
  const to = doc.indexOf(END);
  if (from < 0 || to < from) throw new Error(`docs/architecture.md has no ${BEGIN} ... ${END} block`);
  return `${doc.slice(0, from + BEGIN.length)}\n\n\`\`\`mermaid\n${graph.trim()}\n\`\`\`\n\n${doc.slice(to)}`;
}

/** Folders of src/ (and its top-level files) and which import which, in Mermaid. */
async function folderGraph() {
  const { cruise } = await import("dependency-cruiser");
  const result = await cruise(["src"], {
    includeOnly: "^src/",
    collapse: "^src/[^/]+",
    outputType: "mermaid",
  });
  return result.output.replace(/\.js"\]/g, '.ts"]');
}

async function main() {
  const args = process.argv.slice(2);
  mirror();
  const cwd = process.cwd();
  process.chdir(MIRROR);
  try {
    if (args.includes("--mermaid") || args.includes("--write-docs") || args.includes("--check-docs")) {
      const graph = await folderGraph();
      if (args.includes("--mermaid")) process.stdout.write(graph);
      else {
        const doc = readFileSync(DOC, "utf8");
        const next = rewriteDoc(doc, graph);
        if (args.includes("--write-docs")) writeFileSync(DOC, next);
        else if (next !== doc) {
          process.stderr.write(
            "docs/architecture.md: the folder graph is stale: run npm run docs:architecture\n",
          );
          process.exitCode = 1;
        } else process.stdout.write("docs/architecture.md: the folder graph is up to date\n");
      }
      return;
    }
    await checkRules();
  } finally {
    process.chdir(cwd);
    rmSync(MIRROR, { recursive: true, force: true });
    try {
      rmdirSync(dirname(MIRROR)); // only when no other run is using it
    } catch {}
  }
}

async function checkRules() {
  const { cruise, format } = await import("dependency-cruiser");
  const config = (await import(join(ROOT, ".dependency-cruiser.cjs"))).default;
  const result = await cruise(["src"], {
    ...config.options,
    validate: true,
    ruleSet: { forbidden: config.forbidden },
    outputType: "json",
  });
  const cruised = JSON.parse(result.output);
  const rules = await format(cruised, { outputType: "err" });
  process.stdout.write(`${rules.output}\n`);
  const found = folderCycles(
    cruised.modules.flatMap((m) =>
      m.dependencies
        .filter((d) => d.resolved.startsWith("src/"))
        .map((d) => [m.source.replace(/\.js$/, ".ts"), d.resolved.replace(/\.js$/, ".ts")]),
    ),
  );
  if (found.length > 0) process.stdout.write(`${describeCycles(found).join("\n")}\n\n`);
  process.stdout.write(
    found.length === 0
      ? "no folder cycles (scripts/folder-cycles.mjs)\n"
      : `${found.length} folder cycle(s): break each by moving the code to the folder that owns it\n`,
  );
  process.exitCode = rules.exitCode === 0 && found.length === 0 ? 0 : 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
