/**
 * REST handlers, keyed by the operationId of GitHub's OpenAPI description (the router in
 * `openapi.ts` resolves method + path to an operationId first).
 */
import type { IncomingHttpHeaders } from "node:http";
import {
  ApiError,
  addAssignees,
  addIssueLabels,
  createCheckRun,
  createComment,
  createIssue,
  createLabel,
  createMilestone,
  deleteLabel,
  isoNow,
  type ModelCtx,
  notFound,
  removeAssignees,
  removeIssueLabel,
  requireComment,
  requireIssue,
  requireRepo,
  setIssueLabels,
  updateCheckRun,
  updateIssue,
  updateLabel,
  updateMilestone,
  visibleTo,
} from "./model.js";
import { oauthHandlers } from "./oauth.js";
import {
  annotationJson,
  appJson,
  checkRunJson,
  commentJson,
  commitJson,
  contentEntry,
  eventJson,
  fileJson,
  installationJson,
  issueJson,
  labelJson,
  milestoneJson,
  publicUser,
  pullFiles,
  pullJson,
  reactionJson,
  repoJson,
  simpleUser,
  teamJson,
  treeSha,
  type Urls,
  userFor,
  workflowJson,
  workflowRunJson,
  workflowsOf,
} from "./serialize.js";
import {
  ancestors,
  blobSha,
  diffTrees,
  findLabel,
  isAssignable,
  mergeBase,
  nextId,
  nodeId,
  permissionOf,
  resolveRef,
  type SimIssue,
  type SimReaction,
  type SimRepo,
} from "./state.js";
import { addSubIssue, removeSubIssue, reprioritizeSubIssue, subIssuesOf } from "./sub-issues.js";

export interface AuthInfo {
  kind: "none" | "app" | "installation" | "user" | "unknown";
  installationId: number | null;
  token: string | null;
}

export interface RestRequest {
  opId: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  headers: IncomingHttpHeaders;
  urls: Urls;
  /** Full request URL (including `/api/v3` for GHES), used to build Link headers. */
  url: URL;
  ctx: ModelCtx;
  auth: AuthInfo;
  /** `/app/*` endpoints require a JWT. */
  requireAppJwt: boolean;
  /** Cap on every page size below GitHub's own (`SimulatorOptions.maxPerPage`), to exercise pagination with few items. */
  maxPerPage?: number;
}

export interface RestResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Raw (non-JSON) body, e.g. for `application/vnd.github.raw`. */
  raw?: string;
}

type Handler = (req: RestRequest) => RestResponse;
type Json = Record<string, unknown>;

// ---------------------------------------------------------------- helpers

function obj(body: unknown): Json {
  return body && typeof body === "object" && !Array.isArray(body) ? (body as Json) : {};
}

function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function int(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined || !/^-?\d+$/.test(value)) return undefined;
  return Number(value);
}

function repoOf(req: RestRequest): SimRepo {
  const repo = requireRepo(req.ctx.state, req.params.owner ?? "", req.params.repo ?? "");
  if (!visibleTo(req.ctx, repo)) throw notFound();
  return repo;
}

function issueOf(req: RestRequest, repo: SimRepo): SimIssue {
  return requireIssue(repo, req.params.issue_number ?? req.params.pull_number ?? "");
}

function ok(body: unknown, status = 200, headers?: Record<string, string>): RestResponse {
  return headers ? { status, body, headers } : { status, body };
}

/** GitHub-style page slicing with `Link` header (rel="next", "last", "first", "prev"). */
export function paginate<T>(
  req: RestRequest,
  items: T[],
  maxPerPage = 100,
): { items: T[]; headers: Record<string, string> } {
  const requested = int(req.query.get("per_page"));
  const perPage = Math.min(
    Math.max(requested ?? 30, 1),
    maxPerPage,
    req.maxPerPage ?? Number.POSITIVE_INFINITY,
  );
  const page = Math.max(int(req.query.get("page")) ?? 1, 1);
  const last = Math.max(Math.ceil(items.length / perPage), 1);
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const link = (p: number, rel: string) => {
    const u = new URL(req.url.href);
    u.searchParams.set("page", String(p));
    if (requested !== undefined) u.searchParams.set("per_page", String(perPage));
    return `<${u.href}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(link(Math.min(page - 1, last), "prev"));
  if (page < last) links.push(link(page + 1, "next"), link(last, "last"));
  if (page > 1) links.push(link(1, "first"));
  return { items: slice, headers: links.length > 0 ? { link: links.join(", ") } : {} };
}

function list<T>(req: RestRequest, items: T[], map: (item: T) => unknown, maxPerPage = 100): RestResponse {
  const page = paginate(req, items, maxPerPage);
  return ok(page.items.map(map), 200, page.headers);
}

function sortIssues(
  items: SimIssue[],
  sort: string | null,
  direction: string | null,
  repo: SimRepo,
): SimIssue[] {
  const key = sort ?? "created";
  const dir = direction === "asc" ? 1 : -1;
  const value = (i: SimIssue): string | number =>
    key === "updated"
      ? i.updated_at
      : key === "comments"
        ? repo.comments.filter((c) => c.issue_number === i.number).length
        : i.created_at;
  return [...items].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va < vb) return -dir;
    if (va > vb) return dir;
    return (a.number - b.number) * dir;
  });
}

function requireJwt(req: RestRequest): void {
  if (req.requireAppJwt && req.auth.kind !== "app") {
    throw new ApiError(
      401,
      "A JSON web token could not be decoded",
      undefined,
      "https://docs.github.com/rest/apps/apps#get-the-authenticated-app",
    );
  }
}

function installationFor(req: RestRequest): number {
  if (req.auth.installationId !== null) return req.auth.installationId;
  const all = Object.values(req.ctx.state.installations);
  if (req.auth.kind !== "app" && all.length === 1 && all[0]) return all[0].id;
  throw new ApiError(
    req.auth.kind === "app" ? 403 : 401,
    req.auth.kind === "app"
      ? "You must authenticate with an installation access token in order to list repositories for an installation."
      : "Bad credentials",
  );
}

/** Largest file the contents API returns inline (1 MB); larger ones come with `encoding: "none"`. */
const MAX_INLINE_CONTENT_BYTES = 1024 * 1024;

function contentResponse(req: RestRequest): RestResponse {
  const repo = repoOf(req);
  const ref = req.query.get("ref");
  const sha = resolveRef(repo, ref);
  if (!sha) throw new ApiError(404, `No commit found for the ref ${ref ?? repo.default_branch}`);
  const tree = repo.commits[sha]?.tree ?? {};
  const path = (req.params.path ?? "").replace(/^\/+|\/+$/g, "");
  const refName = ref ?? repo.default_branch;
  const accept = String(req.headers.accept ?? "");
  const content = tree[path];
  if (content !== undefined) {
    if (/\.raw\b|vnd\.github\.raw/.test(accept)) {
      return {
        status: 200,
        raw: content,
        headers: { "content-type": "text/plain; charset=utf-8", etag: `"${blobSha(content)}"` },
      };
    }
    // GitHub sends files of 1-100 MB without their content (`encoding: "none"`, content ""):
    // the raw media type or the git blob API has the bytes.
    if (Buffer.byteLength(content) > MAX_INLINE_CONTENT_BYTES) {
      return ok({
        ...contentEntry(req.urls, repo, refName, path, "file", content),
        content: "",
        encoding: "none",
      });
    }
    const b64 = Buffer.from(content, "utf8").toString("base64");
    return ok({
      ...contentEntry(req.urls, repo, refName, path, "file", content),
      content: b64.replace(/.{60}/g, "$&\n"),
      encoding: "base64",
    });
  }
  const prefix = path === "" ? "" : `${path}/`;
  const children = new Map<string, "file" | "dir">();
  for (const file of Object.keys(tree)) {
    if (!file.startsWith(prefix)) continue;
    const rest = file.slice(prefix.length);
    const [first, ...more] = rest.split("/");
    if (!first) continue;
    children.set(prefix + first, more.length > 0 ? "dir" : "file");
  }
  if (children.size === 0) throw notFound();
  const entries = [...children.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([p, type]) =>
      contentEntry(req.urls, repo, refName, p, type, type === "file" ? (tree[p] ?? "") : null),
    );
  if (/vnd\.github\.object/.test(accept)) {
    return ok({ ...contentEntry(req.urls, repo, refName, path, "dir", null), entries });
  }
  return ok(entries);
}

function checkRunsForRef(req: RestRequest): RestResponse {
  const repo = repoOf(req);
  const sha = resolveRef(repo, req.params.ref);
  if (!sha) throw new ApiError(422, `No commit found for SHA: ${req.params.ref ?? ""}`);
  let runs = repo.check_runs.filter((r) => r.head_sha === sha);
  const name = req.query.get("check_name");
  if (name) runs = runs.filter((r) => r.name === name);
  const status = req.query.get("status");
  if (status) runs = runs.filter((r) => r.status === status);
  if (req.query.get("filter") !== "all") {
    const latest = new Map<string, (typeof runs)[number]>();
    for (const run of runs) latest.set(run.name, run);
    runs = [...latest.values()];
  }
  runs = [...runs].sort((a, b) => b.id - a.id);
  const page = paginate(req, runs);
  return ok(
    {
      total_count: runs.length,
      check_runs: page.items.map((r) => checkRunJson(req.urls, req.ctx.state, repo, r)),
    },
    200,
    page.headers,
  );
}

function timelineOf(req: RestRequest, repo: SimRepo, issue: SimIssue, includeComments: boolean): Json[] {
  const events = repo.events.filter(
    (e) => e.issue_number === issue.number && (includeComments || e.event !== "cross-referenced"),
  );
  const items: Array<{ at: string; id: number; json: Json }> = events.map((e) => ({
    at: e.created_at,
    id: e.id,
    json: eventJson(req.urls, req.ctx.state, repo, e),
  }));
  if (includeComments) {
    for (const c of repo.comments.filter((x) => x.issue_number === issue.number)) {
      const json = commentJson(req.urls, req.ctx.state, repo, c);
      items.push({ at: c.created_at, id: c.id, json: { ...json, event: "commented", actor: json.user } });
    }
  }
  return items.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id - b.id)).map((i) => i.json);
}

function compare(req: RestRequest): RestResponse {
  const repo = repoOf(req);
  const basehead = req.params.basehead ?? `${req.params.base ?? ""}...${req.params.head ?? ""}`;
  const m = /^(.+?)(\.\.\.?)(.+)$/.exec(basehead);
  if (!m?.[1] || !m[3]) throw notFound();
  const baseSha = resolveRef(repo, m[1]);
  const headSha = resolveRef(repo, m[3]);
  if (!baseSha || !headSha) throw notFound();
  const mb = mergeBase(repo, baseSha, headSha) ?? baseSha;
  const baseAnc = new Set(ancestors(repo, baseSha));
  const headAnc = new Set(ancestors(repo, headSha));
  const ahead = ancestors(repo, headSha)
    .filter((s) => !baseAnc.has(s))
    .reverse();
  const behind = ancestors(repo, baseSha).filter((s) => !headAnc.has(s));
  const status =
    ahead.length === 0 && behind.length === 0
      ? "identical"
      : behind.length === 0
        ? "ahead"
        : ahead.length === 0
          ? "behind"
          : "diverged";
  const from = m[2] === ".." ? baseSha : mb;
  const files = diffTrees(repo.commits[from]?.tree ?? {}, repo.commits[headSha]?.tree ?? {});
  const page = paginate(req, ahead, 250);
  const commit = (sha: string) => {
    const c = repo.commits[sha];
    return c ? commitJson(req.urls, req.ctx.state, repo, c, false) : null;
  };
  const api = `${req.urls.api}/repos/${repo.full_name}`;
  const html = `${req.urls.html}/${repo.full_name}`;
  return ok(
    {
      url: `${api}/compare/${basehead}`,
      html_url: `${html}/compare/${basehead}`,
      permalink_url: `${html}/compare/${repo.owner}:${baseSha.slice(0, 7)}...${repo.owner}:${headSha.slice(0, 7)}`,
      diff_url: `${html}/compare/${basehead}.diff`,
      patch_url: `${html}/compare/${basehead}.patch`,
      base_commit: commit(baseSha),
      merge_base_commit: commit(mb),
      status,
      ahead_by: ahead.length,
      behind_by: behind.length,
      total_commits: ahead.length,
      commits: page.items.map(commit),
      files: files.map((f) => fileJson(req.urls, repo, headSha, f)),
    },
    200,
    page.headers,
  );
}

function gitTree(req: RestRequest): RestResponse {
  const repo = repoOf(req);
  const ref = req.params.tree_sha ?? "";
  const sha =
    resolveRef(repo, ref) ??
    Object.keys(repo.commits).find((s) => treeSha(repo.commits[s]?.tree ?? {}) === ref);
  if (!sha) throw notFound();
  const tree = repo.commits[sha]?.tree ?? {};
  const recursive = req.query.has("recursive");
  const entries = new Map<string, Json>();
  for (const [path, content] of Object.entries(tree)) {
    const parts = path.split("/");
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join("/");
      if ((recursive || i === 1) && !entries.has(dir)) {
        const s = blobSha(`tree:${dir}`);
        entries.set(dir, {
          path: dir,
          mode: "040000",
          type: "tree",
          sha: s,
          url: `${req.urls.api}/repos/${repo.full_name}/git/trees/${s}`,
        });
      }
    }
    if (recursive || parts.length === 1) {
      const s = blobSha(content);
      entries.set(path, {
        path,
        mode: "100644",
        type: "blob",
        sha: s,
        size: Buffer.byteLength(content),
        url: `${req.urls.api}/repos/${repo.full_name}/git/blobs/${s}`,
      });
    }
  }
  const tsha = treeSha(tree);
  return ok({
    sha: tsha,
    url: `${req.urls.api}/repos/${repo.full_name}/git/trees/${tsha}`,
    tree: [...entries.values()].sort((a, b) => String(a.path).localeCompare(String(b.path))),
    truncated: false,
  });
}

function issueLabels(req: RestRequest, repo: SimRepo, issue: SimIssue): Json[] {
  return issue.labels.flatMap((n) => {
    const label = findLabel(repo, n);
    return label ? [labelJson(req.urls, repo, label)] : [];
  });
}

function pullDiff(repo: SimRepo, issue: SimIssue): string {
  return pullFiles(repo, issue)
    .map((f) => {
      const from = f.status === "added" ? "/dev/null" : `a/${f.previous_filename ?? f.filename}`;
      const to = f.status === "removed" ? "/dev/null" : `b/${f.filename}`;
      return `diff --git a/${f.previous_filename ?? f.filename} b/${f.filename}\n--- ${from}\n+++ ${to}\n${f.patch ?? ""}\n`;
    })
    .join("");
}

const REACTIONS = new Set(["+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes"]);

function react(req: RestRequest, target: { reactions?: SimReaction[] }): RestResponse {
  const content = obj(req.body).content;
  if (typeof content !== "string" || !REACTIONS.has(content)) {
    throw new ApiError(422, "Validation Failed", [
      { resource: "Reaction", field: "content", code: "invalid" },
    ]);
  }
  target.reactions ??= [];
  const existing = target.reactions.find(
    (r) => r.content === content && r.user.toLowerCase() === req.ctx.actor.toLowerCase(),
  );
  if (existing) return ok(reactionJson(req.urls, req.ctx.state, existing));
  const reaction: SimReaction = {
    id: nextId(req.ctx.state),
    content: content as SimReaction["content"],
    user: req.ctx.actor,
    created_at: isoNow(req.ctx),
  };
  target.reactions.push(reaction);
  return ok(reactionJson(req.urls, req.ctx.state, reaction), 201);
}

function permissionResponse(req: RestRequest): RestResponse {
  const repo = repoOf(req);
  const login = req.params.username ?? "";
  const user = req.ctx.state.users[login.toLowerCase()];
  if (!user) throw notFound();
  const p = permissionOf(repo, login);
  const legacy =
    p === "admin"
      ? "admin"
      : p === "maintain" || p === "write"
        ? "write"
        : p === "triage" || p === "read"
          ? "read"
          : repo.private
            ? "none"
            : "read";
  const rank = p ? ["read", "triage", "write", "maintain", "admin"].indexOf(p) : repo.private ? -1 : 0;
  return ok({
    permission: legacy,
    role_name: p ?? (repo.private ? "none" : "read"),
    user: {
      ...simpleUser(req.urls, user),
      permissions: {
        admin: rank >= 4,
        maintain: rank >= 3,
        push: rank >= 2,
        triage: rank >= 1,
        pull: rank >= 0,
      },
      role_name: p ?? (repo.private ? "none" : "read"),
    },
  });
}

// ---------------------------------------------------------------- handlers

export const handlers: Record<string, Handler> = {
  // The user side of the GitHub App's OAuth web flow (./oauth.ts).
  ...oauthHandlers(paginate),
  "meta/root": (req) =>
    ok({ current_user_url: `${req.urls.api}/user`, repository_url: `${req.urls.api}/repos/{owner}/{repo}` }),

  "rate-limit/get": (req) => {
    const rl = req.ctx.state.rate_limit;
    const core = { limit: 5000, used: rl.core_used, remaining: 5000 - rl.core_used, reset: rl.reset };
    const graphql = {
      limit: 5000,
      used: rl.graphql_used,
      remaining: 5000 - rl.graphql_used,
      reset: rl.reset,
    };
    const search = { limit: 30, used: 0, remaining: 30, reset: rl.reset };
    return ok({ resources: { core, graphql, search }, rate: core });
  },

  // ---- apps
  "apps/get-authenticated": (req) => {
    requireJwt(req);
    return ok(appJson(req.urls, req.ctx.state));
  },
  "apps/list-installations": (req) => {
    requireJwt(req);
    return list(req, Object.values(req.ctx.state.installations), (i) =>
      installationJson(req.urls, req.ctx.state, i),
    );
  },
  "apps/get-installation": (req) => {
    requireJwt(req);
    const inst = req.ctx.state.installations[req.params.installation_id ?? ""];
    if (!inst) throw notFound();
    return ok(installationJson(req.urls, req.ctx.state, inst));
  },
  "apps/create-installation-access-token": (req) => {
    requireJwt(req);
    const inst = req.ctx.state.installations[req.params.installation_id ?? ""];
    if (!inst) throw notFound();
    if (inst.suspended_at) throw new ApiError(403, "This installation has been suspended");
    const token = `ghs_${Buffer.from(`${inst.id}:${Date.now()}:${Math.random()}`).toString("base64url").slice(0, 36)}`;
    const expires = new Date(req.ctx.now().getTime() + 3600_000).toISOString().replace(/\.\d{3}Z$/, "Z");
    req.ctx.state.tokens[token] = { token, installation_id: inst.id, login: null, expires_at: expires };
    const body = obj(req.body);
    const out: Json = {
      token,
      expires_at: expires,
      permissions: (body.permissions as Json | undefined) ?? inst.permissions,
      repository_selection: inst.repository_selection,
    };
    if (Array.isArray(body.repositories) || Array.isArray(body.repository_ids)) {
      const names = (Array.isArray(body.repositories) ? body.repositories : []).map(String);
      const ids = (Array.isArray(body.repository_ids) ? body.repository_ids : []).map(Number);
      out.repositories = Object.values(req.ctx.state.repos)
        .filter((r) => r.installation_id === inst.id && (names.includes(r.name) || ids.includes(r.id)))
        .map((r) => repoJson(req.urls, req.ctx.state, r));
    }
    return ok(out, 201);
  },
  "apps/list-repos-accessible-to-installation": (req) => {
    const id = installationFor(req);
    const inst = req.ctx.state.installations[String(id)];
    const repos = Object.values(req.ctx.state.repos).filter((r) => r.installation_id === id);
    const page = paginate(req, repos);
    return ok(
      {
        total_count: repos.length,
        repositories: page.items.map((r) => repoJson(req.urls, req.ctx.state, r)),
        repository_selection: inst?.repository_selection ?? "selected",
      },
      200,
      page.headers,
    );
  },
  "apps/get-repo-installation": (req) => {
    requireJwt(req);
    const repo = repoOf(req);
    const inst =
      repo.installation_id === null ? undefined : req.ctx.state.installations[String(repo.installation_id)];
    if (!inst) throw notFound();
    return ok(installationJson(req.urls, req.ctx.state, inst));
  },
  "apps/get-org-installation": (req) => {
    requireJwt(req);
    const inst = Object.values(req.ctx.state.installations).find(
      (i) => i.account.toLowerCase() === (req.params.org ?? "").toLowerCase(),
    );
    if (!inst) throw notFound();
    return ok(installationJson(req.urls, req.ctx.state, inst));
  },
  "apps/get-user-installation": (req) => {
    requireJwt(req);
    const inst = Object.values(req.ctx.state.installations).find(
      (i) => i.account.toLowerCase() === (req.params.username ?? "").toLowerCase(),
    );
    if (!inst) throw notFound();
    return ok(installationJson(req.urls, req.ctx.state, inst));
  },

  // ---- users, teams
  "users/get-by-username": (req) => {
    const user = req.ctx.state.users[(req.params.username ?? "").toLowerCase()];
    if (!user) throw notFound();
    return ok(publicUser(req.urls, req.ctx.state, user));
  },
  "teams/get-by-name": (req) => {
    const team = req.ctx.state.teams[`${req.params.org}/${req.params.team_slug}`.toLowerCase()];
    if (!team) throw notFound();
    return ok(teamJson(req.urls, req.ctx.state, team));
  },
  "teams/get-membership-for-user-in-org": (req) => {
    const team = req.ctx.state.teams[`${req.params.org}/${req.params.team_slug}`.toLowerCase()];
    const role = team?.members[(req.params.username ?? "").toLowerCase()];
    if (!team || !role) throw notFound();
    return ok({
      url: `${req.urls.api}/teams/${team.id}/memberships/${req.params.username}`,
      role,
      state: "active",
    });
  },
  "teams/list-members-in-org": (req) => {
    const team = req.ctx.state.teams[`${req.params.org}/${req.params.team_slug}`.toLowerCase()];
    if (!team) throw notFound();
    const role = req.query.get("role") ?? "all";
    const logins = Object.entries(team.members)
      .filter(([, r]) => role === "all" || r === role)
      .map(([login]) => login);
    return list(req, logins, (login) => simpleUser(req.urls, userFor(req.ctx.state, login)));
  },

  // ---- repositories, git
  "repos/get": (req) => ok(repoJson(req.urls, req.ctx.state, repoOf(req), req.ctx.actor)),
  "repos/get-content": contentResponse,
  "repos/get-commit": (req) => {
    const repo = repoOf(req);
    const sha = resolveRef(repo, req.params.ref);
    const commit = sha ? repo.commits[sha] : undefined;
    if (!commit) throw new ApiError(422, `No commit found for SHA: ${req.params.ref ?? ""}`);
    return ok(commitJson(req.urls, req.ctx.state, repo, commit, true));
  },
  "repos/list-commits": (req) => {
    const repo = repoOf(req);
    const sha = resolveRef(repo, req.query.get("sha"));
    if (!sha) throw notFound();
    let commits = ancestors(repo, sha).flatMap((s) => (repo.commits[s] ? [repo.commits[s]] : []));
    const path = req.query.get("path");
    if (path) {
      commits = commits.filter((c) => {
        const parent = c.parents[0] ? repo.commits[c.parents[0]] : undefined;
        return (parent?.tree[path] ?? null) !== (c.tree[path] ?? null);
      });
    }
    return list(req, commits, (c) => commitJson(req.urls, req.ctx.state, repo, c, false));
  },
  "repos/compare-commits-with-basehead": compare,
  "repos/compare-commits": compare,
  "repos/get-branch": (req) => {
    const repo = repoOf(req);
    const name = req.params.branch ?? "";
    const sha = repo.branches[name];
    const commit = sha ? repo.commits[sha] : undefined;
    if (!commit) throw new ApiError(404, "Branch not found");
    const api = `${req.urls.api}/repos/${repo.full_name}/branches/${name}`;
    return ok({
      name,
      commit: commitJson(req.urls, req.ctx.state, repo, commit, false),
      _links: { html: `${req.urls.html}/${repo.full_name}/tree/${name}`, self: api },
      protected: false,
      protection: {
        enabled: false,
        required_status_checks: { enforcement_level: "off", contexts: [], checks: [] },
      },
      protection_url: `${api}/protection`,
    });
  },
  "git/get-ref": (req) => {
    const repo = repoOf(req);
    const ref = req.params.ref ?? "";
    const m = /^(heads|tags)\/(.+)$/.exec(ref);
    const sha = m?.[2] ? (m[1] === "heads" ? repo.branches[m[2]] : repo.tags[m[2]]) : undefined;
    if (!sha) throw notFound();
    return ok({
      ref: `refs/${ref}`,
      node_id: nodeId("Ref", Number.parseInt(sha.slice(0, 8), 16)),
      url: `${req.urls.api}/repos/${repo.full_name}/git/refs/${ref}`,
      object: { type: "commit", sha, url: `${req.urls.api}/repos/${repo.full_name}/git/commits/${sha}` },
    });
  },
  "git/get-tree": gitTree,
  "git/get-blob": (req) => {
    const repo = repoOf(req);
    const sha = req.params.file_sha ?? "";
    for (const commit of Object.values(repo.commits)) {
      for (const content of Object.values(commit.tree)) {
        if (blobSha(content) !== sha) continue;
        const b64 = Buffer.from(content, "utf8").toString("base64");
        return ok({
          sha,
          node_id: nodeId("Blob", Number.parseInt(sha.slice(0, 8), 16)),
          size: Buffer.byteLength(content),
          url: `${req.urls.api}/repos/${repo.full_name}/git/blobs/${sha}`,
          content: b64.replace(/.{60}/g, "$&\n"),
          encoding: "base64",
        });
      }
    }
    throw notFound();
  },
  "repos/get-collaborator-permission-level": permissionResponse,
  "repos/check-collaborator": (req) => {
    const repo = repoOf(req);
    if (!permissionOf(repo, req.params.username ?? "")) throw notFound();
    return { status: 204 };
  },

  // ---- pulls
  "pulls/list": (req) => {
    const repo = repoOf(req);
    const state = req.query.get("state") ?? "open";
    const head = req.query.get("head");
    const base = req.query.get("base");
    let pulls = Object.values(repo.issues).filter((i) => i.pull && (state === "all" || i.state === state));
    if (head)
      pulls = pulls.filter(
        (i) =>
          `${repo.owner}:${i.pull?.head.ref}`.toLowerCase() === head.toLowerCase() ||
          i.pull?.head.ref === head,
      );
    if (base) pulls = pulls.filter((i) => i.pull?.base.ref === base);
    const sort = req.query.get("sort");
    return list(
      req,
      sortIssues(pulls, sort === "updated" ? "updated" : "created", req.query.get("direction"), repo),
      (i) => pullJson(req.urls, req.ctx.state, repo, i, false),
    );
  },
  "pulls/get": (req) => {
    const repo = repoOf(req);
    const issue = issueOf(req, repo);
    if (!issue.pull) throw notFound();
    const accept = String(req.headers.accept ?? "");
    if (/vnd\.github(\.v3)?\.(diff|patch)/.test(accept)) {
      return {
        status: 200,
        raw: pullDiff(repo, issue),
        headers: { "content-type": "text/plain; charset=utf-8" },
      };
    }
    return ok(pullJson(req.urls, req.ctx.state, repo, issue, true));
  },
  "pulls/list-files": (req) => {
    const repo = repoOf(req);
    const issue = issueOf(req, repo);
    if (!issue.pull) throw notFound();
    const files = pullFiles(repo, issue).slice(0, 3000);
    return list(req, files, (f) => fileJson(req.urls, repo, issue.pull?.head.sha ?? "", f));
  },
  "pulls/list-commits": (req) => {
    const repo = repoOf(req);
    const issue = issueOf(req, repo);
    if (!issue.pull) throw notFound();
    const commits = issue.pull.commits.flatMap((s) => (repo.commits[s] ? [repo.commits[s]] : []));
    return list(req, commits, (c) => commitJson(req.urls, req.ctx.state, repo, c, false), 250);
  },
  "repos/list-pull-requests-associated-with-commit": (req) => {
    const repo = repoOf(req);
    const sha = resolveRef(repo, req.params.commit_sha) ?? req.params.commit_sha ?? "";
    const pulls = Object.values(repo.issues).filter(
      (i) =>
        i.pull &&
        (i.pull.merge_commit_sha === sha || i.pull.head.sha === sha || i.pull.commits.includes(sha)),
    );
    return list(req, pulls, (i) => pullJson(req.urls, req.ctx.state, repo, i, false));
  },

  // ---- issues
  "issues/list-for-repo": (req) => {
    const repo = repoOf(req);
    const q = req.query;
    const state = q.get("state") ?? "open";
    let issues = Object.values(repo.issues).filter((i) => state === "all" || i.state === state);
    const labels = q.get("labels");
    if (labels) {
      const wanted = labels
        .split(",")
        .map((l) => l.trim().toLowerCase())
        .filter(Boolean);
      issues = issues.filter((i) => wanted.every((w) => i.labels.some((l) => l.toLowerCase() === w)));
    }
    const milestone = q.get("milestone");
    if (milestone === "none") issues = issues.filter((i) => i.milestone === null);
    else if (milestone === "*") issues = issues.filter((i) => i.milestone !== null);
    else if (milestone) issues = issues.filter((i) => String(i.milestone) === milestone);
    const assignee = q.get("assignee");
    if (assignee === "none") issues = issues.filter((i) => i.assignees.length === 0);
    else if (assignee === "*") issues = issues.filter((i) => i.assignees.length > 0);
    else if (assignee)
      issues = issues.filter((i) => i.assignees.some((a) => a.toLowerCase() === assignee.toLowerCase()));
    const creator = q.get("creator");
    if (creator) issues = issues.filter((i) => i.user.toLowerCase() === creator.toLowerCase());
    const since = q.get("since");
    if (since) issues = issues.filter((i) => i.updated_at >= since.replace(/\.\d{3}Z$/, "Z"));
    return list(req, sortIssues(issues, q.get("sort"), q.get("direction"), repo), (i) =>
      issueJson(req.urls, req.ctx.state, repo, i),
    );
  },
  "issues/create": (req) => {
    const repo = repoOf(req);
    const body = obj(req.body);
    if (repo.archived) throw new ApiError(410, "Repository was archived so is read-only.");
    const issue = createIssue(req.ctx, repo, {
      title: body.title as string,
      body: str(body.body) ?? null,
      labels: body.labels,
      assignees: body.assignees,
      assignee: body.assignee,
      milestone: body.milestone,
    });
    return ok(issueJson(req.urls, req.ctx.state, repo, issue), 201, {
      location: `${req.urls.api}/repos/${repo.full_name}/issues/${issue.number}`,
    });
  },
  "issues/get": (req) => {
    const repo = repoOf(req);
    return ok(issueJson(req.urls, req.ctx.state, repo, issueOf(req, repo)));
  },
  "issues/update": (req) => {
    const repo = repoOf(req);
    const issue = issueOf(req, repo);
    updateIssue(req.ctx, repo, issue, obj(req.body));
    return ok(issueJson(req.urls, req.ctx.state, repo, issue));
  },
  "issues/add-labels": (req) => {
    const repo = repoOf(req);
    const issue = issueOf(req, repo);
    const body = req.body;
    addIssueLabels(
      req.ctx,
      repo,
      issue,
      Array.isArray(body) || typeof body === "string" ? body : obj(body).labels,
    );
    return ok(issueLabels(req, repo, issue));
  },
  "issues/set-labels": (req) => {
    const repo = repoOf(req);
    const issue = issueOf(req, repo);
    const body = req.body;
    setIssueLabels(
      req.ctx,
      repo,
      issue,
      Array.isArray(body) || typeof body === "string" ? body : (obj(body).labels ?? []),
    );
    return ok(issueLabels(req, repo, issue));
  },
  "issues/list-labels-on-issue": (req) => {
    const repo = repoOf(req);
    const issue = issueOf(req, repo);
    const labels = issue.labels.flatMap((n) => {
      const l = findLabel(repo, n);
      return l ? [l] : [];
    });
    return list(req, labels, (l) => labelJson(req.urls, repo, l));
  },
  "issues/remove-all-labels": (req) => {
    const repo = repoOf(req);
    const issue = issueOf(req, repo);
    for (const name of [...issue.labels]) removeIssueLabel(req.ctx, repo, issue, name);
    return { status: 204 };
  },
  "issues/remove-label": (req) => {
    const repo = repoOf(req);
    const issue = issueOf(req, repo);
    removeIssueLabel(req.ctx, repo, issue, req.params.name ?? "");
    return ok(issueLabels(req, repo, issue));
  },
  "issues/add-assignees": (req) => {
    const repo = repoOf(req);
    const issue = issueOf(req, repo);
    addAssignees(req.ctx, repo, issue, obj(req.body).assignees);
    return ok(issueJson(req.urls, req.ctx.state, repo, issue), 201);
  },
  "issues/remove-assignees": (req) => {
    const repo = repoOf(req);
    const issue = issueOf(req, repo);
    removeAssignees(req.ctx, repo, issue, obj(req.body).assignees);
    return ok(issueJson(req.urls, req.ctx.state, repo, issue));
  },
  "issues/check-user-can-be-assigned": (req) => {
    const repo = repoOf(req);
    if (!isAssignable(repo, req.params.assignee ?? "")) throw notFound();
    return { status: 204 };
  },
  "issues/list-assignees": (req) => {
    const repo = repoOf(req);
    const logins = [repo.owner, ...Object.keys(repo.collaborators)].filter(
      (l, i, all) => all.indexOf(l) === i,
    );
    return list(req, logins, (l) => simpleUser(req.urls, userFor(req.ctx.state, l)));
  },

  // Minimal issue search (enough for a naive "search, then create" script): the qualifiers
  // repo:, is:issue/pr/open/closed, state:, label:, author:, in:title/body, and words or
  // "quoted phrases" that must all appear (case-insensitive). Results are consistent at once
  // (real search is eventually consistent) and ordered by creation, newest first.
  "search/issues-and-pull-requests": (req) => {
    const q = req.query.get("q") ?? "";
    const tokens = q.match(/(?:[^\s"]+:)?"[^"]*"|\S+/g) ?? [];
    const unquote = (v: string) => v.replace(/^"|"$/g, "");
    let repos = Object.values(req.ctx.state.repos);
    const filters: ((i: SimIssue) => boolean)[] = [];
    const words: string[] = [];
    const fields = new Set<string>();
    for (const token of tokens) {
      const m = /^(-?)(repo|is|state|label|author|in):(.+)$/i.exec(token);
      if (!m) {
        words.push(unquote(token).toLowerCase());
        continue;
      }
      const negate = m[1] === "-";
      const key = m[2]!.toLowerCase();
      const value = unquote(m[3]!).toLowerCase();
      let test: ((i: SimIssue) => boolean) | null = null;
      if (key === "repo") repos = repos.filter((r) => r.full_name.toLowerCase() === value);
      else if (key === "in") for (const f of value.split(",")) fields.add(f);
      else if (key === "label") test = (i) => i.labels.some((l) => l.toLowerCase() === value);
      else if (key === "author") test = (i) => i.user.toLowerCase() === value;
      else if (value === "issue") test = (i) => !i.pull;
      else if (value === "pr" || value === "pull-request") test = (i) => Boolean(i.pull);
      else if (value === "open" || value === "closed") test = (i) => i.state === value;
      if (test) {
        const t = test;
        filters.push(negate ? (i) => !t(i) : t);
      }
    }
    if (fields.size === 0) fields.add("title").add("body");
    const found: { repo: SimRepo; issue: SimIssue }[] = [];
    for (const repo of repos)
      for (const issue of Object.values(repo.issues)) {
        if (!filters.every((f) => f(issue))) continue;
        const text = [fields.has("title") ? issue.title : "", fields.has("body") ? (issue.body ?? "") : ""]
          .join("\n")
          .toLowerCase();
        if (words.every((w) => text.includes(w))) found.push({ repo, issue });
      }
    found.sort(
      (a, b) => b.issue.created_at.localeCompare(a.issue.created_at) || b.issue.number - a.issue.number,
    );
    const page = paginate(req, found.slice(0, 1000));
    return ok(
      {
        total_count: found.length,
        incomplete_results: false,
        search_type: "lexical",
        items: page.items.map(({ repo, issue }) => {
          const item: Json = { ...issueJson(req.urls, req.ctx.state, repo, issue), score: 1 };
          if (item.body === null) delete item.body; // search results leave an empty body out
          return item;
        }),
      },
      200,
      page.headers,
    );
  },

  // ---- comments
  "issues/list-comments": (req) => {
    const repo = repoOf(req);
    const issue = issueOf(req, repo);
    const since = req.query.get("since");
    const comments = repo.comments.filter(
      (c) => c.issue_number === issue.number && (!since || c.updated_at >= since.replace(/\.\d{3}Z$/, "Z")),
    );
    return list(req, comments, (c) => commentJson(req.urls, req.ctx.state, repo, c));
  },
  "issues/list-comments-for-repo": (req) => {
    const repo = repoOf(req);
    const dir = req.query.get("direction") === "desc" ? -1 : 1;
    const comments = [...repo.comments].sort((a, b) =>
      a.created_at < b.created_at ? -dir : a.created_at > b.created_at ? dir : (a.id - b.id) * dir,
    );
    return list(req, comments, (c) => commentJson(req.urls, req.ctx.state, repo, c));
  },
  "issues/create-comment": (req) => {
    const repo = repoOf(req);
    const issue = issueOf(req, repo);
    const body = str(obj(req.body).body);
    if (body === undefined) throw new ApiError(422, 'Invalid request.\n\n"body" wasn\'t supplied.');
    const comment = createComment(req.ctx, repo, issue, body);
    return ok(commentJson(req.urls, req.ctx.state, repo, comment), 201, {
      location: `${req.urls.api}/repos/${repo.full_name}/issues/comments/${comment.id}`,
    });
  },
  "issues/get-comment": (req) => {
    const repo = repoOf(req);
    return ok(
      commentJson(req.urls, req.ctx.state, repo, requireComment(repo, Number(req.params.comment_id))),
    );
  },
  "issues/update-comment": (req) => {
    const repo = repoOf(req);
    const comment = requireComment(repo, Number(req.params.comment_id));
    const body = str(obj(req.body).body);
    if (body === undefined) throw new ApiError(422, 'Invalid request.\n\n"body" wasn\'t supplied.');
    comment.body = body;
    comment.updated_at = isoNow(req.ctx);
    return ok(commentJson(req.urls, req.ctx.state, repo, comment));
  },
  "issues/delete-comment": (req) => {
    const repo = repoOf(req);
    const comment = requireComment(repo, Number(req.params.comment_id));
    repo.comments = repo.comments.filter((c) => c !== comment);
    return { status: 204 };
  },
  "issues/list-events-for-timeline": (req) => {
    const repo = repoOf(req);
    return list(req, timelineOf(req, repo, issueOf(req, repo), true), (e) => e);
  },
  "issues/list-events": (req) => {
    const repo = repoOf(req);
    return list(req, timelineOf(req, repo, issueOf(req, repo), false), (e) => e);
  },

  // ---- labels
  "issues/list-labels-for-repo": (req) => {
    const repo = repoOf(req);
    return list(req, repo.labels, (l) => labelJson(req.urls, repo, l));
  },
  "issues/create-label": (req) => {
    const repo = repoOf(req);
    const body = obj(req.body);
    const label = createLabel(req.ctx, repo, {
      name: String(body.name ?? ""),
      color: str(body.color),
      description: str(body.description) ?? null,
    });
    return ok(labelJson(req.urls, repo, label), 201, {
      location: `${req.urls.api}/repos/${repo.full_name}/labels/${encodeURIComponent(label.name)}`,
    });
  },
  "issues/get-label": (req) => {
    const repo = repoOf(req);
    const label = findLabel(repo, req.params.name ?? "");
    if (!label) throw notFound();
    return ok(labelJson(req.urls, repo, label));
  },
  "issues/update-label": (req) => {
    const repo = repoOf(req);
    const body = obj(req.body);
    const patch: { new_name?: string; color?: string; description?: string | null } = {};
    if (typeof body.new_name === "string") patch.new_name = body.new_name;
    if (typeof body.color === "string") patch.color = body.color;
    if (body.description !== undefined) patch.description = str(body.description) ?? null;
    const label = updateLabel(req.ctx, repo, req.params.name ?? "", patch);
    return ok(labelJson(req.urls, repo, label));
  },
  "issues/delete-label": (req) => {
    deleteLabel(repoOf(req), req.params.name ?? "");
    return { status: 204 };
  },

  // ---- milestones
  "issues/list-milestones": (req) => {
    const repo = repoOf(req);
    const state = req.query.get("state") ?? "open";
    const dir = req.query.get("direction") === "desc" ? -1 : 1;
    const milestones = repo.milestones
      .filter((m) => state === "all" || m.state === state)
      .sort((a, b) =>
        (a.due_on ?? "9999") < (b.due_on ?? "9999")
          ? -dir
          : (a.due_on ?? "9999") > (b.due_on ?? "9999")
            ? dir
            : (a.number - b.number) * dir,
      );
    return list(req, milestones, (m) => milestoneJson(req.urls, req.ctx.state, repo, m));
  },
  "issues/create-milestone": (req) => {
    const repo = repoOf(req);
    const body = obj(req.body);
    const m = createMilestone(req.ctx, repo, {
      title: String(body.title ?? ""),
      state: body.state === "closed" ? "closed" : "open",
      description: str(body.description) ?? null,
      due_on: str(body.due_on) ?? null,
    });
    return ok(milestoneJson(req.urls, req.ctx.state, repo, m), 201);
  },
  "issues/get-milestone": (req) => {
    const repo = repoOf(req);
    const m = repo.milestones.find((x) => x.number === Number(req.params.milestone_number));
    if (!m) throw notFound();
    return ok(milestoneJson(req.urls, req.ctx.state, repo, m));
  },
  "issues/update-milestone": (req) => {
    const repo = repoOf(req);
    const body = obj(req.body);
    const patch: Parameters<typeof updateMilestone>[3] = {};
    if (typeof body.title === "string") patch.title = body.title;
    if (body.state === "open" || body.state === "closed") patch.state = body.state;
    if (body.description !== undefined) patch.description = str(body.description) ?? null;
    if (body.due_on !== undefined) patch.due_on = str(body.due_on) ?? null;
    const m = updateMilestone(req.ctx, repo, Number(req.params.milestone_number), patch);
    return ok(milestoneJson(req.urls, req.ctx.state, repo, m));
  },
  "issues/delete-milestone": (req) => {
    const repo = repoOf(req);
    const number = Number(req.params.milestone_number);
    if (!repo.milestones.some((m) => m.number === number)) throw notFound();
    repo.milestones = repo.milestones.filter((m) => m.number !== number);
    for (const issue of Object.values(repo.issues)) if (issue.milestone === number) issue.milestone = null;
    return { status: 204 };
  },

  // ---- reactions
  "reactions/create-for-issue-comment": (req) => {
    const repo = repoOf(req);
    return react(req, requireComment(repo, Number(req.params.comment_id)));
  },
  "reactions/create-for-issue": (req) => {
    const repo = repoOf(req);
    return react(req, issueOf(req, repo));
  },

  // ---- actions (workflows = .github/workflows/*.yml of the default branch; runs are seeded)
  "actions/get-workflow": (req) => {
    const repo = repoOf(req);
    const id = req.params.workflow_id ?? "";
    const wf = workflowsOf(repo).find((w) => String(w.id) === id || w.path.split("/").pop() === id);
    if (!wf) throw notFound();
    return ok(workflowJson(req.urls, repo, wf));
  },
  "actions/list-repo-workflows": (req) => {
    const repo = repoOf(req);
    const all = workflowsOf(repo);
    const page = paginate(req, all);
    return ok(
      { total_count: all.length, workflows: page.items.map((w) => workflowJson(req.urls, repo, w)) },
      200,
      page.headers,
    );
  },
  "actions/get-workflow-run": (req) => {
    const repo = repoOf(req);
    const run = repo.workflow_runs.find((r) => r.id === Number(req.params.run_id));
    if (!run) throw notFound();
    return ok(workflowRunJson(req.urls, req.ctx.state, repo, run));
  },

  // ---- checks
  "checks/create": (req) => {
    const repo = repoOf(req);
    const run = createCheckRun(req.ctx, repo, obj(req.body));
    return ok(checkRunJson(req.urls, req.ctx.state, repo, run), 201);
  },
  "checks/get": (req) => {
    const repo = repoOf(req);
    const run = repo.check_runs.find((r) => r.id === Number(req.params.check_run_id));
    if (!run) throw notFound();
    return ok(checkRunJson(req.urls, req.ctx.state, repo, run));
  },
  "checks/update": (req) => {
    const repo = repoOf(req);
    const run = updateCheckRun(req.ctx, repo, Number(req.params.check_run_id), obj(req.body));
    return ok(checkRunJson(req.urls, req.ctx.state, repo, run));
  },
  "checks/list-annotations": (req) => {
    const repo = repoOf(req);
    const run = repo.check_runs.find((r) => r.id === Number(req.params.check_run_id));
    if (!run) throw notFound();
    return list(req, run.output.annotations, (a) => annotationJson(req.urls, repo, run, a));
  },
  "checks/list-for-ref": checkRunsForRef,

  // ---- sub-issues (./sub-issues.ts); 404 everywhere while `state.sub_issues` is false
  "issues/list-sub-issues": (req) => {
    const repo = repoOf(req);
    const subs = subIssuesOf(req.ctx.state, issueOf(req, repo));
    return list(req, subs, (s) => issueJson(req.urls, req.ctx.state, s.repo, s.issue));
  },
  "issues/add-sub-issue": (req) => {
    const repo = repoOf(req);
    const sub = addSubIssue(req.ctx, repo, issueOf(req, repo), req.body);
    return ok(issueJson(req.urls, req.ctx.state, sub.repo, sub.issue), 201, {
      location: `${req.urls.api}/repos/${repo.full_name}/issues/${req.params.issue_number}/sub_issues`,
    });
  },
  "issues/remove-sub-issue": (req) => {
    const repo = repoOf(req);
    const sub = removeSubIssue(req.ctx, issueOf(req, repo), req.body);
    return ok(issueJson(req.urls, req.ctx.state, sub.repo, sub.issue));
  },
  "issues/reprioritize-sub-issue": (req) => {
    const repo = repoOf(req);
    const parent = issueOf(req, repo);
    reprioritizeSubIssue(req.ctx, parent, req.body);
    return ok(issueJson(req.urls, req.ctx.state, repo, parent));
  },
};

/** Operations whose POST creates user-visible content (counted for secondary rate limits). */
export function isContentCreating(method: string, opId: string): boolean {
  if (method !== "POST") return false;
  if (opId === "apps/create-installation-access-token") return false;
  const action = opId.split("/")[1] ?? "";
  return action.startsWith("create");
}
