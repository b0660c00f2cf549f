/**
 * Projects (v2), GraphQL only (GitHub has no REST API for them beyond a preview), modelled after
 * the published schema (@octokit/graphql-schema): `organization/user.projectV2(number)` with
 * `fields` / `field(name)` (single-select fields with their `options`) and `items` (each with its
 * `content`, `fieldValueByName`, `fieldValues`), `Issue.projectItems`, and the mutations
 * `addProjectV2ItemById` (adding an issue twice returns the same item, as on GitHub),
 * `updateProjectV2ItemFieldValue` (exactly one of `text`, `number`, `date`, `singleSelectOptionId`,
 * `iterationId`, of the field's type; an unknown option is an error), `clearProjectV2ItemFieldValue`
 * and `createProjectV2Field` (a taken name fails; a single-select field needs options).
 * Resolvers take their helpers from graphql.ts (`ProjectDeps`) so the two modules do not import
 * each other.
 */
import type { GraphQLError } from "graphql";
import { isoNow, type ModelCtx } from "./model.js";
import {
  nextId,
  nodeId,
  parseNodeId,
  type SimIssue,
  type SimProject,
  type SimProjectField,
  type SimProjectItem,
  type SimRepo,
  type SimState,
  sha1,
} from "./state.js";
import { issueById } from "./sub-issues.js";

type Json = Record<string, unknown>;
type Args = Record<string, unknown>;

export interface ProjectDeps {
  ctx: ModelCtx;
  html: string;
  connection: <T>(name: string, items: T[], args: Args, toNode: (item: T) => unknown) => Json;
  error: (message: string, type: string) => GraphQLError;
  issueNode: (repo: SimRepo, issue: SimIssue) => Json;
  actorNode: (login: string) => Json | null;
}

export interface SeedProjectInput {
  number?: number;
  title?: string;
  /** Custom fields besides the built-in Title and Status (Todo / In Progress / Done). */
  fields?: Array<{
    name: string;
    dataType: "TEXT" | "DATE" | "NUMBER" | "SINGLE_SELECT";
    options?: string[];
  }>;
}

function newField(
  state: SimState,
  now: string,
  name: string,
  dataType: SimProjectField["dataType"],
  options: Array<{ name: string; color?: string; description?: string }> = [],
): SimProjectField {
  const id = nextId(state);
  return {
    id,
    node_id: nodeId("ProjectV2Field", id),
    name,
    dataType,
    options: options.map((o) => ({
      id: sha1(`${id}:${o.name}`).slice(0, 8),
      name: o.name,
      color: o.color ?? "GRAY",
      description: o.description ?? "",
    })),
    created_at: now,
  };
}

/** Seeds a project of an organisation or user (`sim.addProject`). */
export function seedProject(
  state: SimState,
  owner: string,
  now: string,
  input: SeedProjectInput = {},
): SimProject {
  const id = nextId(state);
  const number =
    input.number ?? 1 + Math.max(0, ...state.projects.filter((p) => p.owner === owner).map((p) => p.number));
  const project: SimProject = {
    id,
    node_id: nodeId("ProjectV2", id),
    owner,
    number,
    title: input.title ?? `Project ${number}`,
    closed: false,
    fields: [
      newField(state, now, "Title", "TITLE"),
      newField(state, now, "Status", "SINGLE_SELECT", [
        { name: "Todo" },
        { name: "In Progress" },
        { name: "Done" },
      ]),
      ...(input.fields ?? []).map((f) =>
        newField(
          state,
          now,
          f.name,
          f.dataType,
          (f.options ?? []).map((name) => ({ name })),
        ),
      ),
    ],
    items: [],
    created_at: now,
  };
  state.projects.push(project);
  return project;
}

/** Field names as GitHub compares them (`ProjectV2.field(name)`, `fieldValueByName`): case-insensitively. */
const sameName = (name: string, asked: unknown) => name.toLowerCase() === String(asked).toLowerCase();

function byNode<T extends { node_id: string }>(list: readonly T[], id: unknown): T | undefined {
  return list.find((x) => x.node_id === id);
}

function findProject(state: SimState, id: unknown): SimProject | undefined {
  return byNode(state.projects, id);
}

const FIELD_TYPENAME: Record<SimProjectField["dataType"], string> = {
  TITLE: "ProjectV2Field",
  ASSIGNEES: "ProjectV2Field",
  TEXT: "ProjectV2Field",
  DATE: "ProjectV2Field",
  NUMBER: "ProjectV2Field",
  SINGLE_SELECT: "ProjectV2SingleSelectField",
};

function fieldNode(d: ProjectDeps, project: SimProject, f: SimProjectField): Json {
  return {
    __typename: FIELD_TYPENAME[f.dataType],
    id: f.node_id,
    databaseId: f.id,
    name: f.name,
    dataType: f.dataType,
    createdAt: f.created_at,
    updatedAt: f.created_at,
    project: () => projectNode(d, project),
    options: (args: Args) => {
      const names = Array.isArray(args.names) ? (args.names as string[]) : null;
      return f.options
        .filter((o) => !names || names.includes(o.name))
        .map((o) => ({ ...o, nameHTML: o.name, descriptionHTML: o.description }));
    },
  };
}

function valueNode(
  d: ProjectDeps,
  project: SimProject,
  item: SimProjectItem,
  field: SimProjectField,
): Json | null {
  const v = item.values[field.node_id];
  const found = issueById(d.ctx.state, item.issue_id);
  const common = {
    id: `PVTFV_${item.id}_${field.id}`,
    databaseId: null,
    createdAt: v?.updated_at ?? item.created_at,
    updatedAt: v?.updated_at ?? item.updated_at,
    creator: () => d.actorNode(d.ctx.actor),
    field: () => fieldNode(d, project, field),
    item: () => itemNode(d, project, item),
  };
  if (field.dataType === "TITLE")
    return found ? { ...common, __typename: "ProjectV2ItemFieldTextValue", text: found.issue.title } : null;
  if (!v) return null;
  switch (field.dataType) {
    case "TEXT":
      return { ...common, __typename: "ProjectV2ItemFieldTextValue", text: v.text ?? null };
    case "DATE":
      return { ...common, __typename: "ProjectV2ItemFieldDateValue", date: v.date ?? null };
    case "NUMBER":
      return { ...common, __typename: "ProjectV2ItemFieldNumberValue", number: v.number ?? null };
    case "SINGLE_SELECT": {
      const option = field.options.find((o) => o.id === v.optionId);
      if (!option) return null;
      return {
        ...common,
        __typename: "ProjectV2ItemFieldSingleSelectValue",
        optionId: option.id,
        name: option.name,
        nameHTML: option.name,
        color: option.color,
        description: option.description,
        descriptionHTML: option.description,
      };
    }
    default:
      return null;
  }
}

function itemNode(d: ProjectDeps, project: SimProject, item: SimProjectItem): Json {
  const found = issueById(d.ctx.state, item.issue_id);
  const values = () =>
    project.fields.flatMap((f) => {
      const node = valueNode(d, project, item, f);
      return node ? [node] : [];
    });
  return {
    __typename: "ProjectV2Item",
    id: item.node_id,
    databaseId: item.id,
    fullDatabaseId: String(item.id),
    type: "ISSUE",
    isArchived: item.archived,
    createdAt: item.created_at,
    updatedAt: item.updated_at,
    creator: () => d.actorNode(d.ctx.actor),
    content: () => (found ? d.issueNode(found.repo, found.issue) : null),
    project: () => projectNode(d, project),
    // Case-insensitive on GitHub, like `field(name)`: field names are unique by a lower-cased slug.
    fieldValueByName: (args: Args) => {
      const field = project.fields.find((f) => sameName(f.name, args.name));
      return field ? valueNode(d, project, item, field) : null;
    },
    fieldValues: (args: Args) => d.connection("fieldValues", values(), args, (v) => v),
  };
}

export function projectNode(d: ProjectDeps, project: SimProject): Json {
  const url = `${d.html}/orgs/${project.owner}/projects/${project.number}`;
  return {
    __typename: "ProjectV2",
    id: project.node_id,
    databaseId: project.id,
    number: project.number,
    title: project.title,
    closed: project.closed,
    closedAt: null,
    public: false,
    template: false,
    readme: null,
    shortDescription: null,
    url,
    resourcePath: new URL(url).pathname,
    createdAt: project.created_at,
    updatedAt: project.created_at,
    viewerCanUpdate: true,
    owner: () => d.actorNode(project.owner),
    fields: (args: Args) => d.connection("fields", project.fields, args, (f) => fieldNode(d, project, f)),
    field: (args: Args) => {
      const f = project.fields.find((x) => sameName(x.name, args.name));
      return f ? fieldNode(d, project, f) : null;
    },
    items: (args: Args) => d.connection("items", project.items, args, (i) => itemNode(d, project, i)),
  };
}

/** `organization/user.projectV2(number)` and `projectsV2`, for an owner node. */
export function ownerProjectFields(d: ProjectDeps, owner: string): Json {
  const mine = () => d.ctx.state.projects.filter((p) => p.owner.toLowerCase() === owner.toLowerCase());
  return {
    projectV2: (args: Args) => {
      const p = mine().find((x) => x.number === args.number);
      if (!p)
        throw d.error(
          `Could not resolve to a ProjectV2 with the number ${String(args.number)}.`,
          "NOT_FOUND",
        );
      return projectNode(d, p);
    },
    projectsV2: (args: Args) => d.connection("projectsV2", mine(), args, (p) => projectNode(d, p)),
  };
}

/** `Issue.projectItems`. */
export function issueProjectItems(d: ProjectDeps, issue: SimIssue, args: Args): Json {
  const items = d.ctx.state.projects.flatMap((p) =>
    p.items
      .filter((i) => i.issue_id === issue.id && (args.includeArchived || !i.archived))
      .map((i) => ({ p, i })),
  );
  return d.connection("projectItems", items, args, ({ p, i }) => itemNode(d, p, i));
}

function requireProject(d: ProjectDeps, id: unknown): SimProject {
  const p = findProject(d.ctx.state, id);
  if (!p) throw d.error(`Could not resolve to a node with the global id of '${String(id)}'`, "NOT_FOUND");
  return p;
}

/** The project mutations, merged into graphql.ts's root value. */
export function projectMutations(d: ProjectDeps): Json {
  const input = (args: Args) => (args.input ?? {}) as Args;
  return {
    addProjectV2ItemById: (args: Args) => {
      const i = input(args);
      const project = requireProject(d, i.projectId);
      const parsed = typeof i.contentId === "string" ? parseNodeId(i.contentId) : null;
      const found = parsed?.type === "Issue" ? issueById(d.ctx.state, parsed.id) : null;
      if (!found)
        throw d.error(
          `Could not resolve to a node with the global id of '${String(i.contentId)}'`,
          "NOT_FOUND",
        );
      let item = project.items.find((x) => x.issue_id === found.issue.id);
      if (!item) {
        const id = nextId(d.ctx.state);
        const now = isoNow(d.ctx);
        item = {
          id,
          node_id: nodeId("ProjectV2Item", id),
          issue_id: found.issue.id,
          values: {},
          archived: false,
          created_at: now,
          updated_at: now,
        };
        project.items.push(item);
      }
      return { clientMutationId: i.clientMutationId ?? null, item: itemNode(d, project, item) };
    },
    updateProjectV2ItemFieldValue: (args: Args) => {
      const i = input(args);
      const project = requireProject(d, i.projectId);
      const item = byNode(project.items, i.itemId);
      const field = byNode(project.fields, i.fieldId);
      if (!item || !field)
        throw d.error(
          `Could not resolve to a node with the global id of '${String(item ? i.fieldId : i.itemId)}'`,
          "NOT_FOUND",
        );
      const value = (i.value ?? {}) as Args;
      const given = Object.entries(value).filter(([, v]) => v !== undefined && v !== null);
      const wanted: Record<string, string> = {
        TEXT: "text",
        DATE: "date",
        NUMBER: "number",
        SINGLE_SELECT: "singleSelectOptionId",
      };
      const key = wanted[field.dataType];
      if (given.length !== 1 || !key || given[0]?.[0] !== key)
        throw d.error(
          `The field ${field.name} of type ${field.dataType} needs exactly one \`${key ?? "?"}\` value.`,
          "UNPROCESSABLE",
        );
      const raw = given[0][1];
      const now = isoNow(d.ctx);
      if (field.dataType === "SINGLE_SELECT") {
        if (!field.options.some((o) => o.id === raw))
          throw d.error(
            `The single select option Id does not belong to the field ${field.name}`,
            "UNPROCESSABLE",
          );
        item.values[field.node_id] = { optionId: String(raw), updated_at: now };
      } else if (field.dataType === "DATE") {
        if (typeof raw !== "string" || !/^\d{4}-\d{2}-\d{2}/.test(raw))
          throw d.error(`${String(raw)} is not a valid date`, "UNPROCESSABLE");
        item.values[field.node_id] = { date: raw.slice(0, 10), updated_at: now };
      } else if (field.dataType === "NUMBER")
        item.values[field.node_id] = { number: Number(raw), updated_at: now };
      else item.values[field.node_id] = { text: String(raw), updated_at: now };
      item.updated_at = now;
      return { clientMutationId: i.clientMutationId ?? null, projectV2Item: itemNode(d, project, item) };
    },
    clearProjectV2ItemFieldValue: (args: Args) => {
      const i = input(args);
      const project = requireProject(d, i.projectId);
      const item = byNode(project.items, i.itemId);
      const field = byNode(project.fields, i.fieldId);
      if (!item || !field) throw d.error("Could not resolve to a node", "NOT_FOUND");
      delete item.values[field.node_id];
      item.updated_at = isoNow(d.ctx);
      return { clientMutationId: i.clientMutationId ?? null, projectV2Item: itemNode(d, project, item) };
    },
    createProjectV2Field: (args: Args) => {
      const i = input(args);
      const project = requireProject(d, i.projectId);
      const name = String(i.name);
      if (project.fields.some((f) => f.name.toLowerCase() === name.toLowerCase()))
        throw d.error("Name has already been taken", "UNPROCESSABLE");
      const dataType = String(i.dataType) as SimProjectField["dataType"];
      const options = Array.isArray(i.singleSelectOptions)
        ? (i.singleSelectOptions as Array<{ name: string; color: string; description: string }>)
        : [];
      if (dataType === "SINGLE_SELECT" && options.length === 0)
        throw d.error("Single select fields must have at least one option", "UNPROCESSABLE");
      const field = newField(d.ctx.state, isoNow(d.ctx), name, dataType, options);
      project.fields.push(field);
      return { clientMutationId: i.clientMutationId ?? null, projectV2Field: fieldNode(d, project, field) };
    },
  };
}
