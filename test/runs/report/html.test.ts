import { describe, expect, it } from "vitest";
import { buildOrgReport } from "../../../src/domain/dashboard/org-fold.js";
import { classify, type ProgressItem } from "../../../src/domain/progress/model.js";
import { escapeHtml, renderDashboard } from "../../../src/runs/report/html.js";

/**
 * The dashboard's HTML as text (the browser tests open it): user values cannot become markup, a
 * script, or a link anywhere but http(s); the CSP allows exactly the two inline scripts.
 */

const EVIL = "</script><script>alert(1)</script><!--";

function report(over: Partial<ProgressItem>) {
  const item: ProgressItem = {
    key: "p.md#a",
    path: "p.md",
    id: "a",
    number: 5,
    url: "https://github.com/acme/pay/issues/5",
    title: "t",
    term: "short_term",
    category: "system",
    owner: "alice",
    due: "2026-11-01",
    pr: 1,
    state: "closed",
    stateReason: "completed",
    createdAt: "2026-10-01T00:00:00Z",
    closedAt: "2026-10-20T00:00:00Z",
    validated: true,
    severity: EVIL,
    ...over,
  };
  return buildOrgReport({ account: "acme", installation: 1, date: "2026-11-25", language: "en" }, [
    {
      repository: "acme/pay",
      url: "https://github.com/acme/pay",
      status: "ok",
      items: [classify(item, "2026-11-25")],
      severities: [EVIL],
    },
  ]);
}

const assets = { chartJs: "window.Chart = function () {};" };
const scripts = (html: string) => [...html.matchAll(/<script[^>]*>/g)].map((m) => m[0]);

describe("renderDashboard", () => {
  it("escapes every user value: titles, owners, severities (also in the charts' JSON)", () => {
    const html = renderDashboard(report({ title: EVIL, owner: `${EVIL}"'` }), assets);
    expect(html).not.toContain("<script>alert(1)");
    expect(html).not.toContain("<!--");
    expect(html).toContain(escapeHtml(EVIL));
    // Three script elements: the data (JSON, not run), Chart.js, the page's own.
    expect(scripts(html)).toEqual([
      '<script type="application/json" id="dashboard-data">',
      "<script>",
      "<script>",
    ]);
    expect(html).toContain("\\u003c/script\\u003e\\u003cscript\\u003ealert(1)");
  });

  it("links only http(s) issue URLs", () => {
    for (const url of ["javascript:alert(1)", "data:text/html,x", "//evil.example/x", "not a url"]) {
      const html = renderDashboard(report({ url }), assets);
      expect(html).not.toContain("<a ");
      expect(html).toContain(">#5</td>");
    }
    expect(renderDashboard(report({}), assets)).toContain(
      '<a href="https://github.com/acme/pay/issues/5">#5</a>',
    );
  });

  it("allows the two inline scripts by hash and loads nothing", () => {
    const html = renderDashboard(report({}), assets);
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/
      .exec(html)![1]!
      .replace(/&#39;/g, "'");
    expect(csp).toMatch(
      /^default-src 'none'; script-src 'sha256-[A-Za-z0-9+/=]{44}' 'sha256-[A-Za-z0-9+/=]{44}'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'$/,
    );
    expect(html).not.toMatch(/\s(src|href)="(?!https:\/\/github\.com\/acme\/pay\/issues\/5")/);
  });
});
