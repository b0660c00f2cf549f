import { beforeEach, describe, expect, it } from "vitest";
import app from "../../../src/app/app.js";
import { postmortemMarkdown } from "../../helpers/postmortems.js";
import { createTestProbot, type TestProbot } from "../../helpers/probot.js";
import {
  calls,
  commentsOn,
  issuesOf,
  mergedPullPayload,
  seedPay,
  useSimulator,
  writes,
} from "../../helpers/simulated-github.js";
import type { SimProject, SimRepo } from "../../simulator/index.js";

/**
 * `project:` on the merge path, on the simulator: the items' current values come with the tracked
 * issues the merge reads after its issue writes (one query), and only what differs is written.
 */

const github = useSimulator();
const FILE = "postmortems/2026-11-01-gateway.md";
const CONFIG =
  "project:\n  owner: acme\n  number: 1\n  fields: { status: Follow-up status, category: false, term: false }\n";
const FIELDS = {
  fields: [
    {
      name: "Follow-up status",
      dataType: "SINGLE_SELECT" as const,
      options: ["Open", "Overdue", "Done and validated", "Done, not validated", "Not doing"],
    },
    { name: "Due", dataType: "DATE" as const },
    { name: "Severity", dataType: "SINGLE_SELECT" as const, options: ["SEV1", "SEV2", "SEV3", "SEV4"] },
    { name: "Postmortem", dataType: "TEXT" as const },
  ],
};

let repo: SimRepo;
let project: SimProject;
let t: TestProbot;

beforeEach(async () => {
  repo = seedPay(github.sim, {
    files: { ".github/postmortem-followups.yml": CONFIG },
    collaborators: { alice: "write" },
  });
  project = github.sim.addProject("acme", FIELDS);
  t = await createTestProbot(app, { baseUrl: github.sim.url });
});

function merge(number: number, gatewayDue: string) {
  return mergedPullPayload(github.sim, repo, number, {
    [FILE]: postmortemMarkdown({
      short_term: [
        { id: "gateway", title: "Validate the gateway config", due: gatewayDue },
        { id: "canary", title: "Canary config changes", due: "2099-01-20" },
      ],
    }),
  }).payload;
}

/** The GraphQL requests that read or write the project (the tracked issues' reads included). */
const projectCalls = () => calls(github.sim.requests).filter((c) => /project|trackedIssues/i.test(c));

/** The values of every `setProjectValues` request: field name -> value, in order. */
function valuesWritten() {
  return github.sim.requests
    .filter((r) => r.operation === "setProjectValues")
    .flatMap((r) =>
      Object.values((r.body as { variables: Record<string, { fieldId: string; value: unknown }> }).variables),
    )
    .map((w) => [project.fields.find((f) => f.node_id === w.fieldId)?.name, w.value]);
}

describe("project: on a merge", () => {
  it("reads the items' values with the tracked issues, and writes only what an edit changed", async () => {
    await t.receive("pull_request", merge(7, "2099-01-10"));
    expect(project.items).toHaveLength(2);
    expect(projectCalls()).toEqual([
      "POST /graphql trackedIssuesInProject", // after the issues were created: no read of the project's own
      "POST /graphql addProjectItems",
      "POST /graphql setProjectValues",
    ]);
    expect(valuesWritten()).toHaveLength(8); // 2 items x status, due, severity, postmortem

    // A later pull request moves one due date: the issue is updated, the tracked issues are read
    // again with the items' values, and the one value that differs is the one written.
    github.sim.clearLog();
    await t.receive("pull_request", merge(10, "2099-02-01"));
    expect(projectCalls()).toEqual([
      "POST /graphql trackedIssuesInProject",
      "POST /graphql setProjectValues",
    ]);
    expect(valuesWritten()).toEqual([["Due", { date: "2099-02-01" }]]);
  });

  it("a token the larger query is refused to: the plain query is read, the issues are all there, and the project is one line", async () => {
    const refused = {
      status: 200,
      body: {
        data: null,
        errors: [{ type: "FORBIDDEN", message: "Resource not accessible by integration", path: ["project"] }],
      },
    };
    github.sim.inject({ match: { kind: "graphql", operation: "trackedIssuesInProject" }, respond: refused });
    github.sim.inject({ match: { kind: "graphql", operation: "projectState" }, respond: refused });
    await t.receive("pull_request", merge(7, "2099-01-10"));

    expect(issuesOf(repo).map((i) => i.title)).toEqual([
      "Validate the gateway config",
      "Canary config changes",
    ]);
    expect(projectCalls()).toEqual([
      "POST /graphql trackedIssuesInProject",
      "POST /graphql trackedIssues",
      "POST /graphql projectState",
    ]);
    expect(writes(github.sim).filter((w) => /project/i.test(String(w.operation)))).toEqual([]);
    const summary = commentsOn(repo, 7).map((c) => c.body ?? "");
    expect(summary.join("\n")).toContain("- project: cannot use project `acme/1`");
  });
});
