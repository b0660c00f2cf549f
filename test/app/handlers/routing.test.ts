import type { Probot } from "probot";
import { beforeEach, describe, expect, it } from "vitest";
import { registerCheck } from "../../../src/app/handlers/check.js";
import { examplePayload, withRepository } from "../../helpers/payloads.js";
import { createTestProbot, type TestProbot } from "../../helpers/probot.js";
import { calls, openPull, seedPay, useSimulator } from "../../helpers/simulated-github.js";
import type { SimIssue, SimRepo } from "../../simulator/index.js";

/**
 * Routing on the pull request's check, on the simulator (issue 17): a central incidents repository
 * routes follow-ups to service repositories; each that cannot go where it is routed is a problem at
 * its line (another owner: an error; the app not installed there: a warning), and the cost is one
 * installation probe for all targets (none when nothing leaves the repository).
 */

const github = useSimulator({ now: () => new Date("2026-03-13T10:00:00Z") });

const CONFIG = [
  "routing:",
  "  rules:",
  "    - repo: acme/payments",
  "      owner: acme/payments-team",
  "    - repo: acme/web",
  "      path: web/**",
  "    - repo: acme/search",
  "      category: tooling",
  "    - repo: other/elsewhere",
  "      category: training",
  "    - repo: acme/docs",
  "      category: documentation",
  "",
].join("\n");

const FILE = "postmortems/2026-03-12-payments.md";
const POSTMORTEM = [
  "---", // 1
  "title: Payments outage", // 2
  "date: 2026-03-12", // 3
  "severity: SEV2", // 4
  "root_cause:", // 5
  "  summary: A null timeout.", // 6
  "followups:", // 7
  "  short_term:", // 8
  "    - id: cap-pool", // 9
  "      title: Cap the pool",
  "      category: system",
  "      owner: acme/payments-team",
  "      validation: [test/pool.test.ts]",
  "    - id: web-retry", // 14
  "      title: Retry in the web client",
  "      category: system",
  "      validation: [web/retry.test.ts]",
  "    - id: search-alert", // 18
  "      title: Alert on search latency",
  "      category: tooling",
  "      validation: [test/pool.test.ts]",
  "    - id: elsewhere", // 22
  "      title: Fix the vendor client",
  "      category: system",
  "      repo: other/api", // 25
  "      validation: [test/pool.test.ts]",
  "    - id: runbook", // 27
  "      title: Write the runbook",
  "      category: documentation",
  "      validation: [test/pool.test.ts]",
  "---",
  "# Narrative",
  "",
].join("\n");

let home: SimRepo;
let t: TestProbot;

beforeEach(async () => {
  // A token sees only the repositories of its installation (404 / NOT_FOUND elsewhere).
  github.sim.state.installation_scope = true;
  home = seedPay(github.sim, {
    name: "incidents",
    installation: 1,
    files: {
      ".github/postmortem-followups.yml": CONFIG,
      "test/pool.test.ts": "test\n",
      "web/retry.test.ts": "x\n",
    },
  });
  // payments: private, the app installed; web: private, no app; search: public, no app; docs: public,
  // the app (a public repository is confirmed by the installation's own list).
  github.sim.seedRepo({ owner: "acme", name: "payments", private: true, installation: 1 });
  github.sim.seedRepo({ owner: "acme", name: "web", private: true, installation: false });
  github.sim.seedRepo({ owner: "acme", name: "search", private: false, installation: false });
  github.sim.seedRepo({ owner: "acme", name: "docs", private: false, installation: 1 });
  t = await createTestProbot((probot: Probot) => registerCheck(probot), { baseUrl: github.sim.url });
});

async function check(files: Record<string, string>) {
  return deliver(openPull(github.sim, home, 20, files));
}

async function deliver(pr: SimIssue) {
  const payload = withRepository(
    examplePayload("pull_request", (p) => p.action === "opened"),
    { owner: home.owner, repo: home.name, installationId: 1 },
  );
  const pull = payload.pull_request as Record<string, unknown>;
  payload.number = pr.number;
  pull.number = pr.number;
  (pull.head as Record<string, unknown>).sha = pr.pull!.head.sha;
  const before = github.sim.requests.length;
  await t.receive("pull_request", payload);
  // The latest run of the commit (a run whose annotations no longer apply is replaced by a fresh one).
  const run = home.check_runs.filter((r) => r.head_sha === pr.pull!.head.sha).at(-1)!;
  // Every request (the installation's list is an `apps/` operation, left out of appRequests).
  const requests = github.sim.requests.slice(before);
  return { run, requests };
}

describe("routing on the check", () => {
  it("each follow-up that cannot go where it is routed is a problem at its line; one probe for all targets", async () => {
    const { run, requests } = await check({ [FILE]: POSTMORTEM });
    const routing = run.output.annotations
      .filter((a) => /installed|not a repository of/.test(a.message))
      .map((a) => [a.path, a.start_line, a.start_column ?? null, a.annotation_level, a.message]);
    expect(routing).toEqual([
      [
        FILE,
        25,
        13,
        "failure",
        "followups.short_term[3].repo: other/api is not a repository of acme: follow-ups go only to repositories of the same owner and app installation",
      ],
      [
        FILE,
        14,
        1,
        "warning",
        "followups.short_term[1]: the app is not installed on acme/web: this follow-up's issue stays in acme/incidents until it is",
      ],
      [
        FILE,
        18,
        1,
        "warning",
        "followups.short_term[2]: the app is not installed on acme/search: this follow-up's issue stays in acme/incidents until it is",
      ],
    ]);
    // The rule of another owner is the config's error, at its line (not repeated per follow-up).
    expect(run.output.summary).toContain(
      "other/elsewhere is not a repository of acme: follow-ups go only to repositories of the same owner and app installation",
    );
    expect(run.output.summary).toMatch(/postmortem-followups\.yml:9:13/);
    // Routing's cost: one probe of the four targets; the installation's list because one found is public.
    const asked = calls(requests).filter((c) => /routing|installation\/repositories/.test(c));
    expect(asked).toEqual(["POST /graphql routing", "GET /installation/repositories"]);
    const probe = requests.find((r) => r.operation === "routing")!;
    expect((probe.body as { variables: Record<string, string> }).variables).toEqual({
      o0: "acme",
      n0: "payments",
      o1: "acme",
      n1: "web",
      o2: "acme",
      n2: "search",
      o3: "acme",
      n3: "docs",
    });
  });

  it("a routed run is checked again on redelivery (where the app is installed may have changed)", async () => {
    const pr = openPull(github.sim, home, 20, { [FILE]: POSTMORTEM });
    await deliver(pr);
    const run = home.check_runs.find((r) => r.head_sha === pr.pull!.head.sha)!;
    expect(run.output.annotations.filter((a) => a.message.includes("acme/web"))).toHaveLength(1);
    // The app is installed on acme/web now: the same head delivered again shows it.
    const web = github.sim.state.repos["acme/web"]!;
    web.installation_id = home.installation_id;
    const again = await deliver(pr);
    expect(calls(again.requests).filter((c) => c === "POST /graphql routing")).toHaveLength(1);
    expect(again.run.id).not.toBe(run.id);
    expect(
      again.run.output.annotations.filter((a) => /installed/.test(a.message)).map((a) => a.message),
    ).toEqual([
      "followups.short_term[2]: the app is not installed on acme/search: this follow-up's issue stays in acme/incidents until it is",
    ]);
  });

  it("no routing request when no follow-up can leave the repository", async () => {
    github.sim.addCommit(home, { files: { ".github/postmortem-followups.yml": "language: en\n" } });
    const { run, requests } = await check({ [FILE]: POSTMORTEM.replace("      repo: other/api\n", "") });
    expect(run.output.annotations.filter((a) => /installed|not a repository of/.test(a.message))).toEqual([]);
    expect(calls(requests).filter((c) => /routing|installation\/repositories/.test(c))).toEqual([]);
  });
});
