import { describe, expect, it } from "vitest";
import { toAnnotation } from "../../../src/domain/check/annotations.js";
import type { CheckOutput } from "../../../src/domain/check/output.js";
import { expandLookup, makeRecord, readRecord, withRecord } from "../../../src/domain/check/record.js";
import { renderMarker } from "../../../src/domain/markers/marker.js";
import type { Lookup, LookupResult } from "../../../src/domain/validation/resolve.js";

const HEAD = "a".repeat(40);
const annotation = toAnnotation({
  file: "postmortems/a.md",
  line: 3,
  column: 1,
  severity: "error",
  path: "",
  code: "invalid",
  message: "x",
});
const output = (summary: string): CheckOutput => ({
  conclusion: "failure",
  title: "1 error",
  summary,
  annotations: [annotation],
  counts: { errors: 1, warnings: 0, notices: 0, followups: 1, files: 1, unannotated: 0 },
});

describe("the check's record", () => {
  const lookups: Lookup[] = [
    { kind: "content", ref: HEAD, path: "test/a.test.ts" },
    { kind: "content", ref: "release/2.x", path: "b.ts" },
    { kind: "issue", number: 7 },
    { kind: "workflow", file: "ci.yml" },
    { kind: "run", id: 12 },
    { kind: "commit", sha: "abc1234" },
  ];
  const results = new Map<string, LookupResult>(
    lookups.map((l, i) => [JSON.stringify(l), { status: i % 2 ? "found" : "missing" }]),
  );

  it("round-trips through the run's summary, lookups compacted (the head's ref left out)", () => {
    const record = makeRecord({
      inputDigest: "in",
      headSha: HEAD,
      lookups,
      results,
      conclusion: "failure",
      annotations: [annotation],
    });
    expect(record.lookups?.[0]).toEqual(["c", "", "test/a.test.ts"]);
    const written = withRecord(output("## Summary\n"), record, "cut");
    expect(written.summary.startsWith("## Summary\n")).toBe(true);
    const read = readRecord(written.summary);
    expect(read).toEqual(record);
    expect(read!.lookups!.map((l) => expandLookup(l, HEAD))).toEqual(lookups);
  });

  it("keeps the summary within GitHub's limit, the record whole at its end", () => {
    const long = `${"line of the summary\n".repeat(5000)}`;
    const record = makeRecord({
      inputDigest: "in",
      headSha: HEAD,
      lookups,
      results,
      conclusion: "failure",
      annotations: [],
    });
    const written = withRecord(output(long), record, "The summary was cut.");
    expect(written.summary.length).toBeLessThanOrEqual(65_535);
    expect(readRecord(written.summary)).toEqual(record);
    expect(written.summary).toContain("> The summary was cut.");
  });

  it("drops the lookups when there are too many to record (the next run then checks everything)", () => {
    const many: Lookup[] = Array.from({ length: 300 }, (_, i) => ({
      kind: "content",
      ref: HEAD,
      path: `${"very/long/directory/name/".repeat(4)}file-${i}.test.ts`,
    }));
    const record = makeRecord({
      inputDigest: "in",
      headSha: HEAD,
      lookups: many,
      results,
      conclusion: "success",
      annotations: [],
    });
    expect(record.lookups).toBeNull();
  });

  it("reads nothing from another format, another kind of marker, or malformed data", () => {
    expect(
      readRecord(
        renderMarker("check", {
          format: 2,
          input: "x",
          results: "y",
          conclusion: "success",
          annotations: [],
          lookups: [],
        }),
      ),
    ).toBeNull();
    expect(readRecord(renderMarker("summary", { pr: 1 }))).toBeNull();
    expect(
      readRecord(
        renderMarker("check", {
          format: 1,
          input: "x",
          results: "y",
          conclusion: "success",
          annotations: [1],
        }),
      ),
    ).toBeNull();
    expect(readRecord("no marker at all")).toBeNull();
    expect(expandLookup(["i", "7"], HEAD)).toBeNull();
    expect(expandLookup(["x", 1], HEAD)).toBeNull();
  });
});
