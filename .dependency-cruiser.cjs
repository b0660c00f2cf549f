/**
 * Layering rules of postmortem-followups (issue 13), run by `npm run lint`.
 *
 * Rooms (see docs/architecture.md):
 * - pure core: postmortem, config, diagnostics, followups, validation, progress, check, markers, render
 *   (parse, validate, plan, render: no I/O, no GitHub client, no Probot);
 * - the GitHub adapter: github/ (the only place that imports Octokit, apart from the two entries that build
 *   an Octokit themselves, named below);
 * - orchestration and entries: handlers, sync, sweep, schedule, cli, action, docs, app.ts, server.ts, ...
 *
 * `tsPreCompilationDeps: true` makes `import type` count: a core file that takes a port type from github/
 * depends on the adapter as surely as one that imports a value, so the ports live in the core
 * (progress/ports.ts, check/ports.ts, ...) and github/ implements them.
 */
const CORE = "^src/(postmortem|config|diagnostics|followups|validation|progress|check|markers|render)/";
const IO =
  "^src/(github|handlers|sync|sweep|cli|action|schedule|docs)/|^src/(app|server|startup|health)\\.[jt]s$";

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "No import cycles, between files or between folders.",
      from: {},
      to: { circular: true },
    },
    {
      name: "core-no-io-packages",
      severity: "error",
      comment:
        "The pure core (parse, validate, plan, render) imports no Probot, Octokit, Redis or sockets: it is tested with plain data.",
      from: { path: CORE },
      to: {
        dependencyTypes: ["npm", "npm-dev", "npm-optional", "npm-peer", "npm-no-pkg", "npm-unknown", "core"],
        path: [
          "^(probot|pino|ioredis|@octokit/)",
          "(^|/)node_modules/(probot|pino|ioredis|@octokit)/",
          "^(node:)?(net|tls|http|https|dgram)$",
        ],
      },
    },
    {
      name: "core-not-upward",
      severity: "error",
      comment:
        "The pure core imports nothing from the adapter, the orchestration or the entries (not even a type: ports belong to the core).",
      from: { path: CORE },
      to: { path: IO },
    },
    {
      name: "only-github-imports-octokit",
      severity: "error",
      comment:
        "Only the GitHub adapter talks to Octokit. Exceptions: action/octokit.ts builds the Action's Octokit (throttling, retries) from a token.",
      from: { path: "^src/", pathNot: ["^src/github/", "^src/action/octokit\\.[jt]s$"] },
      to: { path: ["^@octokit/", "(^|/)node_modules/@octokit/"] },
    },
    {
      name: "handlers-not-cli",
      severity: "error",
      comment:
        "The Probot handlers and the CLI are two entries over the same runs: neither imports the other.",
      from: { path: "^src/handlers/" },
      to: { path: "^src/cli/" },
    },
    {
      name: "cli-not-handlers",
      severity: "error",
      comment:
        "The Probot handlers and the CLI are two entries over the same runs: neither imports the other.",
      from: { path: "^src/cli/" },
      to: { path: "^src/handlers/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default"],
      extensions: [".js"],
    },
  },
};
