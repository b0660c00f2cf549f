import { describe, expect, it } from "vitest";
import type { ActualFollowup, DesiredFollowup, PlannedAction } from "../../../src/domain/followups/model.js";
import {
  carryTicks,
  composeIssueBody,
  planReconcile,
  summarizePlan,
} from "../../../src/domain/followups/plan.js";
import {
  EVIDENCE_BEGIN,
  EVIDENCE_END,
  MANAGED_BEGIN,
  MANAGED_END,
  readFollowupMarker,
  readSection,
  replaceFollowupMarker,
} from "../../../src/domain/markers/marker.js";

const PATH = "postmortems/2026-03-12-payments.md";
const MANAGED = new Set([
  "postmortem-followup",
  "term: short-term",
  "term: long-term",
  "category: system",
  "category: process",
  "severity: SEV1",
]);

function desired(id: string, over: Partial<DesiredFollowup> = {}): DesiredFollowup {
  const base = {
    key: `${over.path ?? PATH}#${id}`,
    path: PATH,
    id,
    term: "short_term" as const,
    category: "system",
    title: `Title of ${id}`,
    owner: "alice",
    assignees: ["alice"],
    due: "2026-03-26",
    priority: null,
    labels: ["postmortem-followup", "term: short-term", "category: system", "severity: SEV1"],
    managedBody: `What to do for ${id}\n\n- [ ] test/${id}.test.ts\n- [ ] #12`,
    evidenceBody: "_No evidence yet._",
    pr: 42,
    milestone: null,
    ...over,
  };
  return {
    ...base,
    marker: over.marker ?? {
      path: base.path,
      id,
      pr: base.pr,
      due: base.due,
      title: base.title,
      owner: base.owner,
    },
  };
}

/** The issue exactly as the app created it from `d`, then changed by `over`. */
function actual(number: number, d: DesiredFollowup, over: Partial<ActualFollowup> = {}): ActualFollowup {
  return {
    number,
    title: d.title,
    body: composeIssueBody(d),
    state: "open",
    stateReason: null,
    labels: [...d.labels],
    assignees: [...d.assignees],
    milestone: null,
    author: "postmortem-followups[bot]",
    createdAt: "2026-03-20T00:00:00Z",
    closedAt: null,
    marker: { ...d.marker },
    ...over,
  };
}

/** An issue the app closed because its item left the file. */
function closedByApp(number: number, d: DesiredFollowup): ActualFollowup {
  const marker = { ...d.marker, removed: true };
  return actual(number, d, {
    state: "closed",
    marker,
    body: replaceFollowupMarker(composeIssueBody(d), marker),
  });
}

function plan(
  want: DesiredFollowup[],
  have: ActualFollowup[],
  opts: { scope?: string[]; removedFiles?: string[] } = {},
): PlannedAction[] {
  return planReconcile({
    desired: want,
    actual: have,
    scope: new Set(opts.scope ?? [PATH]),
    removedFiles: new Set(opts.removedFiles ?? []),
    managedLabels: MANAGED,
  });
}

/** What a table row checks: the type, the issue number and the reasons or close reason. */
function brief(a: PlannedAction): string {
  switch (a.type) {
    case "create":
      return `create ${a.key}`;
    case "update":
      return `update #${a.number} (${a.reasons.join(", ")})${a.changes.assignees ? ` assignees ${a.changes.assignees.join(",")}` : ""}`;
    case "close":
      return `close #${a.number} ${a.reason}${a.duplicateOf ? ` of #${a.duplicateOf}` : ""}`;
    case "unchanged":
      return `unchanged #${a.number}`;
  }
}

const a = desired("a");
const b = desired("b");

describe("planReconcile: the table", () => {
  const rows: {
    name: string;
    want: DesiredFollowup[];
    have: ActualFollowup[];
    opts?: Parameters<typeof plan>[2];
    expected: string[];
  }[] = [
    {
      name: "new items are created",
      want: [a, b],
      have: [],
      expected: [`create ${a.key}`, `create ${b.key}`],
    },
    {
      name: "an issue that matches is unchanged",
      want: [a],
      have: [actual(1, a)],
      expected: ["unchanged #1"],
    },
    {
      name: "a changed description updates the body",
      want: [desired("a", { managedBody: "new text" })],
      have: [actual(1, a)],
      expected: ["update #1 (body)"],
    },
    {
      name: "a title changed in the file is applied",
      want: [desired("a", { title: "New title" })],
      have: [actual(1, a)],
      expected: ["update #1 (title, body)"],
    },
    {
      name: "a title a person changed on the issue survives while the file keeps its title",
      want: [a],
      have: [actual(1, a, { title: "Renamed by a person" })],
      expected: ["unchanged #1"],
    },
    {
      name: "the file's new title wins over a person's rename once the file changes it",
      want: [desired("a", { title: "File title v2" })],
      have: [actual(1, a, { title: "Renamed by a person" })],
      expected: ["update #1 (title, body)"],
    },
    {
      name: "a reassignment by a person survives while the file keeps its owner",
      want: [a],
      have: [actual(1, a, { assignees: ["carol"] })],
      expected: ["unchanged #1"],
    },
    {
      name: "a new owner in the file is assigned",
      want: [desired("a", { owner: "bob", assignees: ["bob"] })],
      have: [actual(1, a, { assignees: ["carol"] })],
      expected: ["update #1 (owner, body) assignees carol,bob"],
    },
    {
      name: "a new owner in the file replaces the old one; a helper a person assigned stays",
      want: [desired("a", { owner: "bob", assignees: ["bob"] })],
      have: [actual(1, a, { assignees: ["alice", "carol"] })],
      expected: ["update #1 (owner, body) assignees carol,bob"],
    },
    {
      name: "a changed category swaps the managed label and keeps people's labels",
      want: [
        desired("a", {
          category: "process",
          labels: ["postmortem-followup", "term: short-term", "category: process", "severity: SEV1"],
        }),
      ],
      have: [actual(1, a, { labels: [...a.labels, "bug"] })],
      expected: ["update #1 (labels)"],
    },
    {
      name: "people's labels alone change nothing",
      want: [a],
      have: [actual(1, a, { labels: ["needs-triage", ...a.labels] })],
      expected: ["unchanged #1"],
    },
    {
      name: "duplicates are closed in favour of the oldest issue",
      want: [a],
      have: [actual(7, a), actual(3, a), actual(9, a, { state: "closed" })],
      expected: ["unchanged #3", "close #7 duplicate of #3"],
    },
    {
      name: "an item removed from the file is closed",
      want: [a],
      have: [actual(1, a), actual(2, b)],
      expected: ["unchanged #1", "close #2 removed-item"],
    },
    {
      name: "a removed file closes its issues with its own reason",
      want: [],
      have: [actual(1, a), actual(2, b)],
      opts: { removedFiles: [PATH] },
      expected: ["close #1 removed-file", "close #2 removed-file"],
    },
    {
      name: "issues of postmortems outside the scope are left alone",
      want: [],
      have: [actual(1, a), actual(2, desired("c", { path: "postmortems/other.md" }))],
      opts: { scope: ["postmortems/unrelated.md"] },
      expected: [],
    },
    {
      name: "an issue already closed is not closed again",
      want: [],
      have: [actual(1, a, { state: "closed", stateReason: "completed" })],
      expected: [],
    },
    {
      name: "an item restored to the file reopens the issue the app closed",
      want: [a],
      have: [closedByApp(1, a)],
      expected: ["update #1 (restored, body)"],
    },
    {
      name: "an issue a person closed as done is not reopened",
      want: [a],
      have: [actual(1, a, { state: "closed", stateReason: "completed" })],
      expected: ["unchanged #1"],
    },
  ];

  it.each(rows)("$name", ({ want, have, opts, expected }) => {
    expect(plan(want, have, opts).map(brief)).toEqual(expected);
  });
});

describe("planReconcile: the writes", () => {
  it("creates the issue with the marker, the managed section and the evidence section", () => {
    const [create] = plan([a], []);
    expect(create?.type).toBe("create");
    if (create?.type !== "create") return;
    expect(create.title).toBe("Title of a");
    expect(create.labels).toEqual(a.labels);
    expect(create.assignees).toEqual(["alice"]);
    expect(create.body).toBe(
      [
        '<!-- postmortem-followups:followup v1 {"path":"postmortems/2026-03-12-payments.md","id":"a","pr":42,"due":"2026-03-26","title":"Title of a","owner":"alice"} -->',
        MANAGED_BEGIN,
        "What to do for a\n\n- [ ] test/a.test.ts\n- [ ] #12",
        MANAGED_END,
        "",
        EVIDENCE_BEGIN,
        "_No evidence yet._",
        EVIDENCE_END,
        "",
      ].join("\n"),
    );
  });

  it("an update keeps what people wrote outside the managed section and the ticks they made", () => {
    const body = `${composeIssueBody(a).replace("- [ ] #12", "- [x] #12")}\nA note from the on-call.\n`;
    const [update] = plan(
      [desired("a", { managedBody: `Reworded\n\n- [ ] test/a.test.ts\n- [ ] #12` })],
      [actual(1, a, { body })],
    );
    expect(update?.type).toBe("update");
    if (update?.type !== "update") return;
    const next = update.changes.body ?? "";
    expect(readSection(next, MANAGED_BEGIN, MANAGED_END)).toBe("Reworded\n\n- [ ] test/a.test.ts\n- [x] #12");
    expect(next).toContain("A note from the on-call.");
    expect(readSection(next, EVIDENCE_BEGIN, EVIDENCE_END)).toBe("_No evidence yet._");
  });

  it("a ticked checklist alone is not a change", () => {
    const body = composeIssueBody(a).replace("- [ ] test/a.test.ts", "- [X] test/a.test.ts");
    expect(plan([a], [actual(1, a, { body })]).map(brief)).toEqual(["unchanged #1"]);
  });

  it("the evidence section is restored when someone deleted it, and its content is never rewritten", () => {
    const withoutEvidence = composeIssueBody(a).split(EVIDENCE_BEGIN)[0]!;
    const [restored] = plan([a], [actual(1, a, { body: withoutEvidence })]);
    expect(
      restored?.type === "update" && readSection(restored.changes.body!, EVIDENCE_BEGIN, EVIDENCE_END),
    ).toBe("_No evidence yet._");
    const recorded = composeIssueBody(a).replace("_No evidence yet._", "- #77 merged");
    expect(plan([a], [actual(1, a, { body: recorded })]).map(brief)).toEqual(["unchanged #1"]);
  });

  it("a title change records the new last-applied title in the marker", () => {
    const [update] = plan([desired("a", { title: "New title" })], [actual(1, a)]);
    expect(update?.type === "update" && update.changes.title).toBe("New title");
    expect(update?.type === "update" && readFollowupMarker(update.changes.body)?.title).toBe("New title");
  });

  it("closing a removed item marks the marker as removed; restoring clears it", () => {
    const [close] = plan([], [actual(2, b)]);
    expect(close?.type === "close" && readFollowupMarker(close.body)?.removed).toBe(true);
    const [reopen] = plan([b], [closedByApp(2, b)]);
    expect(reopen?.type === "update" && reopen.changes.state).toBe("open");
    expect(reopen?.type === "update" && readFollowupMarker(reopen.changes.body)?.removed).toBeUndefined();
  });

  it("sets the milestone when the config asks for milestones", () => {
    const [update] = plan([desired("a", { milestone: "2026-03-12 Payments API outage" })], [actual(1, a)]);
    expect(update?.type === "update" && update.changes.milestone).toBe("2026-03-12 Payments API outage");
  });

  it("matches issues by marker, never by title", () => {
    const other = desired("other", { title: a.title });
    expect(plan([a], [actual(5, other)]).map(brief)).toEqual([`create ${a.key}`, "close #5 removed-item"]);
  });

  it("summarises a plan", () => {
    const actions = plan([a, desired("c")], [actual(1, a), actual(2, b), actual(3, a)]);
    expect(summarizePlan(actions)).toEqual({ create: 1, update: 0, close: 2, unchanged: 1 });
  });
});

describe("carryTicks", () => {
  it("keeps ticks by item text, even when items move", () => {
    const before = "- [x] second\n- [ ] first";
    expect(carryTicks("- [ ] first\n- [ ] second\n- [ ] third", before)).toBe(
      "- [ ] first\n- [x] second\n- [ ] third",
    );
    expect(carryTicks("- [ ] a", null)).toBe("- [ ] a");
  });
});

describe("planReconcile after an edited item was joined (identity.ts)", () => {
  const derived = (id: string, title: string, pos: number) =>
    desired(id, {
      title,
      marker: { path: PATH, id, pr: 42, due: "2026-03-26", title, owner: "alice", pos },
      identity: { position: pos, tracking: [], pinned: false, line: 10 + pos },
    });

  it("a joined issue is updated to its new key and title: nothing created, nothing closed", async () => {
    const { applyJoins, joinEditedItems, identityItems } = await import(
      "../../../src/domain/followups/identity.js"
    );
    const old = derived("add-a-disk-usage-alret", "Add a disk usage alret", 0);
    const fixed = derived("add-a-disk-usage-alert", "Add a disk usage alert", 0);
    const issues = [actual(12, old)];
    const items = identityItems(PATH, [
      {
        id: fixed.id,
        title: fixed.title,
        term: "short_term",
        index: 0,
        line: 10,
        category: "system",
        idDerived: true,
      } as never,
    ]);
    const { joins } = joinEditedItems(items, issues);
    const actions = planReconcile({
      desired: [fixed],
      actual: applyJoins(issues, joins),
      scope: new Set([PATH]),
      managedLabels: MANAGED,
    });
    expect(actions.map((a) => [a.type, "number" in a ? a.number : null])).toEqual([["update", 12]]);
    const update = actions[0] as Extract<PlannedAction, { type: "update" }>;
    expect(update.changes.title).toBe("Add a disk usage alert");
    expect(readFollowupMarker(update.changes.body)).toMatchObject({ id: "add-a-disk-usage-alert", pos: 0 });
  });

  it("an item that only moved in the file is not written (its marker keeps the old place)", () => {
    const before = derived("write-the-runbook", "Write the runbook", 2);
    const after = derived("write-the-runbook", "Write the runbook", 5);
    const actions = planReconcile({
      desired: [after],
      actual: [actual(13, before)],
      scope: new Set([PATH]),
      managedLabels: MANAGED,
    });
    expect(actions).toEqual([{ type: "unchanged", key: after.key, number: 13, desired: after }]);
  });

  it("an item that moved and changed records its new place", () => {
    const before = derived("write-the-runbook", "Write the runbook", 2);
    const after = { ...derived("write-the-runbook", "Write the runbook", 5), managedBody: "new text" };
    const [action] = planReconcile({
      desired: [after],
      actual: [actual(13, before)],
      scope: new Set([PATH]),
      managedLabels: MANAGED,
    });
    expect(action?.type).toBe("update");
    expect(readFollowupMarker((action as Extract<PlannedAction, { type: "update" }>).changes.body)?.pos).toBe(
      5,
    );
  });
});

describe("planReconcile: items that need no new issue", () => {
  it("a done item and an item adopting #77 create nothing and close nothing", () => {
    const done = desired("done-item", { disposition: { kind: "done" } });
    const adopted = desired("tracked-item", { disposition: { kind: "adopt", number: 77 } });
    const open = desired("open-item");
    const actions = planReconcile({
      desired: [done, adopted, open],
      actual: [],
      scope: new Set([PATH]),
      managedLabels: MANAGED,
    });
    expect(actions.map((a) => [a.type, a.key])).toEqual([["create", open.key]]);
  });

  it("a done item that already has an issue keeps it (matched as before, not closed)", () => {
    const d = desired("done-item");
    const actions = planReconcile({
      desired: [{ ...d, disposition: { kind: "done" } }],
      actual: [actual(5, d)],
      scope: new Set([PATH]),
      managedLabels: MANAGED,
    });
    expect(actions.map((a) => [a.type, "number" in a ? a.number : null])).toEqual([["unchanged", 5]]);
  });
});
