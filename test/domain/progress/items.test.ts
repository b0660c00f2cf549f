import { schema } from "@octokit/graphql-schema";
import {
  buildSchema,
  Kind,
  type OperationDefinitionNode,
  parse,
  type SelectionSetNode,
  validate,
} from "graphql";
import { describe, expect, it } from "vitest";
import { defaultConfig, parseConfigObject } from "../../../src/domain/config/load.js";
import { EVIDENCE_BEGIN, EVIDENCE_END, renderMarker } from "../../../src/domain/markers/marker.js";
import {
  hasRecordedEvidence,
  isValidated,
  progressItems,
  untrackedItems,
} from "../../../src/domain/progress/items.js";
import { buildProgress } from "../../../src/domain/progress/model.js";
import { withNotDoing } from "../../../src/domain/validation/not-doing.js";
import { withEvidence } from "../../../src/domain/validation/proof.js";
import { TRACKED_ISSUES_QUERY } from "../../../src/github/tracked-issues.graphql.js";
import type { TrackedIssue } from "../../../src/github/tracked-issues.js";
import { render } from "../../../src/text/templates.js";

const BOT = "postmortem-followups[bot]";
const config = defaultConfig();

function issue(overrides: Partial<TrackedIssue> = {}, marker: object = {}): TrackedIssue {
  const body = [
    renderMarker("followup", {
      path: "postmortems/a.md",
      id: "x",
      pr: 7,
      due: "2026-12-01",
      title: "X",
      owner: "alice",
      ...marker,
    }),
    EVIDENCE_BEGIN,
    "### Evidence",
    "",
    "- Merged #42",
    EVIDENCE_END,
  ].join("\n");
  return {
    number: 5,
    title: "Validate the gateway config",
    body,
    url: "https://github.com/acme/pay/issues/5",
    state: "closed",
    stateReason: "completed",
    createdAt: "2026-03-20T00:00:00Z",
    closedAt: "2026-03-25T00:00:00Z",
    author: BOT,
    authorType: "Bot",
    labels: ["postmortem-followup", "term: long-term", "category: process", "severity: SEV2"],
    assignees: ["alice"],
    milestone: null,
    timeline: [],
    linkedPulls: [],
    ...overrides,
  };
}

describe("progress items from tracked issues", () => {
  it("maps the marker, labels and state", () => {
    expect(progressItems([issue()], config, BOT)).toEqual([
      {
        key: "postmortems/a.md#x",
        path: "postmortems/a.md",
        id: "x",
        number: 5,
        url: "https://github.com/acme/pay/issues/5",
        title: "Validate the gateway config",
        term: "long_term",
        category: "process",
        owner: "alice",
        due: "2026-12-01",
        pr: 7,
        state: "closed",
        stateReason: "completed",
        createdAt: "2026-03-20T00:00:00Z",
        closedAt: "2026-03-25T00:00:00Z",
        validated: true,
        severity: "SEV2",
        notDoing: null,
        needsReason: false,
        nudges: { reminders: 0, overdue: 0, escalations: 0 },
        dueSoon: { days: 2, businessDays: undefined },
      },
    ]);
  });

  it("the last reminder or escalation step sent for the current due date (issue 16)", () => {
    const base = issue();
    const [first, ...rest] = base.body.split("\n");
    const record = renderMarker("nudges", {
      sent: [
        { step: "reminder", due: "2026-11-01", on: "2026-10-30" },
        { step: "reminder", due: "2026-12-01", on: "2026-11-29" },
        { step: "overdue", due: "2026-12-01", on: "2026-12-02" },
      ],
    });
    const body = [first, record, ...rest].join("\n");
    expect(progressItems([{ ...base, body }], config, BOT)[0]!.nudge).toEqual({
      step: "overdue",
      on: "2026-12-02",
    });
    // Every step of the record counts as sent, whatever due date it was for.
    expect(progressItems([{ ...base, body }], config, BOT)[0]!.nudges).toEqual({
      reminders: 2,
      overdue: 1,
      escalations: 0,
    });
    // The same record further down (a person's text) is no record.
    expect(
      progressItems([{ ...base, body: `${base.body}\n${record}` }], config, BOT)[0]!.nudge,
    ).toBeUndefined();
  });

  it("needs a reason: closed as not planned, none recorded, and the config asks (validation.on_close not off)", () => {
    const closed = issue({ stateReason: "not_planned" });
    expect(progressItems([closed], config, BOT)[0]!.needsReason).toBe(true);
    const off = parseConfigObject({ validation: { on_close: "off" } });
    if (!off.ok) throw new Error("config");
    expect(progressItems([closed], off.config, BOT)[0]!.needsReason).toBe(false);
    expect(progressItems([issue({ stateReason: "duplicate" })], config, BOT)[0]!.needsReason).toBe(false);
  });

  it("reads the recorded not-doing reason from the evidence section's marker only", () => {
    const record = {
      reason: "retired in Q3",
      by: "alice",
      at: "2026-03-26T10:00:00Z",
      comment: 77,
      url: "https://github.com/acme/pay/issues/5#issuecomment-77",
      closedBy: "bob",
      closedAt: "2026-03-26T09:59:30Z",
    };
    const closed = issue({ stateReason: "not_planned" });
    const recorded = { ...closed, body: withNotDoing(closed.body, "en", record) };
    expect(progressItems([recorded], config, BOT)[0]!.notDoing).toEqual({
      reason: "retired in Q3",
      by: "alice",
      at: "2026-03-26T10:00:00Z",
      url: "https://github.com/acme/pay/issues/5#issuecomment-77",
    });
    // The same marker outside the evidence section (where people's text goes) is not a record.
    const outside = { ...closed, body: `${closed.body}\n${renderMarker("not-doing", record)}` };
    expect(progressItems([outside], config, BOT)[0]!.notDoing).toBeNull();
  });

  it("trusts only the app's bot, needs a marker, leaves out items removed from the file", () => {
    const items = progressItems(
      [
        issue({ number: 1, author: "mallory", authorType: "User" }),
        issue({ number: 2, author: "postmortem-followups[bot]", authorType: "User" }),
        issue({ number: 3, body: "no marker" }),
        issue({ number: 4 }, { removed: true }),
        issue({ number: 6 }),
      ],
      config,
      BOT,
    );
    expect(items.map((i) => i.number)).toEqual([6]);
  });

  it("term and category come from the labels of the configured language", () => {
    const ko = parseConfigObject({ language: "ko" });
    if (!ko.ok) throw new Error("config");
    const [item] = progressItems(
      [issue({ labels: ["postmortem-followup", "단기 해결책", "분류: 교육 및 훈련"] })],
      ko.config,
      BOT,
    );
    expect(item).toMatchObject({ term: "short_term", category: "training" });
    const [bare] = progressItems([issue({ labels: ["postmortem-followup"] })], config, BOT);
    expect(bare).toMatchObject({ term: null, category: null });
  });

  it("validated: closed as completed, evidence recorded, no needs-validation label", () => {
    expect(isValidated(issue(), config)).toBe(true);
    expect(isValidated(issue({ labels: ["needs-validation"] }), config)).toBe(false);
    expect(isValidated(issue({ labels: ["Needs-Validation"] }), config)).toBe(false);
    expect(isValidated(issue({ state: "open", stateReason: null }), config)).toBe(false);
    expect(isValidated(issue({ stateReason: "not_planned" }), config)).toBe(false);
    const placeholder = issue().body.replace("- Merged #42", "_No evidence yet._");
    expect(isValidated(issue({ body: placeholder }), config)).toBe(false);
    expect(hasRecordedEvidence("- outside any section")).toBe(false);
  });

  it("agrees with the validation flow: evidence it records makes the follow-up validated", () => {
    const empty = [
      EVIDENCE_BEGIN,
      render("en", "followup-evidence", { evidence: [] }).trimEnd(),
      EVIDENCE_END,
    ].join("\n");
    expect(isValidated(issue({ body: empty }), config)).toBe(false);
    expect(isValidated(issue({ body: withEvidence(empty, "en", "Merged pull request #42") }), config)).toBe(
      true,
    );
  });
});

/** Field names selected on Issue nodes in the query. */
function issueFields(query: string): string[] {
  const doc = parse(query);
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const walk = (set: SelectionSetNode | undefined, path: string[]): SelectionSetNode | undefined => {
    if (!set || path.length === 0) return set;
    for (const s of set.selections)
      if (s.kind === Kind.FIELD && s.name.value === path[0]) return walk(s.selectionSet, path.slice(1));
    return undefined;
  };
  const nodes = walk(op.selectionSet, ["repository", "issues", "nodes"]);
  // The fields are in a fragment shared with the probes: expand spreads.
  const fragments = new Map(
    doc.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])),
  );
  const fields = (set: SelectionSetNode | undefined): string[] =>
    (set?.selections ?? []).flatMap((s) =>
      s.kind === Kind.FIELD
        ? [s.name.value]
        : s.kind === Kind.FRAGMENT_SPREAD
          ? fields(fragments.get(s.name.value)?.selectionSet)
          : [],
    );
  return fields(nodes);
}

describe("the tracked-issue query the report is built from", () => {
  it("is valid against GitHub's GraphQL schema", () => {
    // The published SDL trips graphql-js 17's stricter SDL rules (a field defined twice), which GitHub
    // does not enforce: build it without validating the SDL itself; the query is validated in full.
    const github = buildSchema(schema.idl, { assumeValidSDL: true, assumeValid: true });
    expect(validate(github, parse(TRACKED_ISSUES_QUERY)).map((e) => e.message)).toEqual([]);
    // The check has teeth: a misspelt field is caught.
    const broken = TRACKED_ISSUES_QUERY.replace("closedAt", "closedOn");
    expect(validate(github, parse(broken)).map((e) => e.message)).toEqual([
      'Cannot query field "closedOn" on type "Issue". Did you mean "closed" or "closedAt"?',
    ]);
  });

  it("selects every field the progress model reads", () => {
    expect(issueFields(TRACKED_ISSUES_QUERY)).toEqual(
      expect.arrayContaining([
        "number",
        "title",
        "body",
        "url",
        "state",
        "stateReason",
        "createdAt",
        "closedAt",
        "author",
        "labels",
      ]),
    );
  });

  it("is paginated", () => {
    expect(TRACKED_ISSUES_QUERY).toMatch(/\$cursor: String/);
    expect(TRACKED_ISSUES_QUERY).toMatch(/pageInfo\s*{\s*hasNextPage\s+endCursor\s*}/);
  });
});

describe("untrackedItems (Markdown items without an issue of ours, issue 14)", () => {
  const base = {
    path: "postmortems/a.md",
    title: "t",
    term: "short_term" as const,
    category: "system",
    owner: "alice",
    due: "2026-11-10",
    pr: 7,
    since: "2026-11-02T00:00:00Z",
  };
  const issue = (state: "open" | "closed", stateReason: string | null = null) => ({
    number: 12,
    url: "https://github.com/acme/s/issues/12",
    state,
    stateReason,
    closedAt: state === "closed" ? "2026-11-09T00:00:00Z" : null,
  });

  it("done counts as done (validated with a PR or commit link); adopted counts as its issue is", () => {
    const items = untrackedItems([
      { ...base, id: "done-proof", kind: "done", proof: true },
      { ...base, id: "done-plain", kind: "done", proof: false },
      { ...base, id: "adopted-open", kind: "adopted", proof: false, issue: issue("open") },
      { ...base, id: "adopted-closed", kind: "adopted", proof: true, issue: issue("closed", "completed") },
      {
        ...base,
        id: "adopted-dropped",
        kind: "adopted",
        proof: false,
        issue: issue("closed", "not_planned"),
      },
    ]);
    const [progress] = buildProgress(items, "2026-11-25");
    expect(Object.fromEntries(progress!.items.map((i) => [i.id, [i.number, i.status]]))).toEqual({
      "done-proof": [null, "done_validated"],
      "done-plain": [null, "done_unvalidated"],
      "adopted-open": [12, "overdue"],
      "adopted-closed": [12, "done_validated"],
      "adopted-dropped": [12, "not_doing"],
    });
    expect(progress!.summary.counts).toMatchObject({
      overdue: 1,
      done_validated: 2,
      done_unvalidated: 1,
      not_doing: 1,
    });
    expect(progress!.pr).toBe(7);
  });
});
