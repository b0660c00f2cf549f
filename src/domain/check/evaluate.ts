import { detail, type ProblemDetail } from "../../text/catalog/index.js";
import { TERMS, type Term } from "../../text/catalog/labels.js";
import type { Config, Language } from "../config/schema.js";
import type { Problem } from "../diagnostics/problem.js";
import {
  type IdentityIssue,
  identityItems,
  identityProblem,
  joinEditedItems,
  joinedProblem,
} from "../followups/identity.js";
import { followupsWithHints } from "../followups/markdown-items.js";
import { fileLevelProblem, type ParseResult, parsePostmortem } from "../postmortem/parse.js";
import { LIMITS } from "../postmortem/schema.js";
import {
  type EvidencePlan,
  judgeEvidence,
  type LookupResult,
  planEvidence,
  type ResolveContext,
} from "../validation/resolve.js";
import { buildCheckOutput, type CheckedEvidence, type CheckedFile, type CheckOutput } from "./output.js";
import { locator } from "./positions.js";

/**
 * What the check computes for one head commit, with GitHub behind two functions (read a file,
 * resolve evidence lookups) so this stays free of Octokit: parse each changed postmortem at the
 * head commit, plan and resolve its evidence, and build the check output.
 */

/** A file read at a ref: its bytes, too large to read, or absent (deleted, a directory, a submodule). */
export type FileRead = { kind: "file"; content: Uint8Array } | { kind: "too-large"; size: number } | null;

/** At most this many postmortems are checked per pull request; the rest get a warning. */
export const MAX_FILES = 100;

export interface EvaluateInput {
  /** Postmortem paths changed by the pull request and present at the head commit. */
  files: readonly string[];
  headSha: string;
  config: Config | null;
  configProblems: Problem[];
  annotateConfig: boolean;
  /** The pull request changes the config file: files were chosen with the base's `paths`. */
  pathsFromBase?: boolean;
  language: Language;
  repo: { owner: string; repo: string; serverUrl: string };
  readFile: (path: string, options: { ref: string; maxBytes: number }) => Promise<FileRead>;
  resolveLookups: (plans: readonly EvidencePlan[]) => Promise<Map<string, LookupResult>>;
  /**
   * The app's own follow-up issues (trusted), asked only when a file has items with derived ids
   * (Markdown): the check then shows which edited item still tracks which issue.
   */
  listFollowups?: () => Promise<readonly IdentityIssue[]>;
  /** Told each parsed postmortem (recurrence reads its services and tags, without parsing it again). */
  onParsed?: (result: ParseResult) => void;
  /**
   * More problems of the parsed postmortems, each added to its file (routing: a follow-up that cannot
   * go where it is routed). Asked once, after every file is parsed.
   */
  moreProblems?: (parsed: readonly ParseResult[]) => Promise<Problem[]>;
}

function fileProblem(
  file: string,
  problem: ProblemDetail,
  language: Language,
  severity: Problem["severity"] = "error",
): ParseResult {
  return {
    file,
    format: /\.ya?ml$/i.test(file) ? "yaml" : "markdown",
    postmortem: null,
    followups: [],
    problems: [fileLevelProblem(file, problem, language, severity)],
  };
}

interface PendingEntry {
  file: string;
  term: Term;
  index: number;
  entryIndex: number;
  plan: EvidencePlan;
  position: CheckedEvidence["position"];
}

export function fileUrlFor(repo: EvaluateInput["repo"], headSha: string) {
  return (path: string, line?: number): string =>
    `${repo.serverUrl}/${repo.owner}/${repo.repo}/blob/${headSha}/${path.split("/").map(encodeURIComponent).join("/")}${line ? `#L${line}` : ""}`;
}

export async function evaluateCheck(input: EvaluateInput): Promise<CheckOutput> {
  const { config } = input;
  const fileUrl = fileUrlFor(input.repo, input.headSha);
  if (!config) {
    return buildCheckOutput({
      language: input.language,
      config: null,
      files: [],
      configProblems: input.configProblems,
      annotateConfig: input.annotateConfig,
      fileUrl,
      pathsFromBase: input.pathsFromBase ?? false,
    });
  }
  const ctx: ResolveContext = {
    owner: input.repo.owner,
    repo: input.repo.repo,
    ref: input.headSha,
    githubHost: new URL(input.repo.serverUrl).host,
    serverUrl: input.repo.serverUrl,
    allowed: { httpHosts: config.validation.httpHosts, tickets: config.validation.tickets },
  };

  const results: CheckedFile[] = [];
  const pending: PendingEntry[] = [];
  const sorted = [...input.files].sort((a, b) => a.localeCompare(b));
  for (const [i, file] of sorted.entries()) {
    if (i >= MAX_FILES) {
      results.push({
        file,
        result: fileProblem(file, detail("too-many-files", { max: MAX_FILES }), config.language, "warning"),
        evidence: [],
      });
      continue;
    }
    const read = await input.readFile(file, { ref: input.headSha, maxBytes: LIMITS.fileBytes });
    if (read === null) {
      results.push({
        file,
        result: fileProblem(file, detail("unreadable-at-head"), config.language),
        evidence: [],
      });
      continue;
    }
    if (read.kind === "too-large") {
      results.push({
        file,
        result: fileProblem(
          file,
          detail("file-too-large", { bytes: read.size, limit: LIMITS.fileBytes, unit: "MiB" }),
          config.language,
        ),
        evidence: [],
      });
      continue;
    }
    const result = parsePostmortem(file, read.content, config, { githubHost: ctx.githubHost });
    results.push({ file, result, evidence: [] });
    input.onParsed?.(result);
    const lists = result.postmortem?.followups;
    const items = lists
      ? TERMS.flatMap((term) => (lists[term] ?? []).map((item, index) => ({ term, index, item })))
      : result.followups.map((f) => ({ term: f.term, index: f.index, item: f }));
    if (items.every(({ item }) => !item.validation?.length)) continue;
    // The parser accepted the bytes as UTF-8 text, so decoding cannot fail here.
    const at = locator(file, new TextDecoder().decode(read.content));
    for (const { term, index, item } of items) {
      (item.validation ?? []).forEach((entry, entryIndex) => {
        pending.push({
          file,
          term,
          index,
          entryIndex,
          plan: planEvidence(entry, ctx),
          position: at(["followups", term, index, "validation", entryIndex]),
        });
      });
    }
  }

  await noteJoins(input, results, config.language);
  if (input.moreProblems) {
    const byFile = new Map(results.map((r) => [r.file, r]));
    for (const problem of await input.moreProblems(results.map((r) => r.result)))
      byFile.get(problem.file)?.result.problems.push(problem);
  }

  const answers = await input.resolveLookups(pending.map((p) => p.plan));
  const byFile = new Map(results.map((r) => [r.file, r]));
  for (const p of pending) {
    const checked = byFile.get(p.file)!;
    checked.evidence.push({
      term: p.term,
      index: p.index,
      entryIndex: p.entryIndex,
      outcome: judgeEvidence(p.plan, answers, ctx, input.language),
      position: p.position,
    });
  }

  return buildCheckOutput({
    language: input.language,
    config,
    files: results,
    configProblems: input.configProblems,
    annotateConfig: input.annotateConfig,
    fileUrl,
    pathsFromBase: input.pathsFromBase ?? false,
  });
}

/** Each edited item that keeps its issue (and each ambiguous one) as a note of its file. */
async function noteJoins(input: EvaluateInput, results: CheckedFile[], language: Language): Promise<void> {
  const items = results.flatMap((r) =>
    r.result.postmortem ? identityItems(r.file, followupsWithHints(r.result)) : [],
  );
  if (!input.listFollowups || items.every((item) => item.pinned)) return;
  let issues: readonly IdentityIssue[];
  try {
    issues = await input.listFollowups();
  } catch {
    return; // a note, not a verdict: the check goes on without it
  }
  const { joins, warnings } = joinEditedItems(items, issues);
  const byFile = new Map(results.map((r) => [r.file, r]));
  const itemByKey = new Map(items.map((item) => [`${item.path}#${item.id}`, item]));
  for (const join of joins) {
    const item = itemByKey.get(join.key);
    if (item) byFile.get(item.path)?.result.problems.push(joinedProblem(join, item, language));
  }
  for (const warning of warnings)
    byFile.get(warning.path)?.result.problems.push(identityProblem(warning, language));
}
