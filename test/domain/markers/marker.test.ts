import { describe, expect, it } from "vitest";
import {
  EVIDENCE_BEGIN,
  EVIDENCE_END,
  type FollowupMarker,
  MANAGED_BEGIN,
  MANAGED_END,
  readFollowupMarker,
  readMarker,
  readSection,
  renderMarker,
  replaceFollowupMarker,
  replaceSection,
} from "../../../src/domain/markers/marker.js";

const marker: FollowupMarker = {
  path: "postmortems/2026-03-12-payments.md",
  id: "validate-gateway-config",
  pr: 42,
  due: "2026-03-19",
  title: "Validate gateway config before deploy",
  owner: "alice",
};

describe("markers", () => {
  it("renders one hidden, versioned HTML comment and reads it back", () => {
    const line = renderMarker("followup", marker);
    expect(line).toBe(
      '<!-- postmortem-followups:followup v1 {"path":"postmortems/2026-03-12-payments.md","id":"validate-gateway-config","pr":42,"due":"2026-03-19","title":"Validate gateway config before deploy","owner":"alice"} -->',
    );
    expect(readFollowupMarker(`text\n${line}\nmore`)).toEqual(marker);
  });

  it("escapes < > & so no value can end the comment early", () => {
    const hostile = { ...marker, title: "--> <script>alert(1)</script> & <!-- x" };
    const line = renderMarker("followup", hostile);
    expect(line.slice(4, -4)).not.toMatch(/[<>&]/);
    expect(line.match(/-->/g)).toHaveLength(1);
    expect(readFollowupMarker(line)?.title).toBe(hostile.title);
  });

  it("round-trips Korean text and the removed flag", () => {
    const ko = { ...marker, title: "인증서 갱신 자동화", owner: "acme/sre", removed: true };
    expect(readFollowupMarker(renderMarker("followup", ko))).toEqual(ko);
  });

  it("round-trips dueSet (a due date the postmortem sets); anything but true is dropped", () => {
    const set = { ...marker, dueSet: true as const };
    expect(readFollowupMarker(renderMarker("followup", set))).toEqual(set);
    expect(readFollowupMarker(renderMarker("followup", { ...marker, dueSet: "yes" }))).toEqual(marker);
  });

  it("ignores other kinds, other versions and malformed JSON", () => {
    expect(readFollowupMarker(renderMarker("summary", { pr: 1 }))).toBeNull();
    expect(readFollowupMarker('<!-- postmortem-followups:followup v2 {"path":"a","id":"b"} -->')).toBeNull();
    expect(readFollowupMarker('<!-- postmortem-followups:followup v1 {"path":"a",} -->')).toBeNull();
    expect(readFollowupMarker('<!-- postmortem-followups:followup v1 {"path":1,"id":"b"} -->')).toBeNull();
    expect(readFollowupMarker(null)).toBeNull();
    expect(readFollowupMarker("")).toBeNull();
    expect(
      readMarker("summary", `${renderMarker("followup", marker)}\n${renderMarker("summary", { pr: 3 })}`),
    ).toEqual({
      pr: 3,
    });
  });

  it("fills defaults for missing optional fields", () => {
    expect(readFollowupMarker('<!-- postmortem-followups:followup v1 {"path":"a.md","id":"b"} -->')).toEqual({
      path: "a.md",
      id: "b",
      pr: null,
      due: null,
      title: "",
      owner: null,
    });
  });

  it("replaces the marker in place, or prepends one", () => {
    const body = `${renderMarker("followup", marker)}\nkept`;
    const moved = replaceFollowupMarker(body, { ...marker, due: "2026-04-01" });
    expect(moved.split("\n")[1]).toBe("kept");
    expect(readFollowupMarker(moved)?.due).toBe("2026-04-01");
    const prepended = replaceFollowupMarker("a person's text", marker);
    expect(prepended).toBe(`${renderMarker("followup", marker)}\na person's text`);
  });
});

describe("sections", () => {
  const body = [
    "intro",
    MANAGED_BEGIN,
    "managed text",
    "second line",
    MANAGED_END,
    "",
    EVIDENCE_BEGIN,
    "evidence",
    EVIDENCE_END,
    "",
    "a person's notes",
  ].join("\n");

  it("reads a section's content", () => {
    expect(readSection(body, MANAGED_BEGIN, MANAGED_END)).toBe("managed text\nsecond line");
    expect(readSection(body, EVIDENCE_BEGIN, EVIDENCE_END)).toBe("evidence");
    expect(readSection("no sections", MANAGED_BEGIN, MANAGED_END)).toBeNull();
    expect(readSection(`${MANAGED_BEGIN}\nunterminated`, MANAGED_BEGIN, MANAGED_END)).toBeNull();
  });

  it("replaces a section and keeps everything around it", () => {
    const next = replaceSection(body, MANAGED_BEGIN, MANAGED_END, "new");
    expect(readSection(next, MANAGED_BEGIN, MANAGED_END)).toBe("new");
    expect(next.startsWith("intro\n")).toBe(true);
    expect(next.endsWith("a person's notes")).toBe(true);
    expect(readSection(next, EVIDENCE_BEGIN, EVIDENCE_END)).toBe("evidence");
  });

  it("appends a missing section", () => {
    expect(replaceSection("text  \n", EVIDENCE_BEGIN, EVIDENCE_END, "e")).toBe(
      `text\n\n${EVIDENCE_BEGIN}\ne\n${EVIDENCE_END}`,
    );
    expect(replaceSection("", EVIDENCE_BEGIN, EVIDENCE_END, "e")).toBe(
      `${EVIDENCE_BEGIN}\ne\n${EVIDENCE_END}`,
    );
  });
});
