import { describe, expect, it } from "vitest";
import { ageBuckets, percentile } from "../../../src/domain/progress/distribution.js";

describe("percentile (nearest rank)", () => {
  it.each([
    [[], 50, null],
    [[5], 50, 5],
    [[5], 90, 5],
    [[1, 2, 3, 4], 50, 2],
    [[4, 1, 3, 2], 90, 4],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50, 5],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9],
    [[3, 1, 400], 50, 3],
  ] as const)("%j p%i = %s", (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });
});

describe("ageBuckets", () => {
  it("puts each age in its bucket, every bucket present", () => {
    expect(ageBuckets([0, 7, 8, 30, 31, 90, 91, 400])).toEqual({
      "0-7": 2,
      "8-30": 2,
      "31-90": 2,
      "over-90": 2,
    });
    expect(ageBuckets([])).toEqual({ "0-7": 0, "8-30": 0, "31-90": 0, "over-90": 0 });
  });
});
