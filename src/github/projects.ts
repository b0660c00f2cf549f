import type {
  FieldToCreate,
  ItemValues,
  ProjectField,
  ProjectSnapshot,
  ProjectValue,
  ProjectValueWrite,
} from "../domain/followups/project.js";
import type { GitHubClient } from "./client.js";

/**
 * Projects (v2), GraphQL only: the project's fields and the follow-ups' items with their values in
 * ONE read (per 100 issues), then at most one request of additions and one of value writes, each
 * a batch of aliased mutations (`a0: addProjectV2ItemById(...)`), as `createLabels` does.
 */

/** Mutations per request: GitHub rate-limits GraphQL by cost, and a batch is all-or-partial. */
const BATCH = 50;

const PROJECT_QUERY = /* GraphQL */ `
  query projectState($owner: String!, $number: Int!, $ids: [ID!]!) {
    repositoryOwner(login: $owner) {
      ... on ProjectV2Owner {
        projectV2(number: $number) {
          id
          fields(first: 50) {
            nodes {
              ... on ProjectV2FieldCommon { id name dataType }
              ... on ProjectV2SingleSelectField { options { id name } }
            }
          }
        }
      }
    }
    nodes(ids: $ids) {
      ... on Issue {
        id
        projectItems(first: 20) {
          nodes {
            id
            project { id }
            fieldValues(first: 30) {
              nodes {
                __typename
                ... on ProjectV2ItemFieldTextValue { text field { ... on ProjectV2FieldCommon { id } } }
                ... on ProjectV2ItemFieldDateValue { date field { ... on ProjectV2FieldCommon { id } } }
                ... on ProjectV2ItemFieldSingleSelectValue { optionId field { ... on ProjectV2FieldCommon { id } } }
              }
            }
          }
        }
      }
    }
  }
`;

interface ValueNode {
  __typename?: string;
  text?: string | null;
  date?: string | null;
  optionId?: string | null;
  field?: { id?: string } | null;
}
interface ProjectData {
  repositoryOwner: {
    projectV2?: {
      id: string;
      fields: {
        nodes: ({
          id?: string;
          name?: string;
          dataType?: string;
          options?: { id: string; name: string }[];
        } | null)[];
      };
    } | null;
  } | null;
  nodes: ({
    id?: string;
    projectItems?: {
      nodes: ({ id: string; project: { id: string }; fieldValues: { nodes: (ValueNode | null)[] } } | null)[];
    };
  } | null)[];
}

function values(nodes: readonly (ValueNode | null)[]): ItemValues {
  const out: ItemValues = {};
  for (const v of nodes) {
    const field = v?.field?.id;
    if (!v || !field) continue;
    if (typeof v.optionId === "string") out[field] = { singleSelectOptionId: v.optionId };
    else if (typeof v.date === "string") out[field] = { date: v.date.slice(0, 10) };
    else if (typeof v.text === "string") out[field] = { text: v.text };
  }
  return out;
}

/** The project (null when the owner has no such project) and each issue's item in it. */
export async function readProject(
  octokit: GitHubClient,
  project: { owner: string; number: number },
  contentIds: readonly string[],
): Promise<ProjectSnapshot | null> {
  let snapshot: ProjectSnapshot | null = null;
  const chunks: string[][] = [];
  for (let i = 0; i < Math.max(contentIds.length, 1); i += 100) chunks.push(contentIds.slice(i, i + 100));
  for (const ids of chunks) {
    const data = await octokit.graphql<ProjectData>(PROJECT_QUERY, { ...project, ids });
    const p = data.repositoryOwner?.projectV2;
    if (!p) return null;
    snapshot ??= {
      id: p.id,
      fields: p.fields.nodes.flatMap((f): ProjectField[] =>
        f?.id && f.name
          ? [{ id: f.id, name: f.name, dataType: f.dataType ?? "", options: f.options ?? [] }]
          : [],
      ),
      items: new Map(),
    };
    for (const node of data.nodes) {
      const item = node?.projectItems?.nodes.find((i) => i?.project.id === p.id);
      if (node?.id && item)
        snapshot.items.set(node.id, { id: item.id, values: values(item.fieldValues.nodes) });
    }
  }
  return snapshot;
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
