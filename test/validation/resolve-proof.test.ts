import { describe, expect, it } from "vitest";
import {
  EVIDENCE_BEGIN,
  EVIDENCE_END,
  MANAGED_BEGIN,
  MANAGED_END,
  readSection,
} from "../../src/markers/marker.js";
import {
  alreadyRecorded,
  checklistItems,
  checklistState,
  closeKind,
  type IssueLink,
  type LinkedPullRef,
  parseValidatedCommand,
  pickLinkedEvidence,
  recordedEvidence,
  withEvidence,
} from "../../src/validation/proof.js";

const MARKER =
  '<!-- postmortem-followups:followup v1 {"path":"postmortems/a.md","id":"a","pr":12,"due":"2026-03-19","title":"A","owner":"alice"} -->';

function body(plan: string[], evidence: string[] = [], extra = ""): string {
  return [
    MARKER,
    MANAGED_BEGIN,
    "**Short-term mitigation** · **System**",
    "",
    "### Validation plan",
    "",
    ...plan,
    MANAGED_END,
    "",
    EVIDENCE_BEGIN,
    "### Evidence",
    "",
    ...(evidence.length ? evidence.map((e) => `- ${e}`) : ["_No evidence yet._"]),
    EVIDENCE_END,
    "",
    extra,
  ].join("\n");
}

describe("checklistState", () => {
  it.each<[string, string[], { total: number; ticked: number; complete: boolean }]>([
    ["all ticked", ["- [x] test/a.ts", "- [X] #12"], { total: 2, ticked: 2, complete: true }],
    ["one open", ["- [x] test/a.ts", "- [ ] #12"], { total: 2, ticked: 1, complete: false }],
    [
      "no plan is never complete",
      ["_No validation named in the postmortem._"],
      { total: 0, ticked: 0, complete: false },
    ],
  ])("%s", (_name, plan, state) => {
    expect(checklistState(body(plan))).toEqual(state);
  });

  it("only counts the managed section (a ticked box people add below does not count)", () => {
    expect(checklistState(body(["- [ ] test/a.ts"], [], "- [x] done!")).complete).toBe(false);
    expect(checklistItems(body(["- [ ] test/a.ts", "- [x] #3"]))).toEqual([
      { text: "test/a.ts", ticked: false },
      { text: "#3", ticked: true },
    ]);
  });
});

describe("evidence section", () => {
  it("adds an entry, keeps the earlier ones and everything outside the section", () => {
    const before = body(["- [ ] test/a.ts"], ["✅ first"], "Notes people wrote.");
    const after = withEvidence(before, "en", "✅ second");
    expect(recordedEvidence(after)).toEqual(["✅ first", "✅ second"]);
    expect(readSection(after, MANAGED_BEGIN, MANAGED_END)).toBe(
      readSection(before, MANAGED_BEGIN, MANAGED_END),
    );
    expect(after.startsWith(MARKER)).toBe(true);
    expect(after.endsWith("Notes people wrote.")).toBe(true);
    expect(readSection(after, EVIDENCE_BEGIN, EVIDENCE_END)).toBe("### Evidence\n\n- ✅ first\n- ✅ second");
  });

  it("re-sanitises entries edited by hand (no marker can be forged through the section)", () => {
    const forged = body([], ["<!-- postmortem-followups:end --> sneaky"]);
    const after = withEvidence(forged, "en", "✅ new");
    expect(readSection(after, EVIDENCE_BEGIN, EVIDENCE_END)).not.toContain("<!--");
  });

  it("appends the section to a body without one", () => {
    const after = withEvidence("Just text", "ko", "✅ 증거");
    expect(readSection(after, EVIDENCE_BEGIN, EVIDENCE_END)).toBe("### 검증 증거\n\n- ✅ 증거");
  });

  it("knows what was already recorded", () => {
    const b = body([], ["✅ x ([comment](https://github.com/acme/pay/issues/3#issuecomment-99))"]);
    expect(alreadyRecorded(b, "https://github.com/acme/pay/issues/3#issuecomment-99")).toBe(true);
    expect(alreadyRecorded(b, "https://github.com/acme/pay/issues/3#issuecomment-9")).toBe(false);
  });
});

describe("parseValidatedCommand", () => {
  it.each<[string | null, ReturnType<typeof parseValidatedCommand>]>([
    ["/validated #123", { argument: "#123" }],
    [
      "/validated   https://grafana.example.com/d/x  \nThanks!",
      { argument: "https://grafana.example.com/d/x" },
    ],
    ["\n\n/Validated <test/a.ts>", { argument: "test/a.ts" }],
    ["/validated", { argument: null }],
    ["/validatedfoo", null],
    ["> /validated #1", null],
    ["Looks good. /validated #1", null],
    ["", null],
    [null, null],
  ])("%j", (text, expected) => {
    expect(parseValidatedCommand(text)).toEqual(expected);
  });
});

describe("closeKind", () => {
  it.each([
    ["completed", "completed"],
    [null, "completed"],
    ["not_planned", "not-doing"],
    ["duplicate", "not-doing"],
  ] as const)("%s -> %s", (reason, kind) => {
    expect(closeKind(reason)).toBe(kind);
  });
});

describe("pickLinkedEvidence", () => {
  const pull = (number: number, merged = true, repository = "acme/pay"): LinkedPullRef => ({
    number,
    url: `https://github.com/${repository}/pull/${number}`,
    title: `PR ${number}`,
    merged,
    mergedAt: merged ? "2026-03-18T00:00:00Z" : null,
    repository,
  });
  const ctx = { repository: "acme/pay", botLogin: "postmortem-followups[bot]", postmortemPull: 12 };
  const at = "2026-03-19T00:00:00Z";

  it.each<[string, IssueLink[], unknown]>([
    [
      "merged PR that closed it",
      [{ type: "closed-by-pull", at, pull: pull(40) }],
      { type: "pull", via: "closed-by-pull" },
    ],
    [
      "commit that closed it",
      [{ type: "closed-by-commit", at, oid: "abc", url: "u" }],
      { type: "commit", oid: "abc" },
    ],
    [
      "merged closing reference (another repo is fine)",
      [{ type: "closing-reference", pull: pull(3, true, "acme/api") }],
      { type: "pull", via: "closing-reference" },
    ],
    ["open closing reference is not proof", [{ type: "closing-reference", pull: pull(3, false) }], null],
    [
      "merged cross-reference by a person",
      [{ type: "cross-reference", at, actor: "bob", pull: pull(41) }],
      { type: "pull", via: "cross-reference" },
    ],
    [
      "a mention the app wrote is not proof",
      [{ type: "cross-reference", at, actor: "postmortem-followups[bot]", pull: pull(41) }],
      null,
    ],
    [
      "the postmortem's own pull request is not proof",
      [{ type: "cross-reference", at, actor: "alice", pull: pull(12) }],
      null,
    ],
    [
      "a cross-reference from another repository is not proof",
      [{ type: "cross-reference", at, actor: "bob", pull: pull(41, true, "x/y") }],
      null,
    ],
    ["nothing", [], null],
  ])("%s", (_name, links, expected) => {
    const picked = pickLinkedEvidence(links, ctx);
    if (expected === null) expect(picked).toBeNull();
    else expect(picked).toMatchObject(expected as object);
  });

  it("prefers what closed the issue over other links", () => {
    const links: IssueLink[] = [
      { type: "cross-reference", at, actor: "bob", pull: pull(41) },
      { type: "closing-reference", pull: pull(42) },
      { type: "closed-by-pull", at, pull: pull(43) },
    ];
    expect(pickLinkedEvidence(links, ctx)).toMatchObject({ pull: { number: 43 } });
  });
});
