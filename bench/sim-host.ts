import { parseConfigText } from "../src/domain/config/load.js";
import type { Config, LabelSpec } from "../src/domain/config/schema.js";
import type { RepoRef } from "../src/domain/followups/model.js";
import { renderMarker } from "../src/domain/markers/marker.js";
import type {
  CreatedIssue,
  IssueComment,
  NewIssue,
  RepoFile,
  RepoGateway,
  RepoLabel,
} from "../src/domain/ports.js";
import { reconcileRepository } from "../src/runs/merge/reconcile.js";
import { botLogin, type SimRepo, type Simulator, startSimulator } from "../test/simulator/index.js";
import { pullJson, repoJson } from "../test/simulator/serialize.js";
import { CONFIG_YAML, evidencePath, itemTitle, OWNERS, postmortemMarkdown } from "./postmortem.js";

/**
 * The side of the benchmark that owns the simulator: seeding, request counting, state checks.
 * It runs in a child process (`sim-child.ts`) so the app's CPU time and RSS are the app's own;
 * tests run it in-process (`inProcessSimulator`). Everything crossing the boundary is plain data.
 */

export const ORG = "bench-org";
export const POSTMORTEM_DIR = "postmortems";

export interface Counts {
  requests: number;
  rest: number;
  graphql: number;
  reads: number;
  writes: number;
  contentCreating: number;
  errors: number;
  /** `operation` -> count (GraphQL as "graphql <name>"). */
  byOperation: Record<string, number>;
  /** `operation` -> total time the simulator took to answer (ms, latency included). */
  msByOperation: Record<string, number>;
  /** Start times (ms since epoch) of content-creating requests, in order. */
  contentStarts: number[];
  /** The most content-creating requests in flight at once. */
  contentConcurrency: number;
  violations: string[];
  unimplemented: string[];
}

export interface MergeSeed {
  owner: string;
  repo: string;
  pr: number;
  mergeSha: string;
  /** A `pull_request.closed` payload built from the simulator's own REST shapes. */
  payload: Record<string, unknown>;
  /** The `push` to the default branch the same merge sends. */
  push: Record<string, unknown>;
  /** Titles of the follow-ups, in file order. */
  titles: string[];
  path: string;
}

/** A pull request (open, not merged) adding a postmortem, for the check scenario. */
export interface CheckSeed {
  owner: string;
  repo: string;
  pr: number;
  headSha: string;
  path: string;
  /** A `pull_request.opened` payload built from the simulator's own REST shapes. */
  payload: Record<string, unknown>;
}

/** The check runs of a commit as the simulator holds them. */
export interface CheckRunSummary {
  id: number;
  app: string;
  status: string;
  conclusion: string | null;
  annotations: number;
  title: string | null;
}

export interface SweepSeedInput {
  owner: string;
  repos: number;
  postmortems: number;
  items: number;
  /** Repositories without any postmortem (and without a config file). */
  emptyRepos?: number;
}

export interface RepoSummary {
  issues: number;
  issuesByBot: number;
  openIssues: number;
  /** Titles that more than one issue carries. */
  duplicateTitles: number;
  labels: { name: string; color: string }[];
  comments: number;
  commentsByBot: number;
}

/** What the benchmark can ask of the simulator's side. All methods are async across the boundary. */
export interface SimHost {
  url(): string;
  setLatency(ms: number): void;
  /** Sequence number of the last request so far. */
  mark(): number;
  counts(since: number): Counts;
  clearLog(): void;
  /** Fresh state (tokens, installations, repositories). */
  reset(): void;
  token(owner: string): string;
  /**
   * A repository (created unless it exists) with a merged pull request adding a postmortem of `items`
   * follow-ups; `path`, `date` and `services` vary it (recurrence merges several into one repository).
   * `tracker`: the config also says `tracker: true` and names a Projects (v2) project of the owner
   * (seeded with every field the app writes), so the merge also writes the tracker, its sub-issues
   * and the project's items (issue 17).
   */
  seedMerge(input: {
    owner?: string;
    repo: string;
    items: number;
    labels: boolean;
    path?: string;
    date?: string;
    services?: string[];
    tracker?: boolean;
    /** Names of repositories of the owner (created) the follow-ups are routed to, round robin (issue 17). */
    routes?: string[];
  }): MergeSeed;
  /**
   * A repository with `items` issues and `items` test files, and an open pull request adding a
   * postmortem of `items` follow-ups, each naming one of the files and one of the issues.
   */
  seedCheck(input: { owner?: string; repo: string; items: number }): CheckSeed;
  /**
   * `count` merged postmortems naming `services`, each with one follow-up issue the app wrote (its
   * marker), seeded straight into the state: the earlier incidents of a recurrence run.
   */
  seedEarlier(input: { owner?: string; repo: string; count: number; services: string[] }): void;
  checkRuns(owner: string, repo: string, headSha: string): CheckRunSummary[];
  seedSweep(input: SweepSeedInput): Promise<{ repos: string[]; seedMs: number }>;
  repoSummary(owner: string, repo: string): RepoSummary;
  close(): Promise<void>;
}

export type Remote<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};

const COLLABORATORS: Record<string, "write"> = Object.fromEntries(OWNERS.map((o) => [o, "write"]));

export function benchConfig(): Config {
  const parsed = parseConfigText(CONFIG_YAML);
  if (!parsed.ok) throw new Error(`bench config is invalid: ${JSON.stringify(parsed.problems)}`);
  return parsed.config;
}

/** Every label the app manages for the bench config, with its colour. */
export function appLabels(config: Config): LabelSpec[] {
  const specs = new Map<string, LabelSpec>();
  for (const spec of [
    config.labels.tracking,
    ...Object.values(config.labels.terms),
    ...Object.values(config.categories),
    ...Object.values(config.labels.severity),
  ])
    specs.set(spec.name.toLowerCase(), { name: spec.name, color: spec.color, description: spec.description });
  return [...specs.values()];
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * A gateway straight onto the simulator's state, for seeding: the app's own reconcile renders
 * the issues exactly as it would over HTTP, without paying for the requests.
 */
class DirectGateway implements RepoGateway {
  readonly owner: string;
  readonly repo: string;
  constructor(
    private readonly sim: Simulator,
    private readonly simRepo: SimRepo,
  ) {
    this.owner = simRepo.owner;
    this.repo = simRepo.name;
  }
  async readFile(path: string, options: { ref?: string } = {}): Promise<RepoFile | null> {
    const ref = options.ref ?? this.simRepo.default_branch;
    const sha = this.simRepo.branches[ref] ?? ref;
    const text = this.simRepo.commits[sha]?.tree[path];
    if (text === undefined) return null;
    const content = new Uint8Array(Buffer.from(text, "utf8"));
    return { kind: "file", path, sha: "0".repeat(40), size: content.length, content };
  }
  async listTrackedIssues() {
    return [];
  }
  async listLabels(): Promise<RepoLabel[]> {
    return this.simRepo.labels.map((l) => ({ name: l.name, color: l.color, description: l.description }));
  }
  async createLabel(spec: LabelSpec): Promise<"created" | "exists"> {
    if (this.simRepo.labels.some((l) => l.name.toLowerCase() === spec.name.toLowerCase())) return "exists";
    this.sim.addLabel(this.simRepo, spec.name, spec.color, spec.description);
    return "created";
  }
  async checkAssignable() {
    return { ok: true } as const;
  }
  async createIssue(issue: NewIssue): Promise<CreatedIssue> {
    const created = this.sim.createIssue(this.simRepo, {
      title: issue.title,
      body: issue.body,
      labels: issue.labels,
      assignees: issue.assignees,
      user: botLogin(this.sim.state),
    });
    return {
      number: created.number,
      url: `https://github.com/${this.simRepo.full_name}/issues/${created.number}`,
    };
  }
  private unsupported(): never {
    throw new Error("DirectGateway: not needed for seeding");
  }
  listPullFiles(): Promise<never> {
    this.unsupported();
  }
  compareFiles(): Promise<never> {
    this.unsupported();
  }
  findMergedPull(): Promise<never> {
    this.unsupported();
  }
  updateIssue(): Promise<never> {
    this.unsupported();
  }
  listComments(): Promise<IssueComment[]> {
    this.unsupported();
  }
  findMarkedComment(): Promise<never> {
    this.unsupported();
  }
  createComment(): Promise<never> {
    this.unsupported();
  }
  updateComment(): Promise<never> {
    this.unsupported();
  }
  listMilestones(): Promise<never> {
    this.unsupported();
  }
  createMilestone(): Promise<never> {
    this.unsupported();
  }
  updateMilestone(): Promise<never> {
    this.unsupported();
  }
}

function maxOverlap(intervals: [number, number][]): number {
  const points: [number, number][] = [];
  for (const [start, end] of intervals) points.push([start, 1], [end, -1]);
  points.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let current = 0;
  let max = 0;
  for (const [, delta] of points) {
    current += delta;
    max = Math.max(max, current);
  }
  return max;
}

/** The fields of a project the app writes (issue 17), as a team would set it up. */
const PROJECT_FIELDS: NonNullable<Parameters<Simulator["addProject"]>[1]>["fields"] = [
  {
    name: "Follow-up status",
    dataType: "SINGLE_SELECT",
    options: ["Open", "Overdue", "Done and validated", "Done, not validated", "Not doing"],
  },
  { name: "Due", dataType: "DATE" },
  { name: "Severity", dataType: "SINGLE_SELECT", options: ["SEV1", "SEV2", "SEV3", "SEV4"] },
  { name: "Category", dataType: "TEXT" },
  { name: "Term", dataType: "SINGLE_SELECT", options: ["Short-term mitigation", "Long-term prevention"] },
  { name: "Postmortem", dataType: "TEXT" },
];

export function createSimHost(sim: Simulator): SimHost {
  const config = benchConfig();
  const urls = () => ({ api: sim.url, html: "https://github.com" });

  function seedRepoWithConfig(owner: string, name: string, files: Record<string, string>, labels: boolean) {
    const repo = sim.seedRepo({
      owner,
      ownerType: "Organization",
      name,
      files: { "README.md": `# ${name}\n`, ".github/postmortem-followups.yml": CONFIG_YAML, ...files },
      labels: true,
      collaborators: COLLABORATORS,
    });
    if (labels) for (const l of appLabels(config)) sim.addLabel(repo, l.name, l.color, l.description);
    return repo;
  }

  function mergePostmortem(repo: SimRepo, path: string, text: string, branch: string) {
    const pr = sim.openPullRequest(repo, {
      title: `Postmortem: ${path}`,
      head: branch,
      files: { [path]: text },
      user: "alice",
    });
    const commit = sim.mergePullRequest(repo, pr.number, { method: "merge", by: "alice" });
    return { pr, commit };
  }

  return {
    url: () => sim.url,
    setLatency: (ms) => sim.setLatency(ms),
    mark: () => sim.requests.at(-1)?.seq ?? 0,
    counts(since) {
      const records = sim.requests.filter((r) => r.seq > since);
      const byOperation: Record<string, number> = {};
      const msByOperation: Record<string, number> = {};
      const content: [number, number][] = [];
      const counts: Counts = {
        requests: records.length,
        rest: 0,
        graphql: 0,
        reads: 0,
        writes: 0,
        contentCreating: 0,
        errors: 0,
        byOperation,
        msByOperation,
        contentStarts: [],
        contentConcurrency: 0,
        violations: sim.violations
          .filter((v) => v.seq > since)
          .map((v) => `${v.method} ${v.path}: ${v.message}`),
        unimplemented: [...sim.unimplemented],
      };
      for (const r of records) {
        if (r.kind === "rest") counts.rest++;
        else counts.graphql++;
        if (r.access === "read") counts.reads++;
        else counts.writes++;
        if (r.status >= 400 || r.status === 0) counts.errors++;
        if (r.contentCreating) {
          counts.contentCreating++;
          counts.contentStarts.push(r.startedAt);
          content.push([r.startedAt, r.startedAt + r.durationMs]);
        }
        const key = `${r.kind === "graphql" ? "graphql " : ""}${r.operation ?? `${r.method} ${r.path}`}${r.status >= 400 ? ` (${r.status})` : ""}`;
        byOperation[key] = (byOperation[key] ?? 0) + 1;
        msByOperation[key] = (msByOperation[key] ?? 0) + r.durationMs;
      }
      counts.contentConcurrency = maxOverlap(content);
      return counts;
    },
    clearLog: () => sim.clearLog(),
    reset: () => sim.reset(),
    token(owner) {
      const installation = Object.values(sim.state.installations).find(
        (i) => i.account.toLowerCase() === owner.toLowerCase(),
      );
      return sim.createInstallationToken(installation?.id);
    },

    seedEarlier({ owner = ORG, repo: name, count, services }) {
      const repo =
        sim.state.repos[`${owner}/${name}`.toLowerCase()] ?? seedRepoWithConfig(owner, name, {}, true);
      const bot = botLogin(sim.state);
      for (let i = 0; i < count; i++) {
        const path = `${POSTMORTEM_DIR}/2026-01-01-outage-${String(i).padStart(3, "0")}.md`;
        const text = postmortemMarkdown({ items: 1, date: "2026-01-01", services });
        const { pr } = mergePostmortem(repo, path, text, `postmortem/earlier-${i}`);
        const marker = { path, id: "f1", pr: pr.number, due: null, title: itemTitle(0), owner: "alice" };
        sim.createIssue(repo, {
          title: itemTitle(0),
          body: `${renderMarker("followup", marker)}\n`,
          labels: [config.labels.tracking.name],
          user: bot,
        });
      }
    },
    seedMerge({ owner = ORG, repo: name, items, labels, path: at, date, services, tracker, routes }) {
      for (const target of routes ?? [])
        if (!sim.state.repos[`${owner}/${target}`.toLowerCase()])
          seedRepoWithConfig(owner, target, {}, labels);
      let files: Record<string, string> = {};
      if (tracker) {
        const project = sim.addProject(owner, { fields: PROJECT_FIELDS });
        files = {
          ".github/postmortem-followups.yml": `${CONFIG_YAML}tracker: true\nproject:\n  owner: ${owner}\n  number: ${project.number}\n  fields: { status: Follow-up status }\n`,
        };
      }
      const repo =
        sim.state.repos[`${owner}/${name}`.toLowerCase()] ?? seedRepoWithConfig(owner, name, files, labels);
      const path = at ?? `${POSTMORTEM_DIR}/2026-03-12-payments-outage.md`;
      const { pr, commit } = mergePostmortem(
        repo,
        path,
        postmortemMarkdown({
          items,
          ...(date ? { date } : {}),
          ...(services ? { services } : {}),
          ...(routes ? { repos: routes.map((r) => `${owner}/${r}`) } : {}),
        }),
        at ? `postmortem/${at.replace(/[^a-z0-9]+/gi, "-")}` : "postmortem/payments",
      );
      const u = urls();
      const repository = repoJson(u, sim.state, repo);
      const pull = pullJson(u, sim.state, repo, pr, true);
      const alice = sim.state.users.alice!;
      const payload = {
        action: "closed",
        number: pr.number,
        pull_request: pull,
        repository,
        organization: { login: owner, id: sim.state.users[owner.toLowerCase()]?.id ?? 1 },
        installation: { id: repo.installation_id, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==" },
        sender: { login: alice.login, id: alice.id, type: "User" },
      };
      const titles = Array.from({ length: items }, (_, i) => itemTitle(i));
      const headCommit = {
        id: commit.sha,
        tree_id: "0".repeat(40),
        distinct: true,
        message: commit.message,
        timestamp: commit.author.date,
        url: `https://github.com/${repo.full_name}/commit/${commit.sha}`,
        author: { name: "alice", email: "alice@users.noreply.github.com", username: "alice" },
        committer: { name: "GitHub", email: "noreply@github.com", username: "web-flow" },
        added: [path],
        removed: [],
        modified: [],
      };
      const push = {
        ref: `refs/heads/${repo.default_branch}`,
        before: commit.parents[0] ?? "0".repeat(40),
        after: commit.sha,
        created: false,
        deleted: false,
        forced: false,
        base_ref: null,
        compare: `https://github.com/${repo.full_name}/compare/${(commit.parents[0] ?? "").slice(0, 12)}...${commit.sha.slice(0, 12)}`,
        commits: [headCommit],
        head_commit: headCommit,
        repository: { ...repository, master_branch: repo.default_branch },
        pusher: { name: "alice", email: "alice@users.noreply.github.com" },
        organization: payload.organization,
        installation: payload.installation,
        sender: payload.sender,
      };
      return {
        owner,
        repo: name,
        pr: pr.number,
        mergeSha: pr.pull?.merge_commit_sha ?? "",
        payload,
        push,
        titles,
        path,
      };
    },

    seedCheck({ owner = ORG, repo: name, items }) {
      const files: Record<string, string> = {};
      for (let i = 0; i < items; i++) files[evidencePath(i)] = `test("retry ${i + 1}", () => {});\n`;
      const repo = seedRepoWithConfig(owner, name, files, true);
      const numbers: number[] = [];
      for (let i = 0; i < items; i++)
        numbers.push(sim.createIssue(repo, { title: `Retry ${i + 1} charges twice`, user: "alice" }).number);
      const path = `${POSTMORTEM_DIR}/2026-03-12-payments-outage.md`;
      const text = postmortemMarkdown({ items, evidence: (i) => [evidencePath(i), `#${numbers[i]}`] });
      const pr = sim.openPullRequest(repo, {
        title: `Postmortem: ${path}`,
        head: "postmortem/payments",
        files: { [path]: text },
        user: "alice",
      });
      const u = urls();
      const alice = sim.state.users.alice!;
      const payload = {
        action: "opened",
        number: pr.number,
        pull_request: pullJson(u, sim.state, repo, pr, true),
        repository: repoJson(u, sim.state, repo),
        organization: { login: owner, id: sim.state.users[owner.toLowerCase()]?.id ?? 1 },
        installation: { id: repo.installation_id, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==" },
        sender: { login: alice.login, id: alice.id, type: "User" },
      };
      return { owner, repo: name, pr: pr.number, headSha: pr.pull?.head.sha ?? "", path, payload };
    },

    checkRuns(owner, name, headSha) {
      const repo = sim.state.repos[`${owner}/${name}`.toLowerCase()];
      return (repo?.check_runs ?? [])
        .filter((r) => r.head_sha === headSha)
        .map((r) => ({
          id: r.id,
          app: r.app_slug,
          status: r.status,
          conclusion: r.conclusion,
          annotations: r.output.annotations.length,
          title: r.output.title,
        }));
    },

    async seedSweep(input) {
      const started = performance.now();
      const names: string[] = [];
      const bot = botLogin(sim.state);
      for (let r = 0; r < input.repos; r++) {
        const name = `service-${String(r + 1).padStart(4, "0")}`;
        const repo = seedRepoWithConfig(input.owner, name, {}, false);
        names.push(repo.full_name);
        const repoRef: RepoRef = {
          owner: repo.owner,
          repo: repo.name,
          defaultBranch: repo.default_branch,
          serverUrl: "https://github.com",
        };
        for (let p = 0; p < input.postmortems; p++) {
          const path = `${POSTMORTEM_DIR}/2026-0${(p % 9) + 1}-1${p}-incident-${p + 1}.md`;
          const text = postmortemMarkdown({
            items: input.items,
            title: `Incident ${p + 1} of ${name}`,
            tag: `I${p + 1}`,
          });
          const { pr, commit } = mergePostmortem(repo, path, text, `domain/postmortem/${p + 1}`);
          // The app's own reconcile writes the issues, as the merge would have.
          const result = await reconcileRepository({
            gateway: new DirectGateway(sim, repo),
            config,
            repo: repoRef,
            files: [{ path, status: "added" }],
            ref: commit.sha,
            pr: { number: pr.number, url: `https://github.com/${repo.full_name}/pull/${pr.number}` },
            mergedOn: today(),
            botLogin: bot,
          });
          if (result.failures.length > 0)
            throw new Error(`seeding ${repo.full_name}: ${JSON.stringify(result.failures)}`);
        }
      }
      for (let r = 0; r < (input.emptyRepos ?? 0); r++) {
        const name = `library-${String(r + 1).padStart(4, "0")}`;
        const repo = sim.seedRepo({ owner: input.owner, ownerType: "Organization", name, labels: true });
        names.push(repo.full_name);
      }
      return { repos: names, seedMs: performance.now() - started };
    },

    repoSummary(owner, name) {
      const repo = sim.state.repos[`${owner}/${name}`.toLowerCase()];
      if (!repo) throw new Error(`no repository ${owner}/${name}`);
      const bot = botLogin(sim.state);
      const issues = Object.values(repo.issues).filter((i) => !i.pull);
      const titles = new Map<string, number>();
      for (const i of issues) titles.set(i.title, (titles.get(i.title) ?? 0) + 1);
      return {
        issues: issues.length,
        issuesByBot: issues.filter((i) => i.user === bot).length,
        openIssues: issues.filter((i) => i.state === "open").length,
        duplicateTitles: [...titles.values()].filter((n) => n > 1).length,
        labels: repo.labels.map((l) => ({ name: l.name, color: l.color })),
        comments: repo.comments.length,
        commentsByBot: repo.comments.filter((c) => c.user === bot).length,
      };
    },

    close: () => sim.close(),
  };
}

/** The simulator in this process (tests; `--in-process`). */
export async function inProcessSimulator(latencyMs = 0): Promise<Remote<SimHost>> {
  const sim = await startSimulator({ latencyMs });
  const host = createSimHost(sim);
  const remote = {} as Record<string, unknown>;
  for (const key of Object.keys(host) as (keyof SimHost)[]) {
    const fn = host[key] as (...args: unknown[]) => unknown;
    remote[key] = async (...args: unknown[]) => fn(...args);
  }
  return remote as Remote<SimHost>;
}
