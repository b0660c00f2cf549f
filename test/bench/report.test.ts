import { describe, expect, it } from "vitest";
import type { ScenarioResult } from "../../bench/harness.js";
import { cpuModel } from "../../bench/report.js";

function row(scenario: string, n: number, cpu: number): ScenarioResult {
  return { scenario, n, followups: n, cpu_ms: cpu } as ScenarioResult;
}

describe("cpuModel", () => {
  it("splits a merge's CPU into a cost per delivery and a cost per follow-up", () => {
    const rows = [1, 10, 50, 200].flatMap((n) => [
      row("merge-cold", n, 20 + 5 * n),
      row("merge-warm", n, 12 + 4 * n),
    ]);
    expect(cpuModel(rows)).toEqual([
      "merge-cold: CPU ~ 20.0 ms per delivery + 5.00 ms per follow-up (least squares over N = 1, 10, 50, 200)",
      "merge-warm: CPU ~ 12.0 ms per delivery + 4.00 ms per follow-up (least squares over N = 1, 10, 50, 200)",
    ]);
  });

  it("says nothing from a single N", () => {
    expect(cpuModel([row("merge-cold", 1, 30), row("merge-cold", 1, 31)])).toEqual([]);
  });
});
