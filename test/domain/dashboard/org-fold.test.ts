import { describe, expect, it } from "vitest";
import { formatOrgReport } from "../../../src/cli/report/org.js";
import { UrgentFollowups } from "../../../src/domain/dashboard/metric-fold.js";
import { buildOrgReport } from "../../../src/domain/dashboard/org-fold.js";
import type { OrgFollowup } from "../../../src/domain/dashboard/org-report.js";
import { classify, type ProgressItem } from "../../../src/domain/progress/model.js";
import { renderDashboard } from "../../../src/runs/report/html.js";

/**
 * The org report's bounds (issue 19): the HTML lists the most urgent follow-ups only and says how
 * many the JSON has; owners past the limit are counted, not listed, and every output says so.
 */

const DATE = "2026-11-25";

function item(n: number, over: Partial<ProgressItem> = {}): ProgressItem {
  return {
    key: `p.md#${n}`,
    id: String(n),
    path: "p.md",
    number: n,
    url: `https://github.com/acme/pay/issues/${n}`,
    title: `Follow-up ${n}`,
    term: "short_term",
    category: "system",
    owner: "alice",
    due: "2026-12-20",
    pr: 1,
    state: "open",
    stateReason: null,
    createdAt: "2026-10-01T00:00:00Z",
    closedAt: null,
    validated: false,
    severity: "sev2",
    ...over,
  };
}

const closed = { state: "closed" as const, stateReason: "completed", closedAt: "2026-10-20T00:00:00Z" };

// Read in this order: done, open (due in 25 days), overdue (by 5), due soon (in 1), overdue (by 20), open (no due).
const ITEMS = [
  item(1, { ...closed, validated: true, owner: "bob" }),
  item(2),
  item(3, { due: "2026-11-20", owner: "carol" }),
  item(4, { due: "2026-11-26", owner: "dave" }),
  item(5, { due: "2026-11-05" }),
  item(6, { due: null, owner: null }),
];

function report(limits = { followups: 3, owners: 2 }) {
  return buildOrgReport(
    { account: "acme", installation: 1, date: DATE, language: "en" },
    [
      {
        repository: "acme/pay",
        url: "https://github.com/acme/pay",
        status: "ok",
        items: ITEMS.map((i) => classify(i, DATE)),
        severities: ["sev1", "sev2"],
      },
    ],
    limits,
  );
}

const assets = { chartJs: "window.Chart = function () {};" };
const followupRows = (html: string) =>
  [...html.matchAll(/<tr data-status="[a-z_]+">.*?issues\/(\d+)"/g)].map((m) => Number(m[1]));

describe("the org report's bounds", () => {
  it("html: only the most urgent follow-ups (overdue first, most overdue first), in the order read, with a line saying so", () => {
    const html = renderDashboard(report(), assets, 3);
    expect(followupRows(html)).toEqual([3, 4, 5]);
    expect(html).toContain(
      '<p class="hint" role="note">The 3 most urgent follow-ups of 6 (overdue first); the JSON report (`--format json`) lists them all.</p>',
    );
    // Under the limit: every follow-up, no line.
    const all = renderDashboard(report({ followups: 6, owners: 10 }), assets, 6);
    expect(followupRows(all)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(all).not.toContain('role="note"');
  });

  it("json: every follow-up, and the follow-ups of the owners past the limit", () => {
    const json = JSON.parse(formatOrgReport(report(), "json"));
    expect(json.followups.map((f: OrgFollowup) => f.number)).toEqual([1, 2, 3, 4, 5, 6]);
    // bob and alice have rows (the first two seen); carol's, dave's and the unowned one are counted only.
    expect(json.owners.map((o: { owner: string | null }) => o.owner)).toEqual(["alice", "bob"]);
    expect(json.ownersOmitted).toEqual({ limit: 2, followups: 3 });
    expect(json.totals.total).toBe(6);
    expect(JSON.parse(formatOrgReport(report({ followups: 3, owners: 10 }), "json"))).not.toHaveProperty(
      "ownersOmitted",
    );
  });

  it("md and html: the owner table says it is capped", () => {
    const line =
      "Only the first 2 owners have a row: the totals also count 3 follow-ups of other owners (`ownersOmitted` in the JSON report).";
    expect(formatOrgReport(report(), "md")).toContain(
      `| bob | 1 | 0 | 0 | 1 | 0 | 0 |\n\n${line}\n`.replace("bob", "`bob`"),
    );
    expect(renderDashboard(report(), assets)).toContain(
      `<p class="hint" role="note">${line.replaceAll("`", "`")}</p>`,
    );
    const ko = buildOrgReport(
      { account: "acme", installation: 1, date: DATE, language: "ko" },
      [
        {
          repository: "acme/pay",
          url: "u",
          status: "ok",
          items: ITEMS.map((i) => classify(i, DATE)),
          severities: [],
        },
      ],
      { followups: 3, owners: 2 },
    );
    expect(formatOrgReport(ko, "md")).toContain(
      "담당자 행은 처음 2개까지만 표시합니다. 다른 담당자의 후속 조치 3건은 합계에만 포함됩니다(JSON 보고서의 `ownersOmitted`).",
    );
  });
});

describe("UrgentFollowups", () => {
  const row = (number: number, status: OrgFollowup["status"], daysLeft: number | null) =>
    ({ number, status, daysLeft }) as OrgFollowup;

  it("keeps the k most urgent of many, in the order they came, ties by arrival", () => {
    const urgent = new UrgentFollowups(3);
    const statuses = ["done_validated", "open", "not_doing", "due_soon", "done_unvalidated"] as const;
    for (let n = 1; n <= 1000; n++) urgent.add(row(n, statuses[n % statuses.length]!, n % 7));
    // Overdue ones come last: they still win.
    urgent.add(row(1001, "overdue", -1));
    urgent.add(row(1002, "overdue", -30));
    // due_soon: n % 5 === 3; the smallest daysLeft (n % 7 === 0) first: n = 28, 63, ...
    expect(urgent.rows().map((r) => r.number)).toEqual([28, 1001, 1002]);
  });
});
