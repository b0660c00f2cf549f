import { beforeEach, describe, expect, it } from "vitest";
import app from "../../../src/app/app.js";
import { readFollowupMarker, readMarker } from "../../../src/domain/markers/marker.js";
import { pullRequestClosed, push } from "../../helpers/payloads.js";
import { postmortemMarkdown } from "../../helpers/postmortems.js";
import { createTestProbot, logsMatching, type TestProbot } from "../../helpers/probot.js";
import {
  botLogin,
  calls,
  commentsOn,
  find,
  freezeWrites,
  issuesOf,
  mergedPullPayload,
  refuseGraphqlBatches,
  seedPay,
  useSimulator,
  writes,
} from "../../helpers/simulated-github.js";
import type { SimRepo } from "../../simulator/index.js";

const github = useSimulator();

const OWNER = "acme";
const REPO = "pay";
const FILE = "postmortems/2026-03-12-payments.md";
const CONFIG = ".github/postmortem-followups.yml";

const TWO_ITEMS = {
  short_term: [
    {
      id: "validate-config",
      title: "Validate gateway config before deploy",
      owner: "alice",
      due: "2026-03-19",
      priority: "P1",
      validation: ["test/payments/gateway-config.test.ts", "#123"],
    },
  ],
  long_term: [
    { id: "config-canary", title: "Canary every config change", category: "process", owner: "bob" },
  ],
};

/** The labels a first merge of TWO_ITEMS creates, in order, as REST bodies. */
const LABELS = [
  {
    name: "postmortem-followup",
    color: "5d3fd3",
    description: "Follow-up of a postmortem, tracked by postmortem-followups",
  },
  { name: "term: short-term", color: "d93f0b", description: "Short-term mitigation" },
  {
    name: "category: system",
    color: "1d76db",
    description: "Hardware upgrades, software patches, configuration changes",
  },
  { name: "severity: SEV2", color: "d93f0b", description: "Incident severity SEV2" },
  { name: "term: long-term", color: "0052cc", description: "Long-term prevention of recurrence" },
  {
    name: "category: process",
    color: "5319e7",
    description: "SOP and incident-response process changes",
  },
];

let repo: SimRepo;
let t: TestProbot;

beforeEach(async () => {
  repo = seedPay(github.sim, { collaborators: { alice: "write", bob: "write" } });
  t = await createTestProbot(app, { baseUrl: github.sim.url });
});

/** Pull request #number, changing `files` (null deletes), merged; returns its `pull_request.closed` payload. */
function merge(number: number, files: Record<string, string | null>) {
  return mergedPullPayload(github.sim, repo, number, files).payload;
}

/** A commit on the default branch (e.g. the config), before the merge under test. */
function commit(files: Record<string, string | null>): string {
  return github.sim.addCommit(repo, { files }).sha;
}

/** The JSON bodies of the requests matching a method and a path (exact or pattern). */
function bodyOf(method: string, path: RegExp | string): Record<string, unknown>[] {
  return find(github.sim, method, path).map((r) => r.body as Record<string, unknown>);
}

function followups() {
  return issuesOf(repo).map((i) => ({
    number: i.number,
    state: i.state,
    marker: readFollowupMarker(i.body ?? ""),
  }));
}

const summaryOn = (pr: number) => commentsOn(repo, pr)[0]!.body;

describe("pull_request.closed (merged)", () => {
  it("creates one labelled, assigned issue per follow-up, the labels, and the summary comment", async () => {
    await t.receive("pull_request", merge(7, { [FILE]: postmortemMarkdown(TWO_ITEMS) }));

    // The missing labels are created in one GraphQL request, in the order they are needed.
    expect(calls(writes(github.sim)).filter((w) => w.includes("createLabels"))).toEqual([
      "POST /graphql createLabels",
    ]);
    expect(bodyOf("POST", "/repos/acme/pay/labels")).toEqual([]);
    expect(repo.labels.map(({ name, color, description }) => ({ name, color, description }))).toEqual(LABELS);

    const creates = bodyOf("POST", "/repos/acme/pay/issues");
    expect(creates.map(({ body: _body, ...rest }) => rest)).toEqual([
      {
        title: "Validate gateway config before deploy",
        labels: ["postmortem-followup", "term: short-term", "category: system", "severity: SEV2"],
        assignees: ["alice"],
      },
      {
        title: "Canary every config change",
        labels: ["postmortem-followup", "term: long-term", "category: process", "severity: SEV2"],
        assignees: ["bob"],
      },
    ]);
    expect(creates[0]!.body).toMatchInlineSnapshot(`
      "<!-- postmortem-followups:followup v1 {"path":"postmortems/2026-03-12-payments.md","id":"validate-config","pr":7,"due":"2026-03-19","dueSet":true,"title":"Validate gateway config before deploy","owner":"alice"} -->
      <!-- postmortem-followups:begin -->
      **Short-term mitigation** · **System** · **P1** · due **2026-03-19**

      **Owner:** @alice

      ### What to do

      Do validate-config.

      ### Validation plan

      How we will know the fix works. Tick each item once it has been checked, or close this issue with a linked pull request or a \`/validated <link or #N>\` comment.

      - [ ] [test/payments/gateway-config.test.ts](https://github.com/acme/pay/blob/main/test/payments/gateway-config.test.ts)
      - [ ] #123

      ### Incident

      **Payments API outage** (2026-03-12, SEV2) · postmortem [postmortems/2026-03-12-payments.md](https://github.com/acme/pay/blob/main/postmortems/2026-03-12-payments.md) · merged in #7

      Card payments failed for 47 minutes.

      **Root cause:** A config deploy with a null timeout. (the full analysis, 5 Whys and fishbone, is in the postmortem)

      <sub>Managed by postmortem-followups from \`validate-config\` in the postmortem: edit the postmortem, not this section. Text added below this issue's sections is kept.</sub>
      <!-- postmortem-followups:end -->

      <!-- postmortem-followups:evidence-begin -->
      ### Evidence

      _No evidence yet. Close this issue with a linked pull request, tick the validation plan, or comment \`/validated <link or #N>\`._
      <!-- postmortem-followups:evidence-end -->
      "
    `);
    expect(readFollowupMarker(creates[1]!.body as string)).toEqual({
      path: FILE,
      id: "config-canary",
      pr: 7,
      due: "2026-06-18", // default: 90 days after the merge (2026-03-20)
      title: "Canary every config change",
      owner: "bob",
    });

    const comments = bodyOf("POST", "/repos/acme/pay/issues/7/comments");
    expect(comments).toHaveLength(1);
    expect(readMarker("summary", comments[0]!.body as string)).toEqual({ pr: 7 });
    expect(comments[0]!.body).toMatchInlineSnapshot(`
      "<!-- postmortem-followups:summary v1 {"pr":7} -->
      ### Postmortem follow-ups

      #### [postmortems/2026-03-12-payments.md](https://github.com/acme/pay/blob/main/postmortems/2026-03-12-payments.md)

      **Short-term mitigation**

      | Issue | Category | Follow-up | Owner | Due |
      | --- | --- | --- | --- | --- |
      | #8 | System | Validate gateway config before deploy | \`alice\` | 2026-03-19 |

      **Long-term prevention**

      | Issue | Category | Follow-up | Owner | Due |
      | --- | --- | --- | --- | --- |
      | #9 | Process | Canary every config change | \`bob\` | 2026-06-18 |

      <details><summary>Root cause</summary>

      A config deploy with a null timeout.

      </details>

      <!-- postmortem-followups:changes-begin -->
      **Last changes**

      - Created #8: Validate gateway config before deploy
      - Created #9: Canary every config change
      - Created labels: \`postmortem-followup\`, \`term: short-term\`, \`category: system\`, \`severity: SEV2\`, \`term: long-term\`, \`category: process\`
      <!-- postmortem-followups:changes-end -->

      <sub>Kept up to date by postmortem-followups: edit the postmortem, not this comment.</sub>
      "
    `);
  });

  it("when the labels cannot be created in one request, they are created one by one", async () => {
    github.sim.inject({ match: { operation: "createLabels" }, respond: { status: 502 } });
    await t.receive("pull_request", merge(7, { [FILE]: postmortemMarkdown(TWO_ITEMS) }));
    expect(bodyOf("POST", "/repos/acme/pay/labels")).toEqual(LABELS);
    expect(issuesOf(repo)).toHaveLength(2);
    expect(logsMatching(t.logs, "could not create the labels in one request: one by one")).toHaveLength(1);
  });

  it("the same delivery twice gives one issue per follow-up; the second run writes nothing", async () => {
    const payload = merge(7, { [FILE]: postmortemMarkdown(TWO_ITEMS) });
    await t.receive("pull_request", payload, "delivery-1");
    expect(issuesOf(repo)).toHaveLength(2);

    github.sim.clearLog();
    freezeWrites(github.sim); // any write would now fail with 500
    await t.receive("pull_request", payload, "delivery-1");
    expect(writes(github.sim)).toEqual([]);
    expect(issuesOf(repo)).toHaveLength(2);
    expect(logsMatching(t.logs, "summary comment unchanged: no write")).toHaveLength(1);
  });

  it("a squash merge fires pull_request.closed and push: one set of issues, the push writes nothing", async () => {
    const closed = merge(7, { [FILE]: postmortemMarkdown(TWO_ITEMS) });
    const pushed = push({
      owner: OWNER,
      repo: REPO,
      installationId: repo.installation_id!,
      after: repo.branches.main!,
      commits: [{ added: [FILE] }],
    });
    // Both deliveries arrive together: the per-repository lock serialises them.
    await Promise.all([t.receive("pull_request", closed), t.receive("push", pushed)]);
    expect(issuesOf(repo)).toHaveLength(2);
    expect(bodyOf("POST", "/repos/acme/pay/issues")).toHaveLength(2);
    expect(bodyOf("POST", "/repos/acme/pay/issues/7/comments")).toHaveLength(1);
    expect(bodyOf("PATCH", /^\/repos\/acme\/pay\/issues\/\d+$/)).toEqual([]);
    expect(bodyOf("PATCH", /comments/)).toEqual([]);

    // The other order too: push first, then the pull request event.
    github.sim.clearLog();
    freezeWrites(github.sim);
    await t.receive("push", pushed);
    await t.receive("pull_request", closed);
    expect(writes(github.sim)).toEqual([]);
  });

  it("a due date the postmortem no longer sets falls back to the default, which then stays put", async () => {
    await t.receive("pull_request", merge(7, { [FILE]: postmortemMarkdown(TWO_ITEMS) }));
    const issue = () =>
      issuesOf(repo).find((i) => readFollowupMarker(i.body ?? "")?.id === "validate-config")!;
    const marker = () => readFollowupMarker(issue().body ?? "");
    expect(marker()).toMatchObject({ due: "2026-03-19", dueSet: true });

    // The next merge drops `due`: the default counts from that merge (2026-03-20 + 14 days).
    const { due: _dropped, ...withoutDue } = TWO_ITEMS.short_term[0]!;
    const dropped = { ...TWO_ITEMS, short_term: [withoutDue] };
    await t.receive("pull_request", merge(20, { [FILE]: postmortemMarkdown(dropped) }));
    expect(marker()).toEqual({
      path: FILE,
      id: "validate-config",
      pr: 7,
      due: "2026-04-03",
      title: "Validate gateway config before deploy",
      owner: "alice",
    });
    expect(issue().body).toContain("due **2026-04-03**");

    // A later merge, weeks on, that edits the item: the default does not move.
    const later = merge(21, {
      [FILE]: postmortemMarkdown({ ...dropped, short_term: [{ ...withoutDue, priority: "P2" }] }),
    });
    (later.pull_request as { merged_at: string }).merged_at = "2026-05-01T09:30:00Z";
    await t.receive("pull_request", later);
    expect(marker()).toMatchObject({ due: "2026-04-03" });
    expect(issue().body).toContain("**P2**");
  });

  it("a later merge that changes an item updates title, assignees, labels and the managed body; people's text survives", async () => {
    await t.receive("pull_request", merge(7, { [FILE]: postmortemMarkdown(TWO_ITEMS) }));
    const issue = issuesOf(repo).find((i) => i.title === "Validate gateway config before deploy")!;
    issue.body += "\n\nNotes from the team: check the staging cluster too.";
    github.sim.addLabel(repo, "team: payments");
    issue.labels.push("team: payments");
    github.sim.clearLog();

    const changed = {
      ...TWO_ITEMS,
      short_term: [
        {
          ...TWO_ITEMS.short_term[0]!,
          title: "Validate every gateway config before deploy",
          owner: "bob",
          category: "tooling",
          due: "2026-03-26",
        },
      ],
    };
    await t.receive("pull_request", merge(20, { [FILE]: postmortemMarkdown(changed) }));

    const patches = find(github.sim, "PATCH", `/repos/acme/pay/issues/${issue.number}`);
    expect(patches).toHaveLength(1);
    const patch = patches[0]!.body as Record<string, unknown>;
    expect(Object.keys(patch).sort()).toEqual(["assignees", "body", "labels", "title"]);
    expect(patch.title).toBe("Validate every gateway config before deploy");
    expect(patch.assignees).toEqual(["bob"]);
    expect(patch.labels).toEqual([
      "postmortem-followup",
      "term: short-term",
      "severity: SEV2",
      "team: payments",
      "category: tooling",
    ]);
    const body = patch.body as string;
    expect(body).toContain("due **2026-03-26**");
    expect(body).toContain("**Owner:** @bob");
    expect(body).toContain("Notes from the team: check the staging cluster too.");
    expect(readFollowupMarker(body)).toEqual({
      path: FILE,
      id: "validate-config",
      pr: 7, // the pull request that brought the follow-up stays its pull request
      due: "2026-03-26",
      dueSet: true, // the postmortem sets it
      title: "Validate every gateway config before deploy",
      owner: "bob",
    });
    // The other item did not change, so it was not written; only the new category label was created.
    expect(calls(writes(github.sim))).toEqual([
      "POST /repos/acme/pay/labels",
      `PATCH /repos/acme/pay/issues/${issue.number}`,
      "POST /repos/acme/pay/issues/20/comments",
    ]);
  });

  it.each([
    ["the merge probe", false],
    ["REST when the GraphQL reads fail", true],
  ] as const)(
    "an item removed from the file is closed as not planned, with a comment and a removed marker (files read by %s)",
    async (_how, refused) => {
      if (refused) refuseGraphqlBatches(github.sim);
      await t.receive("pull_request", merge(7, { [FILE]: postmortemMarkdown(TWO_ITEMS) }));
      const canary = issuesOf(repo).find((i) => i.title === "Canary every config change")!;
      github.sim.clearLog();

      await t.receive(
        "pull_request",
        merge(20, { [FILE]: postmortemMarkdown({ short_term: TWO_ITEMS.short_term }) }),
      );

      const patch = bodyOf("PATCH", `/repos/acme/pay/issues/${canary.number}`);
      expect(patch).toHaveLength(1);
      expect(patch[0]).toMatchObject({ state: "closed", state_reason: "not_planned" });
      expect(readFollowupMarker(patch[0]!.body as string)).toMatchObject({
        id: "config-canary",
        removed: true,
      });
      expect(bodyOf("POST", `/repos/acme/pay/issues/${canary.number}/comments`)).toEqual([
        {
          body:
            "Closed as not planned: the follow-up `config-canary` is no longer in the postmortem " +
            "[postmortems/2026-03-12-payments.md](https://github.com/acme/pay/blob/main/postmortems/2026-03-12-payments.md) (changed in #20).\n\n" +
            "If the follow-up comes back to the postmortem, this issue is reopened. Text and comments here are kept.",
        },
      ]);
      expect(repo.issues[canary.number]).toMatchObject({ state: "closed", state_reason: "not_planned" });
      const summary = summaryOn(20);
      expect(summary).toContain(`Closed #${canary.number} as not planned: the follow-up left the postmortem`);

      // Put back: the same issue is reopened, not a new one.
      github.sim.clearLog();
      await t.receive("pull_request", merge(21, { [FILE]: postmortemMarkdown(TWO_ITEMS) }));
      expect(bodyOf("POST", "/repos/acme/pay/issues")).toEqual([]);
      expect(bodyOf("PATCH", `/repos/acme/pay/issues/${canary.number}`)[0]).toMatchObject({ state: "open" });
      expect(repo.issues[canary.number]!.state).toBe("open");
    },
  );

  it.each([
    ["the merge probe", false],
    ["REST when the GraphQL reads fail", true],
  ] as const)(
    "a deleted postmortem closes its open follow-ups as not planned (files read by %s)",
    async (_how, refused) => {
      if (refused) refuseGraphqlBatches(github.sim);
      await t.receive("pull_request", merge(7, { [FILE]: postmortemMarkdown(TWO_ITEMS) }));
      github.sim.clearLog();
      await t.receive("pull_request", merge(20, { [FILE]: null }));
      const closes = find(github.sim, "PATCH", /^\/repos\/acme\/pay\/issues\/\d+$/);
      expect(closes).toHaveLength(2);
      for (const c of closes) expect(c.body).toMatchObject({ state: "closed", state_reason: "not_planned" });
      const comments = find(github.sim, "POST", /^\/repos\/acme\/pay\/issues\/(?!20\/)\d+\/comments$/);
      expect(comments.map((c) => (c.body as { body: string }).body.split("\n")[0])).toEqual([
        "Closed as not planned: the postmortem `postmortems/2026-03-12-payments.md` was deleted in #20.",
        "Closed as not planned: the postmortem `postmortems/2026-03-12-payments.md` was deleted in #20.",
      ]);
      expect(followups().every((f) => f.state === "closed" && f.marker?.removed)).toBe(true);
    },
  );

  it("an unknown owner: the issue is created without assignee, and the problem is written in the issue and the summary", async () => {
    const spec = { short_term: [{ id: "fix-it", title: "Fix it", owner: "ghost-user" }] };
    await t.receive("pull_request", merge(7, { [FILE]: postmortemMarkdown(spec) }));
    const [create] = bodyOf("POST", "/repos/acme/pay/issues");
    expect(create).toMatchObject({ title: "Fix it", assignees: [] });
    expect(create!.body).toContain("**Owner:** `ghost-user`");
    expect(create!.body).toContain("> The owner could not be assigned: not a GitHub user");
    const summary = summaryOn(7);
    expect(summary).toContain("#### Owners who could not be assigned");
    expect(summary).toContain("- `ghost-user`: not a GitHub user (#8)");
  });

  it("an owner without access is told apart from an unknown login", async () => {
    github.sim.addUser("carol");
    const spec = { short_term: [{ id: "fix-it", title: "Fix it", owner: "carol" }] };
    await t.receive("pull_request", merge(7, { [FILE]: postmortemMarkdown(spec) }));
    expect(bodyOf("POST", "/repos/acme/pay/issues")[0]!.body).toContain(
      "The owner could not be assigned: no access to this repository",
    );
  });

  it("an invalid config is reported on the pull request with its line, and nothing is created", async () => {
    commit({ [CONFIG]: "language: en\ndue_days:\n  short_term: -3\n" });
    await t.receive("pull_request", merge(7, { [FILE]: postmortemMarkdown(TWO_ITEMS) }));
    expect(bodyOf("POST", "/repos/acme/pay/issues")).toEqual([]);
    expect(bodyOf("POST", "/repos/acme/pay/labels")).toEqual([]);
    const comments = bodyOf("POST", "/repos/acme/pay/issues/7/comments");
    expect(comments).toHaveLength(1);
    const body = comments[0]!.body as string;
    expect(readMarker("summary", body)).toEqual({ pr: 7 });
    expect(body).toContain("the configuration is invalid");
    expect(body).toMatch(/`\.github\/postmortem-followups\.yml:3:\d+` due_days\.short_term:/);
  });

  it("a config that is not YAML is reported with its line too", async () => {
    commit({ [CONFIG]: "language: en\npaths: [unclosed\n" });
    await t.receive("pull_request", merge(7, { [FILE]: postmortemMarkdown(TWO_ITEMS) }));
    expect(bodyOf("POST", "/repos/acme/pay/issues")).toEqual([]);
    const body = bodyOf("POST", "/repos/acme/pay/issues/7/comments")[0]!.body as string;
    expect(body).toMatch(/`\.github\/postmortem-followups\.yml:\d+:\d+`/);
  });

  it("a file with errors creates nothing; a valid file in the same pull request proceeds", async () => {
    const bad = "postmortems/2026-03-13-broken.md";
    const broken = postmortemMarkdown({ short_term: [{ id: "x", title: "X", category: "sytem" }] });
    await t.receive("pull_request", merge(7, { [FILE]: postmortemMarkdown(TWO_ITEMS), [bad]: broken }));
    expect(bodyOf("POST", "/repos/acme/pay/issues").map((b) => b.title)).toEqual([
      "Validate gateway config before deploy",
      "Canary every config change",
    ]);
    const summary = summaryOn(7);
    expect(summary).toContain(
      "This postmortem has errors, so nothing was created, updated or closed for it.",
    );
    expect(summary).toMatch(
      /- \*\*error\*\* `postmortems\/2026-03-13-broken\.md:\d+:\d+` followups\.short_term\[0\]\.category: "sytem" is not a category .*did you mean "system"\?/,
    );
  });

  it("a 502 after the create took effect: the retry finds the marker and does not create a duplicate", async () => {
    github.sim.inject({
      match: { method: "POST", path: "/repos/acme/pay/issues" },
      respond: { status: 502, afterWrite: true },
    });
    await t.receive("pull_request", merge(7, { [FILE]: postmortemMarkdown(TWO_ITEMS) }));
    expect(issuesOf(repo)).toHaveLength(2);
    expect(bodyOf("POST", "/repos/acme/pay/issues")).toHaveLength(2); // the failed one + the second item
    // The plan's read (the merge probe) + the re-read of the tracked issues after the 502.
    const tracked = find(github.sim, "POST", "/graphql").filter((r) =>
      ["mergeProbe", "trackedIssues"].includes(String(r.operation)),
    );
    expect(tracked).toHaveLength(2);
    const summary = summaryOn(7);
    expect(summary).toContain("(found after a GitHub error; not created twice)");
    expect(summary).not.toContain("What went wrong");
  });

  it("a 502 before the create took effect: the retry creates it once", async () => {
    github.sim.inject({
      match: { method: "POST", path: "/repos/acme/pay/issues" },
      respond: { status: 502 },
    });
    await t.receive("pull_request", merge(7, { [FILE]: postmortemMarkdown(TWO_ITEMS) }));
    expect(issuesOf(repo)).toHaveLength(2);
    expect(bodyOf("POST", "/repos/acme/pay/issues")).toHaveLength(3);
  });

  it("a GitHub error on one item does not stop the others; it is reported, and a re-run completes it", async () => {
    github.sim.inject({
      match: { method: "POST", path: "/repos/acme/pay/issues" },
      respond: { status: 422, body: { message: "Validation Failed" } },
    });
    const payload = merge(7, { [FILE]: postmortemMarkdown(TWO_ITEMS) });
    await t.receive("pull_request", payload);
    expect(issuesOf(repo).map((i) => i.title)).toEqual(["Canary every config change"]);
    expect(summaryOn(7)).toContain("#### What went wrong");
    await t.receive("pull_request", payload);
    expect(
      issuesOf(repo)
        .map((i) => i.title)
        .sort(),
    ).toEqual(["Canary every config change", "Validate gateway config before deploy"]);
    expect(commentsOn(repo, 7)).toHaveLength(1);
    expect(summaryOn(7)).not.toContain("#### What went wrong");
  });

  it("an issue a person opened with a copied marker is not trusted: the app creates its own and leaves it alone", async () => {
    github.sim.addUser("mallory");
    const forged = github.sim.createIssue(repo, {
      title: "Validate gateway config before deploy",
      body: `<!-- postmortem-followups:followup v1 {"path":"${FILE}","id":"validate-config","pr":7,"due":"2026-03-19","title":"x","owner":"alice"} -->`,
      labels: ["postmortem-followup"],
      user: "mallory",
    });
    // Even a user account named like the app is not the app's bot.
    const slug = github.sim.state.app.slug;
    github.sim.addUser(slug);
    const lookalike = github.sim.createIssue(repo, {
      title: "Canary every config change",
      body: `<!-- postmortem-followups:followup v1 {"path":"${FILE}","id":"config-canary","pr":7,"due":null,"title":"x","owner":"bob"} -->`,
      labels: ["postmortem-followup"],
      user: slug,
    });
    await t.receive("pull_request", merge(20, { [FILE]: postmortemMarkdown(TWO_ITEMS) }));
    expect(bodyOf("POST", "/repos/acme/pay/issues")).toHaveLength(2);
    expect(find(github.sim, "PATCH", `/repos/acme/pay/issues/${forged.number}`)).toEqual([]);
    expect(find(github.sim, "PATCH", `/repos/acme/pay/issues/${lookalike.number}`)).toEqual([]);
    expect(logsMatching(t.logs, "not authored by the app")[0]).toMatchObject({
      issues: [forged.number, lookalike.number],
    });
  });

  it.each([
    ["the merge probe", false],
    ["REST when the GraphQL reads fail", true],
  ] as const)(
    "a renamed postmortem moves its issues' marker path instead of closing and recreating them (%s)",
    async (_how, refused) => {
      await t.receive("pull_request", merge(7, { [FILE]: postmortemMarkdown(TWO_ITEMS) }));
      const moved = "postmortems/2026/payments-outage.md";
      github.sim.clearLog();
      // The same content under a new path: GitHub lists it as renamed.
      if (refused) refuseGraphqlBatches(github.sim);
      await t.receive("pull_request", merge(20, { [FILE]: null, [moved]: postmortemMarkdown(TWO_ITEMS) }));
      expect(bodyOf("POST", "/repos/acme/pay/issues")).toEqual([]);
      const patches = bodyOf("PATCH", /^\/repos\/acme\/pay\/issues\/\d+$/);
      expect(patches).toHaveLength(2);
      for (const p of patches) {
        expect(p.state).toBeUndefined();
        expect(readFollowupMarker(p.body as string)?.path).toBe(moved);
      }
      expect(followups().map((f) => [f.state, f.marker?.path])).toEqual([
        ["open", moved],
        ["open", moved],
      ]);
    },
  );

  it.each([
    ["the merge probe", false],
    ["REST when the GraphQL reads fail", true],
  ] as const)("a label a person recoloured is left alone (labels read by %s)", async (_how, refused) => {
    if (refused) refuseGraphqlBatches(github.sim);
    github.sim.addLabel(repo, "postmortem-followup", "000000", "ours now");
    github.sim.addLabel(repo, "Term: Short-Term", "111111");
    await t.receive("pull_request", merge(7, { [FILE]: postmortemMarkdown(TWO_ITEMS) }));
    const created = bodyOf("POST", "/repos/acme/pay/labels").map((l) => l.name);
    expect(created).not.toContain("postmortem-followup");
    expect(created).not.toContain("term: short-term");
    expect(find(github.sim, "PATCH", /\/labels\//)).toEqual([]);
    expect(repo.labels.find((l) => l.name === "postmortem-followup")).toMatchObject({
      name: "postmortem-followup",
      color: "000000",
      description: "ours now",
    });
  });

  it("milestones: one per postmortem, due on its latest follow-up, set on the issues", async () => {
    commit({ [CONFIG]: "milestones: true\n" });
    const merged = merge(7, { [FILE]: postmortemMarkdown(TWO_ITEMS) });
    await t.receive("pull_request", merged);
    expect(bodyOf("POST", "/repos/acme/pay/milestones")).toEqual([
      {
        title: "2026-03-12 Payments API outage",
        due_on: "2026-06-18T12:00:00Z",
        description: "Follow-ups of https://github.com/acme/pay/blob/main/postmortems/2026-03-12-payments.md",
      },
    ]);
    expect(bodyOf("POST", "/repos/acme/pay/issues").map((b) => b.milestone)).toEqual([1, 1]);
    github.sim.clearLog();
    freezeWrites(github.sim);
    await t.receive("pull_request", merged); // delivered again
    expect(writes(github.sim)).toEqual([]);
  });
});

describe("push to the default branch", () => {
  it("a postmortem pushed without a pull request: issues from compare, no summary comment", async () => {
    const before = repo.branches.main!;
    const after = commit({ [FILE]: postmortemMarkdown(TWO_ITEMS) });
    await t.receive(
      "push",
      push({
        owner: OWNER,
        repo: REPO,
        installationId: repo.installation_id!,
        before,
        after,
        commits: [{ added: [FILE] }],
      }),
    );
    expect(bodyOf("POST", "/repos/acme/pay/issues")).toHaveLength(2);
    expect(readFollowupMarker(bodyOf("POST", "/repos/acme/pay/issues")[0]!.body as string)?.pr).toBeNull();
    expect(find(github.sim, "POST", /comments/)).toEqual([]);
    expect(logsMatching(t.logs, "a push without a pull request: no summary comment")).toHaveLength(1);
  });

  it("a push that touches no postmortem reads nothing", async () => {
    await t.receive(
      "push",
      push({
        owner: OWNER,
        repo: REPO,
        installationId: repo.installation_id!,
        after: commit({ "src/index.ts": "export {};\n" }),
        commits: [{ modified: ["src/index.ts"] }],
      }),
    );
    expect(calls(github.sim.requests)).toEqual(["GET /app"]);
    expect(logsMatching(t.logs, "the push changed no Markdown or YAML file")).toHaveLength(1);
  });

  it("a push to another branch is ignored", async () => {
    await t.receive(
      "push",
      push({
        owner: OWNER,
        repo: REPO,
        installationId: repo.installation_id!,
        after: repo.branches.main!,
        ref: "refs/heads/feature",
        commits: [{ added: [FILE] }],
      }),
    );
    expect(github.sim.requests).toEqual([]);
    expect(logsMatching(t.logs, "push to a ref other than the default branch: ignored")[0]).toMatchObject({
      repository: "acme/pay",
      ref: "refs/heads/feature",
    });
  });
});

describe("events that are not for sync", () => {
  it("ignores events sent by the app itself", async () => {
    const payload = merge(7, { [FILE]: postmortemMarkdown(TWO_ITEMS) });
    (payload.sender as Record<string, unknown>).login = botLogin(github.sim);
    (payload.sender as Record<string, unknown>).type = "Bot";
    await t.receive("pull_request", payload);
    await t.receive(
      "push",
      push({
        owner: OWNER,
        repo: REPO,
        installationId: repo.installation_id!,
        after: repo.branches.main!,
        commits: [{ added: [FILE] }],
        sender: { login: botLogin(github.sim), type: "Bot" },
      }),
    );
    expect(calls(github.sim.requests)).toEqual(["GET /app"]);
    expect(logsMatching(t.logs, "event sent by the app itself: ignored")).toHaveLength(2);
  });

  it("ignores a pull request closed without merging, with a log line carrying the delivery id", async () => {
    const payload = pullRequestClosed({
      owner: OWNER,
      repo: REPO,
      installationId: repo.installation_id!,
      number: 7,
      merged: false,
    });
    await t.receive("pull_request", payload, "delivery-xyz");
    expect(github.sim.requests).toEqual([]);
    expect(logsMatching(t.logs, "closed without merging")[0]).toMatchObject({
      repository: "acme/pay",
      delivery: "delivery-xyz",
      pr: 7,
    });
  });

  it("ignores a merge into another branch", async () => {
    const payload = pullRequestClosed({
      owner: OWNER,
      repo: REPO,
      installationId: repo.installation_id!,
      number: 7,
      baseRef: "release",
    });
    await t.receive("pull_request", payload);
    expect(github.sim.requests).toEqual([]);
    expect(logsMatching(t.logs, "other than the default branch")).toHaveLength(1);
  });
});
