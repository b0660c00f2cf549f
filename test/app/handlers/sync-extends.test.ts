import { beforeEach, describe, expect, it } from "vitest";
import app from "../../../src/app/app.js";
import { push } from "../../helpers/payloads.js";
import { postmortemMarkdown } from "../../helpers/postmortems.js";
import { createTestProbot, logsMatching, type TestProbot } from "../../helpers/probot.js";
import {
  appRequests,
  bodyOf,
  calls,
  issuesOf,
  mergedPullPayload,
  seedPay,
  useSimulator,
  writes,
} from "../../helpers/simulated-github.js";
import type { SimRepo } from "../../simulator/index.js";

/**
 * An `_extends` that cannot be read is a configuration error at the `_extends` line: before, a
 * 404 on the extended repository's config was dropped by Probot's plugin and the defaults applied
 * (issues with default labels and due dates, nothing said on the pull request).
 */

const github = useSimulator();

const CONFIG = ".github/postmortem-followups.yml";
const FILE = "postmortems/2026-03-12-payments.md";
const ONE = { short_term: [{ id: "fix", title: "Fix the thing", owner: "alice" }] };
const OTHER = "GET /repos/acme/other-repo/contents/.github/postmortem-followups.yml";

let repo: SimRepo;
let t: TestProbot;

beforeEach(async () => {
  t = await createTestProbot(app, { baseUrl: github.sim.url });
});

/** acme/pay with its config; `org`: the config of the organisation's .github repository. */
function seed(config: string, org?: string): void {
  repo = seedPay(github.sim, { files: { [CONFIG]: config }, collaborators: { alice: "write" } });
  if (org !== undefined) seedPay(github.sim, { name: ".github", files: { [CONFIG]: org } });
}

async function merge(): Promise<void> {
  const { payload } = mergedPullPayload(github.sim, repo, 7, { [FILE]: postmortemMarkdown(ONE) });
  github.sim.clearLog();
  await t.receive("pull_request", payload);
}

/** `METHOD path` of the app's requests (paths decoded). */
const requests = () => calls(appRequests(github.sim));

/** The writes of the merge: only the config-error comment on the pull request, nothing else. */
function onlyTheReport(): string {
  expect(issuesOf(repo)).toEqual([]);
  expect(repo.labels).toEqual([]);
  expect(calls(writes(github.sim))).toEqual(["POST /repos/acme/pay/issues/7/comments"]);
  return bodyOf<{ body: string }>(writes(github.sim)[0]).body;
}

describe("an _extends that cannot be read stops the merge", () => {
  it("404: no issue, no label; the pull request is told at the _extends line, and the log says it", async () => {
    seed("due_days:\n  short_term: 7\n_extends: other-repo\n");
    await merge();
    expect(requests()).toContain("POST /graphql mergeProbe"); // the merge probe deferred to Probot's lookup
    expect(requests().filter((r) => r === OTHER)).toHaveLength(1);
    const body = onlyTheReport();
    expect(body).toContain(
      "- **error** `.github/postmortem-followups.yml:3:1` _extends: _extends names acme/other-repo:.github/postmortem-followups.yml, which cannot be read: GitHub answers 404 (no such repository or file, or the app is not installed on it). No issue or label is created until this is fixed",
    );
    const [warning] = logsMatching(t.logs, "the config is invalid: nothing is created");
    expect((warning as { problems?: string[] }).problems).toEqual([
      ".github/postmortem-followups.yml:3:1 error _extends: _extends names acme/other-repo:.github/postmortem-followups.yml, which cannot be read: GitHub answers 404 (no such repository or file, or the app is not installed on it). No issue or label is created until this is fixed",
    ]);
  });

  it("the organisation's .github config extends a missing repository: the probe's path agrees, at line 1", async () => {
    repo = seedPay(github.sim, { collaborators: { alice: "write" } });
    seedPay(github.sim, { name: ".github", files: { [CONFIG]: "_extends: other-repo\n" } });
    await merge();
    expect(requests()).toContain("POST /graphql mergeProbe"); // the merge probe ran and deferred
    expect(requests().filter((r) => r === OTHER)).toHaveLength(1);
    expect(onlyTheReport()).toContain(
      "- **error** `.github/postmortem-followups.yml:1:1` _extends: _extends names acme/other-repo:.github/postmortem-followups.yml, which cannot be read",
    );
  });

  it("404 with language: ko: the message is Korean", async () => {
    seed("language: ko\n_extends: acme/other-repo\n");
    await merge();
    expect(onlyTheReport()).toContain(
      "`.github/postmortem-followups.yml:2:1` _extends: _extends가 가리키는 acme/other-repo:.github/postmortem-followups.yml 설정을 읽을 수 없습니다: GitHub가 404로 답했습니다",
    );
  });

  it("403: the app may not read it", async () => {
    seed("_extends: other-repo\n");
    github.sim.inject({
      match: { repo: "acme/other-repo", method: "GET" },
      respond: { status: 403, body: { message: "Resource not accessible by integration" } },
    });
    await merge();
    expect(onlyTheReport()).toContain(
      "`.github/postmortem-followups.yml:1:1` _extends: _extends names acme/other-repo:.github/postmortem-followups.yml, which the app may not read: GitHub answers 403.",
    );
  });

  it("a malformed reference (_extends: ../x): no request for it, a plain message at its line", async () => {
    seed("language: en\n_extends: ../x\n");
    await merge();
    const read = requests().filter((r) => r.startsWith("GET ") && r.includes("/contents/"));
    expect(read.length).toBeGreaterThan(0);
    expect(read.every((r) => r.startsWith("GET /repos/acme/pay/"))).toBe(true);
    expect(onlyTheReport()).toContain(
      '`.github/postmortem-followups.yml:2:11` _extends: _extends: "../x" does not name a repository: write repo, owner/repo or owner/repo:path.yml',
    );
  });

  it("the extended config is invalid: its problem, at the _extends line", async () => {
    seed("language: en\n_extends: .github\n", "weekly:\n  hour: 25\n");
    await merge();
    expect(onlyTheReport()).toContain(
      "`.github/postmortem-followups.yml:2:1` _extends: _extends names acme/.github:.github/postmortem-followups.yml, which is not a valid config: weekly.hour: must be at most 23. No issue or label is created until this is fixed",
    );
  });

  it("the extended file is not YAML: its problem, at the _extends line", async () => {
    seed("_extends: .github\n", "paths: [unclosed\n");
    await merge();
    expect(onlyTheReport()).toMatch(
      /`\.github\/postmortem-followups\.yml:1:1` _extends: _extends names acme\/\.github:\.github\/postmortem-followups\.yml, which is not a valid config: Configuration could not be parsed from .*\(invalid YAML\)/,
    );
  });

  it("a push with no pull request: nothing is written, the problem is logged", async () => {
    seed("_extends: other-repo\n");
    const after = github.sim.addCommit(repo, { files: { [FILE]: postmortemMarkdown(ONE) } }).sha;
    github.sim.clearLog();
    await t.receive(
      "push",
      push({
        owner: "acme",
        repo: "pay",
        installationId: repo.installation_id!,
        after,
        commits: [{ added: [FILE] }],
      }),
    );
    expect(writes(github.sim)).toEqual([]);
    expect(issuesOf(repo)).toEqual([]);
    const logged = logsMatching(t.logs, "config problem").map(
      (l) => (l as { problem?: { code: string } }).problem?.code,
    );
    expect(logged).toEqual(["extends-not-found"]);
  });

  it("an _extends that can be read still merges (Probot's deep merge, as before)", async () => {
    seed("_extends: .github\ndue_days:\n  short_term: 7\n", "milestones: true\n");
    await merge();
    expect(issuesOf(repo).map((i) => i.title)).toEqual(["Fix the thing"]);
    expect(requests().filter((r) => r === "POST /repos/acme/pay/milestones")).toHaveLength(1);
  });
});
