#!/usr/bin/env node
// `npm start` and `npm test` run this first (prestart, pretest): on a Node older than the project needs,
// one line and exit 1 before the build or the test runner starts and fails in less readable ways.
import { nodeVersionProblem } from "../bin/node-version.js";

const problem = nodeVersionProblem(process.versions.node, process.env);
if (problem) {
  console.error(problem);
  process.exit(1);
}
