import { describe, expect, it } from "vitest";
import {
  EVIDENCE_BEGIN,
  EVIDENCE_END,
  readSection,
  renderMarker,
} from "../../../src/domain/markers/marker.js";
import type { PortComment } from "../../../src/domain/ports.js";
import {
  MAX_REASON,
  MAX_REASON_LOOKUPS,
  type NotDoingRecord,
  parseNotDoingCommand,
  readNotDoing,
  reasonText,
  withNotDoing,
} from "../../../src/domain/validation/not-doing.js";
import { recordedEvidence, withEvidence } from "../../../src/domain/validation/proof.js";
import { findReason } from "../../../src/runs/validate/not-doing.js";
import { AccessCache } from "../../../src/runs/validate/proof-on-close.js";

/** "Not doing" needs a reason (issue 16): the pure parts, as plain data. */

describe("parseNotDoingCommand", () => {
  it.each([
    ["/not-doing retired in Q3", { reason: "retired in Q3" }],
    ["  /NOT-DOING   retired  ", { reason: "retired" }],
    ["\n\n/not-doing retired\nand replaced by #40", { reason: "retired\nand replaced by #40" }],
    ["/not-doing\nthe reason on the next line", { reason: "the reason on the next line" }],
    ["/not-doing", { reason: null }],
    ["/not-doing   \n  ", { reason: null }],
    ["/not-doingx", null],
    ["> /not-doing quoted", null],
    ["we said /not-doing retired", null],
    ["/validated #1", null],
    ["", null],
  ] as const)("%j", (body, expected) => {
    expect(parseNotDoingCommand(body)).toEqual(expected);
  });
});

describe("reasonText", () => {
  it("one line, no HTML or mention, at most MAX_REASON characters", () => {
    expect(reasonText("a\nb <!-- x --> @alice")).toBe("a b &lt;!-- x --&gt; @\u200balice");
    const long = reasonText("x".repeat(MAX_REASON + 50));
    expect(long).toHaveLength(MAX_REASON);
    expect(long.endsWith("…")).toBe(true);
  });
});

const RECORD: NotDoingRecord = {
  reason: "retired in Q3",
  by: "alice",
  at: "2026-03-26T09:00:00Z",
  comment: 77,
  url: "https://github.com/acme/pay/issues/5#issuecomment-77",
  closedBy: "bob",
  closedAt: "2026-03-25T08:00:00Z",
};

const BODY = [
  "intro",
  EVIDENCE_BEGIN,
  "### Evidence",
  "",
  "- ✅ Merged #42",
  EVIDENCE_END,
  "",
  "Notes a person added.",
].join("\n");

describe("the record in the evidence section", () => {
  it("is written after the evidence entries, read back, and is not an evidence entry", () => {
    const body = withNotDoing(BODY, "en", RECORD);
    expect(readNotDoing(body)).toEqual(RECORD);
    expect(recordedEvidence(body)).toEqual(["✅ Merged #42"]);
    expect(readSection(body, EVIDENCE_BEGIN, EVIDENCE_END)).toBe(
      [
        "### Evidence",
        "",
        "- ✅ Merged #42",
        "",
        renderMarker("not-doing", RECORD),
        "⚪ **Not doing.** Reason: retired in Q3. Risk accepted by `alice` on 2026-03-26 ([comment](https://github.com/acme/pay/issues/5#issuecomment-77)); closed by `bob`.",
      ].join("\n"),
    );
    expect(body.startsWith("intro\n")).toBe(true);
    expect(body.endsWith("\n\nNotes a person added.")).toBe(true);
  });

  it("survives a later evidence entry, and a later reason replaces it", () => {
    const body = withEvidence(withNotDoing(BODY, "en", RECORD), "en", "✅ `docs/runbook.md`");
    expect(readNotDoing(body)).toEqual(RECORD);
    expect(recordedEvidence(body)).toEqual(["✅ Merged #42", "✅ `docs/runbook.md`"]);
    const again = withNotDoing(body, "ko", { ...RECORD, reason: "대체됨", by: "bob", comment: 78 });
    expect(readNotDoing(again)).toMatchObject({ reason: "대체됨", by: "bob", comment: 78 });
    expect(again.match(/postmortem-followups:not-doing /g)).toHaveLength(1);
    expect(again).toContain("`bob` 님이 2026-03-26에 위험을 수용했습니다");
    // The closer is named only when someone else gave the reason.
    expect(again).not.toContain("닫은 사람");
  });

  it("is read only inside the evidence section, and only when well formed", () => {
    expect(readNotDoing(`${BODY}\n${renderMarker("not-doing", RECORD)}`)).toBeNull();
    const broken = withNotDoing(BODY, "en", RECORD).replace('"by":"alice"', '"by":7');
    expect(readNotDoing(broken)).toBeNull();
    expect(readNotDoing(null)).toBeNull();
  });
});

describe("findReason", () => {
  const CLOSED = "2026-03-25T08:00:00Z";
  const comment = (
    id: number,
    author: string,
    body: string,
    createdAt: string,
    authorType = "User",
  ): PortComment => ({
    id,
    author,
    authorType,
    body,
    createdAt,
    url: `https://github.com/acme/pay/issues/5#issuecomment-${id}`,
  });
  const access = (writers: string[]) =>
    new AccessCache({ hasWriteAccess: async (login: string) => writers.includes(login) });
  const close = { closedAt: CLOSED, closedBy: "bob" };
  const ctx = { botLogin: "app[bot]" };

  it.each([
    [
      "a writer's /not-doing, any time",
      [comment(1, "alice", "/not-doing retired", "2026-03-01T00:00:00Z")],
      "retired",
    ],
    [
      "a writer's comment with the close",
      [comment(1, "alice", "retired", "2026-03-25T07:59:00Z")],
      "retired",
    ],
    [
      "a writer's comment 3 minutes after the close",
      [comment(1, "alice", "retired", "2026-03-25T08:03:00Z")],
      null,
    ],
    ["a non-writer's /not-doing", [comment(1, "mallory", "/not-doing retired", CLOSED)], null],
    ["a bot's comment with the close", [comment(1, "ci[bot]", "retired", CLOSED, "Bot")], null],
    ["the app's own comment", [comment(1, "app[bot]", "retired", CLOSED)], null],
    ["another command with the close", [comment(1, "alice", "/followups status", CLOSED)], null],
    ["/not-doing without a reason", [comment(1, "alice", "/not-doing", CLOSED)], null],
    [
      "the latest of several",
      [
        comment(1, "alice", "/not-doing first", "2026-03-20T00:00:00Z"),
        comment(2, "bob", "/not-doing second", "2026-03-26T00:00:00Z"),
      ],
      "second",
    ],
  ] as const)("%s", async (_case, comments, reason) => {
    const found = await findReason(comments, close, ctx, access(["alice", "bob", "ci[bot]", "app[bot]"]));
    expect(found?.reason ?? null).toBe(reason);
  });

  it(`asks about at most ${MAX_REASON_LOOKUPS} people, each once`, async () => {
    const comments = Array.from({ length: 30 }, (_, i) =>
      comment(i + 1, `outsider${i % 10}`, `+1 ${i}`, CLOSED),
    );
    const cache = access(["alice"]);
    expect(await findReason(comments, close, ctx, cache)).toBeNull();
    expect(cache.requests).toBe(MAX_REASON_LOOKUPS);
  });
});
