import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { defaultConfig, parseConfigText } from "../../src/domain/config/load.js";
import type { Config } from "../../src/domain/config/schema.js";
import { buildDesired } from "../../src/domain/followups/desired.js";
import { composeIssueBody } from "../../src/domain/followups/plan.js";
import {
  EVIDENCE_BEGIN,
  EVIDENCE_END,
  readFollowupMarker,
  readSection,
} from "../../src/domain/markers/marker.js";
import { parsePostmortem } from "../../src/domain/postmortem/parse.js";
import { AppOctokit, type GitHubClient } from "../../src/github/client.js";
import { OctokitValidationPorts } from "../../src/github/validation-ports.js";
import { type CloseOutcome, onFollowupClosed } from "../../src/runs/validate/proof-on-close.js";
import type { SimIssue, SimRepo, Simulator } from "../simulator/index.js";
import { startSimulator } from "../simulator/index.js";

/**
 * Proof on close against the simulator (GitHub's GraphQL schema and REST descriptions checked on
 * every request): the real issue-links query, the real permission lookups, the real flow. Who may
 * give proof: a linked pull request counts only from this repository (or a configured one), when
 * it links the follow-up from its own text, and when its merger or author has write access.
 */

const NO_EVIDENCE =
  "### Evidence\n\n_No evidence yet. Close this issue with a linked pull request, tick the validation plan, or comment `/validated <link or #N>`._";

let sim: Simulator;
let pay: SimRepo;
let octokit: GitHubClient;
let bot: string;
const logs: { msg: string; obj: object }[] = [];

/** The simulator's clock: it stands still until a test moves it (timestamps have whole seconds). */
let clock = Date.parse("2026-03-20T09:00:00Z");
const later = () => {
  clock += 60_000;
};

beforeAll(async () => {
  sim = await startSimulator({ strict: true, now: () => new Date(clock) });
  bot = `${sim.state.app.slug}[bot]`;
  for (const login of ["maria", "alice", "olly", "erin", "mallory"]) sim.addUser(login);
});
afterAll(() => sim.close());

let repoCounter = 0;
beforeEach(() => {
  // A fresh acme/pay-N per test: maria and alice may write, the others may not.
  pay = sim.seedRepo({
    owner: "acme",
    ownerType: "Organization",
    name: `pay-${++repoCounter}`,
    files: { "README.md": "# pay\n", "src/a.ts": "a\n" },
    collaborators: { maria: "write", alice: "write", olly: "read" },
  });
  octokit = new AppOctokit({
    baseUrl: sim.url,
    auth: sim.createInstallationToken(pay.installation_id!),
    throttle: { enabled: false },
    retry: { enabled: false },
  }) as unknown as GitHubClient;
  logs.length = 0;
});

function postmortemText(followup: string[]): string {
  return [
    "---",
    "title: Payments outage",
    "date: 2026-03-12",
    "root_cause:",
    "  summary: A null timeout.",
    "followups:",
    "  short_term:",
    "    - id: fix",
    "      title: Reject null timeouts",
    "      category: system",
    "      owner: alice",
    ...followup.map((l) => `      ${l}`),
    "---",
    "",
  ].join("\n");
}

/** The follow-up issue as the app writes it (the real template), authored by the app. */
function followupIssue(config: Config, followup: string[] = ["validation:", "  - src/a.ts"]): SimIssue {
  const parsed = parsePostmortem("postmortems/p.md", postmortemText(followup), config);
  if (!parsed.postmortem) throw new Error(JSON.stringify(parsed.problems));
  const [desired] = buildDesired({
    path: "postmortems/p.md",
    postmortem: parsed.postmortem,
    followups: parsed.followups,
    config,
    repo: { owner: "acme", repo: pay.name, defaultBranch: "main", serverUrl: "https://github.com" },
    pr: { number: 900, url: `https://github.com/${pay.full_name}/pull/900` }, // the postmortem's own PR
    mergedOn: "2026-03-12",
  });
  return sim.createIssue(pay, {
    title: desired!.title,
    body: composeIssueBody(desired!),
    labels: ["postmortem-followup"],
    user: bot,
  });
}

/** An old pull request of acme/pay, merged long before the follow-up existed. */
function oldMergedPull(user = "maria"): SimIssue {
  const pr = sim.openPullRequest(pay, {
    title: "Tidy the README",
    head: `tidy-${Date.now()}-${Math.random()}`,
    files: { "README.md": "# pay, tidied\n" },
    user,
  });
  sim.mergePullRequest(pay, pr.number, { by: "maria" });
  return pr;
}

/** A person closes the issue as completed (through the REST API, as GitHub's UI does). */
async function closeAs(login: string, issue: SimIssue): Promise<void> {
  const person = new Octokit({ baseUrl: sim.url, auth: sim.addUserToken(login) });
  await person.rest.issues.update({
    owner: "acme",
    repo: pay.name,
    issue_number: issue.number,
    state: "closed",
    state_reason: "completed",
  });
}

/** The close flow for `issue` (closed by then), with the requests it made. */
async function runClose(
  issue: SimIssue,
  config: Config,
): Promise<{ outcome: CloseOutcome; requests: string[] }> {
  const body = issue.body ?? "";
  const marker = readFollowupMarker(body);
  if (!marker) throw new Error("no marker");
  sim.clearLog();
  const outcome = await onFollowupClosed(
    {
      ports: new OctokitValidationPorts(octokit, "acme", pay.name, {
        defaultBranch: "main",
        serverUrl: "https://github.com",
        language: config.language,
      }),
      config,
      marker,
      issue: { number: issue.number, repository: pay.full_name, serverUrl: "https://github.com" },
      botLogin: bot,
      log: { info: (obj, msg) => logs.push({ obj, msg }), warn: (obj, msg) => logs.push({ obj, msg }) },
    },
    { stateReason: "completed", closedAt: issue.closed_at!, closedBy: issue.closed_by ?? "maria" },
  );
  expect(sim.violations).toEqual([]);
  return {
    outcome,
    requests: sim.requests.map((r) =>
      r.kind === "graphql"
        ? `graphql ${r.operation}`
        : `${r.method} ${r.path.replace(`/repos/${pay.full_name}`, "")}`,
    ),
  };
}

function evidenceOf(issue: SimIssue): string | null {
  return readSection(issue.body ?? "", EVIDENCE_BEGIN, EVIDENCE_END);
}

/** Nothing recorded: the app asked for proof (label, one comment), the evidence section is untouched. */
function expectAsked(issue: SimIssue, before: string): void {
  expect(issue.body).toBe(before);
  expect(evidenceOf(issue)).toBe(NO_EVIDENCE);
  expect(issue.labels).toEqual(["postmortem-followup", "needs-validation"]);
  const asked = pay.comments.filter((c) => c.issue_number === issue.number && c.user === bot);
  expect(asked).toHaveLength(1);
  expect(asked[0]!.body).toContain("there is no proof yet that the fix works");
}

/** The requests of a close that finds no proof, after reading the links and `extra`. */
function askRequests(n: number, extra: string[] = []): string[] {
  return [
    `GET /issues/${n}`,
    "graphql issueLinks",
    ...extra,
    `GET /issues/${n}/comments`,
    "GET /labels/needs-validation",
    "POST /labels",
    `POST /issues/${n}/labels`,
    `POST /issues/${n}/comments`,
  ];
}

describe("proof on close: only people who may give it", () => {
  it("an outsider's 'see #N' on an old merged pull request is no proof: the maintainer's close asks for it", async () => {
    const config = defaultConfig();
    const old = oldMergedPull();
    const issue = followupIssue(config);
    sim.addComment(pay, old.number, `see #${issue.number}`, "olly");
    await closeAs("maria", issue);
    const before = issue.body!;

    const { outcome, requests } = await runClose(issue, config);

    expect(outcome).toBe("no-evidence-comment");
    expectAsked(issue, before);
    // The mention was read, and no one was even asked about: it is not a link.
    expect(requests).toEqual(askRequests(issue.number));
  });

  it("an outsider's 'fixes #N' in a comment is a mention too, not a closing reference", async () => {
    const config = defaultConfig();
    const old = oldMergedPull();
    const issue = followupIssue(config);
    sim.addComment(pay, old.number, `Fixes #${issue.number}`, "olly");
    await closeAs("maria", issue);
    const before = issue.body!;

    expect((await runClose(issue, config)).outcome).toBe("no-evidence-comment");
    expectAsked(issue, before);
  });

  it("a merged pull request in another repository with 'fixes acme/pay#N' is no proof", async () => {
    const config = defaultConfig();
    const issue = followupIssue(config);
    const evil = sim.seedRepo({ owner: "mallory", name: `evil-${repoCounter}`, installation: false });
    sim.addCommit(evil, { branch: "dev", files: { "x.txt": "x\n" } });
    const pr = sim.openPullRequest(evil, {
      title: "Totally fixes it",
      body: `fixes ${pay.full_name}#${issue.number}`,
      head: "evil",
      base: "dev", // not the default branch: merging does not close the issue, maria does
      files: { "x.txt": "y\n" },
      user: "mallory",
    });
    sim.mergePullRequest(evil, pr.number, { by: "mallory" });
    await closeAs("maria", issue);
    const before = issue.body!;

    const { outcome, requests } = await runClose(issue, config);

    expect(outcome).toBe("no-evidence-comment");
    expectAsked(issue, before);
    expect(requests).toEqual(askRequests(issue.number));
  });

  it("a closing reference from another repository counts once the config names that repository", async () => {
    const api = sim.seedRepo({
      owner: "acme",
      ownerType: "Organization",
      name: `api-${repoCounter}`,
      files: { "README.md": "# api\n" },
      collaborators: { maria: "write" },
    });
    const closeWith = async (config: Config) => {
      const issue = followupIssue(config);
      const pr = sim.openPullRequest(api, {
        title: "Reject null timeouts in the client",
        body: `Fixes ${pay.full_name}#${issue.number}`,
        head: `fix-${issue.number}`,
        files: { "client.ts": "x\n" },
        user: "alice",
      });
      sim.mergePullRequest(api, pr.number, { by: "maria" }); // its merge closes acme/pay#N
      expect(issue.state).toBe("closed");
      return { issue, pr, ...(await runClose(issue, config)) };
    };

    const unconfigured = await closeWith(defaultConfig());
    expect(unconfigured.outcome).toBe("no-evidence-comment");
    expect(evidenceOf(unconfigured.issue)).toBe(NO_EVIDENCE);

    const configured = parseConfigText(`validation:\n  proof_repositories: ["${api.full_name}"]\n`);
    if (!configured.ok) throw new Error("config");
    const { issue, pr, outcome, requests } = await closeWith(configured.config);
    expect(outcome).toBe("recorded-link");
    expect(evidenceOf(issue)).toBe(
      `### Evidence\n\n- ✅ Merged pull request [${api.full_name}#${pr.number}](https://github.com/${api.full_name}/pull/${pr.number}) (Reject null timeouts in the client) closed this issue (merged by \`maria\`, who has write access)`,
    );
    expect(requests).toEqual([
      `GET /issues/${issue.number}`,
      "graphql issueLinks",
      "GET /collaborators/maria/permission",
      `PATCH /issues/${issue.number}`,
    ]);
  });

  it("a merged pull request whose author and merger lack write access is no proof", async () => {
    const config = defaultConfig();
    const issue = followupIssue(config);
    const pr = sim.openPullRequest(pay, {
      title: "Fix",
      body: `Fixes #${issue.number}`,
      head: "olly-fix",
      files: { "src/a.ts": "fixed\n" },
      user: "olly",
    });
    sim.mergePullRequest(pay, pr.number, { by: "erin" }); // erin has since left: no access
    expect(issue.state).toBe("closed");
    const before = issue.body!;

    const { outcome, requests } = await runClose(issue, config);

    expect(outcome).toBe("no-evidence-comment");
    expectAsked(issue, before);
    expect(requests).toEqual(
      askRequests(issue.number, ["GET /collaborators/erin/permission", "GET /collaborators/olly/permission"]),
    );
    expect(logs.map((l) => l.msg)).toContain(
      "linked pull request: neither its author nor its merger has write access, not evidence",
    );
  });

  it("no regression: a pull request of this repository with 'fixes #N' in its body, by a writer, is recorded", async () => {
    const config = defaultConfig();
    const issue = followupIssue(config);
    const pr = sim.openPullRequest(pay, {
      title: "Reject null timeouts",
      body: `Fixes #${issue.number}`,
      head: "alice-fix",
      files: { "src/a.ts": "fixed\n" },
      user: "alice",
    });
    sim.mergePullRequest(pay, pr.number, { by: "maria" });
    expect(issue.state).toBe("closed");

    const { outcome, requests } = await runClose(issue, config);

    expect(outcome).toBe("recorded-link");
    expect(evidenceOf(issue)).toBe(
      `### Evidence\n\n- ✅ Merged pull request #${pr.number} (Reject null timeouts) closed this issue (merged by \`maria\`, who has write access)`,
    );
    expect(issue.labels).toEqual(["postmortem-followup"]);
    // One permission lookup more than before this rule (3 requests then, 4 now).
    expect(requests).toEqual([
      `GET /issues/${issue.number}`,
      "graphql issueLinks",
      "GET /collaborators/maria/permission",
      `PATCH /issues/${issue.number}`,
    ]);
  });

  it("a closing reference merged outside the default branch, then closed by hand: recorded (author's write access)", async () => {
    const config = defaultConfig();
    const issue = followupIssue(config);
    sim.addCommit(pay, { branch: "release", files: { "x.txt": "x\n" } });
    const pr = sim.openPullRequest(pay, {
      title: "Backport",
      body: `Closes #${issue.number}`,
      head: "backport",
      base: "release",
      files: { "src/a.ts": "fixed\n" },
      user: "alice",
    });
    sim.mergePullRequest(pay, pr.number, { by: "erin" });
    await closeAs("maria", issue);

    const { outcome, requests } = await runClose(issue, config);

    expect(outcome).toBe("recorded-link");
    expect(evidenceOf(issue)).toBe(
      `### Evidence\n\n- ✅ Merged pull request #${pr.number} (Backport) links this issue with a closing keyword (opened by \`alice\`, who has write access)`,
    );
    expect(requests).toEqual([
      `GET /issues/${issue.number}`,
      "graphql issueLinks",
      "GET /collaborators/erin/permission",
      "GET /collaborators/alice/permission",
      `PATCH /issues/${issue.number}`,
    ]);
  });

  it("a Development link counts when it was made before the merge, not when added to an old merged pull request", async () => {
    const config = defaultConfig();
    sim.addCommit(pay, { branch: "release", files: { "x.txt": "x\n" } });
    const pull = (head: string) =>
      sim.openPullRequest(pay, {
        title: `Fix on ${head}`,
        head,
        base: "release",
        files: { "src/a.ts": `${head}\n` },
        user: "alice",
      });

    const late = followupIssue(config);
    const old = pull("old");
    sim.mergePullRequest(pay, old.number, { by: "maria" });
    later();
    sim.linkPullRequest(pay, late.number, old.number); // linked a minute after its merge
    await closeAs("maria", late);
    expect((await runClose(late, config)).outcome).toBe("no-evidence-comment");
    expect(evidenceOf(late)).toBe(NO_EVIDENCE);

    const issue = followupIssue(config);
    const linked = pull("linked");
    sim.linkPullRequest(pay, issue.number, linked.number);
    sim.mergePullRequest(pay, linked.number, { by: "maria" });
    await closeAs("maria", issue);
    const { outcome, requests } = await runClose(issue, config);
    expect(outcome).toBe("recorded-link");
    expect(evidenceOf(issue)).toBe(
      `### Evidence\n\n- ✅ Merged pull request #${linked.number} (Fix on linked) was linked to this issue (merged by \`maria\`, who has write access)`,
    );
    expect(requests).toEqual([
      `GET /issues/${issue.number}`,
      "graphql issueLinks",
      "GET /collaborators/maria/permission",
      `PATCH /issues/${issue.number}`,
    ]);
  });

  it("with validation.required: false, a ticked description is not a ticked validation plan", async () => {
    const parsed = parseConfigText("validation:\n  required: false\n");
    if (!parsed.ok) throw new Error("config");
    const config = parsed.config;
    const issue = followupIssue(config, ["description: |", "  - [x] done", "  - [x] deployed"]);
    expect(issue.body).toContain("- [x] done");
    expect(issue.body).toContain("_No validation named in the postmortem._");
    await closeAs("maria", issue);
    const before = issue.body!;

    const { outcome, requests } = await runClose(issue, config);

    expect(outcome).toBe("no-evidence-comment");
    expectAsked(issue, before);
    expect(requests).toEqual(askRequests(issue.number));
    // The comment lists no plan (there is none), not the description's boxes.
    const asked = pay.comments.find((c) => c.issue_number === issue.number && c.user === bot)!;
    expect(asked.body).toContain(
      "_the postmortem names no validation: add it to the postmortem, or use `/validated`_",
    );
    expect(asked.body).not.toContain("- [x] done");
    expect(asked.body).not.toContain("✅ done");
  });

  it("the validation plan's own ticks still prove it (an issue rendered before this change reads the same)", async () => {
    const config = defaultConfig();
    const issue = followupIssue(config, [
      "description: |",
      "  - [ ] step one",
      "validation:",
      "  - src/a.ts",
    ]);
    issue.body = issue.body!.replace("- [ ] [src/a.ts]", "- [x] [src/a.ts]");
    await closeAs("maria", issue);

    const { outcome, requests } = await runClose(issue, config);

    expect(outcome).toBe("recorded-checklist");
    expect(requests).toEqual([`GET /issues/${issue.number}`, `PATCH /issues/${issue.number}`]);
  });
});
