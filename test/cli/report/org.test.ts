import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { reportCommandWith } from "../../../src/cli/report/command.js";
import { defaultConfig } from "../../../src/domain/config/load.js";
import { addFollowup } from "../../domain/progress/followup-issues.js";
import { runCommand, simulatedApp } from "../../helpers/cli.js";
import { testPrivateKey } from "../../helpers/probot.js";
import { calls, seedPay, useSimulator, writes } from "../../helpers/simulated-github.js";

// Two repositories a page: the installation's listing is paginated.
const github = useSimulator({ app: { slug: "postmortem-followups" }, maxPerPage: 2 });

const NOW = new Date("2026-11-25T12:00:00Z");
const config = defaultConfig();
const AS_APP = { APP_ID: "1", PRIVATE_KEY: testPrivateKey() };

beforeEach(() => {
  github.sim.addInstallation("acme", { id: 1, accountType: "Organization" });
  github.sim.addInstallation("other", { id: 2, accountType: "Organization" });
  const pay = seedPay(github.sim, { installation: 1 });
  addFollowup(github.sim, pay, config, { id: "a", closed: "completed", evidence: true });
  addFollowup(github.sim, pay, config, { id: "b", due: "2026-11-01" });
  addFollowup(github.sim, pay, config, { id: "c", term: "long_term", closed: "not_planned" });
  // A title written to break out of the page: escaped in the dashboard.
  const web = seedPay(github.sim, { installation: 1, name: "web" });
  const evil = addFollowup(github.sim, web, config, { id: "x", due: "2026-12-20" });
  evil.title = '<img src=x onerror=alert(1)> "quoted" & more';
  seedPay(github.sim, { installation: 1, name: "empty" });
  seedPay(github.sim, {
    installation: 1,
    name: "broken",
    files: { ".github/postmortem-followups.yml": "language: fr\n" },
  });
  github.sim.seedRepo({ owner: "acme", name: "old", archived: true, installation: 1 });
  const elsewhere = seedPay(github.sim, { installation: 2, owner: "other", name: "api" });
  addFollowup(github.sim, elsewhere, config, { id: "z" });
});

async function report(args: string[], env: Record<string, string> = AS_APP) {
  const register = reportCommandWith({ app: simulatedApp(github), now: () => NOW });
  const chunks: string[] = [];
  const run = await runCommand(register, ["report", ...args], { env, onStdout: (t) => chunks.push(t) });
  return { ...run, chunks };
}

describe("postmortem-followups report --org / --installation", () => {
  it("a follow-up routed to another repository counts once, where its issue is (issue 17)", async () => {
    const empty = github.sim.state.repos["acme/empty"]!;
    const routed = addFollowup(github.sim, empty, config, { id: "routed", due: "2026-12-20" });
    // Its marker names the postmortem's repository: acme/pay's own view leaves it out, acme/empty's
    // own view too (it is not one of its postmortems); the organisation counts it under acme/empty.
    routed.body = (routed.body ?? "").replace('"id":"routed"', '"id":"routed","home":"acme/pay"');
    const run = await report(["--org", "acme", "--format", "json"]);
    const json = JSON.parse(run.stdout);
    const totals = (name: string) =>
      json.repositories.find((r: { repository: string }) => r.repository === name)?.metrics?.total;
    expect([totals("acme/pay"), totals("acme/empty")]).toEqual([3, 1]);
    expect(json.totals.total).toBe(5);
  });

  it("json: every repository of the installation, paginated, archived skipped, other installations left out", async () => {
    const run = await report(["--org", "ACME", "--format", "json"]);
    const json = JSON.parse(run.stdout);
    expect(json.account).toBe("acme");
    expect(json.installation).toBe(1);
    expect(json.date).toBe("2026-11-25");
    expect(json.language).toBe("en");
    expect(
      json.repositories.map(
        (r: {
          repository: string;
          status: string;
          postmortems: number;
          metrics: { total: number } | null;
        }) => [r.repository, r.status, r.postmortems, r.metrics?.total ?? null],
      ),
    ).toEqual([
      ["acme/broken", "config-error", 0, null],
      ["acme/empty", "ok", 0, 0],
      ["acme/pay", "ok", 1, 3],
      ["acme/web", "ok", 1, 1],
    ]);
    expect(json.totals).toMatchObject({
      total: 4,
      open: 1,
      overdue: 1,
      doneValidated: 1,
      notDoing: 1,
      dueSoon: 0,
    });
    expect(json.owners).toEqual([
      { owner: "alice", total: 4, open: 2, overdue: 1, doneValidated: 1, doneUnvalidated: 0, notDoing: 1 },
    ]);
    expect(
      json.followups.map((f: { repository: string; number: number; status: string }) => [
        f.repository,
        f.status,
      ]),
    ).toEqual([
      ["acme/pay", "overdue"],
      ["acme/pay", "done_validated"],
      ["acme/pay", "not_doing"],
      ["acme/web", "open"],
    ]);
    expect(json.followups[3].url).toBe("https://github.com/acme/web/issues/1");
    // Created 2026-03-20; two closed 2026-11-20 (W47): open at the end of each of the last 12 weeks.
    expect(
      json.burndown.map((w: { week: string; open: number; closed: number }) => [w.week, w.open, w.closed]),
    ).toEqual([
      ["2026-W37", 4, 0],
      ["2026-W38", 4, 0],
      ["2026-W39", 4, 0],
      ["2026-W40", 4, 0],
      ["2026-W41", 4, 0],
      ["2026-W42", 4, 0],
      ["2026-W43", 4, 0],
      ["2026-W44", 4, 0],
      ["2026-W45", 4, 0],
      ["2026-W46", 4, 0],
      ["2026-W47", 2, 2],
      ["2026-W48", 2, 0],
    ]);
    // The broken config is named on stderr, and the exit code says something is wrong.
    expect(run.stderr).toContain("acme/broken: ");
    expect(run.code).toBe(1);
    expect(writes(github.sim)).toEqual([]);
  });

  it("costs the sweep's probe per repository: one GraphQL request each, the listing paginated", async () => {
    await report(["--installation", "1", "--format", "csv"]);
    const made = calls(github.sim.requests).filter((c) => !c.includes("/access_tokens"));
    expect(made.filter((c) => c === "GET /installation/repositories")).toHaveLength(3); // 5 repositories, 2 a page
    // Per repository: the probe (config, tracked issues), nothing else.
    expect(made.filter((c) => c === "POST /graphql repositoryProbe")).toHaveLength(4);
    expect(
      made.filter((c) => c.startsWith("POST /graphql") && c !== "POST /graphql repositoryProbe"),
    ).toEqual([]);
    expect(made.some((c) => c.includes("other/api"))).toBe(false);
  });

  it("csv: the installation's row, then one per repository", async () => {
    const run = await report(["--org", "acme", "--format", "csv"]);
    expect(run.stdout.split("\n").slice(0, 6)).toEqual([
      "account,date,repository,status,postmortems,total,open,due_soon,overdue,done_validated,done_unvalidated,not_doing,completion,validation_rate,p50_days_to_close,p90_days_to_close,policy_met,policy_missed,policy_attainment,open_age_0_7,open_age_8_30,open_age_31_90,open_age_over_90",
      "acme,2026-11-25,,ok,2,4,1,0,1,1,0,1,0.5,1,245,245,1,1,0.5,0,0,0,2",
      "acme,2026-11-25,acme/broken,config-error,0,,,,,,,,,,,,,,,,,,",
      "acme,2026-11-25,acme/empty,ok,0,0,0,0,0,0,0,0,,,,,0,0,,0,0,0,0",
      "acme,2026-11-25,acme/pay,ok,1,3,0,0,1,1,0,1,0.667,1,245,245,1,1,0.5,0,0,0,1",
      "acme,2026-11-25,acme/web,ok,1,1,1,0,0,0,0,0,0,,,,0,0,,0,0,0,1",
    ]);
  });

  it("md: in the language asked for", async () => {
    const en = await report(["--org", "acme"]);
    expect(en.stdout).toContain("# Follow-up health: acme\n\n2026-11-25 · 3 repositories\n");
    expect(en.stdout).toContain("| acme/pay | 1 | 3 | 0 | 0 | 1 | 1 | 0 | 1 | 67% | 100% |");
    expect(en.stdout).toContain("| acme/broken | invalid config |");
    const ko = await report(["--org", "acme", "--language", "ko"]);
    expect(ko.stdout).toContain("# 후속 조치 현황: acme\n\n2026-11-25 · 저장소 3개\n");
    expect(ko.stdout).toContain("| `alice` | 4 | 2 | 1 | 1 | 0 | 1 |");
  });

  it("html: one self-contained page, user text escaped", async () => {
    const run = await report(["--org", "acme", "--format", "html"]);
    const html = run.stdout;
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt; &quot;quoted&quot; &amp; more");
    expect(html).not.toContain("<img");
    // No network at view time: nothing loaded from anywhere, the CSP forbids it.
    expect(html).not.toMatch(/<(script|link|img|iframe)[^>]*\s(src|href)=/i);
    expect(html).toContain("default-src &#39;none&#39;");
    expect(html).toContain("Chart.js v4");
  });

  it("every format, byte for byte as when the report was built whole in memory", async () => {
    for (const format of ["md", "json", "csv", "html"]) {
      const run = await report(["--org", "acme", "--format", format]);
      // Chart.js's own source is not what this pins.
      const out = run.stdout.replace(
        /<script>[^<]*Chart\.js v4[\s\S]*?<\/script>/,
        "<script>CHART.JS</script>",
      );
      await expect(out).toMatchFileSnapshot(`../../fixtures/dashboard/golden/cli.${format}`);
    }
  });

  it("writes as it reads: each repository's row is its own write, and the spooled rows are deleted", async () => {
    const tmp = mkdtempSync(join(tmpdir(), "org-spool-"));
    const before = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    try {
      const md = await report(["--org", "acme"]);
      expect(md.chunks).toContain("| acme/pay | 1 | 3 | 0 | 0 | 1 | 1 | 0 | 1 | 67% | 100% |\n");
      expect(md.chunks).toContain("| acme/web | 1 | 1 | 1 | 0 | 0 | 0 | 0 | 0 | 0% | — |\n");
      const csv = await report(["--org", "acme", "--format", "csv"]);
      expect(csv.chunks).toHaveLength(6);
      const json = await report(["--org", "acme", "--format", "json"]);
      expect(json.chunks.length).toBeGreaterThan(10);
      expect(readdirSync(tmp)).toEqual([]);
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it("no installation there, a bad --installation, no app credentials, two scopes, html for --repo", async () => {
    const none = await report(["--org", "nobody"]);
    expect([none.code, none.stderr]).toEqual([1, "error: the app has no installation on nobody\n"]);
    expect((await report(["--installation", "x1"])).code).toBe(2);
    const token = await report(["--org", "acme"], { GITHUB_TOKEN: "t", APP_BOT_LOGIN: "b" });
    expect(token.code).toBe(2);
    expect(token.stderr).toContain("as the app");
    expect((await report(["--org", "acme", "--repo", "acme/pay"])).stderr).toContain("name one of");
    expect((await report(["--repo", "acme/pay", "--format", "html"])).stderr).toContain("--org");
  });
});
