import { describe, expect, it } from "vitest";
import {
  applyJoins,
  type IdentityIssue,
  type IdentityItem,
  joinEditedItems,
  MAX_COMPARISONS,
  normaliseTitle,
  titleSimilarity,
  trackingRef,
} from "../../../src/domain/followups/identity.js";

const PATH = "postmortems/2026-03-12-payments.md";

function item(id: string, title: string, position: number, over: Partial<IdentityItem> = {}): IdentityItem {
  return { path: PATH, id, title, position, tracking: [], pinned: false, line: 10 + position, ...over };
}

function issue(
  number: number,
  id: string,
  title: string,
  pos: number | undefined,
  over: Partial<IdentityIssue["marker"]> = {},
  state: IdentityIssue["state"] = "open",
): IdentityIssue {
  return {
    number,
    state,
    title,
    marker: {
      path: PATH,
      id,
      pr: 1,
      due: "2026-03-26",
      title,
      owner: null,
      ...(pos === undefined ? {} : { pos }),
      ...over,
    },
  };
}

/** The table as merged first: three rows, one issue each. */
const ISSUES = [
  issue(11, "add-a-disk-usage-alert", "Add a disk usage alert", 0),
  issue(12, "rotate-the-tls-certificates-automatically", "Rotate the TLS certificates automatically", 1),
  issue(13, "write-the-failover-runbook", "Write the failover runbook", 2),
];

describe("joinEditedItems", () => {
  it("joins nothing when every key still matches", () => {
    const items = [
      item("add-a-disk-usage-alert", "Add a disk usage alert", 0),
      item("rotate-the-tls-certificates-automatically", "Rotate the TLS certificates automatically", 1),
      item("write-the-failover-runbook", "Write the failover runbook", 2),
    ];
    expect(joinEditedItems(items, ISSUES)).toEqual({ joins: [], warnings: [], comparisons: 0 });
  });

  it("a typo fix, an inserted row and two reordered rows: one join, the new row stays new", () => {
    const items = [
      item("write-the-failover-runbook", "Write the failover runbook", 0),
      item("add-a-disk-usage-alert", "Add a disk usage alert", 1),
      item("page-the-payments-on-call-on-5xx", "Page the payments on-call on 5xx", 2),
      item("rotate-the-tls-certificate-automatically", "Rotate the TLS certificate automatically", 3),
    ];
    const result = joinEditedItems(items, ISSUES);
    expect(result.joins).toEqual([
      {
        key: `${PATH}#rotate-the-tls-certificate-automatically`,
        from: `${PATH}#rotate-the-tls-certificates-automatically`,
        number: 12,
        by: "title",
        score: 0.976,
      },
    ]);
    expect(result.warnings).toEqual([]);
  });

  it("a reworded title is joined by its shared tracking link first", () => {
    const issues = [
      issue(12, "rotate-tls", "Rotate the TLS certificates automatically", 1, { links: ["#240"] }),
    ];
    const items = [
      item("automate-certificate-renewal", "Automate certificate renewal with cert-manager", 1, {
        tracking: ["GH-240"],
      }),
    ];
    expect(joinEditedItems(items, issues).joins).toEqual([
      expect.objectContaining({ number: 12, by: "tracking", key: `${PATH}#automate-certificate-renewal` }),
    ]);
  });

  it("a weakly similar title joins only at the same place in the file", () => {
    const issues = [issue(13, "write-the-failover-runbook", "Write the failover runbook", 2)];
    const reworded = "Document the database failover in the runbook";
    expect(
      titleSimilarity(normaliseTitle(reworded), normaliseTitle("Write the failover runbook")),
    ).toBeLessThan(0.75);
    const here = joinEditedItems([item("document-the-database-failover", reworded, 2)], issues);
    expect(here.joins).toEqual([expect.objectContaining({ number: 13, by: "position" })]);
    const elsewhere = joinEditedItems([item("document-the-database-failover", reworded, 7)], issues);
    expect(elsewhere.joins).toEqual([]);
  });

  it("two rows as like the old one as each other: no join, a new issue and a warning", () => {
    const issues = [issue(20, "alert-on-queue-depth", "Alert on queue depth", 0)];
    const items = [
      item("alert-on-queue-depths", "Alert on queue depths", 0),
      item("alert-on-queues-depth", "Alert on queues depth", 1),
    ];
    const result = joinEditedItems(items, issues);
    expect(result.joins).toEqual([]);
    expect(result.warnings).toEqual([
      { key: `${PATH}#alert-on-queue-depths`, path: PATH, line: 10, reason: "ambiguous", candidates: [20] },
      { key: `${PATH}#alert-on-queues-depth`, path: PATH, line: 11, reason: "ambiguous", candidates: [20] },
    ]);
  });

  it("one tracking link shared by two old issues is ambiguous", () => {
    const issues = [
      issue(30, "a", "First thing", 0, { links: ["JIRA-7"] }),
      issue(31, "b", "Second thing", 1, { links: ["jira-7"] }),
    ];
    const result = joinEditedItems([item("c", "Something else", 0, { tracking: ["JIRA-7"] })], issues);
    expect(result.joins).toEqual([]);
    expect(result.warnings).toEqual([
      expect.objectContaining({ key: `${PATH}#c`, reason: "ambiguous", candidates: [30, 31] }),
    ]);
  });

  it("an id the author pinned is never joined, and a removed issue is never an orphan", () => {
    const issues = [
      issue(40, "old", "Add a disk usage alert", 0),
      issue(41, "gone", "Rotate keys", 1, { removed: true }, "closed"),
    ];
    expect(
      joinEditedItems([item("new", "Add a disk usage alert!", 0, { pinned: true })], issues).joins,
    ).toEqual([]);
    expect(joinEditedItems([item("rotate-keys", "Rotate keys", 1)], issues.slice(1)).joins).toEqual([]);
  });

  it("a closed (done) issue keeps its item through a typo fix: joined, not recreated", () => {
    const issues = [issue(50, "add-a-disk-usage-alret", "Add a disk usage alret", 0, {}, "closed")];
    expect(
      joinEditedItems([item("add-a-disk-usage-alert", "Add a disk usage alert", 0)], issues).joins,
    ).toEqual([expect.objectContaining({ number: 50, by: "title" })]);
  });

  it("only joins within the same file", () => {
    const other = {
      ...issue(60, "x", "Add a disk usage alert", 0),
      marker: { ...ISSUES[0]!.marker, path: "b.md" },
    };
    expect(
      joinEditedItems([item("add-a-disk-usage-alerts", "Add a disk usage alerts", 0)], [other]).joins,
    ).toEqual([]);
  });

  it("bounds the work: past MAX_COMPARISONS only tracking links join, with a warning", () => {
    const issues = Array.from({ length: 200 }, (_, i) =>
      issue(1000 + i, `old-${i}`, `Old task number ${i}`, i),
    );
    const items = Array.from({ length: 200 }, (_, i) => item(`new-${i}`, `Old task number ${i} (edited)`, i));
    items[0] = { ...items[0]!, tracking: ["#5"] };
    issues[3] = issue(1003, "old-3", "Old task number 3", 3, { links: ["#5"] });
    const result = joinEditedItems(items, issues);
    expect(200 * 199).toBeGreaterThan(MAX_COMPARISONS);
    expect(result.comparisons).toBe(0);
    expect(result.joins).toEqual([expect.objectContaining({ number: 1003, by: "tracking" })]);
    expect(result.warnings).toHaveLength(199);
    expect(result.warnings[0]).toMatchObject({ reason: "too-many", candidates: [] });
  });

  it("counts its comparisons: newcomers x orphans, each once", () => {
    const issues = Array.from({ length: 50 }, (_, i) => issue(100 + i, `o-${i}`, `Task ${i} alpha`, i));
    const items = Array.from({ length: 50 }, (_, i) => item(`n-${i}`, `Task ${i} alpha beta`, i));
    const result = joinEditedItems(items, issues);
    expect(result.comparisons).toBe(2500);
    expect(result.joins.length + result.warnings.length).toBe(50);
  });

  it("Korean titles: a typo fix in Hangul joins", () => {
    const issues = [issue(70, "h-1a2b3c", "결제 DB 장애 조치 런북 작성", 0)];
    expect(joinEditedItems([item("h-4d5e6f", "결제 DB 장애조치 런북 작성", 0)], issues).joins).toEqual([
      expect.objectContaining({ number: 70, by: "title" }),
    ]);
  });
});

describe("applyJoins", () => {
  it("moves the joined issue's marker to the new id and leaves the others alone", () => {
    const moved = applyJoins(ISSUES, [
      {
        key: `${PATH}#new-id`,
        from: `${PATH}#write-the-failover-runbook`,
        number: 13,
        by: "title",
        score: 0.9,
      },
    ]);
    expect(moved.map((i) => i.marker.id)).toEqual([
      "add-a-disk-usage-alert",
      "rotate-the-tls-certificates-automatically",
      "new-id",
    ]);
    expect(moved[0]).toBe(ISSUES[0]);
  });
});

describe("trackingRef", () => {
  it("spells one reference one way", () => {
    expect(["#12", "GH-12", "gh-012", " #12 "].map(trackingRef)).toEqual(["#12", "#12", "#12", "#12"]);
    expect(trackingRef("jira-7")).toBe("JIRA-7");
    expect(trackingRef("https://github.com/acme/shop/issues/12#issuecomment-1")).toBe(
      "https://github.com/acme/shop/issues/12",
    );
  });
});
