import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type SimRepo, type Simulator, startSimulator } from "./index.js";

let sim: Simulator;
let central: SimRepo;
let pay: SimRepo;

function octokit(baseUrl = sim.url): Octokit {
  return new Octokit({
    baseUrl,
    auth: sim.createInstallationToken(),
    log: { debug() {}, info() {}, warn() {}, error() {} },
  });
}

async function status(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
    return 200;
  } catch (error) {
    return (error as { status: number }).status;
  }
}

function expectClean() {
  expect(sim.violations).toEqual([]);
  expect(sim.responseViolations).toEqual([]);
  expect(sim.unimplemented).toEqual([]);
}

beforeAll(async () => {
  sim = await startSimulator({ checkResponses: true });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.reset();
  central = sim.seedRepo({ owner: "acme", ownerType: "Organization", name: "incidents" });
  pay = sim.seedRepo({ owner: "acme", ownerType: "Organization", name: "payments" });
});

describe("sub-issues (REST)", () => {
  it("adds, lists, reorders and removes sub-issues across repositories of one owner, with the summary", async () => {
    const gh = octokit();
    const parent = sim.createIssue(central, { title: "Tracker" });
    const a = sim.createIssue(central, { title: "A" });
    const b = sim.createIssue(pay, { title: "B" });
    const added = await gh.rest.issues.addSubIssue({
      owner: "acme",
      repo: "incidents",
      issue_number: parent.number,
      sub_issue_id: a.id,
    });
    expect(added.status).toBe(201);
    expect(added.data.number).toBe(a.number);
    await gh.rest.issues.addSubIssue({
      owner: "acme",
      repo: "incidents",
      issue_number: parent.number,
      sub_issue_id: b.id,
    });
    sim.state.repos["acme/payments"]!.issues[String(b.number)]!.state = "closed";
    const listed = await gh.rest.issues.listSubIssues({
      owner: "acme",
      repo: "incidents",
      issue_number: parent.number,
    });
    expect(listed.data.map((i) => i.title)).toEqual(["A", "B"]);
    const got = await gh.rest.issues.get({ owner: "acme", repo: "incidents", issue_number: parent.number });
    expect(got.data.sub_issues_summary).toEqual({ total: 2, completed: 1, percent_completed: 50 });

    await gh.rest.issues.reprioritizeSubIssue({
      owner: "acme",
      repo: "incidents",
      issue_number: parent.number,
      sub_issue_id: b.id,
      before_id: a.id,
    });
    expect(parent.sub_issues).toEqual([b.id, a.id]);
    await gh.rest.issues.removeSubIssue({
      owner: "acme",
      repo: "incidents",
      issue_number: parent.number,
      sub_issue_id: a.id,
    });
    expect(parent.sub_issues).toEqual([b.id]);
    expect(a.parent_id).toBeNull();
    expectClean();
  });

  it("refuses a duplicate, a second parent and another owner's issue with 422", async () => {
    const gh = octokit();
    const other = sim.seedRepo({ owner: "elsewhere", name: "x" });
    const parent = sim.createIssue(central, { title: "Tracker" });
    const second = sim.createIssue(central, { title: "Tracker 2" });
    const a = sim.createIssue(central, { title: "A" });
    const foreign = sim.createIssue(other, { title: "F" });
    const add = (n: number, id: number, replace?: boolean) =>
      gh.rest.issues.addSubIssue({
        owner: "acme",
        repo: "incidents",
        issue_number: n,
        sub_issue_id: id,
        ...(replace ? { replace_parent: true } : {}),
      });
    expect(await status(add(parent.number, a.id))).toBe(200);
    expect(await status(add(parent.number, a.id))).toBe(422);
    expect(await status(add(second.number, a.id))).toBe(422);
    expect(await status(add(parent.number, foreign.id))).toBe(422);
    expect(await status(add(second.number, a.id, true))).toBe(200);
    expect(parent.sub_issues).toEqual([]);
    expect(second.sub_issues).toEqual([a.id]);
  });

  it("answers 404 everywhere and leaves the summary out when the API is missing (older GHES)", async () => {
    const gh = octokit();
    sim.setSubIssues(false);
    const parent = sim.createIssue(central, { title: "Tracker" });
    const a = sim.createIssue(central, { title: "A" });
    const params = { owner: "acme", repo: "incidents", issue_number: parent.number };
    expect(await status(gh.rest.issues.addSubIssue({ ...params, sub_issue_id: a.id }))).toBe(404);
    expect(await status(gh.rest.issues.listSubIssues(params))).toBe(404);
    expect(parent.sub_issues).toBeUndefined();
    const got = await gh.rest.issues.get(params);
    expect(got.data).not.toHaveProperty("sub_issues_summary");
    sim.reset();
    expect(sim.state.sub_issues).toBe(true);
  });

  it("is not in the GHES descriptions @octokit/openapi ships, so /api/v3 answers 404 with a violation", async () => {
    const parent = sim.createIssue(central, { title: "Tracker" });
    const gh = octokit(sim.ghesUrl);
    expect(
      await status(
        gh.rest.issues.listSubIssues({ owner: "acme", repo: "incidents", issue_number: parent.number }),
      ),
    ).toBe(404);
    expect(sim.violations.map((v) => v.kind)).toEqual(["unknown-endpoint"]);
  });
});

describe("transferIssue (GraphQL)", () => {
  it("moves an issue with its comments, keeps its node id and only the labels the target has", async () => {
    const gh = octokit();
    sim.addLabel(central, "bug");
    sim.addLabel(pay, "bug");
    sim.addLabel(central, "sre");
    const issue = sim.createIssue(central, { title: "Move me", labels: ["bug", "sre"] });
    sim.addComment(central, issue.number, "hello");
    const data = await gh.graphql<{
      transferIssue: { issue: { number: number; repository: { nameWithOwner: string } } };
    }>(
      `mutation Move($issue: ID!, $repo: ID!) {
        transferIssue(input: { issueId: $issue, repositoryId: $repo }) { issue { number repository { nameWithOwner } } }
      }`,
      { issue: issue.node_id, repo: pay.node_id },
    );
    expect(data.transferIssue.issue).toEqual({ number: 1, repository: { nameWithOwner: "acme/payments" } });
    expect(central.issues["1"]).toBeUndefined();
    expect(pay.issues["1"]?.node_id).toBe(issue.node_id);
    expect(pay.issues["1"]?.labels).toEqual(["bug"]);
    expect(pay.comments.map((c) => [c.issue_number, c.body])).toEqual([[1, "hello"]]);
    expectClean();
  });

  it("refuses a repository of another owner", async () => {
    const other = sim.seedRepo({ owner: "elsewhere", name: "x" });
    const issue = sim.createIssue(central, { title: "Stay" });
    const result = await octokit()
      .graphql(
        `mutation { transferIssue(input: { issueId: "${issue.node_id}", repositoryId: "${other.node_id}" }) { issue { number } } }`,
      )
      .catch((e: { errors: Array<{ message: string }> }) => e.errors);
    expect(result).toEqual([expect.objectContaining({ message: expect.stringContaining("same owner") })]);
    expect(central.issues[String(issue.number)]).toBe(issue);
  });
});

describe("Projects v2 (GraphQL)", () => {
  const PROJECT = `query P($org: String!, $n: Int!) {
    organization(login: $org) { projectV2(number: $n) { id title
      fields(first: 50) { nodes { __typename ... on ProjectV2FieldCommon { id name dataType }
        ... on ProjectV2SingleSelectField { options { id name } } } }
      items(first: 100) { nodes { id content { ... on Issue { number } }
        status: fieldValueByName(name: "Status") { ... on ProjectV2ItemFieldSingleSelectValue { name optionId } }
        due: fieldValueByName(name: "Due") { ... on ProjectV2ItemFieldDateValue { date } }
        fieldValues(first: 20) { nodes { __typename } } } } } } }`;

  interface Project {
    organization: {
      projectV2: {
        id: string;
        title: string;
        fields: {
          nodes: Array<{
            __typename: string;
            id: string;
            name: string;
            dataType: string;
            options?: Array<{ id: string; name: string }>;
          }>;
        };
        items: {
          nodes: Array<{
            id: string;
            content: { number: number };
            status: { name: string; optionId: string } | null;
            due: { date: string } | null;
            fieldValues: { nodes: Array<{ __typename: string }> };
          }>;
        };
      };
    };
  }

  it("adds an issue once, sets single-select and date values, creates a field, and reads them back", async () => {
    const gh = octokit();
    const project = sim.addProject("acme", {
      title: "Follow-ups",
      fields: [{ name: "Due", dataType: "DATE" }],
    });
    const issue = sim.createIssue(pay, { title: "Fix retries" });
    const read = () => gh.graphql<Project>(PROJECT, { org: "acme", n: project.number });
    const p1 = (await read()).organization.projectV2;
    expect(p1.fields.nodes.map((f) => [f.__typename, f.name, f.dataType])).toEqual([
      ["ProjectV2Field", "Title", "TITLE"],
      ["ProjectV2SingleSelectField", "Status", "SINGLE_SELECT"],
      ["ProjectV2Field", "Due", "DATE"],
    ]);
    const add = `mutation A($p: ID!, $c: ID!) { addProjectV2ItemById(input: { projectId: $p, contentId: $c }) { item { id } } }`;
    const item = (
      await gh.graphql<{ addProjectV2ItemById: { item: { id: string } } }>(add, {
        p: p1.id,
        c: issue.node_id,
      })
    ).addProjectV2ItemById.item.id;
    const again = (
      await gh.graphql<{ addProjectV2ItemById: { item: { id: string } } }>(add, {
        p: p1.id,
        c: issue.node_id,
      })
    ).addProjectV2ItemById.item.id;
    expect(again).toBe(item);
    const status = p1.fields.nodes.find((f) => f.name === "Status")!;
    const due = p1.fields.nodes.find((f) => f.name === "Due")!;
    const set = `mutation S($p: ID!, $i: ID!, $f: ID!, $v: ProjectV2FieldValue!) {
      updateProjectV2ItemFieldValue(input: { projectId: $p, itemId: $i, fieldId: $f, value: $v }) { projectV2Item { id } } }`;
    await gh.graphql(set, {
      p: p1.id,
      i: item,
      f: status.id,
      v: { singleSelectOptionId: status.options![2]!.id },
    });
    await gh.graphql(set, { p: p1.id, i: item, f: due.id, v: { date: "2026-12-24" } });
    const created = await gh.graphql<{
      createProjectV2Field: { projectV2Field: { name: string; options: Array<{ name: string }> } };
    }>(
      `mutation C($p: ID!) { createProjectV2Field(input: { projectId: $p, dataType: SINGLE_SELECT, name: "Severity",
        singleSelectOptions: [{ name: "SEV1", color: RED, description: "" }] }) {
        projectV2Field { ... on ProjectV2SingleSelectField { name options { name } } } } }`,
      { p: p1.id },
    );
    expect(created.createProjectV2Field.projectV2Field).toEqual({
      name: "Severity",
      options: [{ name: "SEV1" }],
    });

    const p2 = (await read()).organization.projectV2;
    expect(p2.items.nodes).toEqual([
      {
        id: item,
        content: { number: issue.number },
        status: { name: "Done", optionId: status.options![2]!.id },
        due: { date: "2026-12-24" },
        fieldValues: {
          nodes: [
            { __typename: "ProjectV2ItemFieldTextValue" },
            { __typename: "ProjectV2ItemFieldSingleSelectValue" },
            { __typename: "ProjectV2ItemFieldDateValue" },
          ],
        },
      },
    ]);
    const viaIssue = await gh.graphql<{
      repository: { issue: { projectItems: { nodes: Array<{ id: string }> } } };
    }>(
      `query { repository(owner: "acme", name: "payments") { issue(number: ${issue.number}) { projectItems(first: 10) { nodes { id } } } } }`,
    );
    expect(viaIssue.repository.issue.projectItems.nodes).toEqual([{ id: item }]);
    expectClean();
  });

  it("answers an issue's items with values by field name (case-insensitive, as GitHub) nested in an issue list", async () => {
    const gh = octokit();
    const project = sim.addProject("acme", { fields: [{ name: "Due", dataType: "DATE" }] });
    const other = sim.addProject("acme");
    const issue = sim.createIssue(pay, { title: "Fix retries", labels: ["followup"] });
    const due = project.fields.find((f) => f.name === "Due")!;
    const status = project.fields.find((f) => f.name === "Status")!;
    for (const p of [other, project])
      await gh.graphql(
        `mutation { addProjectV2ItemById(input: { projectId: "${p.node_id}", contentId: "${issue.node_id}" }) { item { id } } }`,
      );
    const item = project.items[0]!;
    item.values[due.node_id] = { date: "2026-12-24", updated_at: item.updated_at };
    item.values[status.node_id] = { optionId: status.options[0]!.id, updated_at: item.updated_at };
    const data = await gh.graphql<{
      repository: { issues: { nodes: Array<{ projectItems: { nodes: unknown[] } }> } };
    }>(
      `query Q($due: String!, $status: String!) { repository(owner: "acme", name: "payments") {
        issues(first: 100, labels: ["followup"]) { nodes { projectItems(first: 20) { nodes { id project { id }
          due: fieldValueByName(name: $due) { ...V }
          status: fieldValueByName(name: $status) { ...V }
          missing: fieldValueByName(name: "Severity") { ...V } } } } } } }
      fragment V on ProjectV2ItemFieldValue { __typename
        ... on ProjectV2ItemFieldDateValue { date field { ... on ProjectV2FieldCommon { id } } }
        ... on ProjectV2ItemFieldSingleSelectValue { optionId field { ... on ProjectV2FieldCommon { id } } }
        ... on ProjectV2ItemFieldTextValue { text field { ... on ProjectV2FieldCommon { id } } } }`,
      { due: "due", status: "STATUS" },
    );
    // Both projects' items (the caller keeps its project's); a name no field has answers null.
    expect(data.repository.issues.nodes[0]!.projectItems.nodes).toEqual([
      {
        id: item.node_id,
        project: { id: project.node_id },
        due: { __typename: "ProjectV2ItemFieldDateValue", date: "2026-12-24", field: { id: due.node_id } },
        status: {
          __typename: "ProjectV2ItemFieldSingleSelectValue",
          optionId: status.options[0]!.id,
          field: { id: status.node_id },
        },
        missing: null,
      },
      { id: other.items[0]!.node_id, project: { id: other.node_id }, due: null, status: null, missing: null },
    ]);
    expectClean();
  });

  it("refuses a value of the wrong type, an unknown option, a taken field name, and a missing project", async () => {
    const gh = octokit();
    const project = sim.addProject("acme");
    const issue = sim.createIssue(pay, { title: "x" });
    const { addProjectV2ItemById } = await gh.graphql<{ addProjectV2ItemById: { item: { id: string } } }>(
      `mutation { addProjectV2ItemById(input: { projectId: "${project.node_id}", contentId: "${issue.node_id}" }) { item { id } } }`,
    );
    const status = project.fields[1]!;
    const errors = (q: string) =>
      gh.graphql(q).then(
        () => [],
        (e: { errors: Array<{ message: string }> }) => e.errors.map((x) => x.message),
      );
    const update = (value: string) =>
      `mutation { updateProjectV2ItemFieldValue(input: { projectId: "${project.node_id}", itemId: "${addProjectV2ItemById.item.id}", fieldId: "${status.node_id}", value: ${value} }) { projectV2Item { id } } }`;
    expect(await errors(update(`{ text: "Done" }`))).toEqual([
      expect.stringContaining("singleSelectOptionId"),
    ]);
    expect(await errors(update(`{ singleSelectOptionId: "nope" }`))).toEqual([
      expect.stringContaining("does not belong"),
    ]);
    expect(
      await errors(
        `mutation { createProjectV2Field(input: { projectId: "${project.node_id}", dataType: TEXT, name: "status" }) { clientMutationId } }`,
      ),
    ).toEqual(["Name has already been taken"]);
    expect(await errors(`{ organization(login: "acme") { projectV2(number: 9) { id } } }`)).toEqual([
      expect.stringContaining("Could not resolve to a ProjectV2"),
    ]);
    expect(project.items[0]?.values).toEqual({});
  });
});
