import { describe, expect, it } from "vitest";
import { parseConfigText } from "../../../src/domain/config/load.js";
import type { Config } from "../../../src/domain/config/schema.js";
import type { GitHubClient } from "../../../src/github/client.js";
import { routingReads } from "../../../src/github/routing-reads.js";
import { type KeyedFollowup, resolveRoutes, routeNote } from "../../../src/runs/routing/resolve.js";
import { TestOctokit } from "../../helpers/octokit.js";
import { calls, seedPay, useSimulator } from "../../helpers/simulated-github.js";

/**
 * The resolver the merge calls (issue 17), on the simulator: CODEOWNERS read in GitHub's order in ONE
 * request for every repository a rule asks, one installation probe for every target, and a follow-up
 * that cannot go where it is routed stays home with a note.
 */

const github = useSimulator();

/** An Octokit that authenticates as installation 1 (the simulator then hides private repositories outside it). */
const octokitOf = () =>
  new TestOctokit({
    baseUrl: github.sim.url,
    auth: { token: github.sim.createInstallationToken(1) },
  } as never) as unknown as GitHubClient;

function config(text: string): Config {
  const result = parseConfigText(text);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.config;
}

const ROUTING = config(
  [
    "language: ko",
    "routing:",
    "  rules:",
    "    - repo: acme/platform",
    "      codeowner: '@acme/platform'",
    "    - repo: acme/payments",
    "      category: tooling",
    "  codeowners: true",
    "",
  ].join("\n"),
);

const f = (key: string, over: Partial<KeyedFollowup>): KeyedFollowup => ({
  key,
  category: "system",
  term: "short_term",
  ...over,
});

function seed() {
  github.sim.state.installation_scope = true;
  // The central repository: `.github/CODEOWNERS` wins over `CODEOWNERS` (GitHub's order).
  seedPay(github.sim, {
    name: "incidents",
    installation: 1,
    files: {
      ".github/CODEOWNERS": "* @acme/sre\n/terraform/platform/ @acme/platform\n",
      CODEOWNERS: "* @acme/platform\n",
    },
  });
  // search: CODEOWNERS under docs/; payments: the app installed, no CODEOWNERS; web: no app.
  github.sim.seedRepo({
    owner: "acme",
    name: "search",
    private: true,
    installation: 1,
    files: { "docs/CODEOWNERS": "/index/ @acme/search\n" },
  });
  github.sim.seedRepo({ owner: "acme", name: "payments", private: true, installation: 1 });
  github.sim.seedRepo({ owner: "acme", name: "platform", private: true, installation: false });
}

describe("resolveRoutes", () => {
  it("reads what the rules ask, once, and keeps home what cannot leave", async () => {
    seed();
    const octokit = octokitOf();
    const before = github.sim.requests.length;
    const resolved = await resolveRoutes({
      home: "acme/incidents",
      config: ROUTING,
      reads: routingReads(octokit),
      followups: [
        f("vpc", { validation: ["terraform/platform/vpc.tf"] }),
        f("alerts", { category: "tooling" }),
        f("shard", { validation: ["https://github.com/acme/search/blob/main/index/shard.go"] }),
        f("api", { repo: "other/api" }),
        f("stay", { validation: ["docs/runbook.md"] }),
      ],
    });
    expect(Object.fromEntries(resolved.routes)).toEqual({
      vpc: {
        route: { repo: "acme/incidents", by: "home" },
        installed: true,
        stays: {
          repo: "acme/platform",
          reason: "not-installed",
          wanted: { repo: "acme/platform", by: "rule", rule: 0, codeowner: "acme/platform" },
        },
      },
      alerts: { route: { repo: "acme/payments", by: "rule", rule: 1 }, installed: true },
      shard: { route: { repo: "acme/search", by: "codeowners", codeowner: "acme/search" }, installed: true },
      api: {
        route: { repo: "acme/incidents", by: "home" },
        installed: true,
        stays: { repo: "other/api", reason: "other-owner", wanted: { repo: "other/api", by: "explicit" } },
      },
      stay: { route: { repo: "acme/incidents", by: "home" }, installed: true },
    });
    expect(resolved.reads).toEqual({ codeowners: 1, installed: 1 });
    const requests = github.sim.requests.slice(before);
    expect(calls(requests)).toEqual(["POST /graphql routing", "POST /graphql routing"]);
    // CODEOWNERS of the two repositories the evidence is in (never another owner's), then the targets.
    expect((requests[0]!.body as { variables: Record<string, string> }).variables).toEqual({
      p0: "HEAD:.github/CODEOWNERS",
      p1: "HEAD:CODEOWNERS",
      p2: "HEAD:docs/CODEOWNERS",
      o0: "acme",
      n0: "incidents",
      o1: "acme",
      n1: "search",
    });
    expect((requests[1]!.body as { variables: Record<string, string> }).variables).toEqual({
      o0: "acme",
      n0: "platform",
      o1: "acme",
      n1: "payments",
      o2: "acme",
      n2: "search",
    });
    expect(routeNote("ko", "acme/incidents", resolved.routes.get("vpc")!)).toBe(
      "앱이 acme/platform에 설치되어 있지 않습니다: 설치될 때까지 이 후속 조치의 이슈는 acme/incidents에 남습니다",
    );
    expect(routeNote("en", "acme/incidents", resolved.routes.get("api")!)).toBe(
      "other/api is not a repository of acme: follow-ups go only to repositories of the same owner and app installation",
    );
    expect(routeNote("en", "acme/incidents", resolved.routes.get("alerts")!)).toBeNull();
  });

  it("no request at all when no rule can take a follow-up elsewhere", async () => {
    seed();
    const octokit = octokitOf();
    const before = github.sim.requests.length;
    const resolved = await resolveRoutes({
      home: "acme/incidents",
      config: config("routing:\n  rules:\n    - repo: acme/payments\n      category: tooling\n"),
      reads: routingReads(octokit),
      followups: [f("a", { validation: ["terraform/platform/vpc.tf"] }), f("b", { repo: "acme/incidents" })],
    });
    expect([...resolved.routes.values()].map((r) => r.route.by)).toEqual(["home", "home"]);
    expect(resolved.reads).toEqual({ codeowners: 0, installed: 0 });
    expect(github.sim.requests.slice(before)).toEqual([]);
  });
});
