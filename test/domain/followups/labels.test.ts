import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../../src/domain/config/load.js";
import { labelsNeeded, missingLabels } from "../../../src/domain/followups/labels.js";
import type { PlannedAction } from "../../../src/domain/followups/model.js";

describe("labelsNeeded / missingLabels", () => {
  const config = defaultConfig();
  const create = (labels: string[]) => ({ type: "create", labels }) as unknown as PlannedAction;
  const update = (labels?: string[]) =>
    ({ type: "update", changes: labels ? { labels } : {} }) as unknown as PlannedAction;

  it("collects the managed labels of creates and updates, once, and never a person's label", () => {
    const needed = labelsNeeded(config, [
      create(["postmortem-followup", "term: short-term", "wontfix"]),
      update(["Postmortem-Followup", "severity: SEV1"]),
      update(),
      { type: "unchanged" } as PlannedAction,
    ]);
    expect([...needed.keys()]).toEqual(["postmortem-followup", "term: short-term", "severity: sev1"]);
    expect(needed.get("severity: sev1")).toEqual({
      name: "severity: SEV1",
      color: "b60205",
      description: "Incident severity SEV1",
    });
  });

  it("leaves out the labels the repository has, in any case", () => {
    const needed = labelsNeeded(config, [create(["postmortem-followup", "term: short-term"])]);
    expect(missingLabels(needed, ["Postmortem-Followup", "bug"]).map((s) => s.name)).toEqual([
      "term: short-term",
    ]);
    expect(labelsNeeded(config, [update()]).size).toBe(0);
  });
});
