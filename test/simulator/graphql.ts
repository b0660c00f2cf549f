/**
 * GraphQL endpoint: every document is parsed and validated against GitHub's public schema from
 * `@octokit/graphql-schema` (loaded once per process), then executed with graphql-js over the
 * simulator state. Resolvers are plain objects whose properties are named like the schema fields;
 * a field the simulator does not model raises a `SIMULATOR_UNIMPLEMENTED` error instead of
 * silently returning null.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  buildClientSchema,
  type DocumentNode,
  execute,
  GraphQLError,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  type IntrospectionQuery,
  Kind,
  type OperationDefinitionNode,
  parse,
  validate,
} from "graphql";
import {
  ApiError,
  addIssueLabels,
  closeIssue,
  createComment,
  createIssue,
  createLabel,
  isoNow,
  type ModelCtx,
  removeIssueLabel,
  reopenIssue,
  updateIssue,
  visibleTo,
} from "./model.js";
import { findPackageDir } from "./openapi.js";
import { issueProjectItems, ownerProjectFields, type ProjectDeps, projectMutations } from "./projects.js";
import { pullFiles, type Urls, userFor } from "./serialize.js";
import {
  ancestors,
  blobSha,
  findRepo,
  nodeId,
  parseNodeId,
  type SimComment,
  type SimEvent,
  type SimIssue,
  type SimLabel,
  type SimMilestone,
  type SimRepo,
  type SimState,
  type StateReason,
} from "./state.js";
import { transferIssue } from "./sub-issues.js";

let schemaCache: GraphQLSchema | null = null;

/** GitHub's public GraphQL schema (built once per process, ~50 ms). */
export function githubSchema(): GraphQLSchema {
  if (schemaCache) return schemaCache;
  const dir = findPackageDir("@octokit/graphql-schema");
  const introspection = JSON.parse(readFileSync(join(dir, "schema.json"), "utf8")) as IntrospectionQuery;
  // The published schema trips graphql-js 17's stricter schema rules (deprecation of interface
  // fields), which GitHub itself does not enforce: skip schema self-validation.
  schemaCache = buildClientSchema(introspection, { assumeValid: true });
  return schemaCache;
}

/** Error types that mean the client sent something GitHub would reject. */
const CLIENT_ERROR_TYPES = new Set([
  "MISSING_PAGINATION_BOUNDARIES",
  "EXCESSIVE_PAGINATION",
  "INVALID_CURSOR_ARGUMENTS",
  "ARGUMENT_LIMIT",
]);

type Json = Record<string, unknown>;
type Args = Record<string, unknown>;

interface G {
  state: SimState;
  urls: Urls;
  ctx: ModelCtx;
  unimplemented: Set<string>;
}

function gqlError(message: string, type: string): GraphQLError {
  return new GraphQLError(message, { extensions: { type } });
}

function cursor(index: number): string {
  return Buffer.from(`cursor:v2:${index}`).toString("base64");
}

function decodeCursor(value: unknown): number {
  const text = Buffer.from(String(value), "base64").toString("utf8");
  const m = /^cursor:v2:(\d+)$/.exec(text);
  if (!m)
    throw gqlError(`\`${String(value)}\` does not appear to be a valid cursor.`, "INVALID_CURSOR_ARGUMENTS");
  return Number(m[1]);
}

function num(v: unknown): number | undefined {
  return typeof v === "number" ? v : undefined;
}

function connection<T>(
  name: string,
  items: T[],
  args: Args,
  toNode: (item: T) => unknown,
  extra: Json = {},
): Json {
  const first = num(args.first);
  const last = num(args.last);
  if (first === undefined && last === undefined) {
    throw gqlError(
      `You must provide a \`first\` or \`last\` value to properly paginate the \`${name}\` connection.`,
      "MISSING_PAGINATION_BOUNDARIES",
    );
  }
  for (const [arg, value] of [
    ["first", first],
    ["last", last],
  ] as const) {
    if (value !== undefined && (value < 0 || value > 100)) {
      throw gqlError(
        `Requesting ${value} records on the \`${name}\` connection exceeds the \`${arg}\` limit of 100 records.`,
        "EXCESSIVE_PAGINATION",
      );
    }
  }
  let start = 0;
  let end = items.length;
  if (args.after !== undefined && args.after !== null)
    start = Math.min(decodeCursor(args.after) + 1, items.length);
  if (args.before !== undefined && args.before !== null)
    end = Math.max(Math.min(decodeCursor(args.before), items.length), start);
  const filteredCount = end - start;
  const skip = num(args.skip) ?? 0;
  start = Math.min(start + skip, end);
  if (first !== undefined) end = Math.min(end, start + first);
  if (last !== undefined) start = Math.max(start, end - last);
  const slice = items.slice(start, end);
  const nodes = slice.map(toNode);
  return {
    totalCount: items.length,
    filteredCount,
    pageCount: nodes.length,
    nodes,
    edges: nodes.map((node, i) => ({ node, cursor: cursor(start + i) })),
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: nodes.length > 0 ? cursor(start) : null,
      endCursor: nodes.length > 0 ? cursor(end - 1) : null,
    },
    ...extra,
  };
}

// ---------------------------------------------------------------- nodes

function actorNode(g: G, login: string | null | undefined): Json | null {
  if (!login) return null;
  const user = userFor(g.state, login);
  const isBot = user.type === "Bot";
  const typename = isBot ? "Bot" : user.type === "Organization" ? "Organization" : "User";
  // GraphQL reports bots without the "[bot]" suffix that REST uses ("my-app" vs "my-app[bot]").
  const shown = isBot ? user.login.replace(/\[bot\]$/, "") : user.login;
  const url = isBot ? `${g.urls.html}/apps/${shown}` : `${g.urls.html}/${user.login}`;
  return {
    __typename: typename,
    id: nodeId(typename, user.id),
    databaseId: user.id,
    login: shown,
    name: user.name,
    email: user.email ?? "",
    url,
    resourcePath: new URL(url).pathname,
    avatarUrl: () => `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
    createdAt: user.created_at,
    updatedAt: user.created_at,
  };
}

function labelNode(g: G, repo: SimRepo, label: SimLabel): Json {
  return {
    __typename: "Label",
    id: label.node_id,
    name: label.name,
    color: label.color,
    description: label.description,
    isDefault: label.default,
    url: `${g.urls.html}/${repo.full_name}/labels/${encodeURIComponent(label.name)}`,
    resourcePath: `/${repo.full_name}/labels/${encodeURIComponent(label.name)}`,
    createdAt: repo.created_at,
    updatedAt: repo.created_at,
    repository: () => repoNode(g, repo),
  };
}

function milestoneNode(g: G, repo: SimRepo, m: SimMilestone): Json {
  const issues = Object.values(repo.issues).filter((i) => i.milestone === m.number);
  const closed = issues.filter((i) => i.state === "closed").length;
  return {
    __typename: "Milestone",
    id: m.node_id,
    number: m.number,
    title: m.title,
    description: m.description,
    state: m.state === "open" ? "OPEN" : "CLOSED",
    closed: m.state === "closed",
    dueOn: m.due_on,
    closedAt: m.closed_at,
    createdAt: m.created_at,
    updatedAt: m.updated_at,
    creator: () => actorNode(g, m.creator),
    progressPercentage: issues.length === 0 ? 0 : (closed / issues.length) * 100,
    url: `${g.urls.html}/${repo.full_name}/milestone/${m.number}`,
    resourcePath: `/${repo.full_name}/milestone/${m.number}`,
    repository: () => repoNode(g, repo),
    issues: (args: Args) =>
      connection(
        "issues",
        filterIssues(repo, args, false).filter((i) => i.milestone === m.number),
        args,
        (i) => issueNode(g, repo, i),
      ),
  };
}

function commentNode(g: G, repo: SimRepo, c: SimComment): Json {
  const issue = repo.issues[String(c.issue_number)];
  return {
    __typename: "IssueComment",
    id: c.node_id,
    databaseId: c.id,
    fullDatabaseId: String(c.id),
    body: c.body,
    bodyText: c.body,
    bodyHTML: c.body,
    author: () => actorNode(g, c.user),
    createdAt: c.created_at,
    updatedAt: c.updated_at,
    lastEditedAt: c.updated_at === c.created_at ? null : c.updated_at,
    publishedAt: c.created_at,
    includesCreatedEdit: false,
    isMinimized: false,
    minimizedReason: null,
    viewerDidAuthor: c.user.toLowerCase() === g.ctx.actor.toLowerCase(),
    url: `${g.urls.html}/${repo.full_name}/${issue?.pull ? "pull" : "issues"}/${c.issue_number}#issuecomment-${c.id}`,
    issue: () => (issue ? issueNode(g, repo, issue) : null),
    repository: () => repoNode(g, repo),
  };
}

function subjectNode(g: G, ref: { repo: string; number: number } | undefined): Json | null {
  if (!ref) return null;
  const repo = g.state.repos[ref.repo.toLowerCase()];
  const issue = repo?.issues[String(ref.number)];
  return repo && issue ? issueNode(g, repo, issue) : null;
}

const EVENT_TYPES: Record<string, string> = {
  "cross-referenced": "CROSS_REFERENCED_EVENT",
  connected: "CONNECTED_EVENT",
  closed: "CLOSED_EVENT",
  reopened: "REOPENED_EVENT",
  labeled: "LABELED_EVENT",
  unlabeled: "UNLABELED_EVENT",
  assigned: "ASSIGNED_EVENT",
  unassigned: "UNASSIGNED_EVENT",
  milestoned: "MILESTONED_EVENT",
  demilestoned: "DEMILESTONED_EVENT",
  renamed: "RENAMED_TITLE_EVENT",
  merged: "MERGED_EVENT",
};

function eventNode(g: G, repo: SimRepo, issue: SimIssue, e: SimEvent): Json {
  const base = {
    id: e.node_id,
    databaseId: e.id,
    actor: () => actorNode(g, e.actor),
    createdAt: e.created_at,
    url: `${g.urls.html}/${repo.full_name}/issues/${issue.number}#event-${e.id}`,
    resourcePath: `/${repo.full_name}/issues/${issue.number}#event-${e.id}`,
  };
  const self = () => issueNode(g, repo, issue);
  switch (e.event) {
    case "cross-referenced":
      return {
        ...base,
        __typename: "CrossReferencedEvent",
        referencedAt: e.created_at,
        isCrossRepository: e.source?.repo.toLowerCase() !== repo.full_name.toLowerCase(),
        willCloseTarget: Boolean(e.will_close),
        source: () => subjectNode(g, e.source),
        target: self,
      };
    case "connected":
      return {
        ...base,
        __typename: "ConnectedEvent",
        isCrossRepository: e.source?.repo.toLowerCase() !== repo.full_name.toLowerCase(),
        // On the issue's timeline both point at the linked pull request (the simulator models
        // links made from the PR side; GitHub's `source` is whichever side made the link).
        source: () => subjectNode(g, e.source),
        subject: () => subjectNode(g, e.source),
      };
    case "closed":
      return {
        ...base,
        __typename: "ClosedEvent",
        closable: self,
        stateReason: e.state_reason ? e.state_reason.toUpperCase() : null,
        closer: () => {
          if (!e.closer) return null;
          if (e.closer.type === "pull") return subjectNode(g, e.closer);
          return commitNode(g, repo, e.closer.sha);
        },
      };
    case "reopened":
      return {
        ...base,
        __typename: "ReopenedEvent",
        closable: self,
        stateReason: e.state_reason ? e.state_reason.toUpperCase() : null,
      };
    case "labeled":
    case "unlabeled": {
      const label = repo.labels.find((l) => l.name === e.label?.name);
      return {
        ...base,
        __typename: e.event === "labeled" ? "LabeledEvent" : "UnlabeledEvent",
        labelable: self,
        label: label
          ? labelNode(g, repo, label)
          : {
              __typename: "Label",
              id: "LA_deleted",
              name: e.label?.name ?? "",
              color: e.label?.color ?? "ededed",
              description: null,
              isDefault: false,
            },
      };
    }
    case "assigned":
    case "unassigned":
      return {
        ...base,
        __typename: e.event === "assigned" ? "AssignedEvent" : "UnassignedEvent",
        assignable: self,
        assignee: () => actorNode(g, e.assignee),
      };
    case "milestoned":
    case "demilestoned":
      return {
        ...base,
        __typename: e.event === "milestoned" ? "MilestonedEvent" : "DemilestonedEvent",
        milestoneTitle: e.milestone?.title ?? "",
        subject: self,
      };
    case "renamed":
      return {
        ...base,
        __typename: "RenamedTitleEvent",
        previousTitle: e.rename?.from ?? "",
        currentTitle: e.rename?.to ?? "",
        subject: self,
      };
    case "merged":
      return {
        ...base,
        __typename: "MergedEvent",
        pullRequest: self,
        commit: () => (e.commit_id ? commitNode(g, repo, e.commit_id) : null),
        mergeRefName: issue.pull?.base.ref ?? "",
      };
    default:
      return { ...base, __typename: "Unknown" };
  }
}

function timelineItems(g: G, repo: SimRepo, issue: SimIssue, args: Args): Json {
  const types = Array.isArray(args.itemTypes) ? new Set(args.itemTypes as string[]) : null;
  const since = typeof args.since === "string" ? args.since : null;
  const items: Array<{ at: string; id: number; node: () => Json }> = [];
  for (const e of repo.events) {
    if (e.issue_number !== issue.number) continue;
    const type = EVENT_TYPES[e.event];
    if (!type || (types && !types.has(type))) continue;
    if (e.event === "merged" && !issue.pull) continue;
    items.push({ at: e.created_at, id: e.id, node: () => eventNode(g, repo, issue, e) });
  }
  if (!types || types.has("ISSUE_COMMENT")) {
    for (const c of repo.comments) {
      if (c.issue_number === issue.number)
        items.push({ at: c.created_at, id: c.id, node: () => commentNode(g, repo, c) });
    }
  }
  const sorted = items
    .filter((i) => !since || i.at >= since.replace(/\.\d{3}Z$/, "Z"))
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id - b.id));
  const updatedAt =
    sorted.length > 0 ? (sorted[sorted.length - 1]?.at ?? issue.updated_at) : issue.updated_at;
  return connection("timelineItems", sorted, args, (i) => i.node(), { updatedAt });
}

function sortByOrder(items: SimIssue[], repo: SimRepo, orderBy: unknown): SimIssue[] {
  const o = (orderBy ?? {}) as { field?: string; direction?: string };
  const dir = o.direction === "DESC" ? -1 : 1;
  const value = (i: SimIssue): string | number =>
    o.field === "UPDATED_AT"
      ? i.updated_at
      : o.field === "COMMENTS"
        ? repo.comments.filter((c) => c.issue_number === i.number).length
        : i.created_at;
  return [...items].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    return va < vb ? -dir : va > vb ? dir : (a.number - b.number) * dir;
  });
}

function filterIssues(repo: SimRepo, args: Args, pulls: boolean): SimIssue[] {
  let items = Object.values(repo.issues).filter((i) => Boolean(i.pull) === pulls);
  const filterBy = (args.filterBy ?? {}) as Args;
  const states = (args.states ?? filterBy.states) as string[] | undefined | null;
  if (states && states.length > 0) {
    items = items.filter((i) => states.includes(i.pull?.merged ? "MERGED" : i.state.toUpperCase()));
  }
  // GraphQL label filters match issues carrying ANY of the labels (REST `labels=` needs ALL).
  const labels = (args.labels ?? filterBy.labels) as string[] | undefined | null;
  if (labels && labels.length > 0) {
    const wanted = labels.map((l) => l.toLowerCase());
    items = items.filter((i) => i.labels.some((l) => wanted.includes(l.toLowerCase())));
  }
  if (typeof filterBy.assignee === "string") {
    const a = filterBy.assignee.toLowerCase();
    items = items.filter((i) =>
      a === "*" ? i.assignees.length > 0 : i.assignees.some((x) => x.toLowerCase() === a),
    );
  } else if (filterBy.assignee === null && "assignee" in filterBy) {
    items = items.filter((i) => i.assignees.length === 0);
  }
  if (typeof filterBy.createdBy === "string") {
    const c = filterBy.createdBy.toLowerCase();
    items = items.filter((i) => i.user.toLowerCase() === c);
  }
  if (typeof filterBy.milestoneNumber === "string") {
    const m = filterBy.milestoneNumber;
    items = items.filter((i) =>
      m === "*" ? i.milestone !== null : m === "none" ? i.milestone === null : String(i.milestone) === m,
    );
  }
  if (typeof filterBy.since === "string") {
    const since = filterBy.since.replace(/\.\d{3}Z$/, "Z");
    items = items.filter((i) => i.updated_at >= since);
  }
  if (typeof args.baseRefName === "string")
    items = items.filter((i) => i.pull?.base.ref === args.baseRefName);
  if (typeof args.headRefName === "string")
    items = items.filter((i) => i.pull?.head.ref === args.headRefName);
  return sortByOrder(items, repo, args.orderBy);
}

function issueNode(g: G, repo: SimRepo, issue: SimIssue): Json {
  const kind = issue.pull ? "pull" : "issues";
  const url = `${g.urls.html}/${repo.full_name}/${kind}/${issue.number}`;
  const labels = () =>
    issue.labels.flatMap((n) => {
      const l = repo.labels.find((x) => x.name === n);
      return l ? [l] : [];
    });
  const comments = () => repo.comments.filter((c) => c.issue_number === issue.number);
  const node: Json = {
    __typename: issue.pull ? "PullRequest" : "Issue",
    id: issue.node_id,
    databaseId: issue.id,
    fullDatabaseId: String(issue.id),
    number: issue.number,
    title: issue.title,
    body: issue.body ?? "",
    bodyText: issue.body ?? "",
    bodyHTML: issue.body ?? "",
    state: issue.pull?.merged ? "MERGED" : issue.state.toUpperCase(),
    stateReason: issue.state_reason ? issue.state_reason.toUpperCase() : null,
    closed: issue.state === "closed",
    closedAt: issue.closed_at,
    createdAt: issue.created_at,
    updatedAt: issue.updated_at,
    publishedAt: issue.created_at,
    lastEditedAt: null,
    locked: issue.locked,
    activeLockReason: null,
    url,
    resourcePath: new URL(url).pathname,
    author: () => actorNode(g, issue.user),
    authorAssociation:
      issue.user.toLowerCase() === repo.owner.toLowerCase()
        ? "OWNER"
        : repo.collaborators[issue.user.toLowerCase()]
          ? "COLLABORATOR"
          : "NONE",
    repository: () => repoNode(g, repo),
    labels: (args: Args) => connection("labels", labels(), args, (l) => labelNode(g, repo, l)),
    assignees: (args: Args) =>
      connection("assignees", issue.assignees, args, (login) => ({
        ...actorNode(g, login),
        __typename: "User",
      })),
    milestone: () => {
      const m = repo.milestones.find((x) => x.number === issue.milestone);
      return m ? milestoneNode(g, repo, m) : null;
    },
    comments: (args: Args) => connection("comments", comments(), args, (c) => commentNode(g, repo, c)),
    timelineItems: (args: Args) => timelineItems(g, repo, issue, args),
    participants: (args: Args) =>
      connection(
        "participants",
        [...new Set([issue.user, ...comments().map((c) => c.user)])],
        args,
        (login) => ({ ...actorNode(g, login), __typename: "User" }),
      ),
    viewerCanUpdate: true,
    viewerDidAuthor: issue.user.toLowerCase() === g.ctx.actor.toLowerCase(),
    projectItems: (args: Args) => issueProjectItems(projectDeps(g), issue, args),
    closedByPullRequestsReferences: (args: Args) => {
      const prs: Array<{ repo: SimRepo; issue: SimIssue }> = [];
      for (const r of Object.values(g.state.repos)) {
        for (const pr of Object.values(r.issues)) {
          if (
            !pr.pull?.closing_issues.some(
              (c) => c.repo.toLowerCase() === repo.full_name.toLowerCase() && c.number === issue.number,
            )
          )
            continue;
          if (!args.includeClosedPrs && pr.state === "closed") continue;
          prs.push({ repo: r, issue: pr });
        }
      }
      return connection("closedByPullRequestsReferences", prs, args, (p) => issueNode(g, p.repo, p.issue));
    },
  };
  const pull = issue.pull;
  if (!pull) return node;
  const files = () => pullFiles(repo, issue);
  return {
    ...node,
    isDraft: pull.draft,
    merged: pull.merged,
    mergedAt: pull.merged_at,
    mergedBy: () => actorNode(g, pull.merged_by),
    mergeable: issue.state === "open" ? "MERGEABLE" : "UNKNOWN",
    headRefName: pull.head.ref,
    headRefOid: pull.head.sha,
    baseRefName: pull.base.ref,
    baseRefOid: pull.base.sha,
    headRef: () => (repo.branches[pull.head.ref] ? refNode(g, repo, pull.head.ref) : null),
    baseRef: () => (repo.branches[pull.base.ref] ? refNode(g, repo, pull.base.ref) : null),
    headRepository: () => repoNode(g, repo),
    baseRepository: () => repoNode(g, repo),
    mergeCommit: () => (pull.merge_commit_sha ? commitNode(g, repo, pull.merge_commit_sha) : null),
    changedFiles: files().length,
    additions: files().reduce((n, f) => n + f.additions, 0),
    deletions: files().reduce((n, f) => n + f.deletions, 0),
    files: (args: Args) =>
      connection("files", files(), args, (f) => ({
        __typename: "PullRequestChangedFile",
        path: f.filename,
        additions: f.additions,
        deletions: f.deletions,
        changeType: { added: "ADDED", removed: "DELETED", modified: "MODIFIED", renamed: "RENAMED" }[
          f.status
        ],
        viewerViewedState: "UNVIEWED",
      })),
    commits: (args: Args) =>
      connection("commits", pull.commits, args, (sha) => ({
        __typename: "PullRequestCommit",
        id: `PRC_${sha}`,
        url: `${g.urls.html}/${repo.full_name}/pull/${issue.number}/commits/${sha}`,
        commit: commitNode(g, repo, sha),
      })),
    closingIssuesReferences: (args: Args) =>
      connection(
        "closingIssuesReferences",
        pull.closing_issues.flatMap((c) => {
          const r = g.state.repos[c.repo.toLowerCase()];
          const i = r?.issues[String(c.number)];
          return r && i ? [{ r, i }] : [];
        }),
        args,
        (x) => issueNode(g, x.r, x.i),
      ),
    permalink: url,
  };
}

function commitNode(g: G, repo: SimRepo, sha: string): Json | null {
  const c = repo.commits[sha];
  if (!c) return null;
  const [headline, ...rest] = c.message.split("\n");
  return {
    __typename: "Commit",
    id: `C_kwSIM${sha}`,
    oid: sha,
    abbreviatedOid: sha.slice(0, 7),
    message: c.message,
    messageHeadline: headline ?? "",
    messageBody: rest.join("\n").trim(),
    committedDate: c.author.date,
    authoredDate: c.author.date,
    pushedDate: c.author.date,
    url: `${g.urls.html}/${repo.full_name}/commit/${sha}`,
    commitUrl: `${g.urls.html}/${repo.full_name}/commit/${sha}`,
    resourcePath: `/${repo.full_name}/commit/${sha}`,
    repository: () => repoNode(g, repo),
    associatedPullRequests: (args: Args) =>
      connection(
        "associatedPullRequests",
        Object.values(repo.issues).filter(
          (i) => i.pull && (i.pull.merge_commit_sha === sha || i.pull.commits.includes(sha)),
        ),
        args,
        (i) => issueNode(g, repo, i),
      ),
    history: (args: Args) => connection("history", ancestors(repo, sha), args, (s) => commitNode(g, repo, s)),
    file: (args: Args) => treeEntry(g, repo, sha, String(args.path ?? "")),
    checkSuites: (args: Args) => {
      const filter = (args.filterBy ?? {}) as { appId?: number; checkName?: string };
      const runs = repo.check_runs.filter(
        (r) => r.head_sha === sha && (!filter.checkName || r.name === filter.checkName),
      );
      const suites = [...new Set(runs.map((r) => r.check_suite_id))].filter(
        (id) =>
          filter.appId === undefined ||
          (filter.appId === g.state.app.id &&
            runs.find((r) => r.check_suite_id === id)?.app_slug === g.state.app.slug),
      );
      return connection("checkSuites", suites, args, (id) => checkSuiteNode(g, repo, sha, id));
    },
  };
}

/** A check suite of the simulated app on a commit: its runs, as `checks/list-for-ref` has them. */
function checkSuiteNode(g: G, repo: SimRepo, sha: string, suiteId: number): Json {
  const runs = () => repo.check_runs.filter((r) => r.head_sha === sha && r.check_suite_id === suiteId);
  // A suite belongs to one app: the simulated app, or another one a test seeded runs for.
  const slug = runs()[0]?.app_slug ?? g.state.app.slug;
  const app = slug === g.state.app.slug ? g.state.app : { id: 999_999, slug, name: slug };
  return {
    __typename: "CheckSuite",
    id: nodeId("CheckSuite", suiteId),
    databaseId: suiteId,
    app: {
      __typename: "App",
      id: nodeId("App", app.id),
      databaseId: app.id,
      slug: app.slug,
      name: app.name,
    },
    status: runs().every((r) => r.status === "completed") ? "COMPLETED" : "IN_PROGRESS",
    commit: () => commitNode(g, repo, sha),
    repository: () => repoNode(g, repo),
    checkRuns: (args: Args) => {
      const filter = (args.filterBy ?? {}) as { checkName?: string };
      const list = runs()
        .filter((r) => !filter.checkName || r.name === filter.checkName)
        .sort((a, b) => b.id - a.id);
      return connection("checkRuns", list, args, (r) => ({
        __typename: "CheckRun",
        id: r.node_id,
        databaseId: r.id,
        name: r.name,
        status: r.status.toUpperCase(),
        conclusion: r.conclusion ? r.conclusion.toUpperCase() : null,
        externalId: r.external_id,
        title: r.output.title,
        summary: r.output.summary,
        text: r.output.text,
        startedAt: r.started_at,
        completedAt: r.completed_at,
        detailsUrl: r.details_url,
        url: `${g.urls.html}/${repo.full_name}/runs/${r.id}`,
        annotations: (a: Args) => connection("annotations", r.output.annotations, a, () => null),
      }));
    },
  };
}

function treeEntry(g: G, repo: SimRepo, sha: string, path: string): Json | null {
  const obj = objectAt(g, repo, sha, path);
  if (!obj) return null;
  return {
    __typename: "TreeEntry",
    name: path.split("/").pop() ?? path,
    path,
    type: obj.__typename === "Blob" ? "blob" : "tree",
    mode: obj.__typename === "Blob" ? 33188 : 16384,
    oid: obj.oid,
    object: obj,
    extension: path.includes(".") ? `.${path.split(".").pop()}` : null,
    isGenerated: false,
  };
}

function objectAt(g: G, repo: SimRepo, sha: string, path: string): Json | null {
  const tree = repo.commits[sha]?.tree ?? {};
  const clean = path.replace(/^\/+|\/+$/g, "");
  const content = tree[clean];
  if (content !== undefined) {
    const oid = blobSha(content);
    return {
      __typename: "Blob",
      id: `B_kwSIM${oid}`,
      oid,
      abbreviatedOid: oid.slice(0, 7),
      text: content,
      byteSize: Buffer.byteLength(content),
      isBinary: false,
      isTruncated: false,
      commitUrl: `${g.urls.html}/${repo.full_name}/commit/${sha}`,
      commitResourcePath: `/${repo.full_name}/commit/${sha}`,
      repository: () => repoNode(g, repo),
    };
  }
  const prefix = clean === "" ? "" : `${clean}/`;
  const names = new Set<string>();
  for (const file of Object.keys(tree))
    if (file.startsWith(prefix)) names.add(file.slice(prefix.length).split("/")[0] ?? "");
  names.delete("");
  if (names.size === 0) return null;
  const oid = blobSha(`tree:${clean}`);
  return {
    __typename: "Tree",
    id: `T_kwSIM${oid}`,
    oid,
    abbreviatedOid: oid.slice(0, 7),
    commitUrl: `${g.urls.html}/${repo.full_name}/commit/${sha}`,
    commitResourcePath: `/${repo.full_name}/commit/${sha}`,
    repository: () => repoNode(g, repo),
    entries: () => [...names].sort().map((n) => treeEntry(g, repo, sha, prefix + n)),
  };
}

function refNode(g: G, repo: SimRepo, name: string): Json | null {
  const branch = name.replace(/^refs\/heads\//, "");
  const sha = repo.branches[branch];
  if (!sha) return null;
  return {
    __typename: "Ref",
    id: `REF_kwSIM${Buffer.from(`${repo.full_name}:${branch}`).toString("base64url")}`,
    name: branch,
    prefix: "refs/heads/",
    target: () => commitNode(g, repo, sha),
    repository: () => repoNode(g, repo),
  };
}

function repoNode(g: G, repo: SimRepo): Json {
  const byNumber = (n: unknown) => repo.issues[String(n)];
  return {
    __typename: "Repository",
    id: repo.node_id,
    databaseId: repo.id,
    name: repo.name,
    nameWithOwner: repo.full_name,
    description: repo.description,
    owner: () => actorNode(g, repo.owner),
    url: `${g.urls.html}/${repo.full_name}`,
    resourcePath: `/${repo.full_name}`,
    isPrivate: repo.private,
    isArchived: repo.archived,
    isFork: false,
    isTemplate: false,
    visibility: repo.private ? "PRIVATE" : "PUBLIC",
    createdAt: repo.created_at,
    updatedAt: repo.updated_at,
    pushedAt: repo.pushed_at,
    hasIssuesEnabled: true,
    viewerPermission: () => {
      const p = repo.collaborators[g.ctx.actor.toLowerCase()];
      return p ? p.toUpperCase() : g.ctx.actor.endsWith("[bot]") ? "WRITE" : null;
    },
    defaultBranchRef: () => refNode(g, repo, repo.default_branch),
    ref: (args: Args) => refNode(g, repo, String(args.qualifiedName ?? "")),
    object: (args: Args) => {
      const expression = typeof args.expression === "string" ? args.expression : null;
      if (typeof args.oid === "string") return commitNode(g, repo, args.oid);
      if (!expression) return null;
      const idx = expression.indexOf(":");
      const rev = idx === -1 ? expression : expression.slice(0, idx);
      const sha =
        rev === "HEAD" || rev === ""
          ? repo.branches[repo.default_branch]
          : (repo.branches[rev] ?? repo.tags[rev] ?? (repo.commits[rev] ? rev : undefined));
      if (!sha) return null;
      return idx === -1 ? commitNode(g, repo, sha) : objectAt(g, repo, sha, expression.slice(idx + 1));
    },
    issues: (args: Args) =>
      connection("issues", filterIssues(repo, args, false), args, (i) => issueNode(g, repo, i)),
    pullRequests: (args: Args) =>
      connection("pullRequests", filterIssues(repo, args, true), args, (i) => issueNode(g, repo, i)),
    // Like GitHub, a missing number is a NOT_FOUND error (with `data.repository.issue: null`).
    issue: (args: Args) => {
      const i = byNumber(args.number);
      if (!i || i.pull)
        throw gqlError(
          `Could not resolve to an Issue with the number of ${String(args.number)}.`,
          "NOT_FOUND",
        );
      return issueNode(g, repo, i);
    },
    pullRequest: (args: Args) => {
      const i = byNumber(args.number);
      if (!i?.pull)
        throw gqlError(
          `Could not resolve to a PullRequest with the number of ${String(args.number)}.`,
          "NOT_FOUND",
        );
      return issueNode(g, repo, i);
    },
    issueOrPullRequest: (args: Args) => {
      const i = byNumber(args.number);
      if (!i)
        throw gqlError(
          `Could not resolve to an issue or pull request with the number of ${String(args.number)}.`,
          "NOT_FOUND",
        );
      return issueNode(g, repo, i);
    },
    labels: (args: Args) => {
      const q = typeof args.query === "string" ? args.query.toLowerCase() : null;
      const labels = repo.labels.filter((l) => !q || l.name.toLowerCase().includes(q));
      return connection("labels", labels, args, (l) => labelNode(g, repo, l));
    },
    label: (args: Args) => {
      const l = repo.labels.find((x) => x.name.toLowerCase() === String(args.name).toLowerCase());
      return l ? labelNode(g, repo, l) : null;
    },
    milestones: (args: Args) => {
      const states = args.states as string[] | undefined;
      const ms = repo.milestones.filter((m) => !states || states.includes(m.state.toUpperCase()));
      return connection("milestones", ms, args, (m) => milestoneNode(g, repo, m));
    },
    milestone: (args: Args) => {
      const m = repo.milestones.find((x) => x.number === args.number);
      return m ? milestoneNode(g, repo, m) : null;
    },
    assignableUsers: (args: Args) => {
      const logins = [repo.owner, ...Object.keys(repo.collaborators)];
      return connection("assignableUsers", [...new Set(logins)], args, (l) => ({
        ...actorNode(g, l),
        __typename: "User",
      }));
    },
  };
}

// ---------------------------------------------------------------- node lookup & mutations

function findByNodeId(
  g: G,
  id: unknown,
): {
  kind: string;
  repo: SimRepo;
  issue?: SimIssue;
  label?: SimLabel;
  milestone?: SimMilestone;
  comment?: SimComment;
} | null {
  const parsed = typeof id === "string" ? parseNodeId(id) : null;
  if (!parsed) return null;
  for (const repo of Object.values(g.state.repos)) {
    if (parsed.type === "Repository" && repo.id === parsed.id) return { kind: "Repository", repo };
    if (parsed.type === "Issue" || parsed.type === "PullRequest") {
      const issue = Object.values(repo.issues).find((i) => i.id === parsed.id);
      if (issue) return { kind: parsed.type, repo, issue };
    }
    if (parsed.type === "Label") {
      const label = repo.labels.find((l) => l.id === parsed.id);
      if (label) return { kind: "Label", repo, label };
    }
    if (parsed.type === "Milestone") {
      const milestone = repo.milestones.find((m) => m.id === parsed.id);
      if (milestone) return { kind: "Milestone", repo, milestone };
    }
    if (parsed.type === "IssueComment") {
      const comment = repo.comments.find((c) => c.id === parsed.id);
      if (comment) return { kind: "IssueComment", repo, comment };
    }
  }
  return null;
}

function nodeFor(g: G, id: unknown): Json | null {
  const found = findByNodeId(g, id);
  if (!found) return null;
  if (found.issue) return issueNode(g, found.repo, found.issue);
  if (found.label) return labelNode(g, found.repo, found.label);
  if (found.milestone) return milestoneNode(g, found.repo, found.milestone);
  if (found.comment) return commentNode(g, found.repo, found.comment);
  return repoNode(g, found.repo);
}

function requireIssueNode(g: G, id: unknown): { repo: SimRepo; issue: SimIssue } {
  const found = findByNodeId(g, id);
  if (!found?.issue)
    throw gqlError(`Could not resolve to a node with the global id of '${String(id)}'`, "NOT_FOUND");
  return { repo: found.repo, issue: found.issue };
}

function requireRepositoryNode(g: G, id: unknown): SimRepo {
  const found = findByNodeId(g, id);
  if (found?.kind !== "Repository" || !visibleTo(g.ctx, found.repo))
    throw gqlError(`Could not resolve to a node with the global id of '${String(id)}'`, "NOT_FOUND");
  return found.repo;
}

function labelNamesFromIds(g: G, repo: SimRepo, ids: unknown): string[] {
  if (!Array.isArray(ids)) return [];
  return ids.map((id) => {
    const found = findByNodeId(g, id);
    if (!found?.label || found.repo !== repo)
      throw gqlError(`Could not resolve to a node with the global id of '${String(id)}'`, "NOT_FOUND");
    return found.label.name;
  });
}

function loginsFromIds(g: G, ids: unknown): string[] {
  if (!Array.isArray(ids)) return [];
  return ids.map((id) => {
    const parsed = typeof id === "string" ? parseNodeId(id) : null;
    const user = parsed ? Object.values(g.state.users).find((u) => u.id === parsed.id) : undefined;
    if (!user)
      throw gqlError(`Could not resolve to a node with the global id of '${String(id)}'`, "NOT_FOUND");
    return user.login;
  });
}

/** What the Projects (v2) resolvers (./projects.ts) need from this module. */
function projectDeps(g: G): ProjectDeps {
  return {
    ctx: g.ctx,
    html: g.urls.html,
    connection: (name, items, args, toNode) => connection(name, items, args, toNode),
    error: gqlError,
    issueNode: (repo, issue) => issueNode(g, repo, issue),
    actorNode: (login) => actorNode(g, login),
  };
}

function input(args: Args): Args {
  return (args.input ?? {}) as Args;
}

function rootValue(g: G): Json {
  return {
    // ---- queries
    repository: (args: Args) => {
      const repo = findRepo(g.state, String(args.owner), String(args.name));
      if (!repo || !visibleTo(g.ctx, repo))
        throw gqlError(
          `Could not resolve to a Repository with the name '${String(args.owner)}/${String(args.name)}'.`,
          "NOT_FOUND",
        );
      return repoNode(g, repo);
    },
    viewer: () => ({ ...actorNode(g, g.ctx.actor), __typename: "User", login: g.ctx.actor }),
    user: (args: Args) => {
      const u = g.state.users[String(args.login).toLowerCase()];
      if (u?.type !== "User")
        throw gqlError(`Could not resolve to a User with the login of '${String(args.login)}'.`, "NOT_FOUND");
      return { ...actorNode(g, u.login), ...ownerProjectFields(projectDeps(g), u.login) };
    },
    organization: (args: Args) => {
      const u = g.state.users[String(args.login).toLowerCase()];
      if (u?.type !== "Organization")
        throw gqlError(
          `Could not resolve to an Organization with the login of '${String(args.login)}'.`,
          "NOT_FOUND",
        );
      return { ...actorNode(g, u.login), ...ownerProjectFields(projectDeps(g), u.login) };
    },
    // Like GitHub: null (no error) for a login that is neither a user nor an organisation.
    repositoryOwner: (args: Args) => {
      const u = g.state.users[String(args.login).toLowerCase()];
      if (u?.type !== "User" && u?.type !== "Organization") return null;
      return { ...actorNode(g, u.login), ...ownerProjectFields(projectDeps(g), u.login) };
    },
    node: (args: Args) => nodeFor(g, args.id),
    nodes: (args: Args) => (Array.isArray(args.ids) ? args.ids.map((id) => nodeFor(g, id)) : []),
    rateLimit: () => {
      const rl = g.state.rate_limit;
      return {
        cost: 1,
        limit: 5000,
        nodeCount: 1,
        remaining: 5000 - rl.graphql_used,
        used: rl.graphql_used,
        resetAt: new Date(rl.reset * 1000).toISOString(),
      };
    },
    // ---- mutations
    ...projectMutations(projectDeps(g)),
    transferIssue: (args: Args) => {
      const i = input(args);
      const { repo, issue } = requireIssueNode(g, i.issueId);
      const to = requireRepositoryNode(g, i.repositoryId);
      transferIssue(g.ctx, repo, issue, to, i.createLabelsIfMissing === true, (r, name) => {
        createLabel(g.ctx, r, {
          name,
          color: repo.labels.find((l) => l.name === name)?.color ?? "ededed",
          description: null,
        });
      });
      return { clientMutationId: i.clientMutationId ?? null, issue: issueNode(g, to, issue) };
    },
    addComment: (args: Args) => {
      const { subjectId, body, clientMutationId } = input(args);
      const { repo, issue } = requireIssueNode(g, subjectId);
      const c = createComment(g.ctx, repo, issue, String(body));
      const node = commentNode(g, repo, c);
      return {
        clientMutationId: clientMutationId ?? null,
        commentEdge: { node, cursor: cursor(0) },
        subject: issueNode(g, repo, issue),
        timelineEdge: { node, cursor: cursor(0) },
      };
    },
    closeIssue: (args: Args) => {
      const { issueId, stateReason, clientMutationId } = input(args);
      const { repo, issue } = requireIssueNode(g, issueId);
      closeIssue(
        g.ctx,
        repo,
        issue,
        typeof stateReason === "string" ? (stateReason.toLowerCase() as StateReason) : "completed",
      );
      return { clientMutationId: clientMutationId ?? null, issue: issueNode(g, repo, issue) };
    },
    reopenIssue: (args: Args) => {
      const { issueId, clientMutationId } = input(args);
      const { repo, issue } = requireIssueNode(g, issueId);
      reopenIssue(g.ctx, repo, issue);
      return { clientMutationId: clientMutationId ?? null, issue: issueNode(g, repo, issue) };
    },
    updateIssue: (args: Args) => {
      const i = input(args);
      const { repo, issue } = requireIssueNode(g, i.id);
      const patch: Args = {};
      if (i.title !== undefined) patch.title = i.title;
      if (i.body !== undefined) patch.body = i.body;
      if (i.state !== undefined) patch.state = String(i.state).toLowerCase();
      if (i.labelIds !== undefined) patch.labels = labelNamesFromIds(g, repo, i.labelIds);
      if (i.assigneeIds !== undefined) patch.assignees = loginsFromIds(g, i.assigneeIds);
      if (i.milestoneId !== undefined) {
        const found = i.milestoneId === null ? null : findByNodeId(g, i.milestoneId);
        patch.milestone = found?.milestone?.number ?? null;
      }
      updateIssue(g.ctx, repo, issue, patch);
      return { clientMutationId: i.clientMutationId ?? null, issue: issueNode(g, repo, issue) };
    },
    createIssue: (args: Args) => {
      const i = input(args);
      const found = { repo: requireRepositoryNode(g, i.repositoryId) };
      const milestone = i.milestoneId ? findByNodeId(g, i.milestoneId)?.milestone?.number : undefined;
      const issue = createIssue(g.ctx, found.repo, {
        title: String(i.title),
        body: typeof i.body === "string" ? i.body : null,
        labels: labelNamesFromIds(g, found.repo, i.labelIds),
        assignees: loginsFromIds(g, i.assigneeIds),
        milestone,
      });
      return { clientMutationId: i.clientMutationId ?? null, issue: issueNode(g, found.repo, issue) };
    },
    // Like GitHub, a taken name fails this mutation's field only ("Name has already been taken").
    createLabel: (args: Args) => {
      const i = input(args);
      const found = { repo: requireRepositoryNode(g, i.repositoryId) };
      let label: SimLabel;
      try {
        label = createLabel(g.ctx, found.repo, {
          name: String(i.name),
          color: String(i.color),
          description: typeof i.description === "string" ? i.description : null,
        });
      } catch (error) {
        if (error instanceof ApiError && error.errors?.some((e) => e.code === "already_exists"))
          throw gqlError("Name has already been taken", "UNPROCESSABLE");
        throw error;
      }
      return { clientMutationId: i.clientMutationId ?? null, label: labelNode(g, found.repo, label) };
    },
    addLabelsToLabelable: (args: Args) => {
      const i = input(args);
      const { repo, issue } = requireIssueNode(g, i.labelableId);
      addIssueLabels(g.ctx, repo, issue, labelNamesFromIds(g, repo, i.labelIds));
      return { clientMutationId: i.clientMutationId ?? null, labelable: issueNode(g, repo, issue) };
    },
    removeLabelsFromLabelable: (args: Args) => {
      const i = input(args);
      const { repo, issue } = requireIssueNode(g, i.labelableId);
      for (const name of labelNamesFromIds(g, repo, i.labelIds))
        if (issue.labels.includes(name)) removeIssueLabel(g.ctx, repo, issue, name);
      issue.updated_at = isoNow(g.ctx);
      return { clientMutationId: i.clientMutationId ?? null, labelable: issueNode(g, repo, issue) };
    },
  };
}

const fieldResolver: GraphQLFieldResolver<unknown, G> = (source, args, context, info) => {
  if (source && typeof source === "object" && info.fieldName in source) {
    const value = (source as Json)[info.fieldName];
    return typeof value === "function" ? (value as (a: Args) => unknown)(args as Args) : value;
  }
  const name = `${info.parentType.name}.${info.fieldName}`;
  context.unimplemented.add(name);
  throw gqlError(
    `The GitHub simulator does not implement the GraphQL field ${name}`,
    "SIMULATOR_UNIMPLEMENTED",
  );
};

export interface GraphqlOutcome {
  status: number;
  body: Json;
  operationType: "query" | "mutation" | "subscription" | null;
  operationName: string | null;
  rootFields: string[];
  /** Problems GitHub itself would reject (parse/validation errors, pagination misuse). */
  violations: string[];
  /** Schema fields the app used that the simulator does not model. */
  unimplemented: string[];
}

function formatErrors(errors: readonly GraphQLError[]): Json[] {
  return errors.map((e) => {
    const json = e.toJSON() as unknown as Json;
    const ext = (json.extensions ?? {}) as Json;
    const out: Json = { ...json };
    if (typeof ext.type === "string") out.type = ext.type;
    else if (e.originalError instanceof ApiError) {
      const status = e.originalError.status;
      out.type = status === 404 ? "NOT_FOUND" : status === 403 ? "FORBIDDEN" : "UNPROCESSABLE";
    }
    if (Object.keys(ext).filter((k) => k !== "type").length === 0) delete out.extensions;
    return out;
  });
}

export async function runGraphql(body: unknown, ctx: ModelCtx, urls: Urls): Promise<GraphqlOutcome> {
  const outcome: GraphqlOutcome = {
    status: 200,
    body: {},
    operationType: null,
    operationName: null,
    rootFields: [],
    violations: [],
    unimplemented: [],
  };
  const request = (body && typeof body === "object" ? body : {}) as Json;
  if (typeof request.query !== "string") {
    outcome.status = 400;
    outcome.body = {
      message: "A query attribute must be specified and must be a string.",
      documentation_url: "https://docs.github.com/graphql",
    };
    outcome.violations.push("GraphQL request without a string `query`");
    return outcome;
  }
  let document: DocumentNode;
  try {
    document = parse(request.query);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    outcome.body = { errors: [{ message }] };
    outcome.violations.push(`GraphQL parse error: ${message}`);
    return outcome;
  }
  const schema = githubSchema();
  const errors = validate(schema, document);
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const operationName = typeof request.operationName === "string" ? request.operationName : null;
  const op = operations.find((o) => (operationName ? o.name?.value === operationName : true));
  outcome.operationType = op?.operation ?? null;
  outcome.operationName = op?.name?.value ?? null;
  outcome.rootFields = (op?.selectionSet.selections ?? []).flatMap((s) =>
    s.kind === Kind.FIELD ? [s.name.value] : [],
  );
  if (errors.length > 0) {
    outcome.body = { errors: formatErrors(errors) };
    outcome.violations.push(...errors.map((e) => `GraphQL validation: ${e.message}`));
    return outcome;
  }
  const g: G = { state: ctx.state, urls, ctx, unimplemented: new Set() };
  const variables =
    request.variables && typeof request.variables === "object" ? (request.variables as Json) : {};
  const result = await execute({
    schema,
    document,
    rootValue: rootValue(g),
    contextValue: g,
    variableValues: variables,
    operationName,
    fieldResolver,
  });
  const out: Json = { data: result.data ?? null };
  if (result.errors && result.errors.length > 0) {
    out.errors = formatErrors(result.errors);
    for (const e of result.errors) {
      const type = (e.extensions as Json | undefined)?.type;
      if (typeof type === "string" && CLIENT_ERROR_TYPES.has(type))
        outcome.violations.push(`GraphQL ${type}: ${e.message}`);
      if (!type && !e.originalError) outcome.violations.push(`GraphQL: ${e.message}`);
    }
  }
  outcome.body = out;
  outcome.unimplemented = [...g.unimplemented];
  ctx.state.rate_limit.graphql_used += 1;
  return outcome;
}
