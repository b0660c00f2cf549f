import type { ProjectFieldKey } from "../domain/config/project-keys.js";
import type {
  FieldToCreate,
  ItemValues,
  ProjectField,
  ProjectRef,
  ProjectSnapshot,
  ProjectValue,
  ProjectValueWrite,
} from "../domain/followups/project.js";
import type { TrackedIssue } from "../domain/ports.js";
import { type GitHubClient, graphqlPaginate } from "./client.js";
import { fieldAlias, fieldNames, projectKeys, projectStateQuery } from "./projects.graphql.js";
import { trackedIssuesQuery } from "./tracked-issues.graphql.js";
import { type TrackedIssueNode, toTrackedIssue } from "./tracked-issues.js";

/**
 * Projects (v2), GraphQL only: the project's fields and the follow-ups' items with their values in
 * ONE read (per 100 issues), folded into the tracked-issue query when the run reads the tracked
 * issues anyway (`listTrackedIssuesInProject`), else on its own (`readProject`); then at most one
 * request of additions and one of value writes, each a batch of aliased mutations
 * (`a0: addProjectV2ItemById(...)`), as `createLabels` does.
 */

/** Mutations per request: GitHub rate-limits GraphQL by cost, and a batch is all-or-partial. */
const BATCH = 50;

interface ValueNode {
  __typename?: string;
  text?: string | null;
  date?: string | null;
  optionId?: string | null;
  field?: { id?: string } | null;
}
/** An issue's item as `...ProjectItemsOfIssue` answers it (./projects.graphql.ts): a value per field alias. */
type ItemNode = { id: string; project: { id: string } } & Record<string, unknown>;
interface ProjectItemsNode {
  id?: string;
  projectItems?: { nodes: (ItemNode | null)[] } | null;
}
interface ProjectNode {
  id: string;
  fields: {
    nodes: ({
      id?: string;
      name?: string;
      dataType?: string;
      options?: { id: string; name: string }[];
    } | null)[];
  };
}
interface ProjectData {
  repositoryOwner: { projectV2?: ProjectNode | null } | null;
  nodes: (ProjectItemsNode | null)[];
}

/** The project as read (its fields), with no items yet. */
function projectOf(p: ProjectNode): ProjectSnapshot {
  return {
    id: p.id,
    fields: p.fields.nodes.flatMap((f): ProjectField[] =>
      f?.id && f.name
        ? [{ id: f.id, name: f.name, dataType: f.dataType ?? "", options: f.options ?? [] }]
        : [],
    ),
    items: new Map(),
  };
}

/** The issue's item in `snapshot`'s project, with the values read, added to `snapshot.items`. */
function addItemOf(snapshot: ProjectSnapshot, node: ProjectItemsNode, keys: readonly ProjectFieldKey[]) {
  const item = node.projectItems?.nodes.find((i) => i?.project.id === snapshot.id);
  if (!node.id || !item) return;
  const values: ItemValues = {};
  for (const key of keys) {
    const v = item[fieldAlias(key)] as ValueNode | null | undefined;
    const field = v?.field?.id;
    if (!v || !field) continue;
    if (typeof v.optionId === "string") values[field] = { singleSelectOptionId: v.optionId };
    else if (typeof v.date === "string") values[field] = { date: v.date.slice(0, 10) };
    else if (typeof v.text === "string") values[field] = { text: v.text };
  }
  snapshot.items.set(node.id, { id: item.id, values });
}

/** The project (null when the owner has no such project) and each issue's item in it. */
export async function readProject(
  octokit: GitHubClient,
  project: ProjectRef,
  contentIds: readonly string[],
): Promise<ProjectSnapshot | null> {
  let snapshot: ProjectSnapshot | null = null;
  const keys = projectKeys(project.fields);
  const query = projectStateQuery(keys);
  const names = fieldNames(project.fields);
  const chunks: string[][] = [];
  for (let i = 0; i < Math.max(contentIds.length, 1); i += 100) chunks.push(contentIds.slice(i, i + 100));
  for (const ids of chunks) {
    const data = await octokit.graphql<ProjectData>(query, {
      owner: project.owner,
      number: project.number,
      ids,
      ...names,
    });
    const p = data.repositoryOwner?.projectV2;
    if (!p) return null;
    snapshot ??= projectOf(p);
    for (const node of data.nodes) if (node) addItemOf(snapshot, node, keys);
  }
  return snapshot;
}

/** The tracked issues with their items in a project (`project` null: the owner has no such project). */
export interface TrackedInProject {
  issues: TrackedIssue[];
  project: ProjectSnapshot | null;
}

/**
 * The tracked issues with each one's item in the project and the project's fields, in the
 * tracked-issue query itself (one request per 100 issues, ./tracked-issues.graphql.ts): the run
 * that reads the tracked issues anyway gets the project's state with them. `project` is null when
 * the owner has no such project. Any error (a token without Projects access) is thrown as is: the
 * caller reads the plain query instead (./primed-gateway.ts).
 */
export async function listTrackedIssuesInProject(
  octokit: GitHubClient,
  params: { owner: string; repo: string; label: string; project: ProjectRef },
): Promise<TrackedInProject> {
  const keys = projectKeys(params.project.fields);
  const response = await graphqlPaginate(octokit)<{
    repository: { issues: { nodes: ((TrackedIssueNode & ProjectItemsNode) | null)[] } } | null;
    project: { projectV2?: ProjectNode | null } | null;
  }>(trackedIssuesQuery(keys), {
    owner: params.owner,
    repo: params.repo,
    labels: [params.label],
    projectOwner: params.project.owner,
    projectNumber: params.project.number,
    ...fieldNames(params.project.fields),
  });
  const nodes = (response.repository?.issues.nodes ?? []).filter((n) => n !== null);
  const p = response.project?.projectV2;
  const project = p ? projectOf(p) : null;
  if (project) for (const node of nodes) addItemOf(project, node, keys);
  return { issues: nodes.map(toTrackedIssue), project };
}

type Data = Record<string, Record<string, unknown> | null>;

/** Aliased mutations in batches; per alias, its answer or its error. */
async function batch<T>(
  octokit: GitHubClient,
  name: string,
  mutation: string,
  inputType: string,
  selection: string,
  inputs: readonly T[],
): Promise<(Record<string, unknown> | Error)[]> {
  const out: (Record<string, unknown> | Error)[] = [];
  for (let start = 0; start < inputs.length; start += BATCH) {
    const part = inputs.slice(start, start + BATCH);
    const variables: Record<string, unknown> = {};
    const fields = part.map((input, i) => {
      variables[`m${i}`] = input;
      return `m${i}: ${mutation}(input: $m${i}) { ${selection} }`;
    });
    const declared = part.map((_, i) => `$m${i}: ${inputType}!`).join(", ");
    let data: Data;
    let errors: { message?: string; path?: unknown[] }[] = [];
    try {
      data = await octokit.graphql<Data>(
        `mutation ${name}(${declared}) {\n  ${fields.join("\n  ")}\n}`,
        variables,
      );
    } catch (error) {
      const answered = (error as { data?: Data }).data;
      errors = (error as { errors?: typeof errors }).errors ?? [];
      if (!answered || errors.length === 0) throw error;
      data = answered;
    }
    part.forEach((_, i) => {
      const answer = data[`m${i}`];
      const error = errors.find((e) => e.path?.[0] === `m${i}`);
      out.push(answer ?? new Error(error?.message ?? `no answer for ${mutation}`));
    });
  }
  return out;
}

/** Add issues to the project: content id -> the item's id, or what failed. */
export async function addProjectItems(
  octokit: GitHubClient,
  projectId: string,
  contentIds: readonly string[],
): Promise<Map<string, string | Error>> {
  const answers = await batch(
    octokit,
    "addProjectItems",
    "addProjectV2ItemById",
    "AddProjectV2ItemByIdInput",
    "item { id }",
    contentIds.map((contentId) => ({ projectId, contentId })),
  );
  return new Map(
    contentIds.map((id, i) => {
      const a = answers[i];
      const item =
        a instanceof Error ? a : ((a?.item as { id?: string } | undefined)?.id ?? new Error("no item"));
      return [id, item];
    }),
  );
}

/** Write item values: one error per write that failed (none: all written). */
export async function setProjectValues(
  octokit: GitHubClient,
  projectId: string,
  writes: readonly ProjectValueWrite[],
): Promise<Error[]> {
  const answers = await batch(
    octokit,
    "setProjectValues",
    "updateProjectV2ItemFieldValue",
    "UpdateProjectV2ItemFieldValueInput",
    "projectV2Item { id }",
    writes.map((w) => ({
      projectId,
      itemId: w.itemId,
      fieldId: w.fieldId,
      value: w.value satisfies ProjectValue,
    })),
  );
  return answers.filter((a): a is Error => a instanceof Error);
}

/** Create fields (`create_fields: true`); returns those created. */
export async function createProjectFields(
  octokit: GitHubClient,
  projectId: string,
  specs: readonly FieldToCreate[],
): Promise<ProjectField[]> {
  const answers = await batch(
    octokit,
    "createProjectFields",
    "createProjectV2Field",
    "CreateProjectV2FieldInput",
    "projectV2Field { ... on ProjectV2FieldCommon { id name dataType } ... on ProjectV2SingleSelectField { options { id name } } }",
    specs.map((s) => ({
      projectId,
      name: s.name,
      dataType: s.dataType,
      ...(s.dataType === "SINGLE_SELECT"
        ? { singleSelectOptions: s.options.map((name) => ({ name, color: "GRAY", description: "" })) }
        : {}),
    })),
  );
  return answers.flatMap((a) => {
    const f =
      a instanceof Error
        ? null
        : (a.projectV2Field as {
            id?: string;
            name?: string;
            dataType?: string;
            options?: { id: string; name: string }[];
          } | null);
    return f?.id && f.name
      ? [{ id: f.id, name: f.name, dataType: f.dataType ?? "", options: f.options ?? [] }]
      : [];
  });
}
