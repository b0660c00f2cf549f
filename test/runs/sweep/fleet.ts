import { FakeGitHub, interceptGitHub, type Reply } from "../../helpers/fake-github.js";
import { GITHUB_API } from "../../helpers/octokit.js";

/**
 * Several installations with several repositories each, served through nock: the app's
 * installation list and each installation's repositories (paginated with a tiny page size, so
 * pagination is exercised), installation tokens, the repository itself, its recursive git tree and
 * the last commit of a path; everything else of a repository goes to its FakeGitHub (test/helpers).
 */

export interface FleetInstallation {
  id: number;
  account: string;
  repos: FakeGitHub[];
  /** The repository listing of this installation fails with this status. */
  listFails?: number;
}

interface FleetFailure {
  repo: string;
  method: string;
  path: RegExp;
  status: number;
  times: number;
}

export interface FleetRequest {
  method: string;
  path: string;
  /** owner/repo the request was about, when it was about one. */
  repo: string | null;
}

export class FakeFleet {
  readonly installations: FleetInstallation[] = [];
  readonly requests: FleetRequest[] = [];
  /** owner/repo:path -> the last commit that touched it. */
  readonly lastCommits = new Map<string, { sha: string; date: string }>();
  readonly archived = new Set<string>();
  /** Reactions added to comments: [owner/repo, comment id, content]. */
  readonly reactions: [string, number, string][] = [];
  private readonly failures: FleetFailure[] = [];

  constructor(
    readonly pageSize = 1,
    readonly appSlug = "postmortem-followups",
  ) {}

  get botLogin(): string {
    return `${this.appSlug}[bot]`;
  }

  addInstallation(id: number, account: string, ...repos: FakeGitHub[]): FleetInstallation {
    const installation = { id, account, repos };
    this.installations.push(installation);
    return installation;
  }

  /** A repository of `owner` (its app slug matches the fleet's). */
  static repo(owner: string, repo: string): FakeGitHub {
    return new FakeGitHub({ owner, repo });
  }

  /** The next matching request about `owner/repo` fails with `status` (e.g. the app lost access). */
  fail(repo: string, method: string, path: RegExp, status: number, times = 1): this {
    this.failures.push({ repo: repo.toLowerCase(), method, path, status, times });
    return this;
  }

  install(): this {
    interceptGitHub((method, url, body, headers) => this.handle(method, url, body, headers));
    return this;
  }

  private fake(owner: string, repo: string): FakeGitHub | undefined {
    for (const i of this.installations)
      for (const r of i.repos)
        if (r.owner.toLowerCase() === owner.toLowerCase() && r.repo.toLowerCase() === repo.toLowerCase())
          return r;
    return undefined;
  }

  private installationOf(fake: FakeGitHub): FleetInstallation | undefined {
    return this.installations.find((i) => i.repos.includes(fake));
  }

  private page<T>(items: readonly T[], url: URL, wrap?: (slice: T[]) => unknown): Reply {
    const page = Number(url.searchParams.get("page") ?? 1);
    const slice = items.slice((page - 1) * this.pageSize, page * this.pageSize);
    const headers: Record<string, string> = {};
    if (page * this.pageSize < items.length) {
      const next = new URL(url);
      next.searchParams.set("page", String(page + 1));
      headers.link = `<${next.href}>; rel="next"`;
    }
    return [200, wrap ? wrap(slice) : slice, headers];
  }

  handle(method: string, uri: string, rawBody: string | undefined, headers: Record<string, string>): Reply {
    const url = new URL(uri, GITHUB_API);
    const path = decodeURIComponent(url.pathname);
    const repoMatch = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(path);
    let repoKey: string | null = repoMatch ? `${repoMatch[1]}/${repoMatch[2]}` : null;
    if (method === "POST" && path === "/graphql" && rawBody) {
      const vars = (JSON.parse(rawBody) as { variables?: { owner?: string; repo?: string } }).variables ?? {};
      if (vars.owner && vars.repo) repoKey = `${vars.owner}/${vars.repo}`;
    }
    this.requests.push({ method, path, repo: repoKey });

    const failure = repoKey
      ? this.failures.find(
          (f) => f.repo === repoKey!.toLowerCase() && f.method === method && f.path.test(path) && f.times > 0,
        )
      : undefined;
    if (failure) {
      failure.times--;
      return [
        failure.status,
        { message: failure.status === 403 ? "Resource not accessible by integration" : "Not Found" },
      ];
    }

    if (method === "GET" && path === "/app") return [200, { id: 1, slug: this.appSlug, name: this.appSlug }];
    if (method === "GET" && path === "/app/installations")
      return this.page(
        this.installations.map((i) => ({ id: i.id, account: { login: i.account }, suspended_at: null })),
        url,
      );
    const token = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(path);
    if (method === "POST" && token)
      return [
        201,
        {
          token: `ghs_inst_${token[1]}`,
          expires_at: "2099-01-01T00:00:00Z",
          permissions: {},
          repository_selection: "all",
        },
      ];
    if (method === "GET" && path === "/installation/repositories") {
      const id = Number(/ghs_inst_(\d+)/.exec(headers.authorization ?? "")?.[1]);
      const installation = this.installations.find((i) => i.id === id);
      if (!installation) return [401, { message: "Bad credentials" }];
      if (installation.listFails) return [installation.listFails, { message: "Not Found" }];
      const repos = installation.repos.map((r) => this.restRepo(r));
      return this.page(repos, url, (slice) => ({ total_count: repos.length, repositories: slice }));
    }

    if (path === "/graphql" && repoKey) {
      const [owner, name] = repoKey.split("/");
      const target = this.fake(owner!, name!);
      return target
        ? (target.handle(method, uri, rawBody, headers) as Reply)
        : [200, { data: { repository: null } }];
    }
    if (!repoMatch) return [404, { message: `FakeFleet: no route for ${method} ${path}` }];
    const [, owner, name, rest = ""] = repoMatch;
    if (name === ".github") {
      const any = this.installations.flatMap((i) => i.repos).find((r) => r.owner === owner);
      return any ? (any.handle(method, uri, rawBody, headers) as Reply) : [404, { message: "Not Found" }];
    }
    const fake = this.fake(owner!, name!);
    if (!fake) return [404, { message: "Not Found" }];
    if (method === "GET" && rest === "") return [200, this.restRepo(fake)];
    if (method === "GET" && rest === "/installation") {
      const installation = this.installationOf(fake);
      return installation ? [200, { id: installation.id }] : [404, { message: "Not Found" }];
    }
    if (method === "GET" && rest.startsWith("/git/trees/"))
      return [
        200,
        {
          sha: "tree-sha",
          truncated: false,
          tree: [...fake.files.keys()]
            .sort()
            .map((p) => ({ path: p, type: "blob", mode: "100644", sha: `blob-${p}` })),
        },
      ];
    if (method === "GET" && rest === "/commits") {
      const last = this.lastCommits.get(`${fake.owner}/${fake.repo}:${url.searchParams.get("path")}`);
      return [
        200,
        last
          ? [{ sha: last.sha, commit: { committer: { date: last.date }, author: { date: last.date } } }]
          : [],
      ];
    }
    const reaction = /^\/issues\/comments\/(\d+)\/reactions$/.exec(rest);
    if (method === "POST" && reaction) {
      const content = (JSON.parse(rawBody ?? "{}") as { content?: string }).content ?? "";
      this.reactions.push([`${fake.owner}/${fake.repo}`, Number(reaction[1]), content]);
      return [201, { id: 1, content }];
    }
    return fake.handle(method, uri, rawBody, headers) as Reply;
  }

  private restRepo(fake: FakeGitHub) {
    const full = `${fake.owner}/${fake.repo}`;
    return {
      name: fake.repo,
      full_name: full,
      owner: { login: fake.owner },
      default_branch: fake.defaultBranch,
      archived: this.archived.has(full),
      html_url: `https://github.com/${full}`,
    };
  }

  /** Requests about one repository. */
  about(repo: string): FleetRequest[] {
    return this.requests.filter((r) => r.repo?.toLowerCase() === repo.toLowerCase());
  }
}
