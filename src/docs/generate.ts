import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { schemaText } from "../cli/schema.js";
import { configReferenceMarkdown } from "./config-reference.js";

/**
 * The files generated from the schemas, committed so editors and readers find them in the
 * repository. `npm run schema` (and `npm run docs:config`) write them; `--check` only reports
 * stale files, and a test does the same.
 */
export function generatedFiles(): { path: string; content: string }[] {
  return [
    { path: "schema/postmortem.schema.json", content: schemaText("postmortem") },
    { path: "schema/config.schema.json", content: schemaText("config") },
    { path: "docs/configuration.md", content: configReferenceMarkdown() },
  ];
}

const ROOT = new URL("../../", import.meta.url);

async function run(check: boolean): Promise<number> {
  let stale = 0;
  for (const file of generatedFiles()) {
    const target = new URL(file.path, ROOT);
    const current = await readFile(target, "utf8").catch(() => null);
    if (current === file.content) continue;
    if (check) {
      stale++;
      process.stderr.write(`${file.path} is stale: run npm run schema\n`);
    } else {
      await writeFile(target, file.content);
      process.stdout.write(`wrote ${file.path}\n`);
    }
  }
  return stale > 0 ? 1 : 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exitCode = await run(process.argv.includes("--check"));
}
