import type { Probot } from "probot";
import { beforeEach, describe, expect, it } from "vitest";
import { createAppSweepSource } from "../../../src/runs/sweep/app.js";
import { sweepAll } from "../../../src/runs/sweep/sweep.js";
import { postmortemMarkdown } from "../../helpers/postmortems.js";
import { createTestProbot } from "../../helpers/probot.js";
import {
  botLogin,
  calls,
  freezeWrites,
  mergedPull,
  useSimulator,
  writes,
} from "../../helpers/simulated-github.js";
import type { SimProject, SimRepo, Simulator } from "../../simulator/index.js";
import { addInstallation, emptyRepo, followups } from "../sweep/fleet.js";

/** `project:` end to end on the simulator, through the sweep (the merge runs the same `syncProject`). */

const github = useSimulator();
const NOW = new Date("2026-11-25T12:00:00Z");
const PATH = "postmortems/2026-11-01-gateway.md";
const STATUS = ["Open", "Overdue", "Done and validated", "Done, not validated", "Not doing"];

let probot: Probot;
beforeEach(async () => {
  ({ probot } = await createTestProbot(() => {}, { baseUrl: github.sim.url }));
});

const sweep = () =>
  sweepAll(createAppSweepSource(probot, { botLogin: botLogin(github.sim), now: () => NOW }));

/** Every write, GraphQL mutations included, answers 500: "this run must not write". */
function freezeAll(sim: Simulator) {
  freezeWrites(sim);
  sim.inject({
    match: {
      kind: "graphql",
      operation: /^(addProjectItems|setProjectValues|createProjectFields)$/,
      times: Infinity,
    },
    respond: { status: 500, body: { message: "frozen: unexpected write" } },
  });
}

function setUp(config: string, fields: Parameters<Simulator["addProject"]>[1]) {
  const inst = addInstallation(github.sim, 11, "acme");
  const repo = emptyRepo(github.sim, inst, "pay", { files: { ".github/postmortem-followups.yml": config } });
  mergedPull(github.sim, repo, 7, {
    [PATH]: postmortemMarkdown({
      short_term: [
        { id: "gateway", title: "Validate the gateway config", due: "2026-12-20" },
        { id: "canary", title: "Canary config changes", due: "2026-11-20", category: "process" },
      ],
    }),
  });
  const project = github.sim.addProject("acme", fields);
  return { repo, project };
}

/** An item's values by field name, as GitHub shows them (option names, dates, texts). */
function shown(project: SimProject, repo: SimRepo) {
  return project.items.map((item) => {
    const issue = Object.values(repo.issues).find((i) => i.id === item.issue_id)!;
    const values: Record<string, string> = {};
    for (const field of project.fields) {
      const v = item.values[field.node_id];
      if (!v) continue;
      values[field.name] = v.optionId
        ? field.options.find((o) => o.id === v.optionId)!.name
        : (v.date ?? v.text ?? "");
    }
    return { issue: issue.title, values };
  });
}

const CONFIG = "project:\n  owner: acme\n  number: 1\n  fields: { status: Follow-up status }\n";
const ALL_FIELDS = {
  fields: [
    { name: "Follow-up status", dataType: "SINGLE_SELECT" as const, options: STATUS },
    { name: "Due", dataType: "DATE" as const },
    { name: "Severity", dataType: "SINGLE_SELECT" as const, options: ["SEV1", "SEV2", "SEV3", "SEV4"] },
    { name: "Category", dataType: "TEXT" as const },
    {
      name: "Term",
      dataType: "SINGLE_SELECT" as const,
      options: ["Short-term mitigation", "Long-term prevention"],
    },
    { name: "Postmortem", dataType: "TEXT" as const },
  ],
};

describe("project:", () => {
  it("adds every follow-up with its fields; a second sweep with nothing changed writes nothing", async () => {
    const { repo, project } = setUp(CONFIG, ALL_FIELDS);
    github.sim.clearLog();
    const summary = await sweep();
    expect(summary).toMatchObject({ errors: 0 });
    expect(shown(project, repo)).toEqual([
      {
        issue: "Validate the gateway config",
        values: {
          "Follow-up status": "Open",
          Due: "2026-12-20",
          Severity: "SEV2",
          Category: "System",
          Term: "Short-term mitigation",
          Postmortem: PATH,
        },
      },
      {
        issue: "Canary config changes",
        values: {
          "Follow-up status": "Overdue",
          Due: "2026-11-20",
          Severity: "SEV2",
          Category: "Process",
          Term: "Short-term mitigation",
          Postmortem: PATH,
        },
      },
    ]);
    // The items' values come with the tracked issues the sweep reads after its writes (the
    // reminders' read, then the project's, after the reminders' own writes): no read of their
    // own; then one batch of additions, one batch of values.
    const projectCalls = () => calls(github.sim.requests).filter((c) => /project|trackedIssues/i.test(c));
    expect(projectCalls()).toEqual([
      "POST /graphql trackedIssuesInProject",
      "POST /graphql trackedIssuesInProject",
      "POST /graphql addProjectItems",
      "POST /graphql setProjectValues",
    ]);

    // Nothing changed: the probe's tracked issues serve the sweep, so the project is read on its own.
    github.sim.clearLog();
    freezeAll(github.sim);
    expect(await sweep()).toMatchObject({ errors: 0 });
    expect(writes(github.sim)).toEqual([]);
    expect(projectCalls()).toEqual(["POST /graphql projectState"]);
  });

  it("a dry run reads the project and writes nothing to it or to the tracker", async () => {
    const { project } = setUp(`${CONFIG}tracker: true\n`, ALL_FIELDS);
    github.sim.clearLog();
    const summary = await sweepAll(
      createAppSweepSource(probot, { botLogin: botLogin(github.sim), now: () => NOW, dryRun: true }),
    );
    expect(summary).toMatchObject({ errors: 0 });
    expect(writes(github.sim)).toEqual([]);
    expect(project.items).toEqual([]);
  });

  it("writes only what changed: a closed follow-up moves its status and nothing else", async () => {
    const { repo, project } = setUp(CONFIG, ALL_FIELDS);
    await sweep();
    const [first] = followups(github.sim, repo);
    first!.state = "closed";
    first!.state_reason = "not_planned";
    github.sim.clearLog();
    await sweep();
    const set = github.sim.requests.filter((r) => r.operation === "setProjectValues");
    expect(set).toHaveLength(1);
    const variables = (set[0]!.body as { variables: Record<string, { value: unknown }> }).variables;
    const status = project.fields.find((f) => f.name === "Follow-up status")!;
    // not_planned without a recorded reason is still "Not doing" on the board.
    expect(Object.values(variables).map((v) => v.value)).toEqual([
      { singleSelectOptionId: status.options.find((o) => o.name === "Not doing")!.id },
    ]);
  });

  it("a missing field is one problem (the others are written); create_fields: true creates it", async () => {
    const without = { fields: ALL_FIELDS.fields.filter((f) => f.name !== "Severity" && f.name !== "Term") };
    const { repo, project } = setUp(CONFIG, without);
    const summary = await sweep();
    expect(summary.errors).toBe(1);
    expect(shown(project, repo)[0]?.values).toEqual({
      "Follow-up status": "Open",
      Due: "2026-12-20",
      Category: "System",
      Postmortem: PATH,
    });

    github.sim.addCommit(repo, {
      files: { ".github/postmortem-followups.yml": `${CONFIG}  create_fields: true\n` },
    });
    expect(await sweep()).toMatchObject({ errors: 0 });
    const severity = project.fields.find((f) => f.name === "Severity")!;
    expect([severity.dataType, severity.options.map((o) => o.name)]).toEqual([
      "SINGLE_SELECT",
      ["SEV1", "SEV2", "SEV3", "SEV4"],
    ]);
    expect(shown(project, repo)[0]?.values).toMatchObject({
      Severity: "SEV2",
      Term: "Short-term mitigation",
    });
  });

  it("with the Action's GITHUB_TOKEN (github-actions[bot]): one clear line, and no project request at all", async () => {
    setUp(CONFIG, ALL_FIELDS);
    const outcome = await sweepAll(
      createAppSweepSource(probot, { botLogin: "github-actions[bot]", now: () => NOW }),
    );
    expect(outcome.errors).toBe(1);
    expect(
      github.sim.requests.filter((r) => r.kind === "graphql" && /project/i.test(String(r.operation))),
    ).toEqual([]);
  });

  it("a project the token cannot see is one clear line, and nothing is written to it", async () => {
    setUp("project: { owner: acme, number: 9 }\n", ALL_FIELDS);
    const outcome = await sweep();
    expect(outcome.errors).toBe(1);
    expect(
      writes(github.sim).filter((w) => w.kind === "graphql" && /project/i.test(String(w.operation))),
    ).toEqual([]);
  });
});
