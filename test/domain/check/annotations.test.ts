import { describe, expect, it } from "vitest";
import {
  type Annotation,
  batchAnnotations,
  diffAnnotations,
  sortAnnotations,
  toAnnotation,
} from "../../../src/domain/check/annotations.js";
import type { Problem } from "../../../src/domain/diagnostics/problem.js";

const problem = (over: Partial<Problem> = {}): Problem => ({
  file: "postmortems/a.md",
  line: 10,
  column: 5,
  severity: "error",
  path: "followups.short_term[0].validation",
  code: "missing-validation",
  message: "missing validation",
  ...over,
});

describe("toAnnotation", () => {
  it.each([
    ["error", "failure"],
    ["warning", "warning"],
    ["notice", "notice"],
  ] as const)("maps %s to %s", (severity, level) => {
    expect(toAnnotation(problem({ severity })).annotation_level).toBe(level);
  });

  it("keeps the exact position, with columns on a one-line span", () => {
    expect(toAnnotation(problem({ endLine: 10, endColumn: 30 }))).toEqual({
      path: "postmortems/a.md",
      start_line: 10,
      end_line: 10,
      start_column: 5,
      end_column: 30,
      annotation_level: "failure",
      message: "followups.short_term[0].validation: missing validation",
      title: "postmortem error",
    });
  });

  it("drops columns on a multi-line span (GitHub rejects them)", () => {
    const a = toAnnotation(problem({ endLine: 14, endColumn: 3 }));
    expect(a).toMatchObject({ start_line: 10, end_line: 14 });
    expect(a.start_column).toBeUndefined();
    expect(a.end_column).toBeUndefined();
  });

  it("has no path prefix for whole-file problems and clips huge messages", () => {
    const a = toAnnotation(problem({ path: "", message: "x".repeat(100_000) }));
    expect(a.message.length).toBeLessThanOrEqual(4000);
    expect(a.message.startsWith("xxx")).toBe(true);
  });

  it("never produces a line below 1 or an end before the start", () => {
    const a = toAnnotation(problem({ line: 0, endLine: -3, column: 0 }));
    expect(a.start_line).toBe(1);
    expect(a.end_line).toBe(1);
  });
});

describe("batchAnnotations", () => {
  it.each([
    [0, [0]],
    [1, [1]],
    [50, [50]],
    [51, [50, 1]],
    [120, [50, 50, 20]],
    [150, [50, 50, 50]],
  ])("%i annotations -> batches of %j", (n, sizes) => {
    const list = Array.from({ length: n }, (_, i) => i);
    const batches = batchAnnotations(list);
    expect(batches.map((b) => b.length)).toEqual(sizes);
    expect(batches.flat()).toEqual(list);
  });

  it("rejects a nonsensical batch size", () => {
    expect(() => batchAnnotations([1], 0)).toThrow(RangeError);
  });
});

describe("sortAnnotations", () => {
  it("puts failures first, then by file and line", () => {
    const sorted = sortAnnotations([
      toAnnotation(problem({ severity: "notice", line: 1 })),
      toAnnotation(problem({ severity: "error", line: 9, file: "b.md" })),
      toAnnotation(problem({ severity: "warning", line: 2 })),
      toAnnotation(problem({ severity: "error", line: 3 })),
    ]);
    expect(sorted.map((a) => [a.annotation_level, a.path, a.start_line])).toEqual([
      ["failure", "b.md", 9],
      ["failure", "postmortems/a.md", 3],
      ["warning", "postmortems/a.md", 2],
      ["notice", "postmortems/a.md", 1],
    ]);
  });
});

describe("diffAnnotations", () => {
  const a = toAnnotation(problem({ line: 1 }));
  const b = toAnnotation(problem({ line: 2 }));
  const c = toAnnotation(problem({ line: 3 }));
  const cases: [string, Annotation[], Annotation[], Annotation[], boolean][] = [
    ["nothing yet: send all", [], [a, b], [a, b], false],
    ["same set: send nothing", [a, b], [a, b], [], false],
    ["a new one: append it only", [a], [a, b], [b], false],
    ["one no longer applies: stale", [a, c], [a, b], [b], true],
    ["duplicates count", [a], [a, a], [a], false],
    ["title differences do not matter", [{ ...a, title: "other" }], [a], [], false],
  ];
  it.each(cases)("%s", (_name, existing, wanted, append, stale) => {
    expect(diffAnnotations(existing, wanted)).toEqual({ append, stale });
  });
});
