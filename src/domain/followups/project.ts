/**
 * Projects (v2) fields of the follow-ups (`project:` in the config, issue 17), planned purely:
 * `(wanted values, the project's fields, each issue's item and its current values) -> what to
 * write`. Only what differs is written; a field the project lacks is created only when the config
 * says `create_fields: true`, else it is one problem. The adapter (src/runs/merge/project.ts over
 * the gateway) reads, asks this, and writes in batches.
 */

import { PROJECT_FIELD_KEYS, type ProjectFieldKey } from "../config/project-keys.js";

/** A field of the project as GitHub has it. */
export interface ProjectField {
  id: string;
  name: string;
  /** `TEXT`, `DATE`, `SINGLE_SELECT`, `NUMBER`, or a built-in type the app does not write. */
  dataType: string;
  options: { id: string; name: string }[];
}

/** A value as GitHub's `ProjectV2FieldValue` input takes it (one key). */
export type ProjectValue = { text: string } | { date: string } | { singleSelectOptionId: string };

/** An item's current values: field id -> value (as read). */
export type ItemValues = Record<string, ProjectValue>;

/** One follow-up: the values it should have (by field key; null: leave the field alone). */
export interface ProjectFollowup {
  /** The node id (the item's content). */
  contentId: string;
  wanted: Record<ProjectFieldKey, string | null>;
  /** Its item in the project and the values it has, or null when it is not in the project yet. */
  item: { id: string; values: ItemValues } | null;
}

/** The project a run keeps in step, as its reads need it: whose, which, and the fields' names by key. */
export interface ProjectRef {
  owner: string;
  number: number;
  fields: Partial<Record<ProjectFieldKey, string>>;
}

/** A project as a run reads it: its fields, and the run's issues' items (by content node id). */
export interface ProjectSnapshot {
  id: string;
  fields: ProjectField[];
  items: Map<string, { id: string; values: ItemValues }>;
}

/** One value to write to a project item. */
export interface ProjectValueWrite {
  itemId: string;
  fieldId: string;
  value: ProjectValue;
}

/** A field to create (`create_fields: true`). */
export interface FieldToCreate {
  key: ProjectFieldKey;
  name: string;
  dataType: "TEXT" | "DATE" | "SINGLE_SELECT";
  /** The options of a single-select field. */
  options: string[];
}

export interface ProjectPlan {
  /** Issues to add to the project (node ids). */
  add: string[];
  /** Values to write: the item is named by its content (its id is known once added). */
  set: { contentId: string; fieldId: string; value: ProjectValue }[];
  /** Fields the project lacks (by key; with their names). */
  missingFields: { key: ProjectFieldKey; name: string }[];
  /** Values a single-select field has no option for. */
  missingOptions: { field: string; option: string }[];
}

/** The type a new field gets: single-select for the closed sets, a date, text for the postmortem. */
export function fieldToCreate(
  key: ProjectFieldKey,
  name: string,
  options: Record<"status" | "severity" | "category" | "term", string[]>,
): FieldToCreate {
  if (key === "due") return { key, name, dataType: "DATE", options: [] };
  if (key === "postmortem") return { key, name, dataType: "TEXT", options: [] };
  return { key, name, dataType: "SINGLE_SELECT", options: options[key] };
}

/** The value a field takes for a wanted string, or a problem (an option the field lacks). */
function valueFor(
  field: ProjectField,
  wanted: string,
): { value: ProjectValue } | { missingOption: string } | null {
  switch (field.dataType) {
    case "SINGLE_SELECT": {
      const option = field.options.find((o) => o.name.toLowerCase() === wanted.toLowerCase());
      return option ? { value: { singleSelectOptionId: option.id } } : { missingOption: wanted };
    }
    case "DATE":
      return /^\d{4}-\d{2}-\d{2}$/.test(wanted) ? { value: { date: wanted } } : null;
    case "TEXT":
      return { value: { text: wanted } };
    default:
      return null; // a built-in or number field: not the app's to write
  }
}

function same(a: ProjectValue | undefined, b: ProjectValue): boolean {
  if (!a) return false;
  if ("text" in b) return "text" in a && a.text === b.text;
  if ("date" in b) return "date" in a && a.date === b.date;
  return "singleSelectOptionId" in a && a.singleSelectOptionId === b.singleSelectOptionId;
}

/** What to write so every follow-up's item has the values it should. */
export function planProject(
  followups: readonly ProjectFollowup[],
  names: Partial<Record<ProjectFieldKey, string>>,
  fields: readonly ProjectField[],
): ProjectPlan {
  const plan: ProjectPlan = { add: [], set: [], missingFields: [], missingOptions: [] };
  const byKey = new Map<ProjectFieldKey, ProjectField>();
  for (const key of PROJECT_FIELD_KEYS) {
    const name = names[key];
    if (!name) continue;
    const field = fields.find((f) => f.name.toLowerCase() === name.toLowerCase());
    if (field) byKey.set(key, field);
    else plan.missingFields.push({ key, name });
  }
  const seenOptions = new Set<string>();
  for (const f of followups) {
    if (!f.item) plan.add.push(f.contentId);
    for (const [key, field] of byKey) {
      const wanted = f.wanted[key];
      if (wanted === null) continue;
      const v = valueFor(field, wanted);
      if (!v) continue;
      if ("missingOption" in v) {
        const id = `${field.name}\n${v.missingOption}`;
        if (!seenOptions.has(id)) plan.missingOptions.push({ field: field.name, option: v.missingOption });
        seenOptions.add(id);
        continue;
      }
      if (same(f.item?.values[field.id], v.value)) continue;
      plan.set.push({ contentId: f.contentId, fieldId: field.id, value: v.value });
    }
  }
  return plan;
}
