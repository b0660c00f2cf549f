import { describe, expect, it } from "vitest";
import { milestoneChange, wantedMilestones } from "../../../src/domain/followups/milestones.js";
import type { DesiredFollowup } from "../../../src/domain/followups/model.js";

const desired = (over: Partial<DesiredFollowup>) =>
  ({ path: "pm/a.md", due: "2026-04-01", milestone: null, ...over }) as DesiredFollowup;

describe("wantedMilestones / milestoneChange", () => {
  it("one milestone per title, due on its latest follow-up", () => {
    const wanted = wantedMilestones([
      desired({ milestone: "A", due: "2026-04-01" }),
      desired({ milestone: "A", due: "2026-05-01" }),
      desired({ milestone: "A", due: "2026-03-01" }),
      desired({ milestone: "B", path: "pm/b.md", due: "2026-01-01" }),
      desired({ milestone: null }),
    ]);
    expect([...wanted]).toEqual([
      ["A", { due: "2026-05-01", path: "pm/a.md" }],
      ["B", { due: "2026-01-01", path: "pm/b.md" }],
    ]);
  });

  it("creates a missing milestone, updates a different due date, else leaves it", () => {
    expect(milestoneChange(undefined, "2026-05-01")).toBe("create");
    expect(milestoneChange({ dueOn: "2026-04-01" }, "2026-05-01")).toBe("update");
    expect(milestoneChange({ dueOn: null }, null)).toBe("unchanged");
  });
});
