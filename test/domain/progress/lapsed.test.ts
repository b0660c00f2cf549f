import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../../src/domain/config/load.js";
import { renderMarker } from "../../../src/domain/markers/marker.js";
import { writeRecheckMarker } from "../../../src/domain/markers/recheck.js";
import type { TrackedIssue } from "../../../src/domain/ports.js";
import { computeFigures } from "../../../src/domain/progress/figures.js";
import { renderFigures } from "../../../src/domain/progress/figures-render.js";
import { progressItems } from "../../../src/domain/progress/items.js";
import { classify } from "../../../src/domain/progress/model.js";
import { withEvidence } from "../../../src/domain/validation/proof.js";

/** "Validation lapsed" in the reports (issue 18): read from the re-check marker, counted, rendered. */

const BOT = "postmortem-followups[bot]";
const CLOSED = "2026-03-25T00:00:00Z";

function issue(
  number: number,
  outcome: "holds" | "lapsed" | null,
  state: "open" | "closed" = "closed",
): TrackedIssue {
  let body = withEvidence(
    renderMarker("followup", {
      path: "postmortems/a.md",
      id: `x${number}`,
      pr: 7,
      due: "2026-04-01",
      title: "X",
      owner: null,
    }),
    "en",
    "tests/retry.test.ts",
  );
  if (outcome) body = writeRecheckMarker(body, { checks: [{ closed: CLOSED, on: "2026-04-30", outcome }] });
  return {
    number,
    title: "X",
    body,
    url: `https://github.com/acme/pay/issues/${number}`,
    state,
    stateReason: state === "closed" ? "completed" : "reopened",
    createdAt: "2026-03-20T00:00:00Z",
    closedAt: state === "closed" ? CLOSED : null,
    author: BOT,
    authorType: "Bot",
    labels: ["postmortem-followup"],
    assignees: [],
    milestone: null,
    timeline: [],
    linkedPulls: [],
  };
}

describe("validation lapsed in the reports", () => {
  const items = progressItems(
    [issue(1, "lapsed"), issue(2, "holds"), issue(3, null), issue(4, "lapsed", "open")],
    defaultConfig(),
    BOT,
  );

  it("an item is lapsed when the check of its closing found so (or it was reopened after it)", () => {
    expect(items.map((i) => [i.number, i.lapsed ?? false])).toEqual([
      [1, true],
      [2, false],
      [3, false],
      [4, true],
    ]);
  });

  it("counted in the figures and rendered in English and Korean; absent when none", () => {
    const figures = computeFigures(
      items.map((i) => classify(i, "2026-05-01")),
      { today: "2026-05-01", timeZone: "UTC", severities: [] },
    );
    expect(figures.lapsed).toBe(2);
    expect(renderFigures("en", figures)).toContain(
      "Validation lapsed: **2** (closed as validated; the evidence, checked again later, no longer holds).",
    );
    expect(renderFigures("ko", figures)).toContain("검증 근거 상실: **2건**");
    const none = computeFigures(
      items.slice(1, 3).map((i) => classify(i, "2026-05-01")),
      { today: "2026-05-01", timeZone: "UTC", severities: [] },
    );
    expect(none.lapsed).toBeUndefined();
    expect(renderFigures("en", none)).not.toContain("Validation lapsed");
  });
});
