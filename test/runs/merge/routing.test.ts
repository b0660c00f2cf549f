import { beforeEach, describe, expect, it } from "vitest";
import app from "../../../src/app/app.js";
import { readFollowupMarker } from "../../../src/domain/markers/marker.js";
import { readTrackerMarker } from "../../../src/domain/markers/tracker.js";
import { examplePayload, push, withRepository } from "../../helpers/payloads.js";
import { type ItemSpec, postmortemMarkdown } from "../../helpers/postmortems.js";
import { createTestProbot, type TestProbot } from "../../helpers/probot.js";
import {
  calls,
  commentsOn,
  freezeWrites,
  issuesOf,
  mergedPullPayload,
  seedPay,
  useSimulator,
  writes,
} from "../../helpers/simulated-github.js";
import type { SimRepo } from "../../simulator/index.js";

/**
 * Follow-ups routed to other repositories (issue 17), end to end on the simulator with installation
 * tokens scoped like GitHub's: a central postmortem repository routes to three service repositories,
 * one more has no app; an edit moves a follow-up with GitHub's transfer; redeliveries write nothing.
 */

const github = useSimulator();
const FILE = "postmortems/2026-03-12-payments.md";
const OWNER = "acme";

let central: SimRepo;
let payments: SimRepo;
let search: SimRepo;
let web: SimRepo;
let legacy: SimRepo;
let t: TestProbot;

const ITEMS: ItemSpec[] = [
  { id: "pool-timeout", title: "Set a pool timeout", repo: `${OWNER}/payments`, validation: ["#123"] },
  { id: "search-retry", title: "Retry search on 503", repo: `${OWNER}/search` },
  { id: "web-banner", title: "Outage banner", repo: `${OWNER}/web` },
  { id: "runbook", title: "Write the runbook", category: "documentation" },
];

beforeEach(async () => {
  github.sim.state.installation_scope = true;
  central = seedPay(github.sim, { name: "incidents", collaborators: { alice: "write" } });
  const installation = central.installation_id!;
  payments = seedPay(github.sim, { name: "payments", installation, collaborators: { alice: "write" } });
  search = seedPay(github.sim, { name: "search", installation, collaborators: { alice: "write" } });
  web = seedPay(github.sim, { name: "web", installation, collaborators: { alice: "write" } });
  legacy = github.sim.seedRepo({
    owner: OWNER,
    name: "legacy",
    installation: false,
    files: { "README.md": "#\n" },
  });
  t = await createTestProbot(app, { baseUrl: github.sim.url });
});

function merge(number: number, items: ItemSpec[]) {
  return mergedPullPayload(github.sim, central, number, {
    [FILE]: postmortemMarkdown({ short_term: items }),
  });
}

/** alice comments `body` on issue or pull request `number`; the app receives `issue_comment.created`. */
async function comment(repo: SimRepo, number: number, body: string, issue: Record<string, unknown>) {
  const created = github.sim.addComment(repo, number, body, "alice");
  const payload = withRepository(
    examplePayload("issue_comment", (p) => p.action === "created"),
    {
      owner: OWNER,
      repo: repo.name,
      installationId: repo.installation_id!,
    },
  );
  const target = payload.issue as Record<string, unknown>;
  delete target.pull_request;
  Object.assign(target, { number, ...issue });
  Object.assign(payload.comment as Record<string, unknown>, { id: created.id, body });
  Object.assign((payload.comment as Record<string, unknown>).user as Record<string, unknown>, {
    login: "alice",
    type: "User",
  });
  Object.assign(payload.sender as Record<string, unknown>, { login: "alice", type: "User" });
  await t.receive("issue_comment", payload);
}

const followups = (repo: SimRepo) => issuesOf(repo).filter((i) => readFollowupMarker(i.body ?? "") !== null);
const markerOf = (repo: SimRepo) => followups(repo).map((i) => readFollowupMarker(i.body));

describe("routing follow-ups to other repositories", () => {
  it("creates each routed follow-up in its repository, keyed by the postmortem's; redelivery and the push write nothing", async () => {
    const { payload, commit } = merge(7, ITEMS);
    const pushed = push({
      owner: OWNER,
      repo: "incidents",
      installationId: central.installation_id!,
      before: commit.parents[0]!,
      after: commit.sha,
      commits: [{ added: [FILE] }],
    });
    await Promise.all([t.receive("pull_request", payload), t.receive("push", pushed)]);

    expect(followups(payments).map((i) => [i.title, i.user, i.labels.sort()])).toEqual([
      [
        "Set a pool timeout",
        "my-app[bot]",
        ["category: system", "postmortem-followup", "severity: SEV2", "term: short-term"],
      ],
    ]);
    expect(markerOf(payments)).toEqual([
      expect.objectContaining({ path: FILE, id: "pool-timeout", pr: 7, home: `${OWNER}/incidents` }),
    ]);
    expect(followups(search).map((i) => i.title)).toEqual(["Retry search on 503"]);
    expect(followups(web).map((i) => i.title)).toEqual(["Outage banner"]);
    // The one without a route stays in the postmortem's repository, with no `home`.
    expect(markerOf(central)).toEqual([expect.objectContaining({ id: "runbook" })]);
    expect(markerOf(central)[0]).not.toHaveProperty("home");
    // The issue names the postmortem's pull request and evidence with their repository.
    const pool = followups(payments)[0]!;
    expect(pool.body).toContain(`${OWNER}/incidents#7`);
    expect(pool.body).toContain(`${OWNER}/incidents#123`);
    // The pull request's summary links each issue where it is.
    const summary = commentsOn(central, 7)[0]!.body;
    expect(summary).toContain(`| ${OWNER}/payments#${pool.number} |`);
    expect(summary).toContain(`| ${OWNER}/search#${followups(search)[0]!.number} |`);

    github.sim.clearLog();
    freezeWrites(github.sim);
    await t.receive("pull_request", payload);
    await t.receive("push", pushed);
    expect(calls(writes(github.sim))).toEqual([]);
    expect([payments, search, web, central].map((r) => followups(r).length)).toEqual([1, 1, 1, 1]);
  });

  it("a target repository's own runs leave the issues routed there alone", async () => {
    await t.receive("pull_request", merge(7, ITEMS).payload);
    // payments gets a postmortem of its own, at the same path, with other follow-ups.
    const own = mergedPullPayload(github.sim, payments, 40, {
      [FILE]: postmortemMarkdown({ short_term: [{ id: "own-item", title: "Payments' own" }] }),
    });
    await t.receive("pull_request", own.payload);
    expect(
      followups(payments).map((i) => [i.title, i.state, readFollowupMarker(i.body)?.home ?? null]),
    ).toEqual([
      ["Set a pool timeout", "open", `${OWNER}/incidents`],
      ["Payments' own", "open", null],
    ]);
    // Its postmortem deleted: only its own follow-up closes.
    await t.receive("pull_request", mergedPullPayload(github.sim, payments, 50, { [FILE]: null }).payload);
    expect(followups(payments).map((i) => [i.title, i.state])).toEqual([
      ["Set a pool timeout", "open"],
      ["Payments' own", "closed"],
    ]);
  });

  it("an edit that changes a follow-up's repository moves its issue with GitHub's transfer, never a new issue", async () => {
    await t.receive("pull_request", merge(7, ITEMS).payload);
    const before = followups(payments)[0]!;
    const moved = ITEMS.map((i) => (i.id === "pool-timeout" ? { ...i, repo: `${OWNER}/search` } : i));
    github.sim.clearLog();
    await t.receive("pull_request", merge(20, moved).payload);

    expect(followups(payments)).toEqual([]);
    const inSearch = followups(search);
    expect(inSearch.map((i) => i.title).sort()).toEqual(["Retry search on 503", "Set a pool timeout"]);
    const transferred = inSearch.find((i) => i.title === "Set a pool timeout")!;
    expect(transferred.id).toBe(before.id);
    expect(readFollowupMarker(transferred.body)).toMatchObject({
      id: "pool-timeout",
      home: `${OWNER}/incidents`,
    });
    const written = calls(writes(github.sim));
    expect(written.filter((c) => c === "POST /graphql transferFollowup")).toHaveLength(1);
    expect(written.filter((c) => /^POST \/repos\/[^/]+\/[^/]+\/issues$/.test(c))).toEqual([]);
    expect(commentsOn(central, 20)[0]?.body).toContain(
      `- Updated ${OWNER}/search#${transferred.number}: moved to the repository it is routed to`,
    );

    // Back to the postmortem's repository when the route is removed.
    await t.receive(
      "pull_request",
      merge(
        21,
        ITEMS.map((i) => (i.id === "pool-timeout" ? { ...i, repo: undefined } : i)),
      ).payload,
    );
    expect(followups(search).map((i) => i.title)).toEqual(["Retry search on 503"]);
    const home = followups(central).find((i) => i.title === "Set a pool timeout")!;
    expect(home.id).toBe(before.id);
    expect(readFollowupMarker(home.body)).not.toHaveProperty("home");
  });

  it("routing rules and CODEOWNERS route the follow-ups that name no repository", async () => {
    github.sim.addCommit(central, {
      files: {
        ".github/postmortem-followups.yml": [
          "routing:",
          "  codeowners: true",
          "  rules:",
          "    - category: documentation",
          `      repo: ${OWNER}/web`,
          '    - codeowner: "@acme/search-team"',
          `      repo: ${OWNER}/search`,
        ].join("\n"),
      },
    });
    github.sim.addCommit(search, {
      files: { ".github/CODEOWNERS": "* @acme/core\n/services/ranking/ @acme/search-team\n" },
    });
    const items: ItemSpec[] = [
      { id: "runbook", title: "Write the runbook", category: "documentation" },
      {
        id: "ranking-test",
        title: "Test the ranking fallback",
        validation: [`https://github.com/${OWNER}/search/blob/main/services/ranking/fallback.test.ts`],
      },
      { id: "stays", title: "Stays here" },
    ];
    await t.receive("pull_request", merge(7, items).payload);
    expect(followups(web).map((i) => i.title)).toEqual(["Write the runbook"]);
    expect(followups(search).map((i) => i.title)).toEqual(["Test the ranking fallback"]);
    expect(followups(central).map((i) => i.title)).toEqual(["Stays here"]);
  });

  it("/validated on a routed issue checks the evidence in the postmortem's repository", async () => {
    github.sim.addCommit(central, { files: { "tests/pool-timeout.test.ts": "test('pool', () => {});\n" } });
    await t.receive("pull_request", merge(7, ITEMS).payload);
    const issue = followups(payments)[0]!;
    issue.state = "closed";
    issue.state_reason = "completed";
    const body = "/validated tests/pool-timeout.test.ts";
    await comment(payments, issue.number, body, {
      body: issue.body,
      state: "closed",
      state_reason: "completed",
      labels: issue.labels.map((name, id) => ({ id, name, color: "ededed", default: false })),
      user: { login: "my-app[bot]", type: "Bot" },
    });
    // Recorded as evidence, linked to the file in acme/incidents (payments has no such file).
    expect(issue.body).toContain(`https://github.com/${OWNER}/incidents/blob/`);
    expect(issue.body).toContain("tests/pool-timeout.test.ts");
  });

  it("tracker: true attaches the follow-ups of every repository as sub-issues of one tracker", async () => {
    github.sim.addCommit(central, { files: { ".github/postmortem-followups.yml": "tracker: true\n" } });
    const { payload } = merge(7, ITEMS);
    await t.receive("pull_request", payload);
    const [tracker, ...others] = issuesOf(central).filter((i) => readTrackerMarker(i.body) !== null);
    expect(others).toEqual([]);
    const routed = [followups(payments)[0]!, followups(search)[0]!, followups(web)[0]!];
    const own = followups(central)[0]!;
    expect([...(tracker!.sub_issues ?? [])].sort()).toEqual([...routed, own].map((i) => i.id).sort());
    expect(readTrackerMarker(tracker!.body)).toEqual({
      path: FILE,
      linked: [own.number],
      routed: [
        `${OWNER}/payments#${routed[0]!.number}`,
        `${OWNER}/search#${routed[1]!.number}`,
        `${OWNER}/web#${routed[2]!.number}`,
      ],
      mode: "sub-issues",
    });
    expect(tracker!.body).toContain(
      `| ${OWNER}/payments#${routed[0]!.number} | System | Set a pool timeout |`,
    );

    github.sim.clearLog();
    freezeWrites(github.sim);
    await t.receive("pull_request", payload);
    expect(calls(writes(github.sim))).toEqual([]);
  });

  it("/followups status on the postmortem's pull request lists the routed follow-ups with the others", async () => {
    await t.receive("pull_request", merge(7, ITEMS).payload);
    await comment(central, 7, "/followups status", {
      pull_request: { url: `https://api.github.com/repos/${OWNER}/incidents/pulls/7` },
    });
    const status = commentsOn(central, 7).find((c) => c.body.includes("postmortem-followups:progress"))!.body;
    for (const [repo, title] of [
      [payments, "Set a pool timeout"],
      [search, "Retry search on 503"],
      [web, "Outage banner"],
    ] as const)
      expect(status).toContain(`${OWNER}/${repo.name}#${followups(repo)[0]!.number} ${title}`);
    expect(status).toContain("0 of 4 follow-ups");
  });

  it("project: routed follow-ups sharing issue numbers get their own items, and a redelivery writes nothing", async () => {
    github.sim.addCommit(central, {
      files: {
        ".github/postmortem-followups.yml":
          "project:\n  owner: acme\n  number: 1\n  fields: { status: Follow-up status, category: false, term: false, severity: false, postmortem: false }\n",
      },
    });
    const project = github.sim.addProject("acme", {
      fields: [
        {
          name: "Follow-up status",
          dataType: "SINGLE_SELECT" as const,
          options: ["Open", "Overdue", "Done and validated", "Done, not validated", "Not doing"],
        },
        { name: "Due", dataType: "DATE" as const },
      ],
    });
    const { payload } = merge(7, ITEMS);
    await t.receive("pull_request", payload);
    // acme/payments#1, acme/search#1 and acme/web#1 are three items, besides the runbook's.
    const routed = [followups(payments)[0]!, followups(search)[0]!, followups(web)[0]!];
    expect(routed.map((i) => i.number)).toEqual([1, 1, 1]);
    expect(project.items.map((i) => i.issue_id).sort()).toEqual(
      [...routed, followups(central)[0]!].map((i) => i.id).sort(),
    );
    github.sim.clearLog();
    freezeWrites(github.sim);
    await t.receive("pull_request", payload);
    expect(calls(writes(github.sim))).toEqual([]);
  });

  it("a repository without the app keeps the follow-up in the postmortem's repository and says so", async () => {
    const items: ItemSpec[] = [
      { id: "legacy-fix", title: "Patch the legacy proxy", repo: `${OWNER}/legacy` },
    ];
    await t.receive("pull_request", merge(7, items).payload);
    expect(followups(legacy)).toEqual([]);
    expect(followups(central).map((i) => i.title)).toEqual(["Patch the legacy proxy"]);
    expect(commentsOn(central, 7)[0]?.body).toContain(
      `the app is not installed on ${OWNER}/legacy: this follow-up's issue stays in ${OWNER}/incidents until it is`,
    );
  });

  it("two replicas receiving both events of the merge at once: one issue per follow-up in each repository", async () => {
    const replica = await createTestProbot(app, { baseUrl: github.sim.url });
    github.sim.setLatency(3); // widen the window between "read the issues" and "create"
    const { payload, commit } = merge(7, ITEMS);
    const pushed = push({
      owner: OWNER,
      repo: "incidents",
      installationId: central.installation_id!,
      before: commit.parents[0]!,
      after: commit.sha,
      commits: [{ added: [FILE] }],
    });
    await Promise.all(
      [t, replica].flatMap((app) => [
        app.receive("pull_request", structuredClone(payload)),
        app.receive("push", structuredClone(pushed)),
      ]),
    );
    github.sim.setLatency(0);
    expect([payments, search, web, central].map((r) => followups(r).map((i) => i.title))).toEqual([
      ["Set a pool timeout"],
      ["Retry search on 503"],
      ["Outage banner"],
      ["Write the runbook"],
    ]);
  });

  it("a duplicate a second replica wrote in the target repository is closed on the next run", async () => {
    const { payload } = merge(7, ITEMS);
    await t.receive("pull_request", payload);
    const [first] = followups(payments);
    const second = github.sim.createIssue(payments, {
      title: first!.title,
      body: first!.body,
      labels: ["postmortem-followup"],
      user: "my-app[bot]",
    });
    await t.receive("pull_request", payload);
    expect([first!.state, second.state, second.state_reason]).toEqual(["open", "closed", "not_planned"]);
    expect(followups(payments)).toHaveLength(2);
  });
});
