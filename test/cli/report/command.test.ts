import { beforeEach, describe, expect, it } from "vitest";
import { main } from "../../../src/cli/main.js";
import { reportCommandWith } from "../../../src/cli/report/command.js";
import type { ReportDeps } from "../../../src/cli/report/run.js";
import { defaultConfig } from "../../../src/domain/config/load.js";
import { addFollowup } from "../../domain/progress/followup-issues.js";
import { runCommand, simulatedApp, simulatedToken } from "../../helpers/cli.js";
import { SEARCH_PATH, searchPostmortem } from "../../helpers/postmortems.js";
import { testPrivateKey } from "../../helpers/probot.js";
import { seedPay, useSimulator, writes } from "../../helpers/simulated-github.js";
import type { SimRepo } from "../../simulator/index.js";

// The app's slug is the bot login the token path is told (APP_BOT_LOGIN).
const github = useSimulator({ app: { slug: "postmortem-followups" } });

const NOW = new Date("2026-11-25T12:00:00Z");
const config = defaultConfig();

let repo: SimRepo;
beforeEach(() => {
  github.sim.addInstallation("acme", { id: 1, accountType: "Organization" });
  repo = seedPay(github.sim, { installation: 1 });
  github.sim.addUser("mallory");
  github.sim.addUserToken("alice", "ghp_test");
  addFollowup(github.sim, repo, config, { id: "a", closed: "completed", evidence: true });
  addFollowup(github.sim, repo, config, { id: "b", due: "2026-11-01" });
  addFollowup(github.sim, repo, config, { id: "c", term: "long_term", closed: "not_planned" });
  addFollowup(github.sim, repo, config, { id: "d", path: "postmortems/other.md", pr: 9 });
  // Not the app's: ignored.
  addFollowup(github.sim, repo, config, { id: "e", author: "mallory" });
});

function report(args: string[], env: Record<string, string>, deps: Partial<ReportDeps> = {}) {
  const register = reportCommandWith({
    app: simulatedApp(github),
    token: simulatedToken(github),
    now: () => NOW,
    ...deps,
  });
  return runCommand(register, ["report", ...args], { env });
}

const TOKEN = { GITHUB_TOKEN: "ghp_test", APP_BOT_LOGIN: "postmortem-followups" };

describe("postmortem-followups report", () => {
  it("json: per postmortem and overall", async () => {
    const run = await report(["--repo", "acme/pay", "--format", "json"], TOKEN);
    expect(run.code).toBe(0);
    const metrics = JSON.parse(run.stdout);
    expect(metrics).toMatchObject({
      repository: "acme/pay",
      date: "2026-11-25",
      overall: {
        all: { total: 4, overdue: 1, doneValidated: 1, notDoing: 1, completion: 0.5, validationRate: 1 },
      },
    });
    expect(metrics.postmortems.map((p: { path: string; pr: number }) => [p.path, p.pr])).toEqual([
      ["postmortems/2026-03-12-payments.md", 7],
      ["postmortems/other.md", 9],
    ]);
    expect(Object.keys(metrics.overall.byTerm)).toEqual(["short_term", "long_term"]);
    expect(metrics.overall.byCategory.system.total).toBe(4);
    // Read-only: the token was used, nothing written.
    expect(writes(github.sim)).toEqual([]);
    expect(github.sim.requests.length).toBeGreaterThan(0);
  });

  it("counts a Markdown postmortem's done and adopted items (issue 14), and writes nothing", async () => {
    const adopted = github.sim.createIssue(repo, { title: "Shard the index", user: "alice" });
    github.sim.addCommit(repo, {
      files: {
        [SEARCH_PATH]: searchPostmortem([
          "- [x] Plug the file descriptor leak https://github.com/acme/pay/pull/40",
          "- [x] Update the search runbook",
          `- [ ] Shard the search index #${adopted.number}`,
        ]),
      },
    });
    const run = await report(["--repo", "acme/pay", "--format", "json"], TOKEN);
    expect(run.stderr).toBe("");
    const metrics = JSON.parse(run.stdout);
    // The four issues of ours (as above), and three items with no issue of ours: one done with a pull
    // request link (validated), one done without (not validated), one adopting an open issue.
    expect(metrics.overall.all).toMatchObject({ total: 7, doneValidated: 2, notDoing: 1 });
    const search = metrics.postmortems.find((p: { path: string }) => p.path === SEARCH_PATH);
    expect(search).toMatchObject({ all: { total: 3, doneValidated: 1, doneUnvalidated: 1, open: 1 } });
    expect(writes(github.sim)).toEqual([]);
  });

  it("each postmortem's response figures and post-evaluation, once the postmortem has them (issue 18)", async () => {
    github.sim.addCommit("acme/pay", {
      files: {
        "postmortems/2026-03-12-payments.md": [
          "# Payments outage",
          "",
          "Date: 2026-03-12",
          "",
          "## Timeline",
          "",
          "| Time | Event |",
          "| --- | --- |",
          "| 10:00 | Errors began |",
          "| 10:12 | Alert fired |",
          "| 12:05 | Resolved |",
          "",
          "## Post-evaluation",
          "",
          "Paging took too long.",
          "",
          "## Action Items",
          "",
          "- Add an alert",
          "",
        ].join("\n"),
      },
    });
    const json = await report(["--repo", "acme/pay", "--format", "json"], TOKEN);
    const metrics = JSON.parse(json.stdout);
    expect(metrics.postmortems.map((p: { record?: unknown }) => p.record ?? null)).toEqual([
      {
        detectMinutes: 12,
        mitigateMinutes: null,
        resolveMinutes: 125,
        firstUpdateMinutes: null,
        communications: 0,
        actions: 0,
        evaluation: "Paging took too long.",
      },
      null,
    ]);
    const md = await report(["--repo", "acme/pay"], TOKEN);
    expect(md.stdout).toContain(
      "Response: time to detect 12 min · to mitigate — · to resolve 2 h 5 min.\n\n**Post-evaluation**\n\nPaging took too long.",
    );
    expect(writes(github.sim)).toEqual([]);
  });

  it("md (default) and csv", async () => {
    const md = await report(["--repo", "acme/pay"], TOKEN);
    expect(md.stdout).toContain("# Follow-up metrics: acme/pay (2026-11-25)");
    expect(md.stdout).toContain("| all follow-ups | 4 | 1 | 0 | 1 | 1 | 0 | 1 | 50% | 100% | 245 |");
    const csv = await report(["--repo", "acme/pay", "--format", "csv"], TOKEN);
    // Then p50/p90 days to close, met/missed/attainment of the due policy, open follow-ups by age.
    expect(csv.stdout.split("\n")[1]).toBe(
      "acme/pay,2026-11-25,,all,,4,1,0,1,1,0,1,0.5,1,245,245,245,1,1,0.5,0,0,0,2",
    );
    expect(md.stdout).toContain("## Follow-up SLO");
    expect(md.stdout).toMatch(/## Not doing\n\n- #\d+ .*: ⚠️ no reason given/);
  });

  it("repeat incidents per service: md and json, the postmortems read in one request", async () => {
    const pm = (title: string, date: string, services: string) =>
      `---\ntitle: ${title}\ndate: ${date}\nservices: [${services}]\nfollowups: {}\n---\n`;
    github.sim.addCommit(github.sim.state.repos["acme/pay"]!, {
      files: {
        "postmortems/2026-03-12-payments.md": pm("Payments outage", "2026-03-12", "checkout"),
        // The first one's follow-up b (open since 2026-03-20) was unfinished when this one happened.
        "postmortems/other.md": pm("Checkout again", "2026-04-01", "Checkout, cart"),
      },
    });
    github.sim.clearLog();
    const json = await report(["--repo", "acme/pay", "--format", "json"], TOKEN);
    expect(JSON.parse(json.stdout).recurrence).toEqual([
      { service: "checkout", incidents: 2, repeats: 1, whileUnfinished: 1 },
      { service: "cart", incidents: 1, repeats: 0, whileUnfinished: 0 },
    ]);
    expect(github.sim.requests.filter((r) => r.operation === "filesAndComments")).toHaveLength(1);
    const md = await report(["--repo", "acme/pay"], TOKEN);
    expect(md.stdout).toContain(
      [
        "## Repeat incidents per service",
        "",
        "1 repeat incident; 1 of them happened while an earlier postmortem on the service had open or lapsed follow-ups.",
        "",
        "| Service | Incidents | Repeats | With unfinished follow-ups |",
        "| --- | ---: | ---: | ---: |",
        "| `checkout` | 2 | 1 | 1 (100%) |",
        "| `cart` | 1 | 0 | 0 |",
      ].join("\n"),
    );
    const csv = await report(["--repo", "acme/pay", "--format", "csv"], TOKEN);
    expect(csv.stdout).not.toContain("checkout");
  });

  it("as the app: finds the installation, takes the bot login from it (else asks GitHub)", async () => {
    const asApp = { APP_ID: "1", PRIVATE_KEY: testPrivateKey() };
    const run = await report(["--repo", "acme/pay", "--format", "json"], asApp);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).overall.all.total).toBe(4);
    const paths = () => github.sim.requests.map((r) => r.path);
    expect(paths()).toEqual(
      expect.arrayContaining(["/repos/acme/pay/installation", "/app/installations/1/access_tokens"]),
    );
    expect(paths()).not.toContain("/app"); // the installation names the app (app_slug)
    expect(writes(github.sim)).toEqual([]);

    // An installation answer without the app's slug: GET /app says who the bot is.
    github.sim.clearLog();
    github.sim.inject({
      match: { operation: "apps/get-repo-installation" },
      respond: { status: 200, body: { id: 1, account: { login: "acme" } } },
    });
    const again = await report(["--repo", "acme/pay", "--format", "json"], asApp);
    expect(JSON.parse(again.stdout).overall.all.total).toBe(4);
    expect(paths()).toEqual(
      expect.arrayContaining(["/app", "/repos/acme/pay/installation", "/app/installations/1/access_tokens"]),
    );
    expect(writes(github.sim)).toEqual([]);
  });

  it("usage errors: no credentials, no bot with a token, a bad --repo or --format", async () => {
    expect((await report(["--repo", "acme/pay"], {})).code).toBe(2);
    const nobot = await report(["--repo", "acme/pay"], { GITHUB_TOKEN: "x" });
    expect(nobot.code).toBe(2);
    expect(nobot.stderr).toContain("--bot");
    expect((await report(["--repo", "acme"], TOKEN)).code).toBe(2);
    expect((await report(["--repo", "acme/pay", "--format", "xml"], TOKEN)).code).toBe(2);
  });

  it("a repository it cannot see: exit 1", async () => {
    const run = await report(["--repo", "acme/nope"], TOKEN);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("acme/nope not found");
  });

  it("is wired into the CLI", async () => {
    let stdout = "";
    const code = await main(["report", "--help"], { stdout: (t) => (stdout += t), stderr: () => {} });
    expect(code).toBe(0);
    expect(stdout).toContain("--format <format>");
  });
});
