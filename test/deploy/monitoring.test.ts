import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

import { setGitHubObserver } from "../../src/github/telemetry.js";
import { setRunObserver } from "../../src/infra/telemetry.js";
import { createMetrics } from "../../src/runs/metrics/registry.js";

/**
 * deploy/monitoring (issue 19): the Grafana dashboard and the Prometheus alert rules parse, and every
 * metric they name exists in the app's registry (a histogram's `_bucket`, `_sum`, `_count` included),
 * so renaming a metric without updating them fails here instead of in someone's on-call night.
 */

const DIR = new URL("../../deploy/monitoring/", import.meta.url).pathname;
const METRIC = /\bpostmortem_followups_[a-z0-9_]+/g;

async function knownNames(): Promise<Set<string>> {
  const metrics = createMetrics();
  setGitHubObserver(null);
  setRunObserver(null);
  const names = new Set<string>();
  for (const m of await metrics.registry.getMetricsAsJSON()) {
    names.add(m.name);
    if (String(m.type) === "histogram")
      for (const s of ["_bucket", "_sum", "_count"]) names.add(`${m.name}${s}`);
  }
  return names;
}

/** The metric names in the expressions that are not in the registry. */
function unknown(expressions: readonly string[], known: ReadonlySet<string>): string[] {
  return [...new Set(expressions.flatMap((e) => e.match(METRIC) ?? []))].filter((n) => !known.has(n)).sort();
}

interface Panel {
  title: string;
  targets?: { expr: string }[];
}

describe("deploy/monitoring", () => {
  it("the checker itself: an unknown or misspelled metric is reported", async () => {
    const known = await knownNames();
    expect(unknown(["rate(postmortem_followups_webhook_deliveries_total[5m])"], known)).toEqual([]);
    expect(unknown(["rate(postmortem_followups_webhook_delivery_total[5m])"], known)).toEqual([
      "postmortem_followups_webhook_delivery_total",
    ]);
    expect(unknown(["postmortem_followups_sweep_errors_total_bucket"], known)).toEqual([
      "postmortem_followups_sweep_errors_total_bucket",
    ]);
  });

  it("grafana-dashboard.json: every panel has a query, every metric exists, ids and titles unique", async () => {
    const dashboard = JSON.parse(readFileSync(join(DIR, "grafana-dashboard.json"), "utf8")) as {
      uid: string;
      panels: (Panel & { id: number })[];
    };
    expect(dashboard.uid).toBe("postmortem-followups");
    expect(dashboard.panels.length).toBeGreaterThanOrEqual(8);
    const expressions = dashboard.panels.flatMap((p) => {
      expect(p.targets?.length, p.title).toBeGreaterThan(0);
      return (p.targets ?? []).map((t) => t.expr);
    });
    expect(unknown(expressions, await knownNames())).toEqual([]);
    expect(new Set(dashboard.panels.map((p) => p.id)).size).toBe(dashboard.panels.length);
    expect(new Set(dashboard.panels.map((p) => p.title)).size).toBe(dashboard.panels.length);
    // Every metric of the registry is on the dashboard (a new metric gets a panel).
    const used = new Set(
      expressions.flatMap((e) => e.match(METRIC) ?? []).map((n) => n.replace(/_(bucket|sum|count)$/, "")),
    );
    const registry = createMetrics().registry;
    setGitHubObserver(null);
    setRunObserver(null);
    expect((await registry.getMetricsAsJSON()).map((m) => m.name).filter((n) => !used.has(n))).toEqual([]);
  });

  it("prometheus-alerts.yaml: rule groups with alert, expr, severity and summary; every metric exists", async () => {
    const rules = parse(readFileSync(join(DIR, "prometheus-alerts.yaml"), "utf8")) as {
      groups: {
        name: string;
        rules: {
          alert: string;
          expr: string;
          labels: { severity: string };
          annotations: { summary: string };
        }[];
      }[];
    };
    const all = rules.groups.flatMap((g) => g.rules);
    expect(all.length).toBeGreaterThanOrEqual(5);
    for (const rule of all) {
      expect(rule.alert).toMatch(/^PostmortemFollowups[A-Za-z]+$/);
      expect(["info", "warning", "critical"]).toContain(rule.labels.severity);
      expect(rule.annotations.summary.length).toBeGreaterThan(0);
      expect(rule.expr.match(METRIC)?.length, rule.alert).toBeGreaterThan(0);
    }
    expect(new Set(all.map((r) => r.alert)).size).toBe(all.length);
    expect(
      unknown(
        all.map((r) => r.expr),
        await knownNames(),
      ),
    ).toEqual([]);
  });
});
