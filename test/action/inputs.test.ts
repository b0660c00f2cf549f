import { describe, expect, it } from "vitest";
import { readInputs, routeEvent } from "../../src/action/main.js";
import { actionOctokitPlugin, checkConfigPath } from "../../src/github/action-octokit.js";
import { describeWrite, isWrite } from "../../src/github/dry-run.js";
import { GITHUB_ACTIONS_BOT } from "../../src/github/identity.js";

describe("inputs", () => {
  it("defaults: github-actions[bot], no config override, no dry run", () => {
    expect(readInputs({ INPUT_TOKEN: "t" })).toEqual({
      token: "t",
      configPath: null,
      dryRun: false,
      botLogin: GITHUB_ACTIONS_BOT,
      dashboard: null,
    });
  });

  it("dry-run takes YAML booleans only; bot-login accepts a slug or a login", () => {
    expect(readInputs({ INPUT_TOKEN: "t", "INPUT_DRY-RUN": "TRUE" }).dryRun).toBe(true);
    expect(() => readInputs({ INPUT_TOKEN: "t", "INPUT_DRY-RUN": "yes" })).toThrow(/true or false/);
    expect(readInputs({ INPUT_TOKEN: "t", "INPUT_BOT-LOGIN": "my-app" }).botLogin).toBe("my-app[bot]");
    expect(readInputs({ INPUT_TOKEN: "t", "INPUT_BOT-LOGIN": "my-app[bot]" }).botLogin).toBe("my-app[bot]");
  });

  it("a token is required; config must stay inside the repository", () => {
    expect(() => readInputs({})).toThrow(/token is empty/);
    expect(readInputs({ INPUT_TOKEN: "t", INPUT_CONFIG: "ops/pmf.yaml" }).configPath).toBe("ops/pmf.yaml");
    expect(checkConfigPath("/etc/passwd.yml")).toMatch(/inside the repository/);
    expect(checkConfigPath("a/../../b.yml")).toMatch(/inside the repository/);
    expect(checkConfigPath("ops/pmf.json")).toMatch(/\.yml or \.yaml/);
  });
});

describe("routeEvent", () => {
  it.each([
    ["pull_request", { action: "closed", pull_request: { merged: true } }, "webhook"],
    ["pull_request", { action: "closed", pull_request: { merged: false } }, "none"],
    ["pull_request_target", { action: "synchronize" }, "webhook"],
    ["pull_request", { action: "opened" }, "webhook"],
    ["pull_request", { action: "labeled" }, "none"],
    ["push", {}, "webhook"],
    ["issues", { action: "closed" }, "webhook"],
    ["issues", { action: "opened" }, "none"],
    ["issue_comment", { action: "created" }, "webhook"],
    ["issue_comment", { action: "deleted" }, "none"],
    ["schedule", {}, "sweep"],
    ["workflow_dispatch", {}, "sweep"],
    ["release", { action: "published" }, "none"],
  ])("%s %j -> %s", (name, payload, kind) => {
    expect(routeEvent(name, payload).kind).toBe(kind);
  });

  it("pull_request_target is delivered to the app as pull_request", () => {
    expect(routeEvent("pull_request_target", { action: "opened" })).toMatchObject({ name: "pull_request" });
  });
});

describe("the action's Octokit plugin", () => {
  it("reads are reads; GraphQL queries are reads, mutations are writes", () => {
    expect(isWrite({ method: "GET", url: "/repos/{owner}/{repo}" })).toBe(false);
    expect(isWrite({ method: "HEAD", url: "/repos/{owner}/{repo}" })).toBe(false);
    expect(
      isWrite({ method: "POST", url: "/graphql", query: "query($o: String!) { viewer { login } }" }),
    ).toBe(false);
    expect(isWrite({ method: "POST", url: "/graphql", query: "\n  mutation { addComment }" })).toBe(true);
    for (const method of ["POST", "PATCH", "PUT", "DELETE"])
      expect(isWrite({ method, url: "/repos/{owner}/{repo}/issues" })).toBe(true);
  });

  it("describes a write by its route and title, labels and body", () => {
    const write = describeWrite({
      method: "POST",
      url: "/repos/{owner}/{repo}/issues",
      owner: "o",
      repo: "r",
      title: "Alert at 75%",
      labels: ["postmortem-followup", "short-term"],
      body: "line one\nline two",
    });
    expect(write).toEqual({
      method: "POST",
      route: "/repos/o/r/issues",
      summary: 'title: "Alert at 75%"; labels: postmortem-followup, short-term',
      body: "line one\nline two",
    });
  });

  function hooked(options: Parameters<typeof actionOctokitPlugin>[0]) {
    let wrapped: ((request: unknown, options: unknown) => Promise<unknown>) | null = null;
    const octokit = {
      hook: { wrap: (_: string, fn: typeof wrapped) => (wrapped = fn) },
      log: { info() {} },
    };
    actionOctokitPlugin(options)(octokit as never);
    const sent: unknown[] = [];
    const request = async (o: unknown) => {
      sent.push(structuredClone(o));
      return { data: "from GitHub", status: 200, headers: {}, url: "" };
    };
    return { call: (o: object) => wrapped!(request, o), sent };
  }

  it("dry run: a write is answered locally and reported; a read goes through", async () => {
    const writes: unknown[] = [];
    const { call, sent } = hooked({
      repository: "o/r",
      botLogin: "github-actions[bot]",
      dryRun: true,
      onDryRunWrite: (w) => writes.push(w),
    });
    const created = (await call({
      method: "POST",
      url: "/repos/{owner}/{repo}/issues",
      owner: "o",
      repo: "r",
      title: "T",
      labels: ["a"],
    })) as {
      data: { number: number; title: string; labels: unknown[]; user: { login: string } };
      status: number;
    };
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({
      number: 0,
      title: "T",
      labels: [{ name: "a" }],
      user: { login: "github-actions[bot]" },
    });
    expect(await call({ method: "GET", url: "/repos/{owner}/{repo}", owner: "o", repo: "r" })).toMatchObject({
      data: "from GitHub",
    });
    expect(sent).toHaveLength(1);
    expect(writes).toHaveLength(1);
  });

  it("config: only the workflow repository's default config path is redirected", async () => {
    const { call, sent } = hooked({ repository: "Octo/Repo", botLogin: "b[bot]", configPath: "ops/pmf.yml" });
    const url = "/repos/{owner}/{repo}/contents/{path}";
    await call({ method: "GET", url, owner: "octo", repo: "repo", path: ".github/postmortem-followups.yml" });
    await call({
      method: "GET",
      url,
      owner: "octo",
      repo: ".github",
      path: ".github/postmortem-followups.yml",
    });
    await call({ method: "GET", url, owner: "octo", repo: "repo", path: "postmortems/a.md" });
    expect(sent.map((o) => (o as { path: string }).path)).toEqual([
      "ops/pmf.yml",
      ".github/postmortem-followups.yml",
      "postmortems/a.md",
    ]);
  });
});
