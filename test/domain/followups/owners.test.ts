import { describe, expect, it } from "vitest";
import type { ActualFollowup } from "../../../src/domain/followups/model.js";
import { ownersToCheck } from "../../../src/domain/followups/owners.js";

const actual = (assignees: string[]) => ({ assignees }) as unknown as ActualFollowup;

describe("ownersToCheck", () => {
  it("asks once per owner, with every key naming them; no teams, no one already assigned", () => {
    const owners = ownersToCheck(
      [
        {
          path: "pm/a.md",
          followups: [
            { id: "x", owner: "@alice" },
            { id: "y", owner: "acme/sre" },
            { id: "z", owner: "Bob" },
            { id: "w", owner: null },
          ],
        },
        { path: "pm/b.md", followups: [{ id: "x", owner: "alice" }] },
      ],
      [actual(["bob"])],
    );
    expect([...owners]).toEqual([["alice", ["pm/a.md#x", "pm/b.md#x"]]]);
  });
});
