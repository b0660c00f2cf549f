import nock from "nock";
import { GITHUB_API } from "./octokit.js";

/**
 * A small stateful GitHub for handler and reconcile tests, served through nock: repository files
 * (per ref), the organisation's `.github` config, pull requests and their files, issues (REST +
 * the tracked-issues GraphQL query), comments, labels, milestones, collaborators and users.
 * Every request is recorded with its parsed body, so a test can assert exact request bodies and
 * "zero writes". Failures can be injected, including the hardest one: the write takes effect and
 * GitHub still answers 502.
 *
 * Other suites can reuse it: `const gh = new FakeGitHub({ owner, repo }); gh.install();`.
 */

export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  state_reason: string | null;
  labels: string[];
  assignees: string[];
  milestone: number | null;
  author: { login: string; type: "Bot" | "User" };
  created_at: string;
  closed_at: string | null;
  comments: FakeComment[];
  /** Timeline nodes returned by GraphQL as they are (CrossReferencedEvent, ClosedEvent, ...). */
  timeline: Record<string, unknown>[];
  isPullRequest?: boolean;
}

export interface FakeComment {
  id: number;
  body: string;
  author: { login: string; type: "Bot" | "User" };
}

export interface FakeLabel {
  name: string;
  color: string;
  description: string | null;
}

export interface FakeMilestone {
  number: number;
  title: string;
  due_on: string | null;
  state: "open" | "closed";
  description: string | null;
}

export interface FakePull {
  number: number;
  files: { filename: string; status: string; previous_filename?: string }[];
  merged_at: string | null;
  merge_commit_sha: string | null;
  base: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

interface Failure {
  method: string;
  path: RegExp;
  status: number;
  /** Apply the write, then fail anyway (the write took effect). */
  afterEffect: boolean;
  times: number;
}

export type Reply = [number, unknown, Record<string, string>?];

/**
 * Answer every request to the GitHub API with `handle` (persisting until `nock.cleanAll()`): the
 * method, the full URL, the raw body (none for GET) and the headers.
 */
export function interceptGitHub(
  handle: (method: string, url: string, body: string | undefined, headers: Record<string, string>) => Reply,
): void {
  const scope = nock(GITHUB_API).persist();
  for (const method of ["GET", "POST", "PATCH", "PUT", "DELETE"] as const)
    scope
      .intercept(() => true, method)
      .reply((async (request: Request) => {
        const headers: Record<string, string> = {};
        request.headers.forEach((value, key) => {
          headers[key] = value;
        });
        const body = method === "GET" ? undefined : await request.clone().text();
        return handle(method, request.url, body, headers);
      }) as never);
}

export interface FakeGitHubOptions {
  owner: string;
  repo: string;
  defaultBranch?: string;
  /** The app's slug: its bot user is `${slug}[bot]`. */
  appSlug?: string;
}

const WRITE_METHODS = new Set(["POST", "PATCH", "PUT", "DELETE"]);

export class FakeGitHub {
  readonly owner: string;
  readonly repo: string;
  readonly defaultBranch: string;
  readonly appSlug: string;
  /** path -> content on the default branch; `refs` overrides per commit. */
  readonly files = new Map<string, string>();
  readonly refs = new Map<string, Map<string, string>>();
  /** Files of `${owner}/.github` (the organisation's config). */
  readonly orgFiles = new Map<string, string>();
  readonly pulls = new Map<number, FakePull>();
  /** commit sha -> pull request numbers (GET /commits/{sha}/pulls). */
  readonly commitPulls = new Map<string, number[]>();
  /** "base...head" -> files. */
  readonly compares = new Map<string, { filename: string; status: string; previous_filename?: string }[]>();
  readonly issues: FakeIssue[] = [];
  readonly labels: FakeLabel[] = [];
  readonly milestones: FakeMilestone[] = [];
  /** Logins that can be assigned (collaborators). */
  readonly assignable = new Set<string>();
  /** Logins with write access (GET /collaborators/{login}/permission: "write"; others "read" or 404). */
  readonly writers = new Set<string>();
  /** Logins that exist on GitHub (assignable ones are added automatically). */
  readonly users = new Set<string>();
  readonly requests: RecordedRequest[] = [];
  /** When set, every write answers 500 (and is recorded): "this run must not write". */
  frozen = false;
  private readonly failures: Failure[] = [];
  private nextNumber = 1;
  private nextCommentId = 1000;

  constructor(options: FakeGitHubOptions) {
    this.owner = options.owner;
    this.repo = options.repo;
    this.defaultBranch = options.defaultBranch ?? "main";
    this.appSlug = options.appSlug ?? "postmortem-followups";
  }

  get botLogin(): string {
    return `${this.appSlug}[bot]`;
  }

  get bot(): { login: string; type: "Bot" } {
    return { login: this.botLogin, type: "Bot" };
  }

  /** Install the interceptors (persisting until `nock.cleanAll()`). */
  install(): this {
    interceptGitHub((method, url, body, headers) => this.handle(method, url, body, headers));
    return this;
  }

  // ----- scenario helpers -----

  setFile(path: string, content: string, ref?: string): this {
    if (ref) {
      const files = this.refs.get(ref) ?? new Map<string, string>();
      files.set(path, content);
      this.refs.set(ref, files);
    }
    this.files.set(path, content);
    return this;
  }

  removeFile(path: string, ref?: string): this {
    this.files.delete(path);
    if (ref) {
      const files = this.refs.get(ref) ?? new Map(this.files);
      files.delete(path);
      this.refs.set(ref, files);
    }
    return this;
  }

  /** A merged pull request with its files; its merge commit also maps back to it. */
  addMergedPull(pull: {
    number: number;
    files: FakePull["files"];
    mergeCommitSha: string;
    mergedAt?: string;
    base?: string;
  }): this {
    this.pulls.set(pull.number, {
      number: pull.number,
      files: pull.files,
      merged_at: pull.mergedAt ?? "2026-03-20T09:30:00Z",
      merge_commit_sha: pull.mergeCommitSha,
      base: pull.base ?? this.defaultBranch,
    });
    this.commitPulls.set(pull.mergeCommitSha, [pull.number]);
    // A pull request is an issue too (its conversation holds the summary comment).
    if (!this.issue(pull.number)) {
      this.issues.push({
        number: pull.number,
        title: `Pull request #${pull.number}`,
        body: "",
        state: "closed",
        state_reason: null,
        labels: [],
        assignees: [],
        milestone: null,
        author: { login: "alice", type: "User" },
        created_at: "2026-03-19T00:00:00Z",
        closed_at: pull.mergedAt ?? "2026-03-20T09:30:00Z",
        comments: [],
        timeline: [],
        isPullRequest: true,
      });
    }
    this.nextNumber = Math.max(this.nextNumber, pull.number + 1);
    return this;
  }

  /** Collaborators with write access. */
  addWriter(...logins: string[]): this {
    for (const login of logins) this.writers.add(login.toLowerCase());
    return this.addCollaborator(...logins);
  }

  addCollaborator(...logins: string[]): this {
    for (const login of logins) {
      this.assignable.add(login.toLowerCase());
      this.users.add(login.toLowerCase());
    }
    return this;
  }

  addUser(...logins: string[]): this {
    for (const login of logins) this.users.add(login.toLowerCase());
    return this;
  }

  addLabel(label: FakeLabel): this {
    this.labels.push({ ...label });
    return this;
  }

  /** An issue that already exists (e.g. authored by a person, or created by an earlier run). */
  addIssue(issue: Partial<FakeIssue> & { title: string; body: string }): FakeIssue {
    const full: FakeIssue = {
      number: this.nextNumber++,
      state: "open",
      state_reason: null,
      labels: [],
      assignees: [],
      milestone: null,
      author: this.bot,
      created_at: "2026-03-01T00:00:00Z",
      closed_at: null,
      comments: [],
      timeline: [],
      ...issue,
    };
    this.issues.push(full);
    return full;
  }

  /** The next request matching method+path fails with `status` (`afterEffect`: after applying it). */
  failNext(
    method: string,
    path: RegExp,
    status: number,
    options: { afterEffect?: boolean; times?: number } = {},
  ): this {
    this.failures.push({
      method,
      path,
      status,
      afterEffect: options.afterEffect ?? false,
      times: options.times ?? 1,
    });
    return this;
  }

  issue(number: number): FakeIssue | undefined {
    return this.issues.find((i) => i.number === number);
  }

  /** Issues that are not pull requests. */
  get realIssues(): FakeIssue[] {
    return this.issues.filter((i) => !i.isPullRequest);
  }

  /** Requests that change state (GraphQL queries and installation tokens are reads). */
  writes(): RecordedRequest[] {
    return this.requests.filter(
      (r) =>
        WRITE_METHODS.has(r.method) && r.path !== "/graphql" && !r.path.startsWith("/app/installations/"),
    );
  }

  /** Recorded requests matching method and a path pattern. */
  find(method: string, path: RegExp | string): RecordedRequest[] {
    return this.requests.filter(
      (r) => r.method === method && (typeof path === "string" ? r.path === path : path.test(r.path)),
    );
  }

  clearRequests(): void {
    this.requests.length = 0;
  }

  // ----- the server -----

  handle(method: string, uri: string, rawBody: unknown, headers: Record<string, string | string[]>): Reply {
    const url = new URL(uri, GITHUB_API);
    const path = decodeURIComponent(url.pathname);
    let body: unknown = rawBody;
    if (typeof rawBody === "string" && rawBody) {
      try {
        body = JSON.parse(rawBody);
      } catch {
        body = rawBody;
      }
    }
    this.requests.push({ method, path, query: url.searchParams, body });
    const isWrite =
      WRITE_METHODS.has(method) && path !== "/graphql" && !path.startsWith("/app/installations/");
    if (isWrite && this.frozen) return [500, { message: `frozen: unexpected write ${method} ${path}` }];
    const failure = this.failures.find((f) => f.method === method && f.path.test(path) && f.times > 0);
    if (failure) {
      failure.times--;
      if (failure.afterEffect) this.route(method, path, url.searchParams, body, headers);
      return [failure.status, { message: `injected ${failure.status}` }];
    }
    return this.route(method, path, url.searchParams, body, headers);
  }

  private route(
    method: string,
    path: string,
    query: URLSearchParams,
    body: unknown,
    headers: Record<string, string | string[]>,
  ): Reply {
    const b = (body ?? {}) as Record<string, unknown>;
    if (method === "GET" && path === "/app") return [200, { id: 1, slug: this.appSlug, name: this.appSlug }];
    if (method === "POST" && /^\/app\/installations\/\d+\/access_tokens$/.test(path))
      return [
        201,
        {
          token: "ghs_test",
          expires_at: "2099-01-01T00:00:00Z",
          permissions: {},
          repository_selection: "all",
        },
      ];
    if (method === "POST" && path === "/graphql") return this.graphql(b);
    const user = method === "GET" ? this.userRoute(path) : null;
    if (user) return user;

    const orgConfig = new RegExp(`^/repos/${this.owner}/\\.github/contents/(.+)$`, "i").exec(path);
    if (orgConfig && method === "GET") return this.contents(this.orgFiles, orgConfig[1]!, headers);

    const prefix = `/repos/${this.owner}/${this.repo}`;
    if (!path.toLowerCase().startsWith(prefix.toLowerCase())) return [404, { message: "Not Found" }];
    const rest = path.slice(prefix.length);
    const on = (verb: string | null, re: RegExp) => (verb === null || verb === method ? re.exec(rest) : null);

    const m1 = on("GET", /^\/contents\/(.+)$/);
    if (m1) {
      const ref = query.get("ref");
      const files = ref ? (this.refs.get(ref) ?? this.files) : this.files;
      return this.contents(files, m1[1]!, headers);
    }
    const m2 = on("GET", /^\/pulls\/(\d+)\/files$/);
    if (m2) {
      const pull = this.pulls.get(Number(m2[1]));
      return pull ? this.page(pull.files, query) : [404, { message: "Not Found" }];
    }
    const m3 = on("GET", /^\/commits\/([^/]+)\/pulls$/);
    if (m3) {
      const numbers = this.commitPulls.get(m3[1]!) ?? [];
      return [
        200,
        numbers.map((n) => {
          const p = this.pulls.get(n)!;
          return {
            number: n,
            html_url: `https://github.com/${this.owner}/${this.repo}/pull/${n}`,
            merged_at: p.merged_at,
            merge_commit_sha: p.merge_commit_sha,
            base: { ref: p.base },
          };
        }),
      ];
    }
    const m4 = on("GET", /^\/compare\/(.+)$/);
    if (m4) {
      const files = this.compares.get(m4[1]!);
      return files
        ? [200, { files: query.get("page") && query.get("page") !== "1" ? [] : files, commits: [] }]
        : [404, { message: "Not Found" }];
    }
    if (rest === "/labels" && method === "GET") return this.page(this.labels, query);
    if (rest === "/labels" && method === "POST") {
      const name = String(b.name);
      if (this.labels.some((l) => l.name.toLowerCase() === name.toLowerCase()))
        return [422, { message: "Validation Failed", errors: [{ code: "already_exists" }] }];
      const label = {
        name,
        color: String(b.color ?? "ededed"),
        description: (b.description as string) ?? null,
      };
      this.labels.push(label);
      return [201, label];
    }
    const permission = on("GET", /^\/collaborators\/([^/]+)\/permission$/);
    if (permission) {
      const login = permission[1]!.toLowerCase();
      if (!this.assignable.has(login)) return [404, { message: "Not Found" }];
      const level = this.writers.has(login) ? "write" : "read";
      return [200, { permission: level, role_name: level, user: { login } }];
    }
    const m5 = on("GET", /^\/assignees\/([^/]+)$/);
    if (m5) return this.assignable.has(m5[1]!.toLowerCase()) ? [204, ""] : [404, { message: "Not Found" }];
    if (rest === "/issues" && method === "POST") return this.createIssue(b);
    const m6 = on(null, /^\/issues\/(\d+)$/);
    if (m6) {
      const issue = this.issue(Number(m6[1]));
      if (!issue) return [404, { message: "Not Found" }];
      if (method === "GET") return [200, this.restIssue(issue)];
      if (method === "PATCH") return this.updateIssue(issue, b);
    }
    const m7 = on(null, /^\/issues\/(\d+)\/comments$/);
    if (m7) {
      const issue = this.issue(Number(m7[1]));
      if (!issue) return [404, { message: "Not Found" }];
      if (method === "GET")
        return this.page(
          issue.comments.map((c) => this.restComment(c)),
          query,
        );
      if (method === "POST") {
        const comment: FakeComment = { id: this.nextCommentId++, body: String(b.body), author: this.bot };
        issue.comments.push(comment);
        return [201, this.restComment(comment)];
      }
    }
    const m8 = on("PATCH", /^\/issues\/comments\/(\d+)$/);
    if (m8) {
      const comment = this.issues.flatMap((i) => i.comments).find((c) => c.id === Number(m8[1]));
      if (!comment) return [404, { message: "Not Found" }];
      comment.body = String(b.body);
      return [200, this.restComment(comment)];
    }
    if (rest === "/milestones" && method === "GET")
      return this.page(
        this.milestones.map((ms) => this.restMilestone(ms)),
        query,
      );
    if (rest === "/milestones" && method === "POST") {
      if (this.milestones.some((ms) => ms.title === b.title)) return [422, { message: "Validation Failed" }];
      const milestone: FakeMilestone = {
        number: this.milestones.length + 1,
        title: String(b.title),
        due_on: (b.due_on as string) ?? null,
        state: "open",
        description: (b.description as string) ?? null,
      };
      this.milestones.push(milestone);
      return [201, this.restMilestone(milestone)];
    }
    const m9 = on("PATCH", /^\/milestones\/(\d+)$/);
    if (m9) {
      const milestone = this.milestones.find((ms) => ms.number === Number(m9[1]));
      if (!milestone) return [404, { message: "Not Found" }];
      if ("due_on" in b) milestone.due_on = (b.due_on as string) ?? null;
      return [200, this.restMilestone(milestone)];
    }
    return [404, { message: `FakeGitHub: no route for ${method} ${path}` }];
  }

  /** GET /users/{login} lives outside the repository prefix. */
  private userRoute(path: string): Reply | null {
    const m = /^\/users\/([^/]+)$/.exec(path);
    if (!m) return null;
    return this.users.has(m[1]!.toLowerCase())
      ? [200, { login: m[1], type: "User" }]
      : [404, { message: "Not Found" }];
  }

  private contents(
    files: Map<string, string>,
    path: string,
    headers: Record<string, string | string[]>,
  ): Reply {
    const content = files.get(path);
    if (content === undefined) return [404, { message: "Not Found" }];
    const accept = String(headers.accept ?? "");
    if (accept.includes("raw"))
      return [200, content, { "content-type": "application/vnd.github.raw; charset=utf-8" }];
    const bytes = Buffer.from(content, "utf8");
    return [
      200,
      {
        type: "file",
        encoding: "base64",
        size: bytes.byteLength,
        name: path.split("/").pop(),
        path,
        sha: `sha-${bytes.byteLength}`,
        content: bytes.toString("base64"),
      },
    ];
  }

  private page<T>(items: readonly T[], query: URLSearchParams): Reply {
    const perPage = Number(query.get("per_page") ?? 30);
    const page = Number(query.get("page") ?? 1);
    const slice = items.slice((page - 1) * perPage, page * perPage);
    const headers: Record<string, string> = {};
    if (page * perPage < items.length) {
      const next = new URLSearchParams(query);
      next.set("page", String(page + 1));
      headers.link = `<${GITHUB_API}/repos/${this.owner}/${this.repo}/page?${next}>; rel="next"`;
    }
    return [200, slice, headers];
  }

  private createIssue(b: Record<string, unknown>): Reply {
    const assignees = (b.assignees as string[] | undefined) ?? [];
    const bad = assignees.filter((a) => !this.assignable.has(a.toLowerCase()));
    if (bad.length > 0)
      return [422, { message: "Validation Failed", errors: [{ field: "assignees", value: bad }] }];
    const labels = ((b.labels as string[] | undefined) ?? []).map((name) => this.labelNamed(name));
    const issue = this.addIssue({
      title: String(b.title),
      body: String(b.body ?? ""),
      labels,
      assignees,
      milestone: (b.milestone as number | undefined) ?? null,
      author: this.bot,
      created_at: "2026-03-20T09:31:00Z",
    });
    return [201, this.restIssue(issue)];
  }

  private updateIssue(issue: FakeIssue, b: Record<string, unknown>): Reply {
    if (typeof b.title === "string") issue.title = b.title;
    if (typeof b.body === "string") issue.body = b.body;
    if (Array.isArray(b.labels)) issue.labels = (b.labels as string[]).map((name) => this.labelNamed(name));
    if (Array.isArray(b.assignees))
      issue.assignees = (b.assignees as string[]).filter((a) => this.assignable.has(a.toLowerCase()));
    if ("milestone" in b) issue.milestone = (b.milestone as number | null) ?? null;
    if (b.state === "closed" && issue.state !== "closed") {
      issue.state = "closed";
      issue.closed_at = "2026-03-21T00:00:00Z";
      issue.state_reason = (b.state_reason as string) ?? "completed";
    } else if (b.state === "open" && issue.state !== "open") {
      issue.state = "open";
      issue.closed_at = null;
      issue.state_reason = "reopened";
    }
    return [200, this.restIssue(issue)];
  }

  /** GitHub creates an unknown label on the fly (grey, no description): so does the fake. */
  private labelNamed(name: string): string {
    const existing = this.labels.find((l) => l.name.toLowerCase() === name.toLowerCase());
    if (existing) return existing.name;
    this.labels.push({ name, color: "ededed", description: null });
    return name;
  }

  private restIssue(issue: FakeIssue) {
    return {
      number: issue.number,
      html_url: `https://github.com/${this.owner}/${this.repo}/issues/${issue.number}`,
      title: issue.title,
      body: issue.body,
      state: issue.state,
      state_reason: issue.state_reason,
      labels: issue.labels.map((name) => ({ name })),
      assignees: issue.assignees.map((login) => ({ login })),
      user: { login: issue.author.login, type: issue.author.type },
      milestone: issue.milestone
        ? this.restMilestone(this.milestones.find((m) => m.number === issue.milestone)!)
        : null,
    };
  }

  private restComment(comment: FakeComment) {
    return {
      id: comment.id,
      body: comment.body,
      user: { login: comment.author.login, type: comment.author.type },
      html_url: `https://github.com/${this.owner}/${this.repo}/issues#issuecomment-${comment.id}`,
    };
  }

  private restMilestone(milestone: FakeMilestone) {
    return { ...milestone };
  }

  private graphql(b: Record<string, unknown>): Reply {
    const query = String(b.query ?? "");
    const variables = (b.variables ?? {}) as Record<string, unknown>;
    // Only the tracked-issue query: the app's probes (src/github/probe.ts) fail here, so handler
    // tests on FakeGitHub take the path of a failed probe (each part read on its own); the probes
    // themselves run against the simulator (test/e2e, test/reliability, test/github/probe.test.ts).
    if (!query.includes("query trackedIssues"))
      return [200, { errors: [{ message: "FakeGitHub: unsupported query" }] }];
    const label = ((variables.labels as string[] | undefined) ?? [])[0]?.toLowerCase();
    const all = this.realIssues
      .filter((i) => !label || i.labels.some((l) => l.toLowerCase() === label))
      .sort((a, c) => a.number - c.number);
    const pageSize = 50;
    const start = typeof variables.cursor === "string" ? Number(variables.cursor) : 0;
    const nodes = all.slice(start, start + pageSize);
    const end = start + nodes.length;
    return [
      200,
      {
        data: {
          repository: {
            issues: {
              pageInfo: { hasNextPage: end < all.length, endCursor: String(end) },
              nodes: nodes.map((issue) => this.graphqlIssue(issue)),
            },
          },
        },
      },
    ];
  }

  private graphqlIssue(issue: FakeIssue) {
    const bot = issue.author.type === "Bot";
    const milestone = issue.milestone ? this.milestones.find((m) => m.number === issue.milestone) : undefined;
    return {
      number: issue.number,
      title: issue.title,
      body: issue.body,
      url: `https://github.com/${this.owner}/${this.repo}/issues/${issue.number}`,
      state: issue.state.toUpperCase(),
      stateReason: issue.state_reason ? issue.state_reason.toUpperCase() : null,
      createdAt: issue.created_at,
      closedAt: issue.closed_at,
      // GraphQL drops the "[bot]" suffix of a bot's login.
      author: {
        __typename: bot ? "Bot" : "User",
        login: bot ? issue.author.login.replace(/\[bot\]$/, "") : issue.author.login,
      },
      labels: { nodes: issue.labels.map((name) => ({ name })) },
      assignees: { nodes: issue.assignees.map((login) => ({ login })) },
      milestone: milestone
        ? {
            number: milestone.number,
            title: milestone.title,
            dueOn: milestone.due_on,
            state: milestone.state.toUpperCase(),
          }
        : null,
      timelineItems: { nodes: issue.timeline },
    };
  }
}
