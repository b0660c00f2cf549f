import { basename, dirname, isAbsolute, relative } from "node:path";
import { isValid } from "date-fns/isValid";
import { parseISO } from "date-fns/parseISO";
import { managedLabelNames } from "../domain/config/load.js";
import type { Config } from "../domain/config/schema.js";
import { hasErrors, type Problem } from "../domain/diagnostics/problem.js";
import { buildDesired } from "../domain/followups/desired.js";
import { followupsWithHints } from "../domain/followups/markdown-items.js";
import type { ItemIdentityHints, PullRef } from "../domain/followups/model.js";
import { compareFollowups } from "../domain/followups/order.js";
import { planReconcile } from "../domain/followups/plan.js";
import type { ParsedFollowup } from "../domain/postmortem/parse.js";
import { toPosix } from "../domain/postmortem/paths.js";
import type { Postmortem } from "../domain/postmortem/schema.js";
import { t } from "../text/catalog/index.js";
import type { Language } from "../text/language.js";
import { CONFIG_OPTION, loadCliConfig } from "./config.js";
import { type CliIO, type CommandModule, EXIT, println, UsageError } from "./context.js";
import { collectFiles, type InputFile, readPostmortem } from "./files.js";
import {
  formatOption,
  jsonProblem,
  type OutputFormat,
  printJson,
  printProblemLines,
  skippedProblem,
} from "./output.js";
import {
  bornOverdue,
  type PlanItem,
  type PlannedIssue,
  type PlanOutput,
  printFilePlan,
} from "./plan-output.js";
import { gitRoot, type ResolvedRepo, resolveRepo } from "./repo.js";

export interface PlanOptions {
  format: OutputFormat;
  config?: string;
  repo?: string;
  pr?: string;
  mergedOn?: string;
}

export const planCommand: CommandModule = (program, ctx) => {
  program
    .command("plan")
    .addHelpText(
      "after",
      "\nExample:\n  npx postmortem-followups plan postmortems/2026-03-12-payments.md --repo acme/shop --pr 42\n\nNo environment needed (offline). Help is in English; the plan follows the config's language.",
    )
    .description(
      "show the issues the app would create for each valid postmortem (offline: nothing is written)",
    )
    .argument("[paths...]", "files, folders or quoted globs (default: the config's paths)")
    .addOption(formatOption())
    .option(...CONFIG_OPTION)
    .option("--repo <owner/name>", "repository the links point to (default: the git remote origin)")
    .option("--pr <number>", "number of the pull request that merges the postmortem")
    .option("--merged-on <date>", "merge date, YYYY-MM-DD: default due dates count from it (default: today)")
    .action(async (paths: string[], opts: PlanOptions) => {
      ctx.exitCode = await runPlan(ctx, paths, opts);
    });
};

function parsePr(value: string | undefined): number | null {
  if (value === undefined) return null;
  if (!/^[1-9][0-9]{0,9}$/.test(value)) throw new UsageError((l) => t(l, "usage.pr-number", { got: value }));
  return Number(value);
}

function parseMergedOn(value: string | undefined, io: CliIO): string {
  if (value === undefined) return io.today();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !isValid(parseISO(value)))
    throw new UsageError((l) => t(l, "usage.merged-on-date", { got: value }));
  return value;
}

/** Plans every valid file; files with errors print their problems and make the exit code 1. */
export async function runPlan(io: CliIO, paths: readonly string[], opts: PlanOptions): Promise<number> {
  const prNumber = parsePr(opts.pr);
  const mergedOn = parseMergedOn(opts.mergedOn, io);
  const loaded = await loadCliConfig(io, opts.config);
  if (!loaded.ok) {
    if (opts.format === "json")
      printJson(io, emptyOutput(opts.repo ?? "", prNumber, mergedOn, loaded.problems));
    else {
      printProblemLines(io.stderr, loaded.problems);
      println(io.stderr, t(loaded.language, "plan.invalid-config", { file: loaded.file }));
    }
    return EXIT.problems;
  }
  const { config } = loaded;
  const { language } = config;
  const resolved = await resolveRepo(io, opts.repo);
  const { repo } = resolved;
  const pr: PullRef | null = prNumber
    ? { number: prNumber, url: `${repo.serverUrl}/${repo.owner}/${repo.repo}/pull/${prNumber}` }
    : null;
  const files = await collectFiles(io, paths, config);

  const output: PlanOutput = {
    repo: `${repo.owner}/${repo.repo}`,
    pr: prNumber,
    mergedOn,
    issues: [],
    items: [],
    problems: loaded.problems.map(jsonProblem),
  };
  let failed = false;
  const text = opts.format === "text";
  if (text) printProblemLines(io.stderr, loaded.problems);
  if (text && resolved.source === "placeholder")
    println(io.stderr, `note: ${t(language, "plan.placeholder-repo")}`);

  for (const file of files) {
    const result = await readPostmortem(file, config, { githubHost: new URL(repo.serverUrl).host });
    if (result.skipped) {
      output.problems.push(jsonProblem(skippedProblem(file.display, result.skipped)));
      if (text) println(io.stderr, `${file.display}: note: ${result.skipped}`);
      continue;
    }
    output.problems.push(...result.problems.map(jsonProblem));
    if (text) printProblemLines(io.stderr, result.problems);
    if (hasErrors(result.problems) || !result.postmortem) {
      failed = true;
      // The items it found anyway, so a team sees what the reader made of the file.
      const path = await repoPath(io, file, resolved.root, language);
      output.items.push(...followupsWithHints(result).map((f) => planItem(file, path, f, "blocked")));
      if (text) println(io.stderr, `${file.display}: ${t(language, "plan.file-has-errors")}\n`);
      continue;
    }
    const path = await repoPath(io, file, resolved.root, language);
    const { issues, items } = planFile(
      file,
      path,
      resolved,
      config,
      result.postmortem,
      followupsWithHints(result),
      pr,
      mergedOn,
    );
    const overdue = bornOverdue(issues, mergedOn, language);
    output.problems.push(...overdue.map(jsonProblem));
    if (text) printProblemLines(io.stderr, overdue);
    output.issues.push(...issues);
    output.items.push(...items);
    if (text) printFilePlan(io, language, file, output.repo, issues, items, pr, mergedOn);
  }

  if (opts.format === "json") printJson(io, output);
  else if (files.length === 0) println(io.stderr, t(language, "cli.no-postmortems", { paths: config.paths }));
  return failed ? EXIT.problems : EXIT.ok;
}

function emptyOutput(repo: string, pr: number | null, mergedOn: string, problems: Problem[]): PlanOutput {
  return { repo, pr, mergedOn, issues: [], items: [], problems: problems.map(jsonProblem) };
}

/**
 * The postmortem's path in its repository (what links and the marker use): relative to the work
 * tree of the working folder, else to the work tree that holds the file (a postmortem of another
 * checkout), else, for a file in no work tree, its name (with a note: the links are a guess).
 */
async function repoPath(io: CliIO, file: InputFile, root: string, language: Language): Promise<string> {
  const inside = (base: string) => {
    const rel = toPosix(relative(base, file.abs));
    return rel === "" || rel === ".." || rel.startsWith("../") || isAbsolute(rel) ? null : rel;
  };
  const rel = inside(root);
  if (rel) return rel;
  const own = await gitRoot(dirname(file.abs));
  const ownRel = own ? inside(own) : null;
  if (ownRel) return ownRel;
  const name = basename(file.abs);
  println(io.stderr, `note: ${t(language, "plan.outside-repo", { file: file.display, name })}`);
  return name;
}

function planItem(
  file: InputFile,
  path: string,
  f: ParsedFollowup,
  state: PlanItem["state"],
  adopts?: number,
): PlanItem {
  const hints = f as ParsedFollowup & ItemIdentityHints;
  return {
    file: file.display,
    path,
    id: f.id,
    title: f.title,
    line: f.line,
    state,
    ...(adopts !== undefined ? { adopts } : {}),
    term: f.term,
    category: f.category,
    owner: f.owner ? f.owner.replace(/^@/, "") : null,
    ...(hints.derivation ? { derivation: hints.derivation } : {}),
  };
}

function planFile(
  file: InputFile,
  path: string,
  resolved: ResolvedRepo,
  config: Config,
  postmortem: Postmortem,
  followups: ParsedFollowup[],
  pr: PullRef | null,
  mergedOn: string,
): { issues: PlannedIssue[]; items: PlanItem[] } {
  const desired = buildDesired({ path, postmortem, followups, config, repo: resolved.repo, pr, mergedOn });
  const actions = planReconcile({
    desired,
    actual: [],
    scope: new Set([path]),
    managedLabels: managedLabelNames(config),
  });
  const items = followups.map((f, i) => {
    const disposition = desired[i]?.disposition;
    if (!disposition) return planItem(file, path, f, "create");
    return disposition.kind === "done"
      ? planItem(file, path, f, "done")
      : planItem(file, path, f, "adopt", disposition.number);
  });
  const issues: PlannedIssue[] = [];
  const severity = postmortem.severity;
  for (const action of actions) {
    if (action.type !== "create") continue;
    const d = action.desired;
    issues.push({
      file: file.display,
      path,
      id: d.id,
      line: d.identity?.line ?? 1,
      term: d.term,
      category: d.category,
      title: action.title,
      labels: action.labels,
      assignees: action.assignees,
      owner: d.owner,
      due: d.due,
      priority: d.priority,
      milestone: d.milestone,
      body: action.body,
    });
  }
  // One order in every artifact (domain/followups/order.ts): due date, then severity.
  issues.sort((a, b) => compareFollowups({ ...a, severity }, { ...b, severity }, config.severities));
  return { issues, items };
}
