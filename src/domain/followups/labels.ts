import type { Config, LabelSpec } from "../config/schema.js";
import type { PlannedAction } from "./model.js";

/** Every label the config manages, by lower-cased name, with its colour and description. */
function labelSpecs(config: Config): Map<string, LabelSpec> {
  const specs = new Map<string, LabelSpec>();
  const add = (spec: LabelSpec) => specs.set(spec.name.toLowerCase(), spec);
  add(config.labels.tracking);
  for (const spec of Object.values(config.labels.terms)) add(spec);
  for (const spec of Object.values(config.categories)) add(spec);
  for (const spec of Object.values(config.labels.severity)) add(spec);
  return specs;
}

/**
 * The managed labels the planned creates and updates write, by lower-cased name (the repository must
 * have them before the writes). A label the config does not manage (a person's) is not created.
 */
export function labelsNeeded(config: Config, actions: readonly PlannedAction[]): Map<string, LabelSpec> {
  const specs = labelSpecs(config);
  const needed = new Map<string, LabelSpec>();
  for (const action of actions) {
    const names =
      action.type === "create"
        ? action.labels
        : action.type === "update"
          ? (action.changes.labels ?? [])
          : [];
    for (const name of names) {
      const spec = specs.get(name.toLowerCase());
      if (spec) needed.set(name.toLowerCase(), spec);
    }
  }
  return needed;
}

/** The needed labels the repository lacks (`existing`: its label names, any case). */
export function missingLabels(
  needed: ReadonlyMap<string, LabelSpec>,
  existing: readonly string[],
): LabelSpec[] {
  const have = new Set(existing.map((name) => name.toLowerCase()));
  return [...needed].filter(([lower]) => !have.has(lower)).map(([, spec]) => spec);
}
