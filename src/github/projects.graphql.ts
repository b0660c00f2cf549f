import { PROJECT_FIELD_KEYS, type ProjectFieldKey } from "../domain/config/project-keys.js";

/**
 * The GraphQL of Projects (v2) reads (issue 17): the project's own fields, and an issue's items
 * with the values of the configured fields. Used by the project's own read (./projects.ts) and
 * folded into the tracked-issue query (./tracked-issues.graphql.ts) when `project:` is set.
 *
 * Each configured field's value is asked by name (`fieldValueByName`, case-insensitive on
 * GitHub, as the planner's match of names), not through `fieldValues(first: N)`: that one is a
 * connection under `projectItems`, and GitHub's rate-limit cost counts it once per item (100
 * issues x 20 items), while a field by name costs nothing. Folded into the tracked-issue query
 * (every tracked issue, every page) this keeps a page at 4 points instead of 24.
 */

/** The fields of the project (id, name, type, single-select options). */
export const PROJECT_FIELDS_SELECTION =
  "id fields(first: 50) { nodes { ... on ProjectV2FieldCommon { id name dataType } ... on ProjectV2SingleSelectField { options { id name } } } }";

/** The alias and variable of a field key (`field_status`). */
export const fieldAlias = (key: ProjectFieldKey) => `field_${key}`;

/** The configured keys, in the schema's order. */
export function projectKeys(names: Partial<Record<ProjectFieldKey, string>>): ProjectFieldKey[] {
  return PROJECT_FIELD_KEYS.filter((key) => Boolean(names[key]));
}

/** `, $field_status: String!, ...` for the operation's variables. */
export function fieldVariables(keys: readonly ProjectFieldKey[]): string {
  return keys.map((key) => `, $${fieldAlias(key)}: String!`).join("");
}

/** The variables' values: key's alias -> the field's name. */
export function fieldNames(names: Partial<Record<ProjectFieldKey, string>>): Record<string, string> {
  return Object.fromEntries(projectKeys(names).map((key) => [fieldAlias(key), names[key]!]));
}

/**
 * `fragment ProjectItemsOfIssue on Issue`: the issue's items (of every project it is in; the
 * caller keeps the configured one's) with each configured field's value and the field's id.
 */
export function projectItemsFragments(keys: readonly ProjectFieldKey[]): string {
  const values = keys.map(
    (key) => `${fieldAlias(key)}: fieldValueByName(name: $${fieldAlias(key)}) { ...ProjectValue }`,
  );
  return /* GraphQL */ `
  fragment ProjectItemsOfIssue on Issue {
    projectItems(first: 20) {
      nodes {
        id
        project { id }
        ${values.join("\n        ")}
      }
    }
  }
${
  // GraphQL refuses a fragment no field uses: only with a field to read.
  keys.length > 0
    ? `
  fragment ProjectValue on ProjectV2ItemFieldValue {
    __typename
    ... on ProjectV2ItemFieldTextValue { text field { ... on ProjectV2FieldCommon { id } } }
    ... on ProjectV2ItemFieldDateValue { date field { ... on ProjectV2FieldCommon { id } } }
    ... on ProjectV2ItemFieldSingleSelectValue { optionId field { ... on ProjectV2FieldCommon { id } } }
  }
`
    : ""
}`;
}

/** The project's fields and these issues' items, in one request (per 100 issues). */
export function projectStateQuery(keys: readonly ProjectFieldKey[]): string {
  return /* GraphQL */ `
  query projectState($owner: String!, $number: Int!, $ids: [ID!]!${fieldVariables(keys)}) {
    repositoryOwner(login: $owner) {
      ... on ProjectV2Owner { projectV2(number: $number) { ${PROJECT_FIELDS_SELECTION} } }
    }
    nodes(ids: $ids) {
      ... on Issue { id ...ProjectItemsOfIssue }
    }
  }
${projectItemsFragments(keys)}`;
}
