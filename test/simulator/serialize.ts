/**
 * REST response shapes. Field names follow the schemas of GitHub's OpenAPI description
 * (`simple-user`, `full-repository`, `issue`, `pull-request`, `check-run`, ...), including the
 * required URL templates, so an app reading any documented field sees a realistic value.
 */
import {
  blobSha,
  diffTrees,
  mergeBase,
  nodeId,
  type Permission,
  permissionOf,
  type SimCheckRun,
  type SimComment,
  type SimCommit,
  type SimEvent,
  type SimFileChange,
  type SimInstallation,
  type SimIssue,
  type SimLabel,
  type SimMilestone,
  type SimReaction,
  type SimRepo,
  type SimState,
  type SimTeam,
  type SimUser,
  type SimWorkflowRun,
  sha1,
} from "./state.js";
import { subIssuesSummary } from "./sub-issues.js";

export interface Urls {
  /** REST base, e.g. `http://127.0.0.1:PORT` or `http://127.0.0.1:PORT/api/v3`. */
  api: string;
  /** Web base, `https://github.com` or the GHES host. */
  html: string;
}

type Json = Record<string, unknown>;

const enc = encodeURIComponent;

export function userFor(state: SimState, login: string): SimUser {
  return (
    state.users[login.toLowerCase()] ?? {
      id: 0,
      login,
      type: login.endsWith("[bot]") ? "Bot" : "User",
      name: null,
      email: null,
      created_at: "2008-01-14T04:33:35Z",
    }
  );
}

export function simpleUser(urls: Urls, user: SimUser): Json {
  const base = `${urls.api}/users/${enc(user.login)}`;
  const html =
    user.type === "Bot"
      ? `${urls.html}/apps/${enc(user.login.replace(/\[bot\]$/, ""))}`
      : `${urls.html}/${enc(user.login)}`;
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId(user.type, user.id),
    avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
    gravatar_id: "",
    url: base,
    html_url: html,
    followers_url: `${base}/followers`,
    following_url: `${base}/following{/other_user}`,
    gists_url: `${base}/gists{/gist_id}`,
    starred_url: `${base}/starred{/owner}{/repo}`,
    subscriptions_url: `${base}/subscriptions`,
    organizations_url: `${base}/orgs`,
    repos_url: `${base}/repos`,
    events_url: `${base}/events{/privacy}`,
    received_events_url: `${base}/received_events`,
    type: user.type,
    user_view_type: "public",
    site_admin: false,
  };
}

export function userJson(urls: Urls, state: SimState, login: string | null | undefined): Json | null {
  if (!login) return null;
  return simpleUser(urls, userFor(state, login));
}

export function publicUser(urls: Urls, state: SimState, user: SimUser): Json {
  const owned = Object.values(state.repos).filter((r) => r.owner.toLowerCase() === user.login.toLowerCase());
  return {
    ...simpleUser(urls, user),
    name: user.name,
    company: null,
    blog: "",
    location: null,
    email: user.email,
    hireable: null,
    bio: null,
    twitter_username: null,
    public_repos: owned.filter((r) => !r.private).length,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: user.created_at,
    updated_at: user.created_at,
  };
}

function permissionsFlags(p: Permission | null): Json {
  const rank = p ? ["read", "triage", "write", "maintain", "admin"].indexOf(p) : -1;
  return { admin: rank >= 4, maintain: rank >= 3, push: rank >= 2, triage: rank >= 1, pull: rank >= 0 };
}

export function repoJson(urls: Urls, state: SimState, repo: SimRepo, viewer?: string): Json {
  const api = `${urls.api}/repos/${repo.full_name}`;
  const html = `${urls.html}/${repo.full_name}`;
  const host = new URL(urls.html).host;
  const open = Object.values(repo.issues).filter((i) => i.state === "open").length;
  const owner = userFor(state, repo.owner);
  return {
    id: repo.id,
    node_id: repo.node_id,
    name: repo.name,
    full_name: repo.full_name,
    private: repo.private,
    owner: simpleUser(urls, owner),
    html_url: html,
    description: repo.description,
    fork: false,
    url: api,
    archive_url: `${api}/{archive_format}{/ref}`,
    assignees_url: `${api}/assignees{/user}`,
    blobs_url: `${api}/git/blobs{/sha}`,
    branches_url: `${api}/branches{/branch}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    comments_url: `${api}/comments{/number}`,
    commits_url: `${api}/commits{/sha}`,
    compare_url: `${api}/compare/{base}...{head}`,
    contents_url: `${api}/contents/{+path}`,
    contributors_url: `${api}/contributors`,
    deployments_url: `${api}/deployments`,
    downloads_url: `${api}/downloads`,
    events_url: `${api}/events`,
    forks_url: `${api}/forks`,
    git_commits_url: `${api}/git/commits{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_url: `git://${host}/${repo.full_name}.git`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    issue_events_url: `${api}/issues/events{/number}`,
    issues_url: `${api}/issues{/number}`,
    keys_url: `${api}/keys{/key_id}`,
    labels_url: `${api}/labels{/name}`,
    languages_url: `${api}/languages`,
    merges_url: `${api}/merges`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    pulls_url: `${api}/pulls{/number}`,
    releases_url: `${api}/releases{/id}`,
    ssh_url: `git@${host}:${repo.full_name}.git`,
    stargazers_url: `${api}/stargazers`,
    statuses_url: `${api}/statuses/{sha}`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    tags_url: `${api}/tags`,
    teams_url: `${api}/teams`,
    trees_url: `${api}/git/trees{/sha}`,
    clone_url: `${html}.git`,
    mirror_url: null,
    hooks_url: `${api}/hooks`,
    svn_url: html,
    homepage: null,
    language: null,
    forks_count: 0,
    forks: 0,
    stargazers_count: 0,
    watchers_count: 0,
    watchers: 0,
    size: Object.keys(repo.commits).length,
    default_branch: repo.default_branch,
    open_issues_count: open,
    open_issues: open,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: repo.archived,
    disabled: false,
    visibility: repo.private ? "private" : "public",
    pushed_at: repo.pushed_at,
    created_at: repo.created_at,
    updated_at: repo.updated_at,
    permissions: permissionsFlags(viewer ? permissionOf(repo, viewer) : "admin"),
    allow_rebase_merge: true,
    allow_squash_merge: true,
    allow_merge_commit: true,
    allow_auto_merge: false,
    delete_branch_on_merge: false,
    allow_forking: true,
    web_commit_signoff_required: false,
    license: null,
    network_count: 0,
    subscribers_count: 0,
  };
}

export function labelJson(urls: Urls, repo: SimRepo, label: SimLabel): Json {
  return {
    id: label.id,
    node_id: label.node_id,
    url: `${urls.api}/repos/${repo.full_name}/labels/${enc(label.name)}`,
    name: label.name,
    color: label.color,
    default: label.default,
    description: label.description,
  };
}

export function milestoneJson(urls: Urls, state: SimState, repo: SimRepo, m: SimMilestone): Json {
  const issues = Object.values(repo.issues).filter((i) => i.milestone === m.number);
  const api = `${urls.api}/repos/${repo.full_name}/milestones/${m.number}`;
  return {
    url: api,
    html_url: `${urls.html}/${repo.full_name}/milestone/${m.number}`,
    labels_url: `${api}/labels`,
    id: m.id,
    node_id: m.node_id,
    number: m.number,
    state: m.state,
    title: m.title,
    description: m.description,
    creator: userJson(urls, state, m.creator),
    open_issues: issues.filter((i) => i.state === "open").length,
    closed_issues: issues.filter((i) => i.state === "closed").length,
    created_at: m.created_at,
    updated_at: m.updated_at,
    closed_at: m.closed_at,
    due_on: m.due_on,
  };
}

export function appJson(urls: Urls, state: SimState): Json {
  const app = state.app;
  return {
    id: app.id,
    slug: app.slug,
    node_id: nodeId("App", app.id),
    client_id: app.client_id,
    owner: userJson(urls, state, app.owner),
    name: app.name,
    description: app.description,
    external_url: "https://example.com",
    html_url: `${urls.html}/apps/${app.slug}`,
    created_at: app.created_at,
    updated_at: app.created_at,
    permissions: app.permissions,
    events: app.events,
    installations_count: Object.keys(state.installations).length,
  };
}

function commentCount(repo: SimRepo, number: number): number {
  return repo.comments.filter((c) => c.issue_number === number).length;
}

function reactions(url: string, list: SimReaction[] = []): Json {
  const count = (c: SimReaction["content"]) => list.filter((r) => r.content === c).length;
  return {
    url,
    total_count: list.length,
    "+1": count("+1"),
    "-1": count("-1"),
    laugh: count("laugh"),
    confused: count("confused"),
    heart: count("heart"),
    hooray: count("hooray"),
    eyes: count("eyes"),
    rocket: count("rocket"),
  };
}

export function reactionJson(urls: Urls, state: SimState, r: SimReaction): Json {
  return {
    id: r.id,
    node_id: nodeId("Reaction", r.id),
    user: userJson(urls, state, r.user),
    content: r.content,
    created_at: r.created_at,
  };
}

export function authorAssociation(repo: SimRepo, login: string): string {
  if (login.toLowerCase() === repo.owner.toLowerCase()) return "OWNER";
  if (login.endsWith("[bot]")) return "NONE";
  return permissionOf(repo, login) ? "COLLABORATOR" : "NONE";
}

export function issueJson(
  urls: Urls,
  state: SimState,
  repo: SimRepo,
  issue: SimIssue,
  withRepo = false,
): Json {
  const api = `${urls.api}/repos/${repo.full_name}/issues/${issue.number}`;
  const html = `${urls.html}/${repo.full_name}/${issue.pull ? "pull" : "issues"}/${issue.number}`;
  const milestone =
    issue.milestone === null ? undefined : repo.milestones.find((m) => m.number === issue.milestone);
  const assignees = issue.assignees.map((login) => simpleUser(urls, userFor(state, login)));
  const out: Json = {
    id: issue.id,
    node_id: issue.node_id,
    url: api,
    repository_url: `${urls.api}/repos/${repo.full_name}`,
    labels_url: `${api}/labels{/name}`,
    comments_url: `${api}/comments`,
    events_url: `${api}/events`,
    html_url: html,
    number: issue.number,
    state: issue.state,
    state_reason: issue.state_reason,
    title: issue.title,
    body: issue.body,
    user: userJson(urls, state, issue.user),
    labels: issue.labels.flatMap((name) => {
      const label = repo.labels.find((l) => l.name === name);
      return label ? [labelJson(urls, repo, label)] : [];
    }),
    assignee: assignees[0] ?? null,
    assignees,
    milestone: milestone ? milestoneJson(urls, state, repo, milestone) : null,
    locked: issue.locked,
    active_lock_reason: null,
    comments: commentCount(repo, issue.number),
    closed_at: issue.closed_at,
    created_at: issue.created_at,
    updated_at: issue.updated_at,
    closed_by: userJson(urls, state, issue.closed_by),
    author_association: authorAssociation(repo, issue.user),
    timeline_url: `${api}/timeline`,
    performed_via_github_app: issue.user.endsWith("[bot]") ? appJson(urls, state) : null,
    reactions: reactions(`${api}/reactions`, issue.reactions),
  };
  const summary = subIssuesSummary(state, issue);
  if (summary) out.sub_issues_summary = summary;
  if (issue.pull) {
    out.draft = issue.pull.draft;
    out.pull_request = {
      url: `${urls.api}/repos/${repo.full_name}/pulls/${issue.number}`,
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      merged_at: issue.pull.merged_at,
    };
  }
  if (withRepo) out.repository = repoJson(urls, state, repo);
  return out;
}

export function commentJson(urls: Urls, state: SimState, repo: SimRepo, c: SimComment): Json {
  const issue = repo.issues[String(c.issue_number)];
  const kind = issue?.pull ? "pull" : "issues";
  return {
    id: c.id,
    node_id: c.node_id,
    url: `${urls.api}/repos/${repo.full_name}/issues/comments/${c.id}`,
    html_url: `${urls.html}/${repo.full_name}/${kind}/${c.issue_number}#issuecomment-${c.id}`,
    body: c.body,
    user: userJson(urls, state, c.user),
    created_at: c.created_at,
    updated_at: c.updated_at,
    issue_url: `${urls.api}/repos/${repo.full_name}/issues/${c.issue_number}`,
    author_association: authorAssociation(repo, c.user),
    performed_via_github_app: c.user.endsWith("[bot]") ? appJson(urls, state) : null,
    reactions: reactions(
      `${urls.api}/repos/${repo.full_name}/issues/comments/${c.id}/reactions`,
      c.reactions,
    ),
  };
}

export function pullFiles(repo: SimRepo, issue: SimIssue): SimFileChange[] {
  const pull = issue.pull;
  if (!pull) return [];
  if (pull.files) return pull.files;
  const base = mergeBase(repo, pull.base.sha, pull.head.sha) ?? pull.base.sha;
  return diffTrees(repo.commits[base]?.tree ?? {}, repo.commits[pull.head.sha]?.tree ?? {});
}

function branchJson(urls: Urls, state: SimState, repo: SimRepo, ref: string, sha: string): Json {
  return {
    label: `${repo.owner}:${ref}`,
    ref,
    sha,
    user: userJson(urls, state, repo.owner),
    repo: repoJson(urls, state, repo),
  };
}

export function pullJson(urls: Urls, state: SimState, repo: SimRepo, issue: SimIssue, full: boolean): Json {
  const pull = issue.pull;
  if (!pull) throw new Error("not a pull request");
  const api = `${urls.api}/repos/${repo.full_name}/pulls/${issue.number}`;
  const issueApi = `${urls.api}/repos/${repo.full_name}/issues/${issue.number}`;
  const html = `${urls.html}/${repo.full_name}/pull/${issue.number}`;
  const base = issueJson(urls, state, repo, issue);
  const out: Json = {
    url: api,
    id: issue.id,
    node_id: issue.node_id,
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: issueApi,
    commits_url: `${api}/commits`,
    review_comments_url: `${api}/comments`,
    review_comment_url: `${urls.api}/repos/${repo.full_name}/pulls/comments{/number}`,
    comments_url: `${issueApi}/comments`,
    statuses_url: `${urls.api}/repos/${repo.full_name}/statuses/${pull.head.sha}`,
    number: issue.number,
    state: issue.state,
    locked: issue.locked,
    title: issue.title,
    user: base.user,
    body: issue.body,
    labels: base.labels,
    milestone: base.milestone,
    active_lock_reason: null,
    created_at: issue.created_at,
    updated_at: issue.updated_at,
    closed_at: issue.closed_at,
    merged_at: pull.merged_at,
    merge_commit_sha: pull.merge_commit_sha,
    assignee: base.assignee,
    assignees: base.assignees,
    requested_reviewers: [],
    requested_teams: [],
    head: branchJson(urls, state, repo, pull.head.ref, pull.head.sha),
    base: branchJson(urls, state, repo, pull.base.ref, pull.base.sha),
    _links: {
      self: { href: api },
      html: { href: html },
      issue: { href: issueApi },
      comments: { href: `${issueApi}/comments` },
      review_comments: { href: `${api}/comments` },
      review_comment: { href: `${urls.api}/repos/${repo.full_name}/pulls/comments{/number}` },
      commits: { href: `${api}/commits` },
      statuses: { href: `${urls.api}/repos/${repo.full_name}/statuses/${pull.head.sha}` },
    },
    author_association: base.author_association,
    auto_merge: null,
    draft: pull.draft,
  };
  if (full) {
    const files = pullFiles(repo, issue);
    Object.assign(out, {
      merged: pull.merged,
      mergeable: issue.state === "open" ? true : null,
      rebaseable: issue.state === "open" ? true : null,
      mergeable_state: issue.state === "open" ? "clean" : "unknown",
      merged_by: userJson(urls, state, pull.merged_by),
      comments: commentCount(repo, issue.number),
      review_comments: 0,
      maintainer_can_modify: false,
      commits: pull.commits.length,
      additions: files.reduce((n, f) => n + f.additions, 0),
      deletions: files.reduce((n, f) => n + f.deletions, 0),
      changed_files: files.length,
    });
  }
  return out;
}

export function fileJson(urls: Urls, repo: SimRepo, ref: string, f: SimFileChange): Json {
  const out: Json = {
    sha: f.sha,
    filename: f.filename,
    status: f.status,
    additions: f.additions,
    deletions: f.deletions,
    changes: f.changes,
    blob_url: `${urls.html}/${repo.full_name}/blob/${ref}/${f.filename}`,
    raw_url: `${urls.html}/${repo.full_name}/raw/${ref}/${f.filename}`,
    contents_url: `${urls.api}/repos/${repo.full_name}/contents/${f.filename}?ref=${ref}`,
  };
  if (f.patch !== undefined) out.patch = f.patch;
  if (f.previous_filename !== undefined) out.previous_filename = f.previous_filename;
  return out;
}

export function commitJson(
  urls: Urls,
  state: SimState,
  repo: SimRepo,
  commit: SimCommit,
  withFiles: boolean,
): Json {
  const api = `${urls.api}/repos/${repo.full_name}`;
  const author = commit.author.login ? userJson(urls, state, commit.author.login) : null;
  const person = { name: commit.author.name, email: commit.author.email, date: commit.author.date };
  const out: Json = {
    url: `${api}/commits/${commit.sha}`,
    sha: commit.sha,
    node_id: nodeId("Commit", Number.parseInt(commit.sha.slice(0, 8), 16)),
    html_url: `${urls.html}/${repo.full_name}/commit/${commit.sha}`,
    comments_url: `${api}/commits/${commit.sha}/comments`,
    commit: {
      url: `${api}/git/commits/${commit.sha}`,
      author: person,
      committer: person,
      message: commit.message,
      comment_count: 0,
      tree: { sha: treeSha(commit.tree), url: `${api}/git/trees/${treeSha(commit.tree)}` },
      verification: {
        verified: false,
        reason: "unsigned",
        signature: null,
        payload: null,
        verified_at: null,
      },
    },
    author,
    committer: author,
    parents: commit.parents.map((sha) => ({
      sha,
      url: `${api}/commits/${sha}`,
      html_url: `${urls.html}/${repo.full_name}/commit/${sha}`,
    })),
  };
  if (withFiles) {
    const parent = commit.parents[0] ? repo.commits[commit.parents[0]] : undefined;
    const files = diffTrees(parent?.tree ?? {}, commit.tree);
    const additions = files.reduce((n, f) => n + f.additions, 0);
    const deletions = files.reduce((n, f) => n + f.deletions, 0);
    out.stats = { additions, deletions, total: additions + deletions };
    out.files = files.map((f) => fileJson(urls, repo, commit.sha, f));
  }
  return out;
}

export function treeSha(tree: Record<string, string>): string {
  return blobSha(
    Object.keys(tree)
      .sort()
      .map((p) => `${p}:${blobSha(tree[p] ?? "")}`)
      .join("\n"),
  );
}

export function checkRunJson(urls: Urls, state: SimState, repo: SimRepo, run: SimCheckRun): Json {
  const api = `${urls.api}/repos/${repo.full_name}/check-runs/${run.id}`;
  const pulls = Object.values(repo.issues).filter((i) => i.pull && i.pull.head.sha === run.head_sha);
  return {
    id: run.id,
    node_id: run.node_id,
    head_sha: run.head_sha,
    external_id: run.external_id,
    url: api,
    html_url: `${urls.html}/${repo.full_name}/runs/${run.id}`,
    details_url: run.details_url,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.started_at,
    completed_at: run.completed_at,
    output: {
      title: run.output.title,
      summary: run.output.summary,
      text: run.output.text,
      annotations_count: run.output.annotations.length,
      annotations_url: `${api}/annotations`,
    },
    name: run.name,
    check_suite: { id: run.check_suite_id },
    // Another app's run (a test seeds one) names that app.
    app:
      run.app_slug === state.app.slug
        ? appJson(urls, state)
        : { ...appJson(urls, state), id: 999_999, slug: run.app_slug, name: run.app_slug },
    pull_requests: pulls.map((p) => ({
      id: p.id,
      number: p.number,
      url: `${urls.api}/repos/${repo.full_name}/pulls/${p.number}`,
      head: {
        ref: p.pull?.head.ref,
        sha: p.pull?.head.sha,
        repo: { id: repo.id, url: `${urls.api}/repos/${repo.full_name}`, name: repo.name },
      },
      base: {
        ref: p.pull?.base.ref,
        sha: p.pull?.base.sha,
        repo: { id: repo.id, url: `${urls.api}/repos/${repo.full_name}`, name: repo.name },
      },
    })),
  };
}

export function annotationJson(
  urls: Urls,
  repo: SimRepo,
  run: SimCheckRun,
  a: SimCheckRun["output"]["annotations"][number],
): Json {
  return {
    path: a.path,
    blob_href: `${urls.html}/${repo.full_name}/blob/${run.head_sha}/${a.path}`,
    start_line: a.start_line,
    end_line: a.end_line,
    start_column: a.start_column ?? null,
    end_column: a.end_column ?? null,
    annotation_level: a.annotation_level,
    title: a.title ?? null,
    message: a.message,
    raw_details: a.raw_details ?? null,
  };
}

export function installationJson(urls: Urls, state: SimState, inst: SimInstallation): Json {
  const account = userFor(state, inst.account);
  return {
    id: inst.id,
    account: simpleUser(urls, account),
    repository_selection: inst.repository_selection,
    access_tokens_url: `${urls.api}/app/installations/${inst.id}/access_tokens`,
    repositories_url: `${urls.api}/installation/repositories`,
    html_url: `${urls.html}/${account.type === "Organization" ? `organizations/${account.login}/` : ""}settings/installations/${inst.id}`,
    app_id: state.app.id,
    client_id: state.app.client_id,
    app_slug: state.app.slug,
    target_id: account.id,
    target_type: account.type === "Organization" ? "Organization" : "User",
    permissions: inst.permissions,
    events: inst.events,
    created_at: inst.created_at,
    updated_at: inst.created_at,
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    suspended_by: null,
    suspended_at: inst.suspended_at,
  };
}

export function eventJson(urls: Urls, state: SimState, repo: SimRepo, e: SimEvent): Json {
  const base: Json = {
    id: e.id,
    node_id: e.node_id,
    url: `${urls.api}/repos/${repo.full_name}/issues/events/${e.id}`,
    actor: userJson(urls, state, e.actor),
    event: e.event,
    commit_id: e.commit_id ?? null,
    commit_url: e.commit_id ? `${urls.api}/repos/${repo.full_name}/commits/${e.commit_id}` : null,
    created_at: e.created_at,
    performed_via_github_app: e.actor.endsWith("[bot]") ? appJson(urls, state) : null,
  };
  switch (e.event) {
    case "labeled":
    case "unlabeled":
      return { ...base, label: e.label };
    case "assigned":
    case "unassigned":
      return { ...base, assignee: userJson(urls, state, e.assignee), assigner: base.actor };
    case "milestoned":
    case "demilestoned":
      return { ...base, milestone: e.milestone };
    case "renamed":
      return { ...base, rename: e.rename };
    case "closed":
    case "reopened":
      return { ...base, state_reason: e.state_reason ?? null };
    case "cross-referenced": {
      const src = e.source ? state.repos[e.source.repo.toLowerCase()] : undefined;
      const issue = src && e.source ? src.issues[String(e.source.number)] : undefined;
      return {
        event: "cross-referenced",
        actor: base.actor,
        created_at: e.created_at,
        updated_at: e.created_at,
        source: { type: "issue", issue: src && issue ? issueJson(urls, state, src, issue, true) : undefined },
      };
    }
    default:
      return base;
  }
}

export function teamJson(urls: Urls, state: SimState, team: SimTeam): Json {
  const org = userFor(state, team.org);
  const orgApi = `${urls.api}/orgs/${enc(org.login)}`;
  return {
    id: team.id,
    node_id: team.node_id,
    url: `${urls.api}/teams/${team.id}`,
    html_url: `${urls.html}/orgs/${org.login}/teams/${team.slug}`,
    name: team.name,
    slug: team.slug,
    description: team.description,
    privacy: team.privacy,
    notification_setting: "notifications_enabled",
    permission: "pull",
    members_url: `${urls.api}/teams/${team.id}/members{/member}`,
    repositories_url: `${urls.api}/teams/${team.id}/repos`,
    parent: null,
    members_count: Object.keys(team.members).length,
    repos_count: 0,
    created_at: team.created_at,
    updated_at: team.created_at,
    type: "organization",
    organization: {
      login: org.login,
      id: org.id,
      node_id: nodeId("Organization", org.id),
      url: orgApi,
      repos_url: `${orgApi}/repos`,
      events_url: `${orgApi}/events`,
      hooks_url: `${orgApi}/hooks`,
      issues_url: `${orgApi}/issues`,
      members_url: `${orgApi}/members{/member}`,
      public_members_url: `${orgApi}/public_members{/member}`,
      avatar_url: `https://avatars.githubusercontent.com/u/${org.id}?v=4`,
      description: null,
      name: org.name ?? org.login,
      has_organization_projects: true,
      has_repository_projects: true,
      public_repos: Object.values(state.repos).filter(
        (r) => r.owner.toLowerCase() === org.login.toLowerCase(),
      ).length,
      public_gists: 0,
      followers: 0,
      following: 0,
      html_url: `${urls.html}/${org.login}`,
      created_at: org.created_at,
      updated_at: org.created_at,
      archived_at: null,
      type: "Organization",
    },
  };
}

export function contentEntry(
  urls: Urls,
  repo: SimRepo,
  ref: string,
  path: string,
  type: "file" | "dir",
  content: string | null,
): Json {
  const api = `${urls.api}/repos/${repo.full_name}/contents/${path}?ref=${ref}`;
  const sha = type === "file" ? blobSha(content ?? "") : blobSha(`tree:${path}`);
  const git = `${urls.api}/repos/${repo.full_name}/git/${type === "file" ? "blobs" : "trees"}/${sha}`;
  const html = `${urls.html}/${repo.full_name}/${type === "file" ? "blob" : "tree"}/${ref}/${path}`;
  return {
    type,
    size: type === "file" ? Buffer.byteLength(content ?? "", "utf8") : 0,
    name: path.split("/").pop() ?? path,
    path,
    sha,
    url: api,
    git_url: git,
    html_url: html,
    download_url: type === "file" ? `${urls.html}/${repo.full_name}/raw/${ref}/${path}` : null,
    _links: { self: api, git, html },
  };
}

/** Workflows are the `.github/workflows/*.yml` files of the default branch. */
export function workflowsOf(repo: SimRepo): Array<{ id: number; path: string; name: string }> {
  const sha = repo.branches[repo.default_branch];
  const tree = sha ? (repo.commits[sha]?.tree ?? {}) : {};
  return Object.keys(tree)
    .filter((p) => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(p))
    .sort()
    .map((path) => ({
      id: workflowId(path),
      path,
      name: /^name:\s*["']?(.+?)["']?\s*$/m.exec(tree[path] ?? "")?.[1] ?? path,
    }));
}

export function workflowId(path: string): number {
  return Number.parseInt(sha1(path).slice(0, 7), 16);
}

export function workflowJson(
  urls: Urls,
  repo: SimRepo,
  wf: { id: number; path: string; name: string },
): Json {
  return {
    id: wf.id,
    node_id: nodeId("Workflow", wf.id),
    name: wf.name,
    path: wf.path,
    state: "active",
    created_at: repo.created_at,
    updated_at: repo.updated_at,
    url: `${urls.api}/repos/${repo.full_name}/actions/workflows/${wf.id}`,
    html_url: `${urls.html}/${repo.full_name}/blob/${repo.default_branch}/${wf.path}`,
    badge_url: `${urls.html}/${repo.full_name}/workflows/${encodeURIComponent(wf.name)}/badge.svg`,
  };
}

function minimalRepo(urls: Urls, state: SimState, repo: SimRepo): Json {
  const full = repoJson(urls, state, repo);
  delete full.permissions;
  return full;
}

export function workflowRunJson(urls: Urls, state: SimState, repo: SimRepo, run: SimWorkflowRun): Json {
  const api = `${urls.api}/repos/${repo.full_name}/actions/runs/${run.id}`;
  const commit = repo.commits[run.head_sha];
  const person = commit ? { name: commit.author.name, email: commit.author.email } : null;
  return {
    id: run.id,
    name: run.name,
    node_id: nodeId("WorkflowRun", run.id),
    head_branch: run.head_branch,
    head_sha: run.head_sha,
    path: run.path,
    display_title: run.display_title,
    run_number: run.run_number,
    run_attempt: 1,
    event: run.event,
    status: run.status,
    conclusion: run.conclusion,
    workflow_id: workflowId(run.path),
    url: api,
    html_url: `${urls.html}/${repo.full_name}/actions/runs/${run.id}`,
    pull_requests: [],
    created_at: run.created_at,
    updated_at: run.updated_at,
    run_started_at: run.created_at,
    jobs_url: `${api}/jobs`,
    logs_url: `${api}/logs`,
    check_suite_url: `${urls.api}/repos/${repo.full_name}/check-suites/${run.id}`,
    artifacts_url: `${api}/artifacts`,
    cancel_url: `${api}/cancel`,
    rerun_url: `${api}/rerun`,
    workflow_url: `${urls.api}/repos/${repo.full_name}/actions/workflows/${workflowId(run.path)}`,
    head_commit: commit
      ? {
          id: commit.sha,
          tree_id: treeSha(commit.tree),
          message: commit.message,
          timestamp: commit.author.date,
          author: person,
          committer: person,
        }
      : null,
    repository: minimalRepo(urls, state, repo),
    head_repository: minimalRepo(urls, state, repo),
  };
}
