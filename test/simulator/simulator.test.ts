import { generateKeyPairSync } from "node:crypto";
import { Octokit } from "@octokit/rest";
import { createProbot, ProbotOctokit } from "probot";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { faults, type SimRepo, type Simulator, startSimulator } from "./index.js";

let sim: Simulator;
let repo: SimRepo;

function octokit(baseUrl = sim.url): Octokit {
  return new Octokit({
    baseUrl,
    auth: sim.createInstallationToken(),
    log: { debug() {}, info() {}, warn() {}, error() {} },
  });
}

interface HttpFailure extends Error {
  status: number;
  response?: { data: { errors?: Array<{ code: string }> }; headers: Record<string, string | undefined> };
}

/** Resolves with the error of a request that must fail. */
async function failure(promise: Promise<unknown>): Promise<HttpFailure> {
  try {
    await promise;
  } catch (error) {
    return error as HttpFailure;
  }
  throw new Error("expected the request to fail");
}

/** Sends a request without Octokit's route typings (to send deliberately invalid input). */
function untyped(gh: Octokit, route: string, params: Record<string, unknown>) {
  return gh.request(route, params);
}

async function status(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
    return 200;
  } catch (error) {
    return (error as { status: number }).status;
  }
}

function expectClean() {
  expect(sim.violations).toEqual([]);
  expect(sim.responseViolations).toEqual([]);
  expect(sim.unimplemented).toEqual([]);
}

beforeAll(async () => {
  sim = await startSimulator({ checkResponses: true });
});

afterAll(async () => {
  await sim.close();
});

beforeEach(() => {
  sim.reset();
  repo = sim.seedRepo({
    owner: "octo-org",
    ownerType: "Organization",
    name: "payments",
    files: {
      "README.md": "# payments\n",
      ".github/postmortem-followups.yml": "labels:\n  - followup\n",
      "postmortems/2024-01-01-outage.md": "# Outage\n\n- [ ] add alert\n",
    },
    collaborators: { alice: "write", bob: "triage" },
  });
  sim.addUser("stranger");
});

describe("REST issues", () => {
  it("creates issues and lists them with GitHub-style pagination", async () => {
    const gh = octokit();
    sim.addMilestone(repo, "Q1");
    for (let i = 1; i <= 7; i++) {
      const { data, status: code } = await gh.rest.issues.create({
        owner: "octo-org",
        repo: "payments",
        title: `Follow-up ${i}`,
        body: "from the postmortem",
        labels: i % 2 ? ["followup"] : ["followup", "sev1"],
        assignees: ["alice", "stranger"],
        milestone: 1,
      });
      expect(code).toBe(201);
      expect(data.number).toBe(i);
      expect(data.user?.login).toBe("my-app[bot]");
      expect(data.user?.type).toBe("Bot");
      expect(data.assignees?.map((a) => a.login)).toEqual(["alice"]); // non-collaborator silently dropped
      expect(data.milestone?.title).toBe("Q1");
    }
    expect(repo.labels.find((l) => l.name === "followup")?.color).toBe("ededed"); // created on the fly, grey

    const first = await gh.rest.issues.listForRepo({ owner: "octo-org", repo: "payments", per_page: 3 });
    expect(first.data.map((i) => i.number)).toEqual([7, 6, 5]);
    expect(first.headers.link).toBe(
      `<${sim.url}/repos/octo-org/payments/issues?per_page=3&page=2>; rel="next", ` +
        `<${sim.url}/repos/octo-org/payments/issues?per_page=3&page=3>; rel="last"`,
    );

    const all = await gh.paginate(gh.rest.issues.listForRepo, {
      owner: "octo-org",
      repo: "payments",
      labels: "followup,sev1",
      direction: "asc",
      per_page: 2,
    });
    expect(all.map((i) => i.number)).toEqual([2, 4, 6]);

    // A page cap (per operation) makes a handful of items span pages; reset() restores the option.
    sim.setMaxPerPage({ "issues/list-for-repo": 2 });
    const capped = await gh.rest.issues.listForRepo({ owner: "octo-org", repo: "payments", per_page: 100 });
    expect(capped.data.map((i) => i.number)).toEqual([7, 6]);
    expect(capped.headers.link).toContain('per_page=2&page=2>; rel="next"');
    const walked = await gh.paginate(gh.rest.issues.listForRepo, { owner: "octo-org", repo: "payments" });
    expect(walked).toHaveLength(7);
    sim.setMaxPerPage({ "issues/list-labels-for-repo": 1 }); // other operations keep GitHub's sizes
    expect(
      (await gh.rest.issues.listForRepo({ owner: "octo-org", repo: "payments", per_page: 3 })).data,
    ).toHaveLength(3);
    sim.setMaxPerPage(undefined);

    // PRs share the number sequence and appear in the issues list with `pull_request`.
    const pr = sim.openPullRequest(repo, { title: "Fix", head: "fix", files: { "a.txt": "a\n" } });
    expect(pr.number).toBe(8);
    const { data: next } = await gh.rest.issues.create({
      owner: "octo-org",
      repo: "payments",
      title: "after PR",
    });
    expect(next.number).toBe(9);
    const withPulls = await gh.paginate(gh.rest.issues.listForRepo, {
      owner: "octo-org",
      repo: "payments",
      state: "all",
    });
    expect(withPulls.find((i) => i.number === 8)?.pull_request).toBeDefined();

    const { data: closed } = await gh.rest.issues.update({
      owner: "octo-org",
      repo: "payments",
      issue_number: 1,
      state: "closed",
      state_reason: "not_planned",
    });
    expect(closed.state).toBe("closed");
    expect(closed.state_reason).toBe("not_planned");
    expect(closed.closed_at).not.toBeNull();
    expect(repo.issues["1"]?.state).toBe("closed");

    await gh.rest.issues.addAssignees({
      owner: "octo-org",
      repo: "payments",
      issue_number: 2,
      assignees: ["bob", "nobody"],
    });
    expect(repo.issues["2"]?.assignees).toEqual(["alice", "bob"]);

    const comment = await gh.rest.issues.createComment({
      owner: "octo-org",
      repo: "payments",
      issue_number: 2,
      body: "ping",
    });
    await gh.rest.issues.updateComment({
      owner: "octo-org",
      repo: "payments",
      comment_id: comment.data.id,
      body: "pong",
    });
    const comments = await gh.paginate(gh.rest.issues.listComments, {
      owner: "octo-org",
      repo: "payments",
      issue_number: 2,
    });
    expect(comments.map((c) => c.body)).toEqual(["pong"]);
    expectClean();
  });

  it("answers 422 already_exists for duplicate labels and manages issue labels", async () => {
    const gh = octokit();
    const created = await gh.rest.issues.createLabel({
      owner: "octo-org",
      repo: "payments",
      name: "followup",
      color: "ff0000",
    });
    expect(created.status).toBe(201);
    const error = await failure(
      gh.rest.issues.createLabel({ owner: "octo-org", repo: "payments", name: "FollowUp", color: "00ff00" }),
    );
    expect(error.status).toBe(422);
    expect(error.response?.data.errors?.[0]?.code).toBe("already_exists");

    await gh.rest.issues.updateLabel({
      owner: "octo-org",
      repo: "payments",
      name: "followup",
      new_name: "follow-up",
      description: "tracked",
    });
    const labels = await gh.paginate(gh.rest.issues.listLabelsForRepo, {
      owner: "octo-org",
      repo: "payments",
    });
    expect(labels.map((l) => [l.name, l.description])).toEqual([["follow-up", "tracked"]]);

    sim.createIssue(repo, { title: "t" });
    const added = await gh.rest.issues.addLabels({
      owner: "octo-org",
      repo: "payments",
      issue_number: 1,
      labels: ["follow-up", "sev2"],
    });
    expect(added.data.map((l) => l.name)).toEqual(["follow-up", "sev2"]);
    const removed = await gh.rest.issues.removeLabel({
      owner: "octo-org",
      repo: "payments",
      issue_number: 1,
      name: "sev2",
    });
    expect(removed.data.map((l) => l.name)).toEqual(["follow-up"]);
    expect(
      await status(
        gh.rest.issues.removeLabel({ owner: "octo-org", repo: "payments", issue_number: 1, name: "sev2" }),
      ),
    ).toBe(404);
    expectClean();
  });
});

describe("contents", () => {
  it("sends a file over 1 MB without content (encoding none); the git blob has it", async () => {
    const gh = octokit();
    const big = "y".repeat(1024 * 1024 + 1);
    sim.addCommit(repo, { files: { "big.md": big } });
    const { data } = await gh.rest.repos.getContent({ owner: "octo-org", repo: "payments", path: "big.md" });
    if (Array.isArray(data) || data.type !== "file") throw new Error("expected a file");
    expect([data.encoding, data.content, data.size]).toEqual(["none", "", big.length]);
    const blob = await gh.rest.git.getBlob({ owner: "octo-org", repo: "payments", file_sha: data.sha });
    expect(Buffer.from(blob.data.content, "base64").toString("utf8")).toBe(big);
    expectClean();
  });

  it("serves files as base64 JSON and raw, directories as arrays, 404 when missing", async () => {
    const gh = octokit();
    const { data } = await gh.rest.repos.getContent({
      owner: "octo-org",
      repo: "payments",
      path: "postmortems/2024-01-01-outage.md",
    });
    if (Array.isArray(data) || data.type !== "file") throw new Error("expected a file");
    expect(data.encoding).toBe("base64");
    expect(Buffer.from(data.content, "base64").toString("utf8")).toBe("# Outage\n\n- [ ] add alert\n");
    expect(data.sha).toMatch(/^[0-9a-f]{40}$/);

    const raw = await gh.request("GET /repos/{owner}/{repo}/contents/{path}", {
      owner: "octo-org",
      repo: "payments",
      path: "README.md",
      mediaType: { format: "raw" },
    });
    expect(raw.data).toBe("# payments\n");

    const dir = await gh.rest.repos.getContent({ owner: "octo-org", repo: "payments", path: "postmortems" });
    expect(Array.isArray(dir.data) && dir.data.map((e) => [e.name, e.type])).toEqual([
      ["2024-01-01-outage.md", "file"],
    ]);

    sim.addCommit(repo, { branch: "feature", files: { "README.md": "# changed\n" } });
    const onBranch = await gh.request("GET /repos/{owner}/{repo}/contents/{path}", {
      owner: "octo-org",
      repo: "payments",
      path: "README.md",
      ref: "feature",
      mediaType: { format: "raw" },
    });
    expect(onBranch.data).toBe("# changed\n");

    expect(
      await status(gh.rest.repos.getContent({ owner: "octo-org", repo: "payments", path: "nope.md" })),
    ).toBe(404);

    // Probot's config plugin uses the raw media type.
    const probotOctokit = new ProbotOctokit({
      baseUrl: sim.url,
      auth: { token: sim.createInstallationToken() },
      throttle: { enabled: false },
      retry: { enabled: false },
    });
    const { config } = await probotOctokit.config.get({
      owner: "octo-org",
      repo: "payments",
      path: ".github/postmortem-followups.yml",
    });
    expect(config).toEqual({ labels: ["followup"] });
    expectClean();
  });
});

describe("contract checking", () => {
  it("records an unknown endpoint as a violation and answers 404", async () => {
    const gh = octokit();
    expect(
      await status(
        gh.request("GET /repos/{owner}/{repo}/followups", { owner: "octo-org", repo: "payments" }),
      ),
    ).toBe(404);
    expect(
      await status(gh.request("PUT /repos/{owner}/{repo}/issues", { owner: "octo-org", repo: "payments" })),
    ).toBe(404);
    expect(sim.violations.map((v) => [v.kind, v.method, v.path])).toEqual([
      ["unknown-endpoint", "GET", "/repos/octo-org/payments/followups"],
      ["unknown-endpoint", "PUT", "/repos/octo-org/payments/issues"],
    ]);
    expect(sim.violations[1]?.message).toContain("the path exists for GET, POST");
  });

  it("validates request bodies and query parameters against the OpenAPI description", async () => {
    const gh = octokit();
    const res = await untyped(gh, "POST /repos/{owner}/{repo}/issues", {
      owner: "octo-org",
      repo: "payments",
      title: "x",
      labels: "x",
    });
    expect(res.status).toBe(201); // lenient mode still serves the request
    await untyped(gh, "POST /repos/{owner}/{repo}/issues", {
      owner: "octo-org",
      repo: "payments",
      title: "y",
      lables: ["a"],
    });
    await untyped(gh, "GET /repos/{owner}/{repo}/issues", {
      owner: "octo-org",
      repo: "payments",
      state: "opened",
    });
    expect(sim.violations.map((v) => [v.kind, v.operationId, v.message])).toEqual([
      ["invalid-body", "issues/create", 'body.labels: expected array, got string "x"'],
      ["invalid-body", "issues/create", expect.stringContaining('unknown property "lables"')],
      ["invalid-params", "issues/list-for-repo", expect.stringContaining('"opened" is not one of')],
    ]);
  });

  it("answers 422 and leaves the state untouched in strict mode", async () => {
    sim.setStrict(true);
    try {
      const gh = octokit();
      const error = await failure(
        untyped(gh, "POST /repos/{owner}/{repo}/issues", {
          owner: "octo-org",
          repo: "payments",
          title: "x",
          labels: "x",
        }),
      );
      expect(error.status).toBe(422);
      expect(error.message).toContain("body.labels: expected array");
      expect(Object.keys(repo.issues)).toEqual([]);
      expect(sim.violations).toHaveLength(1);
    } finally {
      sim.setStrict(false);
    }
  });

  it("reports operations that exist on GitHub but are not simulated", async () => {
    const gh = octokit();
    expect(
      await status(gh.request("GET /repos/{owner}/{repo}/releases", { owner: "octo-org", repo: "payments" })),
    ).toBe(501);
    expect(sim.unimplemented).toEqual(["rest:repos/list-releases (GET /repos/{owner}/{repo}/releases)"]);
    expect(sim.violations).toEqual([]);
  });
});

describe("GraphQL", () => {
  it("validates queries against the public schema and answers from the state", async () => {
    sim.addLabel(repo, "followup");
    const issue = sim.createIssue(repo, {
      title: "Add alert",
      labels: ["followup"],
      assignees: ["alice"],
      user: "alice",
    });
    sim.createIssue(repo, { title: "Unrelated" });
    sim.addComment(repo, issue.number, "on it", "bob");
    const pr = sim.openPullRequest(repo, {
      title: "Add alert",
      body: "Fixes #1",
      head: "alert",
      files: { "alerts.yml": "x: 1\n" },
      user: "alice",
    });
    sim.mergePullRequest(repo, pr.number);
    expect(repo.issues["1"]?.state).toBe("closed");

    const gh = octokit();
    const query = `query($owner: String!, $name: String!, $cursor: String) {
      viewer { login }
      rateLimit { cost remaining resetAt }
      repository(owner: $owner, name: $name) {
        defaultBranchRef { name }
        issues(labels: ["followup"], states: [OPEN, CLOSED], first: 1, after: $cursor, orderBy: { field: CREATED_AT, direction: ASC }) {
          totalCount
          pageInfo { hasNextPage endCursor }
          nodes {
            number title body state stateReason createdAt closedAt url
            author { login }
            labels(first: 10) { nodes { name } }
            assignees(first: 10) { nodes { login } }
            milestone { title number }
            comments(last: 5) { nodes { author { login } body createdAt } }
            timelineItems(itemTypes: [CROSS_REFERENCED_EVENT, CONNECTED_EVENT, CLOSED_EVENT], first: 10) {
              nodes {
                __typename
                ... on CrossReferencedEvent { willCloseTarget source { ... on PullRequest { number merged url } } }
                ... on ClosedEvent { stateReason closer { ... on PullRequest { number merged url } } }
              }
            }
          }
        }
        pullRequest(number: 3) { number merged mergeCommit { oid } files(first: 10) { nodes { path changeType } } author { login } }
      }
    }`;
    type Result = {
      viewer: { login: string };
      repository: {
        defaultBranchRef: { name: string };
        issues: {
          totalCount: number;
          pageInfo: { hasNextPage: boolean; endCursor: string };
          nodes: Array<Record<string, unknown>>;
        };
        pullRequest: {
          number: number;
          merged: boolean;
          mergeCommit: { oid: string };
          files: { nodes: unknown[] };
        };
      };
    };
    const result = await gh.graphql<Result>(query, { owner: "octo-org", name: "payments" });
    expect(result.viewer.login).toBe("my-app[bot]");
    expect(result.repository.defaultBranchRef.name).toBe("main");
    expect(result.repository.issues.totalCount).toBe(1);
    expect(result.repository.issues.pageInfo.hasNextPage).toBe(false);
    expect(result.repository.issues.nodes[0]).toMatchObject({
      number: 1,
      state: "CLOSED",
      stateReason: "COMPLETED",
      author: { login: "alice" },
      labels: { nodes: [{ name: "followup" }] },
      assignees: { nodes: [{ login: "alice" }] },
      milestone: null,
      comments: { nodes: [{ author: { login: "bob" }, body: "on it" }] },
      timelineItems: {
        nodes: [
          { __typename: "CrossReferencedEvent", willCloseTarget: true, source: { number: 3, merged: true } },
          { __typename: "ClosedEvent", stateReason: "COMPLETED", closer: { number: 3, merged: true } },
        ],
      },
    });
    expect(result.repository.pullRequest).toMatchObject({
      number: 3,
      merged: true,
      mergeCommit: { oid: repo.branches.main },
      files: { nodes: [{ path: "alerts.yml", changeType: "ADDED" }] },
    });
    expectClean();

    // A misspelt field is rejected like GitHub does, and recorded.
    const error = await failure(
      gh.graphql(`{ repository(owner: "octo-org", name: "payments") { isues(first: 1) { totalCount } } }`),
    );
    expect(error.message).toContain('Cannot query field "isues" on type "Repository"');
    expect(sim.violations.map((v) => v.kind)).toEqual(["graphql"]);

    // Connections without first/last are rejected like on GitHub.
    sim.clearLog();
    const missing = await failure(
      gh.graphql(`{ repository(owner: "octo-org", name: "payments") { issues { totalCount } } }`),
    );
    expect(missing.message).toContain("You must provide a `first` or `last` value");
    expect(sim.violations[0]?.message).toContain("MISSING_PAGINATION_BOUNDARIES");
  });

  it("paginates issues with cursors and reports bots without the [bot] suffix", async () => {
    for (let i = 0; i < 5; i++) sim.createIssue(repo, { title: `i${i}`, user: "my-app[bot]" });
    const gh = octokit();
    const seen: number[] = [];
    let cursor: string | null = null;
    for (;;) {
      const page: {
        repository: {
          issues: {
            pageInfo: { hasNextPage: boolean; endCursor: string };
            nodes: Array<{ number: number; author: { login: string; __typename: string } }>;
          };
        };
      } = await gh.graphql(
        `query($cursor: String) { repository(owner: "octo-org", name: "payments") { issues(first: 2, after: $cursor, states: OPEN) { pageInfo { hasNextPage endCursor } nodes { number author { __typename login } } } } }`,
        { cursor },
      );
      seen.push(...page.repository.issues.nodes.map((n) => n.number));
      expect(page.repository.issues.nodes[0]?.author).toEqual({ __typename: "Bot", login: "my-app" });
      if (!page.repository.issues.pageInfo.hasNextPage) break;
      cursor = page.repository.issues.pageInfo.endCursor;
    }
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expectClean();

    // Missing objects are NOT_FOUND errors (data problems, not contract violations).
    const notFound = await failure(
      gh.graphql(`{ repository(owner: "octo-org", name: "payments") { issue(number: 99) { title } } }`),
    );
    expect((notFound as HttpFailure & { errors: Array<{ type: string }> }).errors[0]?.type).toBe("NOT_FOUND");
    expect(sim.violations).toEqual([]);
  });
});

describe("GHES", () => {
  it("serves REST under /api/v3 and GraphQL under /api/graphql, validated against the GHES description", async () => {
    const gh = octokit(sim.ghesUrl);
    const { data } = await gh.rest.issues.create({ owner: "octo-org", repo: "payments", title: "on GHES" });
    expect(data.url).toBe(`${sim.url}/api/v3/repos/octo-org/payments/issues/1`);
    expect(data.html_url).toBe(`${sim.url}/octo-org/payments/issues/1`);
    const gql = await gh.graphql<{ repository: { issue: { title: string } } }>(
      `{ repository(owner: "octo-org", name: "payments") { issue(number: 1) { title } } }`,
    );
    expect(gql.repository.issue.title).toBe("on GHES");
    expect(sim.requests.map((r) => [r.kind, r.ghes, r.path])).toEqual([
      ["rest", true, "/repos/octo-org/payments/issues"],
      ["graphql", true, "/graphql"],
    ]);
    expectClean();

    // Sub-issues exist on github.com but not in the GHES description: a contract violation there.
    expect(
      await status(
        gh.request("GET /repos/{owner}/{repo}/issues/{issue_number}/sub_issues", {
          owner: "octo-org",
          repo: "payments",
          issue_number: 1,
        }),
      ),
    ).toBe(404);
    expect(sim.violations[0]).toMatchObject({ kind: "unknown-endpoint", ghes: true });
    expect(sim.violations[0]?.message).toContain("ghes-");
  });

  it("works with Probot configured through GHE_HOST / GHE_PROTOCOL (JWT + installation token)", async () => {
    const { privateKey } = generateKeyPairSync("rsa", {
      modulusLength: 2048,
      privateKeyEncoding: { type: "pkcs1", format: "pem" },
      publicKeyEncoding: { type: "spki", format: "pem" },
    });
    const probot = createProbot({
      env: {
        APP_ID: "1",
        PRIVATE_KEY: privateKey,
        WEBHOOK_SECRET: "s",
        GHE_HOST: sim.host,
        GHE_PROTOCOL: "http",
        LOG_LEVEL: "fatal",
      },
    });
    const appOctokit = await probot.auth();
    const { data: app } = await appOctokit.rest.apps.getAuthenticated();
    expect(app?.slug).toBe("my-app");
    const installationId = repo.installation_id as number;
    const installed = await probot.auth(installationId);
    const { data: repos } = await installed.rest.apps.listReposAccessibleToInstallation();
    expect(repos.repositories.map((r) => r.full_name)).toEqual(["octo-org/payments"]);
    await installed.rest.issues.create({ owner: "octo-org", repo: "payments", title: "via probot" });
    expect(repo.issues["1"]?.user).toBe("my-app[bot]");
    expect(sim.requests.every((r) => r.ghes)).toBe(true);
    expect(sim.requests.map((r) => r.operation)).toEqual([
      "apps/get-authenticated",
      "apps/create-installation-access-token",
      "apps/list-repos-accessible-to-installation",
      "issues/create",
    ]);
    expectClean();
  });
});

describe("fault injection", () => {
  it("afterWrite applies the write and then answers 5xx (a retry would duplicate)", async () => {
    const gh = octokit();
    const injection = sim.inject({
      match: { method: "POST", path: /\/issues$/ },
      respond: { status: 502, afterWrite: true },
    });
    expect(await status(gh.rest.issues.create({ owner: "octo-org", repo: "payments", title: "dup?" }))).toBe(
      502,
    );
    expect(Object.values(repo.issues).map((i) => i.title)).toEqual(["dup?"]);
    expect(injection.fired).toBe(1);
    await gh.rest.issues.create({ owner: "octo-org", repo: "payments", title: "dup?" }); // the "retry"
    expect(Object.values(repo.issues).map((i) => i.title)).toEqual(["dup?", "dup?"]);
    expect(sim.requests.map((r) => r.fault)).toEqual(["after-write", null]);

    // The connection dies after the comment was stored: the client cannot know it succeeded.
    sim.inject({ match: { operation: "issues/create-comment" }, respond: "reset-after-write" });
    const lost = await failure(
      gh.rest.issues.createComment({ owner: "octo-org", repo: "payments", issue_number: 1, body: "hi" }),
    );
    expect(lost.status).not.toBe(201);
    expect(repo.comments.map((c) => c.body)).toEqual(["hi"]);
    expectClean();
  });

  it("repo targets one repository, over REST and GraphQL", async () => {
    const gh = octokit();
    sim.seedRepo({ owner: "octo-org", ownerType: "Organization", name: "other" });
    const rest = sim.inject({ match: { repo: "Octo-Org/Other", times: 2 }, respond: { status: 403 } });
    expect(await status(gh.rest.repos.get({ owner: "octo-org", repo: "payments" }))).toBe(200);
    expect(await status(gh.rest.repos.get({ owner: "octo-org", repo: "other" }))).toBe(403);
    const query =
      "query q($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { id } }";
    expect(await status(gh.graphql(query, { owner: "octo-org", name: "payments" }))).toBe(200);
    expect(await status(gh.graphql(query, { owner: "octo-org", name: "other" }))).toBe(403);
    expect(rest.fired).toBe(2);
    expectClean();
  });

  it("requires a JWT on /app endpoints, like GitHub", async () => {
    expect(await status(octokit().rest.apps.getAuthenticated())).toBe(401);
    expect(await status(octokit().rest.apps.listReposAccessibleToInstallation())).toBe(200);
    expectClean();
  });

  it("reset destroys the socket; nth targets one request; rate-limit presets look like GitHub", async () => {
    const gh = octokit();
    sim.inject({ match: { operation: "issues/get", nth: 2 }, respond: "reset" });
    sim.createIssue(repo, { title: "t" });
    expect(await status(gh.rest.issues.get({ owner: "octo-org", repo: "payments", issue_number: 1 }))).toBe(
      200,
    );
    const reset = await failure(gh.rest.issues.get({ owner: "octo-org", repo: "payments", issue_number: 1 }));
    expect(reset.message).toMatch(/fetch failed|socket|closed/i);
    expect(await status(gh.rest.issues.get({ owner: "octo-org", repo: "payments", issue_number: 1 }))).toBe(
      200,
    );
    expect(sim.requests.map((r) => r.fault)).toEqual([null, "reset", null]);

    sim.inject({ match: { kind: "rest" }, respond: faults.secondaryRateLimit(7) });
    const limited = await failure(
      gh.rest.issues.get({ owner: "octo-org", repo: "payments", issue_number: 1 }),
    );
    expect(limited.status).toBe(403);
    expect(limited.message).toContain("You have exceeded a secondary rate limit");
    expect(limited.response?.headers["retry-after"]).toBe("7");
    sim.inject({ match: { kind: "rest" }, respond: faults.tooManyRequests() });
    expect(await status(gh.rest.issues.get({ owner: "octo-org", repo: "payments", issue_number: 1 }))).toBe(
      429,
    );
  });

  it("adds latency", async () => {
    sim.setLatency(40);
    try {
      const started = Date.now();
      await octokit().rest.repos.get({ owner: "octo-org", repo: "payments" });
      expect(Date.now() - started).toBeGreaterThanOrEqual(35);
    } finally {
      sim.setLatency(0);
    }
  });
});

describe("pull requests, commits and checks", () => {
  it("lists PR files with Link pagination, maps commits to PRs, compares and links issues", async () => {
    const gh = octokit();
    sim.createIssue(repo, { title: "Add alert" });
    const files = Array.from({ length: 250 }, (_, i) => ({
      filename: `f${String(i).padStart(3, "0")}.txt`,
      status: "added" as const,
      additions: 1,
      deletions: 0,
      changes: 1,
      sha: "0".repeat(40),
    }));
    const big = sim.openPullRequest(repo, { title: "Big", head: "big", changedFiles: files });
    const page = await gh.rest.pulls.listFiles({
      owner: "octo-org",
      repo: "payments",
      pull_number: big.number,
      per_page: 100,
    });
    expect(page.data).toHaveLength(100);
    expect(page.headers.link).toContain('per_page=100&page=3>; rel="last"');
    const all = await gh.paginate(gh.rest.pulls.listFiles, {
      owner: "octo-org",
      repo: "payments",
      pull_number: big.number,
      per_page: 100,
    });
    expect(all).toHaveLength(250);

    const pr = sim.openPullRequest(repo, {
      title: "Postmortem",
      body: "Closes #1",
      head: "pm",
      files: {
        "postmortems/2024-02-02.md": "# new\n",
        "README.md": "# payments v2\n",
        "postmortems/2024-01-01-outage.md": null,
        "archive/2024-01-01-outage.md": "# Outage\n\n- [ ] add alert\n",
        ".github/postmortem-followups.yml": null,
      },
    });
    const { data: prFiles } = await gh.rest.pulls.listFiles({
      owner: "octo-org",
      repo: "payments",
      pull_number: pr.number,
    });
    expect(prFiles.map((f) => [f.filename, f.status, f.previous_filename])).toEqual([
      [".github/postmortem-followups.yml", "removed", undefined],
      ["README.md", "modified", undefined],
      ["archive/2024-01-01-outage.md", "renamed", "postmortems/2024-01-01-outage.md"],
      ["postmortems/2024-02-02.md", "added", undefined],
    ]);
    expect(prFiles[1]?.patch).toBe("@@ -1,1 +1,1 @@\n-# payments\n+# payments v2");
    const merge = sim.mergePullRequest(repo, pr.number);
    const { data: pulled } = await gh.rest.pulls.get({
      owner: "octo-org",
      repo: "payments",
      pull_number: pr.number,
    });
    expect(pulled).toMatchObject({
      merged: true,
      merge_commit_sha: merge.sha,
      state: "closed",
      changed_files: 4,
    });
    const { data: assoc } = await gh.rest.repos.listPullRequestsAssociatedWithCommit({
      owner: "octo-org",
      repo: "payments",
      commit_sha: merge.sha,
    });
    expect(assoc.map((p) => p.number)).toEqual([pr.number]);
    const { data: commit } = await gh.rest.repos.getCommit({
      owner: "octo-org",
      repo: "payments",
      ref: merge.sha,
    });
    expect(commit.files?.map((f) => f.filename)).toEqual([
      ".github/postmortem-followups.yml",
      "README.md",
      "archive/2024-01-01-outage.md",
      "postmortems/2024-02-02.md",
    ]);
    const { data: cmp } = await gh.rest.repos.compareCommitsWithBasehead({
      owner: "octo-org",
      repo: "payments",
      basehead: `${pr.pull?.base.sha}...main`,
    });
    expect(cmp.status).toBe("ahead");
    expect(cmp.files?.length).toBe(4);

    expect(repo.issues["1"]).toMatchObject({ state: "closed", state_reason: "completed" });
    const timeline = await gh.paginate(gh.rest.issues.listEventsForTimeline, {
      owner: "octo-org",
      repo: "payments",
      issue_number: 1,
    });
    expect(timeline.map((e) => e.event)).toEqual(["cross-referenced", "closed"]);
    expectClean();
  });

  it("creates and updates check runs, accumulating annotations and enforcing the 50 limit", async () => {
    const gh = octokit();
    const sha = repo.branches.main as string;
    const annotation = (i: number) => ({
      path: "README.md",
      start_line: i,
      end_line: i,
      annotation_level: "warning" as const,
      message: `m${i}`,
    });
    const { data: run } = await gh.rest.checks.create({
      owner: "octo-org",
      repo: "payments",
      name: "postmortem-followups",
      head_sha: sha,
      status: "in_progress",
      output: {
        title: "Checking",
        summary: "…",
        annotations: Array.from({ length: 50 }, (_, i) => annotation(i + 1)),
      },
    });
    expect(run.status).toBe("in_progress");
    const tooMany = await status(
      gh.rest.checks.update({
        owner: "octo-org",
        repo: "payments",
        check_run_id: run.id,
        output: {
          title: "x",
          summary: "y",
          annotations: Array.from({ length: 51 }, (_, i) => annotation(i + 1)),
        },
      }),
    );
    expect(tooMany).toBe(422);
    // maxItems: 50 is part of the published schema, so this is also a contract violation.
    expect(sim.violations.map((v) => v.message)).toEqual([
      "body.output.annotations: must have at most 50 items, got 51",
    ]);
    sim.clearLog();
    const { data: done } = await gh.rest.checks.update({
      owner: "octo-org",
      repo: "payments",
      check_run_id: run.id,
      conclusion: "failure",
      output: { title: "2 problems", summary: "see annotations", annotations: [annotation(60)] },
    });
    expect(done).toMatchObject({
      status: "completed",
      conclusion: "failure",
      output: { annotations_count: 51 },
    });
    const { data: forRef } = await gh.rest.checks.listForRef({
      owner: "octo-org",
      repo: "payments",
      ref: "main",
    });
    expect(forRef.check_runs.map((r) => r.name)).toEqual(["postmortem-followups"]);
    const annotations = await gh.paginate(gh.rest.checks.listAnnotations, {
      owner: "octo-org",
      repo: "payments",
      check_run_id: run.id,
    });
    expect(annotations).toHaveLength(51);
    expect(
      await status(
        gh.rest.checks.create({ owner: "octo-org", repo: "payments", name: "x", head_sha: "f".repeat(40) }),
      ),
    ).toBe(422);
    expectClean();
  });
});

describe("people, permissions and the request log", () => {
  it("answers collaborator permissions, users and teams", async () => {
    const gh = octokit();
    sim.addTeam("octo-org", "sre", { alice: "maintainer" });
    const perm = await gh.rest.repos.getCollaboratorPermissionLevel({
      owner: "octo-org",
      repo: "payments",
      username: "bob",
    });
    expect([perm.data.permission, perm.data.role_name]).toEqual(["read", "triage"]);
    expect(
      await status(
        gh.rest.repos.checkCollaborator({ owner: "octo-org", repo: "payments", username: "alice" }),
      ),
    ).toBe(200);
    expect(
      await status(
        gh.rest.repos.checkCollaborator({ owner: "octo-org", repo: "payments", username: "stranger" }),
      ),
    ).toBe(404);
    expect((await gh.rest.users.getByUsername({ username: "my-app[bot]" })).data.type).toBe("Bot");
    expect(await status(gh.rest.users.getByUsername({ username: "ghost-user" }))).toBe(404);
    const team = await gh.rest.teams.getByName({ org: "octo-org", team_slug: "sre" });
    expect(team.data.members_count).toBe(1);
    expect((await gh.rest.repos.get({ owner: "octo-org", repo: "payments" })).data.default_branch).toBe(
      "main",
    );
    expectClean();
  });

  it("answers HEAD for GET endpoints, blobs, reactions and Actions workflows/runs", async () => {
    const gh = octokit();
    const params = { owner: "octo-org", repo: "payments" };
    expect(
      await status(
        gh.request("HEAD /repos/{owner}/{repo}/contents/{path}", { ...params, path: "postmortems" }),
      ),
    ).toBe(200);
    expect(
      await status(gh.request("HEAD /repos/{owner}/{repo}/contents/{path}", { ...params, path: "nope" })),
    ).toBe(404);

    const { data: file } = await gh.rest.repos.getContent({ ...params, path: "README.md" });
    const { data: blob } = await gh.rest.git.getBlob({ ...params, file_sha: "sha" in file ? file.sha : "" });
    expect(Buffer.from(blob.content, "base64").toString("utf8")).toBe("# payments\n");

    sim.createIssue(repo, { title: "t" });
    const comment = sim.addComment(repo, 1, "validated?", "alice");
    const first = await gh.rest.reactions.createForIssueComment({
      ...params,
      comment_id: comment.id,
      content: "eyes",
    });
    const again = await gh.rest.reactions.createForIssueComment({
      ...params,
      comment_id: comment.id,
      content: "eyes",
    });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(
      (await gh.rest.issues.getComment({ ...params, comment_id: comment.id })).data.reactions?.eyes,
    ).toBe(1);

    sim.addCommit(repo, { files: { ".github/workflows/deploy.yml": "name: Deploy\non: push\n" } });
    const { data: wf } = await gh.rest.actions.getWorkflow({ ...params, workflow_id: "deploy.yml" });
    expect(wf).toMatchObject({ name: "Deploy", path: ".github/workflows/deploy.yml", state: "active" });
    expect(await status(gh.rest.actions.getWorkflow({ ...params, workflow_id: "missing.yml" }))).toBe(404);
    const run = sim.addWorkflowRun(repo, { path: ".github/workflows/deploy.yml", conclusion: "failure" });
    const { data: gotRun } = await gh.rest.actions.getWorkflowRun({ ...params, run_id: run.id });
    expect(gotRun).toMatchObject({ id: run.id, conclusion: "failure", workflow_id: wf.id });
    expectClean();
  });

  it("counts requests by kind, access and content creation", async () => {
    const gh = octokit();
    await gh.rest.issues.create({ owner: "octo-org", repo: "payments", title: "a" });
    await gh.rest.issues.createComment({ owner: "octo-org", repo: "payments", issue_number: 1, body: "b" });
    await gh.rest.issues.update({ owner: "octo-org", repo: "payments", issue_number: 1, title: "c" });
    await gh.rest.issues.get({ owner: "octo-org", repo: "payments", issue_number: 1 });
    const issue = repo.issues["1"];
    await gh.graphql(
      `mutation($id: ID!) { addComment(input: { subjectId: $id, body: "via graphql" }) { commentEdge { node { body } } } }`,
      {
        id: issue?.node_id,
      },
    );
    const stats = sim.stats();
    expect(stats).toMatchObject({
      total: 5,
      rest: 4,
      graphql: 1,
      reads: 1,
      writes: 4,
      contentCreating: 3,
      errors: 0,
    });
    expect(stats.byOperation["issues/create"]).toBe(1);
    expect(repo.comments.map((c) => c.body)).toEqual(["b", "via graphql"]);
    expectClean();
  });
});
