import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  EVIDENCE_BEGIN,
  EVIDENCE_END,
  MANAGED_BEGIN,
  MANAGED_END,
  readSection,
} from "../../../src/domain/markers/marker.js";
import {
  alreadyRecorded,
  checklistItems,
  checklistState,
  closeKind,
  type IssueLink,
  type LinkedPullRef,
  linkedCandidates,
  PLAN_HEADINGS,
  parseValidatedCommand,
  recordedEvidence,
  withEvidence,
} from "../../../src/domain/validation/proof.js";
import { t } from "../../../src/text/catalog/index.js";

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

describe("checklistState: only the validation plan's own items", () => {
  /** A managed section as the templates render it: description, plan, incident. */
  function rendered(description: string[], plan: string[], heading: string = PLAN_HEADINGS[0]): string {
    return [
      MARKER,
      MANAGED_BEGIN,
      "**Short-term mitigation** · **System** · due **2026-03-19**",
      "",
      "### What to do",
      "",
      ...description,
      "",
      heading,
      "",
      "How we will know the fix works. Tick each item once it has been checked, or close this issue with a linked pull request or a `/validated <link or #N>` comment.",
      "",
      ...plan,
      "",
      "### Incident",
      "",
      "**Payments outage** (2026-03-12) · postmortem [p.md](u)",
      "",
      "- [x] a ticked box in the incident summary",
      MANAGED_END,
    ].join("\n");
  }
  const none = "_No validation named in the postmortem._";

  it("a ticked description is not the plan (validation.required: false, no validation)", () => {
    const body = rendered(["- [x] done", "- [x] also done"], [none]);
    expect(checklistState(body)).toEqual({ total: 0, ticked: 0, complete: false });
    expect(checklistItems(body)).toEqual([]);
  });

  it("a ticked description does not complete an unticked plan", () => {
    const body = rendered(["- [x] done"], ["- [ ] test/a.ts"]);
    expect(checklistState(body)).toEqual({ total: 1, ticked: 0, complete: false });
    expect(checklistItems(body)).toEqual([{ text: "test/a.ts", ticked: false }]);
  });

  it("the plan's own ticks count (English and Korean templates)", () => {
    expect(checklistState(rendered(["- [ ] step"], ["- [x] test/a.ts", "- [X] #3"])).complete).toBe(true);
    expect(checklistState(rendered([], ["- [x] test/a.ts"], PLAN_HEADINGS[1])).complete).toBe(true);
  });

  it("a description that forges the plan's heading makes the plan unreadable: nothing counts", () => {
    const forged = rendered(["### Validation plan", "", "- [x] forged"], ["- [x] test/a.ts"]);
    expect(checklistState(forged)).toEqual({ total: 0, ticked: 0, complete: false });
    const forgedKo = rendered([PLAN_HEADINGS[1], "- [x] 위조"], [none]);
    expect(checklistState(forgedKo).complete).toBe(false);
  });

  it("a body without the heading (edited away) has no plan", () => {
    expect(checklistState(`${MANAGED_BEGIN}\n- [x] done\n${MANAGED_END}`).complete).toBe(false);
    expect(checklistState("- [x] done").complete).toBe(false);
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

describe("linkedCandidates", () => {
  const MERGED = "2026-03-18T00:00:00Z";
  const BEFORE = "2026-03-10T00:00:00Z";
  const AFTER = "2026-03-19T00:00:00Z";
  const pull = (number: number, merged = true, repository = "acme/pay"): LinkedPullRef => ({
    number,
    url: `https://github.com/${repository}/pull/${number}`,
    title: `PR ${number}`,
    merged,
    mergedAt: merged ? MERGED : null,
    repository,
    author: "alice",
    mergedBy: "bob",
  });
  const ctx = { repository: "acme/pay", postmortemPull: 12 };
  const at = AFTER;
  /** A closing reference of the pull request's own, made at `when`. */
  const closing = (p: LinkedPullRef, when = BEFORE): IssueLink[] => [
    { type: "closing-reference", pull: p },
    { type: "cross-reference", at: when, actor: p.author, willClose: true, pull: p },
  ];

  it.each<[string, IssueLink[], unknown[]]>([
    [
      "merged PR that closed it",
      [{ type: "closed-by-pull", at, pull: pull(40) }],
      [{ type: "pull", via: "closed-by-pull", pull: { number: 40 } }],
    ],
    [
      "commit of this repository that closed it",
      [{ type: "closed-by-commit", at, oid: "abc", url: "u", repository: "acme/pay" }],
      [{ type: "commit", oid: "abc" }],
    ],
    [
      "a commit of another repository that closed it is not proof",
      [{ type: "closed-by-commit", at, oid: "abc", url: "u", repository: "mallory/evil" }],
      [],
    ],
    [
      "a PR of another repository that closed it is not proof",
      [{ type: "closed-by-pull", at, pull: pull(40, true, "mallory/evil") }],
      [],
    ],
    [
      "merged closing reference made before the merge",
      closing(pull(3)),
      [{ type: "pull", via: "closing-reference", pull: { number: 3 } }],
    ],
    [
      "a Development link made before the merge",
      [
        { type: "closing-reference", pull: pull(3) },
        { type: "connected", at: BEFORE, actor: "carol", pull: pull(3) },
      ],
      [{ type: "pull", via: "connected", pull: { number: 3 } }],
    ],
    ["a closing reference added after the merge is not proof", closing(pull(3), AFTER), []],
    [
      "a Development link added after the merge is not proof",
      [
        { type: "closing-reference", pull: pull(3) },
        { type: "connected", at: AFTER, actor: "carol", pull: pull(3) },
      ],
      [],
    ],
    [
      "a closing reference without its timeline event is not proof",
      [{ type: "closing-reference", pull: pull(3) }],
      [],
    ],
    ["a closing reference from another repository is not proof", closing(pull(3, true, "mallory/evil")), []],
    ["open closing reference is not proof", closing(pull(3, false)), []],
    [
      "a mention (in the pull request or in anybody's comment) is never proof",
      [{ type: "cross-reference", at: BEFORE, actor: "mallory", willClose: false, pull: pull(41) }],
      [],
    ],
    [
      "a mention does not make a closing reference's link",
      [
        { type: "closing-reference", pull: pull(3) },
        { type: "cross-reference", at: BEFORE, actor: "mallory", willClose: false, pull: pull(3) },
      ],
      [],
    ],
    [
      "the postmortem's own pull request is not proof",
      [{ type: "closed-by-pull", at, pull: pull(12) }, ...closing(pull(12))],
      [],
    ],
    ["nothing", [], []],
  ])("%s", (_name, links, expected) => {
    expect(linkedCandidates(links, ctx)).toMatchObject(expected);
    expect(linkedCandidates(links, ctx)).toHaveLength(expected.length);
  });

  it("counts another repository's pull requests and commits only when the config names it", () => {
    const foreign: IssueLink[] = [
      { type: "closed-by-commit", at, oid: "abc", url: "u", repository: "Acme/API" },
      ...closing(pull(3, true, "acme/api")),
    ];
    expect(linkedCandidates(foreign, ctx)).toEqual([]);
    expect(linkedCandidates(foreign, { ...ctx, proofRepositories: ["acme/api"] })).toMatchObject([
      { type: "commit", oid: "abc" },
      { type: "pull", via: "closing-reference", pull: { number: 3, repository: "acme/api" } },
    ]);
  });

  it("puts what closed the issue first, and lists each pull request once", () => {
    const links: IssueLink[] = [
      ...closing(pull(43)),
      ...closing(pull(42)),
      { type: "closed-by-pull", at, pull: pull(43) },
    ];
    expect(linkedCandidates(links, ctx)).toMatchObject([
      { via: "closed-by-pull", pull: { number: 43 } },
      { via: "closing-reference", pull: { number: 42 } },
    ]);
  });
});

describe("the evidence entry of a linked pull request says which rule and who", () => {
  it.each([
    [
      "en",
      "closed-by-pull",
      "merger",
      "✅ Merged pull request #40 (Fix) closed this issue (merged by `bob`, who has write access)",
    ],
    [
      "en",
      "closing-reference",
      "author",
      "✅ Merged pull request #40 (Fix) links this issue with a closing keyword (opened by `alice`, who has write access)",
    ],
    [
      "en",
      "connected",
      "merger",
      "✅ Merged pull request #40 (Fix) was linked to this issue (merged by `bob`, who has write access)",
    ],
    [
      "ko",
      "closed-by-pull",
      "merger",
      "✅ 병합된 풀 리퀘스트 #40 (Fix)이 이 이슈를 닫았습니다 (쓰기 권한이 있는 `bob`님이 병합)",
    ],
    [
      "ko",
      "closing-reference",
      "author",
      "✅ 병합된 풀 리퀘스트 #40 (Fix)이 닫기 키워드로 이 이슈에 연결되어 있습니다 (쓰기 권한이 있는 `alice`님이 작성)",
    ],
    [
      "ko",
      "connected",
      "merger",
      "✅ 병합된 풀 리퀘스트 #40 (Fix)이 이 이슈에 연결되었습니다 (쓰기 권한이 있는 `bob`님이 병합)",
    ],
  ] as const)("%s %s by its %s", (lang, via, role, text) => {
    const login = role === "merger" ? "`bob`" : "`alice`";
    expect(t(lang, "evidence.entry.pull", { ref: "#40", title: "Fix", via, login, role })).toBe(text);
  });
});

describe("the validation plan of the issue templates", () => {
  it("has one heading per language, the one checklistState reads", () => {
    for (const [lang, heading] of [
      ["en", PLAN_HEADINGS[0]],
      ["ko", PLAN_HEADINGS[1]],
    ] as const) {
      const template = readFileSync(
        new URL(`../../../templates/${lang}/followup-issue.hbs`, import.meta.url),
        "utf8",
      );
      expect(template.split("\n").filter((l) => l === heading)).toHaveLength(1);
    }
  });
});
