/**
 * Layering rules of postmortem-followups (issue 13), run by `npm run lint`. The rooms, bottom to top
 * (see docs/architecture.md):
 *
 *   text/     every user-visible string, the templates loader, Korean particles, sanitising
 *   domain/   pure: parse, validate, plan, progress, check output, markers; the ports (gateway interfaces)
 *   github/   the only adapter that talks to GitHub (Octokit)
 *   infra/    repository locks (memory, Redis), command limits, bot identity, startup
 *   runs/     one folder per use case (merge, check, weekly, sweep): orchestration over the ports
 *   app/, cli/, action/   entries: the Probot app and its handlers, the command line, the GitHub Action
 *   docs/     generators of docs/configuration.md and schema/*.json
 *
 * A file imports only from its own room or a room below it. `tsPreCompilationDeps: true` makes
 * `import type` count: a domain file that takes a port type from github/ depends on the adapter as surely
 * as one that imports a value, so the ports live in domain/ and github/ implements them.
 *
 * Cycles between folders (every folder at every depth, each one unit seen from outside) are checked over
 * the same cruise by scripts/folder-cycles.mjs (dependency-cruiser has no rule for them); `no-circular`
 * below covers cycles between files.
 */
const IO_PACKAGES = [
  "^(probot|pino|ioredis|@octokit/)",
  "(^|/)node_modules/(probot|pino|ioredis|@octokit)/",
  "^(node:)?(net|tls|http|https|dgram)$",
];
const NPM = ["npm", "npm-dev", "npm-optional", "npm-peer", "npm-no-pkg", "npm-unknown", "core"];

/** room -> the rooms it may import from (itself included). */
const ALLOWED = {
  text: ["text"],
  domain: ["domain", "text"],
  github: ["github", "domain", "text"],
  infra: ["infra", "domain", "text"],
  runs: ["runs", "github", "infra", "domain", "text"],
  app: ["app", "runs", "github", "infra", "domain", "text"],
  cli: ["cli", "runs", "github", "infra", "domain", "text"],
  action: ["action", "app", "cli", "runs", "github", "infra", "domain", "text"],
  docs: ["docs", "cli", "domain", "text"],
};

const layerRules = Object.entries(ALLOWED).map(([room, allowed]) => ({
  name: `layer-${room}`,
  severity: "error",
  comment: `${room}/ imports only from ${allowed.join(", ")} (dependencies point down).`,
  from: { path: `^src/${room}/` },
  to: { path: "^src/", pathNot: allowed.map((r) => `^src/${r}/`) },
}));

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "No import cycles between files.",
      from: {},
      to: { circular: true },
    },
    ...layerRules,
    {
      name: "pure-no-io-packages",
      severity: "error",
      comment:
        "text/ and domain/ (parse, validate, plan, render) import no Probot, Octokit, Redis or sockets: they are tested with plain data.",
      from: { path: "^src/(domain|text)/" },
      to: { dependencyTypes: NPM, path: IO_PACKAGES },
    },
    {
      name: "only-github-imports-octokit",
      severity: "error",
      comment:
        "Only the GitHub adapter talks to Octokit (the Action's Octokit plugin is github/action-octokit.ts).",
      from: { path: "^src/", pathNot: "^src/github/" },
      to: { path: ["^@octokit/", "(^|/)node_modules/@octokit/"] },
    },
    {
      name: "only-github-builds-gateways",
      severity: "error",
      comment:
        "Handlers, the CLI, the Action and the runs never choose a GitHub implementation: they open a repository with github/repository.ts (openRepository) and depend on the ports (domain/ports.ts).",
      from: { path: "^src/", pathNot: "^src/github/" },
      to: {
        path: "^src/github/(gateway|primed-gateway|primed-reads|checks|validation-ports|evidence-resolver|issue-links|read-cache|owner-config|probe|probe-map|probe\\.graphql|tracked-issues\\.graphql)\\.[jt]s$",
      },
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
