import { pino } from "pino";
import { Probot, ProbotOctokit } from "probot";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AppOctokit } from "../../src/github/client.js";
import { onRateLimit, onSecondaryRateLimit, WRITE_INTERVAL_ENV } from "../../src/github/octokit.js";
import { testPrivateKey } from "../helpers/probot.js";
import { faults, type Simulator, startSimulator } from "../simulator/index.js";
import { recordFigures } from "./figures.js";

/**
 * The app's Octokit as Probot builds it (Probot's defaults, then ours): secondary rate limits
 * (403 and 429 with retry-after) are waited out and retried, where Probot's own handler gives up.
 */

// Writes are spaced 1 s apart by default (GitHub's advice); not what this test is about.
process.env[WRITE_INTERVAL_ENV] = "0";

let sim: Simulator;
let installationId: number;

beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.reset();
  const repo = sim.seedRepo({ owner: "octo-org", ownerType: "Organization", name: "limits" });
  installationId = repo.installation_id!;
});

async function installationOctokit(Octokit: typeof ProbotOctokit) {
  const probot = new Probot({
    appId: 1,
    privateKey: testPrivateKey(),
    baseUrl: sim.url,
    Octokit,
    log: pino({ level: "silent" }),
  });
  return probot.auth(installationId);
}

const issuesIn = () => Object.values(sim.state.repos["octo-org/limits"]!.issues);

describe("secondary rate limits", () => {
  it("403 with retry-after: waited out and retried, the write lands once", async () => {
    const octokit = await installationOctokit(AppOctokit as unknown as typeof ProbotOctokit);
    const fault = sim.inject({
      match: { operation: "issues/create", times: 1 },
      respond: faults.secondaryRateLimit(1),
    });
    const { data } = await octokit.rest.issues.create({ owner: "octo-org", repo: "limits", title: "t" });
    expect(data.number).toBe(1);
    expect(fault.fired).toBe(1);
    expect(issuesIn()).toHaveLength(1);
    recordFigures("rate-limit: 403 secondary on create", {
      requests: 1,
      faultsInjected: fault.fired,
      issuesExpected: 1,
      issuesFound: issuesIn().length,
      duplicates: 0,
      crashes: 0,
    });
  });

  it("429 on GraphQL and REST reads: retried after retry-after", async () => {
    const octokit = await installationOctokit(AppOctokit as unknown as typeof ProbotOctokit);
    const gql = sim.inject({ match: { kind: "graphql" }, respond: faults.tooManyRequests(1) });
    const rest = sim.inject({ match: { operation: "repos/get" }, respond: faults.tooManyRequests(1) });
    const result = await octokit.graphql<{ repository: { name: string } }>(
      `query { repository(owner: "octo-org", name: "limits") { name } }`,
    );
    expect(result.repository.name).toBe("limits");
    const { data } = await octokit.rest.repos.get({ owner: "octo-org", repo: "limits" });
    expect(data.name).toBe("limits");
    expect(gql.fired + rest.fired).toBe(2);
    expect(sim.violations).toEqual([]);
  });

  it("gives up after a bounded number of retries (then the caller sees the 403)", async () => {
    const octokit = await installationOctokit(AppOctokit as unknown as typeof ProbotOctokit);
    const fault = sim.inject({
      match: { operation: "issues/list-for-repo", times: Infinity },
      respond: faults.secondaryRateLimit(1),
    });
    await expect(
      octokit.rest.issues.listForRepo({ owner: "octo-org", repo: "limits" }),
    ).rejects.toMatchObject({
      status: 403,
    });
    expect(fault.fired).toBe(4); // the request and 3 retries
  });

  it("Probot's default handler alone would drop the request (why the app overrides it)", async () => {
    const octokit = await installationOctokit(ProbotOctokit);
    sim.inject({ match: { operation: "issues/create" }, respond: faults.secondaryRateLimit(1) });
    await expect(
      octokit.rest.issues.create({ owner: "octo-org", repo: "limits", title: "t" }),
    ).rejects.toMatchObject({ status: 403 });
    expect(issuesIn()).toHaveLength(0);
  });
});

describe("retry decisions", () => {
  it("secondary: at most 3 retries, never a wait above 5 minutes", () => {
    const req = { method: "POST", url: "/repos/o/r/issues" };
    expect(onSecondaryRateLimit(60, req, null, 0)).toBe(true);
    expect(onSecondaryRateLimit(60, req, null, 2)).toBe(true);
    expect(onSecondaryRateLimit(60, req, null, 3)).toBe(false);
    expect(onSecondaryRateLimit(3600, req, null, 0)).toBe(false);
  });
  it("primary: retried when the reset is near, at most twice", () => {
    const req = { method: "GET", url: "/repos/o/r" };
    expect(onRateLimit(30, req, null, 0)).toBe(true);
    expect(onRateLimit(30, req, null, 2)).toBe(false);
    expect(onRateLimit(3000, req, null, 0)).toBe(false);
  });
});
