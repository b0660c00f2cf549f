import { generateKeyPairSync } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Octokit } from "@octokit/rest";
import { pino } from "pino";
import { Probot } from "probot";
import app from "../src/app/app.js";
import { main } from "../src/cli/main.js";
import { AppOctokit, type GitHubClient } from "../src/github/client.js";
import { lastCommitOf, listTree } from "../src/github/installations.js";
import { openRepository } from "../src/github/repository.js";
import { sweepRepository } from "../src/runs/sweep/repository.js";
import { type SimRepo, type Simulator, startSimulator } from "../test/simulator/index.js";

/**
 * The examples in the README and docs/examples/ are what the app writes, produced by the app:
 * the real handlers (`src/app/app.ts`) run against the GitHub simulator with a fixed clock, for the
 * example postmortems in examples/postmortems/ (English, and Korean with `language: ko`). A pull
 * request adds the postmortem (the check run), merges (the follow-up issues and the summary
 * comment), people close two follow-ups — one with proof, one without — and the weekly sweep
 * posts its report. For the plain-Markdown examples (an SRE-book Action Items table, a Korean 재발 방지
 * 계획 table), `postmortem-followups plan` shows what the merge would create. Nothing is written by hand.
 *
 * `npm run docs:examples` writes the files (scripts/readme-examples.mjs runs this module);
 * test/readme/examples.test.ts fails when they are stale.
 */

export type Language = "en" | "ko";

export interface ExampleSet {
  language: Language;
  source: string;
  /** file name under docs/examples/ -> content */
  files: Record<string, string>;
  /** README section name -> Markdown between the README's markers */
  sections: Record<string, string>;
}

interface Scenario {
  language: Language;
  source: string;
  path: string;
  owners: Record<string, "write">;
  team: { slug: string; members: string[] };
  files: Record<string, string>;
  opened: string;
  merged: string;
  /** The follow-up shown as "the created issue". */
  showcase: string;
  /** Closed with `/validated <evidence>` first. */
  validated: { id: string; by: string; evidence: string; at: string };
  /** Closed without proof. */
  unproven: { id: string; by: string; at: string };
  /** Closed as not planned, then given a reason with `/not-doing <reason>` (issue 16). */
  notDoing: { id: string; by: string; at: string; reason: string };
  report: string;
}

const SCENARIOS: Record<Language, Scenario> = {
  en: {
    language: "en",
    source: "examples/postmortems/2026-01-27-checkout-db-failover.md",
    path: "postmortems/2026-01-27-checkout-db-failover.md",
    owners: { dana: "write", luis: "write" },
    team: { slug: "sre", members: ["dana", "luis"] },
    files: {
      "services/checkout/test/db-failover.test.ts": "// failover test\n",
      "docs/runbooks/database-failover.md": "# Database failover\n",
      ".github/workflows/release-checks.yml": "name: Release checks\non: workflow_dispatch\njobs: {}\n",
    },
    opened: "2026-01-28T09:12:00Z",
    merged: "2026-01-30T15:40:00Z",
    showcase: "pool-dns-refresh",
    validated: {
      id: "read-only-alert",
      by: "luis",
      evidence: "https://grafana.example.com/d/db-write-errors",
      at: "2026-02-03T10:05:00Z",
    },
    unproven: { id: "runbook-restart-step", by: "dana", at: "2026-02-05T16:20:00Z" },
    notDoing: {
      id: "failover-in-release-checks",
      by: "luis",
      at: "2026-02-06T11:00:00Z",
      reason: "the quarterly failover drill already runs the failover suite against staging",
    },
    report: "2026-02-09T09:30:00Z",
  },
  ko: {
    language: "ko",
    source: "examples/postmortems/2026-02-14-order-deploy-failure.ko.md",
    path: "postmortems/2026-02-14-order-deploy-failure.md",
    owners: { dohyun: "write", seoyeon: "write" },
    team: { slug: "platform", members: ["dohyun", "seoyeon"] },
    files: {
      ".github/postmortem-followups.yml": "language: ko\n",
      "deploy/order-service/test/env.test.ts": "// env test\n",
      "docs/sop/deploy-checklist.md": "# 배포 체크리스트\n",
      "docs/runbooks/order-service-rollback.md": "# 롤백 런북\n",
    },
    opened: "2026-02-15T01:30:00Z",
    merged: "2026-02-16T06:10:00Z",
    showcase: "fix-deploy-script",
    validated: {
      id: "deploy-failure-alert",
      by: "seoyeon",
      evidence: "https://grafana.example.com/d/order-deploys",
      at: "2026-02-20T02:00:00Z",
    },
    unproven: { id: "staging-verification-required", by: "seoyeon", at: "2026-02-24T08:45:00Z" },
    notDoing: {
      id: "deploy-drill",
      by: "dohyun",
      at: "2026-02-25T05:00:00Z",
      reason: "플랫폼 팀의 분기별 장애 훈련에 롤백 시나리오를 포함하기로 함",
    },
    report: "2026-03-02T00:30:00Z",
  },
};

/** The repository root: the nearest folder above this module whose package.json is this package's
 * (this module also runs bundled, from node_modules/.cache, by scripts/readme-examples.mjs). */
function findRoot(): URL {
  let dir = new URL("./", import.meta.url);
  for (let i = 0; i < 8; i++) {
    try {
      const pkg = JSON.parse(readFileSync(new URL("package.json", dir), "utf8")) as { name?: string };
      if (pkg.name === "postmortem-followups") return dir;
    } catch {
      // keep walking up
    }
    dir = new URL("../", dir);
  }
  throw new Error("cannot find the repository root");
}

export const ROOT = findRoot();

/** Runs one scenario and returns what the app wrote. */
async function runScenario(s: Scenario): Promise<ExampleSet> {
  let clock = new Date(s.opened);
  const sim: Simulator = await startSimulator({ strict: true, now: () => clock });
  const previous = {
    scheduler: process.env.POSTMORTEM_FOLLOWUPS_SCHEDULER,
    interval: process.env.POSTMORTEM_FOLLOWUPS_WRITE_INTERVAL_MS,
  };
  process.env.POSTMORTEM_FOLLOWUPS_SCHEDULER = "off";
  process.env.POSTMORTEM_FOLLOWUPS_WRITE_INTERVAL_MS = "0";
  try {
    const repo: SimRepo = sim.seedRepo({
      owner: "acme",
      ownerType: "Organization",
      name: "shop",
      files: { "README.md": "# shop\n", ...s.files },
      collaborators: s.owners,
    });
    sim.addTeam("acme", s.team.slug, Object.fromEntries(s.team.members.map((m) => [m, "member" as const])));
    const installationId = repo.installation_id!;
    const api = new Octokit({ baseUrl: sim.url, auth: sim.createInstallationToken() });
    const as = (login: string) => new Octokit({ baseUrl: sim.url, auth: sim.addUserToken(login) });

    const probot = new Probot({
      appId: 1,
      privateKey: generateKeyPairSync("rsa", {
        modulusLength: 2048,
        publicKeyEncoding: { type: "spki", format: "pem" },
        privateKeyEncoding: { type: "pkcs1", format: "pem" },
      }).privateKey,
      baseUrl: sim.url,
      Octokit: AppOctokit,
      log: pino({ level: "silent" }),
    });
    await probot.load(app, { cwd: process.cwd(), addHandler: () => {} });
    let delivery = 0;
    const receive = (name: string, payload: object) =>
      probot.receive({ id: `example-${++delivery}`, name, payload } as Parameters<Probot["receive"]>[0]);
    const repository = async () => (await api.rest.repos.get({ owner: "acme", repo: "shop" })).data;
    const sender = (login: string) => ({ login, type: "User", id: 100 });
    const installation = { id: installationId };
    const author = Object.keys(s.owners)[0]!;

    // 1. The pull request that adds the postmortem: the check run.
    const text = readFileSync(new URL(s.source, ROOT), "utf8");
    const pull = sim.openPullRequest(repo, {
      title:
        s.language === "ko"
          ? "포스트모템: 주문 서비스 배포 실패"
          : "Postmortem: checkout errors during database failover",
      head: "postmortem",
      files: { [s.path]: text },
      user: author,
    });
    const prData = async () =>
      (await api.rest.pulls.get({ owner: "acme", repo: "shop", pull_number: pull.number })).data;
    await receive("pull_request", {
      action: "opened",
      number: pull.number,
      pull_request: await prData(),
      repository: await repository(),
      sender: sender(author),
      installation,
    });
    const check = repo.check_runs.at(-1)!;

    // 2. The merge: one issue per follow-up, and the summary on the pull request.
    clock = new Date(s.merged);
    sim.mergePullRequest(repo, pull.number, { by: author });
    await receive("pull_request", {
      action: "closed",
      number: pull.number,
      pull_request: await prData(),
      repository: await repository(),
      sender: sender(author),
      installation,
    });
    const issues = Object.values(repo.issues).filter((i) => !i.pull);
    const byId = (id: string) => {
      const issue = issues.find((i) => i.body?.includes(`"id":"${id}"`));
      if (!issue) throw new Error(`no issue for ${id}`);
      return issue;
    };
    const summary = repo.comments.find((c) => c.issue_number === pull.number)!;

    // 3. Progress: one follow-up proven and closed, one closed without proof.
    const proven = byId(s.validated.id);
    clock = new Date(s.validated.at);
    const { data: command } = await as(s.validated.by).rest.issues.createComment({
      owner: "acme",
      repo: "shop",
      issue_number: proven.number,
      body: `/validated ${s.validated.evidence}`,
    });
    const issueData = async (n: number) =>
      (await api.rest.issues.get({ owner: "acme", repo: "shop", issue_number: n })).data;
    await receive("issue_comment", {
      action: "created",
      issue: await issueData(proven.number),
      comment: command,
      repository: await repository(),
      sender: sender(s.validated.by),
      installation,
    });
    for (const [issue, by] of [
      [proven, s.validated.by],
      [byId(s.unproven.id), s.unproven.by],
    ] as const) {
      clock = new Date(issue === proven ? s.validated.at : s.unproven.at);
      await as(by).rest.issues.update({
        owner: "acme",
        repo: "shop",
        issue_number: issue.number,
        state: "closed",
        state_reason: "completed",
      });
      await receive("issues", {
        action: "closed",
        issue: await issueData(issue.number),
        repository: await repository(),
        sender: sender(by),
        installation,
      });
    }

    // 3b. Not doing: closed as not planned (the app asks why), then a reason with `/not-doing`.
    const dropped = byId(s.notDoing.id);
    clock = new Date(s.notDoing.at);
    await as(s.notDoing.by).rest.issues.update({
      owner: "acme",
      repo: "shop",
      issue_number: dropped.number,
      state: "closed",
      state_reason: "not_planned",
    });
    await receive("issues", {
      action: "closed",
      issue: await issueData(dropped.number),
      repository: await repository(),
      sender: sender(s.notDoing.by),
      installation,
    });
    clock = new Date(Date.parse(s.notDoing.at) + 10 * 60_000);
    const { data: reason } = await as(s.notDoing.by).rest.issues.createComment({
      owner: "acme",
      repo: "shop",
      issue_number: dropped.number,
      body: `/not-doing ${s.notDoing.reason}`,
    });
    await receive("issue_comment", {
      action: "created",
      issue: await issueData(dropped.number),
      comment: reason,
      repository: await repository(),
      sender: sender(s.notDoing.by),
      installation,
    });

    // 4. The weekly report, as the sweep (CronJob, Action schedule, in-process scheduler) posts it.
    clock = new Date(s.report);
    const octokit = (await probot.auth(installationId)) as unknown as GitHubClient;
    const shop = openRepository(octokit, { owner: "acme", repo: "shop" });
    await sweepRepository({
      repo: { owner: "acme", repo: "shop", defaultBranch: "main", serverUrl: "https://github.com" },
      gateway: shop.gateway,
      writes: shop.writes,
      github: {
        tree: (ref) => listTree(octokit, "acme", "shop", ref),
        lastCommit: (path, ref) => lastCommitOf(octokit, "acme", "shop", path, ref),
      },
      loadConfig: shop.loadConfig,
      botLogin: "my-app[bot]",
      now: clock,
    });
    const comments = repo.comments.filter((c) => c.issue_number === pull.number && c.user === "my-app[bot]");
    const weekly = comments.at(-1)!;
    if (weekly === summary) throw new Error("the sweep posted no weekly report");
    if (sim.violations.length > 0) throw new Error(`invalid requests: ${JSON.stringify(sim.violations)}`);

    const showcase = byId(s.showcase);
    const labels = showcase.labels.map((l) => `\`${l}\``).join(" ");
    const assignees = showcase.assignees.map((a) => `@${a}`).join(", ") || "—";
    const t =
      s.language === "ko"
        ? {
            issue: "만들어진 후속 조치 이슈",
            check: "체크 런 요약",
            weekly: "주간 진행 댓글",
            summary: "병합 후 풀 리퀘스트 요약",
            title: "제목",
            labels: "레이블",
            assignees: "담당자",
            conclusion: "결론",
          }
        : {
            issue: "A created follow-up issue",
            check: "The check run's summary",
            weekly: "A weekly progress comment",
            summary: "The summary on the merged pull request",
            title: "Title",
            labels: "Labels",
            assignees: "Assignees",
            conclusion: "Conclusion",
          };
    const header = (what: string) =>
      `<!-- Generated by \`npm run docs:examples\` from ${s.source}: do not edit. -->\n\n# ${what}\n\n`;
    const issueHead = `**${t.title}:** ${showcase.title}  \n**${t.labels}:** ${labels}  \n**${t.assignees}:** ${assignees}\n\n---\n\n`;
    // The conclusion in words (GitHub shows it as a mark): 성공/실패 in Korean, not the API's `failure`.
    const conclusion =
      s.language === "ko" ? (check.conclusion === "success" ? "성공" : "실패") : `\`${check.conclusion}\``;
    const checkHead = `**${check.name}** — ${t.conclusion}: ${conclusion} · ${check.output.title}\n\n---\n\n`;
    const sections: Record<string, string> = {
      issue: `${issueHead}${showcase.body ?? ""}`,
      check: `${checkHead}${check.output.summary ?? ""}`,
      weekly: weekly.body,
    };
    const suffix = s.language === "ko" ? ".ko" : "";
    const files: Record<string, string> = {
      [`issue${suffix}.md`]: `${header(t.issue)}${sections.issue!.trimEnd()}\n`,
      [`check-run${suffix}.md`]: `${header(t.check)}${sections.check!.trimEnd()}\n`,
      [`pr-summary${suffix}.md`]: `${header(t.summary)}${summary.body.trimEnd()}\n`,
      [`weekly-comment${suffix}.md`]: `${header(t.weekly)}${sections.weekly!.trimEnd()}\n`,
    };
    return { language: s.language, source: s.source, files, sections };
  } finally {
    await sim.close();
    for (const [key, value] of [
      ["POSTMORTEM_FOLLOWUPS_SCHEDULER", previous.scheduler],
      ["POSTMORTEM_FOLLOWUPS_WRITE_INTERVAL_MS", previous.interval],
    ] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

/** The plain-Markdown example of each language: `plan` shows the items it reads and the issues a merge would create. */
const MARKDOWN_EXAMPLES: Record<Language, { source: string; path: string; mergedOn: string }> = {
  en: {
    source: "examples/postmortems/2026-03-03-search-overload.md",
    path: "postmortems/2026-03-03-search-overload.md",
    mergedOn: "2026-03-06",
  },
  ko: {
    source: "examples/postmortems/2026-04-07-payment-timeout.ko.md",
    path: "postmortems/2026-04-07-payment-timeout.md",
    mergedOn: "2026-04-09",
  },
};

/** `postmortem-followups plan --repo acme/shop --merged-on <day> <file>`, run in process in a scratch repository. */
async function planMarkdown(language: Language): Promise<{ source: string; text: string }> {
  const example = MARKDOWN_EXAMPLES[language];
  const dir = mkdtempSync(join(tmpdir(), "postmortem-followups-example-"));
  try {
    mkdirSync(join(dir, "postmortems"));
    if (language === "ko") {
      mkdirSync(join(dir, ".github"));
      writeFileSync(join(dir, ".github/postmortem-followups.yml"), "language: ko\n");
    }
    writeFileSync(join(dir, example.path), readFileSync(new URL(example.source, ROOT), "utf8"));
    let stdout = "";
    let stderr = "";
    const code = await main(["plan", "--repo", "acme/shop", "--merged-on", example.mergedOn, example.path], {
      cwd: dir,
      env: {},
      stdout: (text) => {
        stdout += text;
      },
      stderr: (text) => {
        stderr += text;
      },
      today: () => example.mergedOn,
    });
    if (code !== 0) throw new Error(`plan ${example.source} exited ${code}: ${stderr}`);
    return { source: example.source, text: stdout };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function withMarkdownPlan(set: ExampleSet): Promise<ExampleSet> {
  const { source, text } = await planMarkdown(set.language);
  const { path, mergedOn } = MARKDOWN_EXAMPLES[set.language];
  const command = `postmortem-followups plan --repo acme/shop --merged-on ${mergedOn} ${path}`;
  const block = `\`\`\`console\n$ ${command}\n${text.trimEnd()}\n\`\`\``;
  const title = set.language === "ko" ? "Markdown 포스트모템의 plan" : "plan on a Markdown postmortem";
  const suffix = set.language === "ko" ? ".ko" : "";
  return {
    ...set,
    files: {
      ...set.files,
      [`plan-markdown${suffix}.md`]: `<!-- Generated by \`npm run docs:examples\` from ${source}: do not edit. -->\n\n# ${title}\n\n${block}\n`,
    },
    sections: { ...set.sections, "markdown-plan": block },
  };
}

export async function generateExamples(): Promise<ExampleSet[]> {
  return [
    await withMarkdownPlan(await runScenario(SCENARIOS.en)),
    await withMarkdownPlan(await runScenario(SCENARIOS.ko)),
  ];
}

/** `<!-- BEGIN GENERATED: name -->` … `<!-- END GENERATED: name -->` in a README. */
export function markers(name: string): { begin: string; end: string } {
  return { begin: `<!-- BEGIN GENERATED: ${name} -->`, end: `<!-- END GENERATED: ${name} -->` };
}

/** The README with every generated section replaced; sections without markers are left out. */
export function rewriteReadme(readme: string, sections: Record<string, string>): string {
  let out = readme;
  for (const [name, content] of Object.entries(sections)) {
    const { begin, end } = markers(name);
    const start = out.indexOf(begin);
    const stop = out.indexOf(end);
    if (start === -1 || stop === -1 || stop < start) continue;
    out = `${out.slice(0, start + begin.length)}\n\n${content.trimEnd()}\n\n${out.slice(stop)}`;
  }
  return out;
}

/** Which README each language's sections go to. */
export const READMES: Record<Language, string> = { en: "README.md", ko: "README.ko.md" };
