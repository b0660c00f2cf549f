#!/usr/bin/env node
// Thin launcher: checks the Node version, then runs the CLI compiled to lib/ by `npm run build`.
// Both checks happen before lib/ is imported, so each problem is one line on stderr, not a stack trace.
import { existsSync } from "node:fs";
import { nodeVersionProblem } from "./node-version.js";

const problem = nodeVersionProblem(process.versions.node, process.env);
if (problem) {
  console.error(problem);
  process.exit(2);
}
const cli = new URL("../lib/cli/main.js", import.meta.url);
if (!existsSync(cli)) {
  // A clone that ran `npm install` but not the build (the published package ships lib/).
  console.error(
    "postmortem-followups: the command line is not built yet (lib/cli/main.js is missing): run `npm run build` first.",
  );
  process.exit(2);
}
const { main } = await import(cli.href);
process.exitCode = await main(process.argv.slice(2));
