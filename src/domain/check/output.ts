import { STATUS_ICON } from "../../text/catalog/check.js";
import { type EvidenceCode, t } from "../../text/catalog/index.js";
import { categoryName, TERMS, type Term } from "../../text/catalog/labels.js";
import { cell, inline, quietLogin } from "../../text/sanitize.js";
import { render } from "../../text/templates.js";
import type { Config, Language } from "../config/schema.js";
import type { Problem } from "../diagnostics/problem.js";
import { compareFollowups } from "../followups/order.js";
import { policyDays } from "../policy/due.js";
import type { ParseResult } from "../postmortem/parse.js";
import type { Followup } from "../postmortem/schema.js";
import type { EvidenceOutcome } from "../validation/resolve.js";
import { type Annotation, MAX_ANNOTATIONS, toAnnotation, topAnnotations } from "./annotations.js";
import type { Position } from "./positions.js";

/** The check run's name: one run of this name per head commit. */
export const CHECK_NAME = "Postmortem follow-ups";

/** GitHub limits `output.summary` and `output.text` to 65,535 characters. */
export const SUMMARY_MAX = 65_535;

/** One evidence entry of a follow-up, as the check judged it, and where it is in the file. */
export interface CheckedEvidence {
  term: Term;
  /** Index of the follow-up in its term's list. */
  index: number;
  /** Index of the entry in the follow-up's `validation` list. */
  entryIndex: number;
  outcome: EvidenceOutcome;
  position: Position;
}

export interface CheckedFile {
  file: string;
  result: ParseResult;
  evidence: CheckedEvidence[];
}

export interface CheckInput {
  language: Language;
  /** Null when the config is invalid (then only its problems are reported). */
  config: Config | null;
  files: CheckedFile[];
  configProblems: Problem[];
  /** Whether the config file exists in this repository (annotations need a path in it). */
  annotateConfig: boolean;
  /** Web URL of a file at the checked commit, for links in the summary. */
  fileUrl: (path: string, line?: number) => string;
  /**
   * The pull request changes the config file: its files were chosen with the base branch's
   * `paths` (never the proposed ones), and the summary says so.
   */
  pathsFromBase?: boolean;
}

export type Conclusion = "success" | "failure";

export interface CheckOutput {
  conclusion: Conclusion;
  title: string;
  summary: string;
  /** At most MAX_ANNOTATIONS, the most severe first. */
  annotations: Annotation[];
  counts: {
    errors: number;
    warnings: number;
    notices: number;
    followups: number;
    files: number;
    /** Problems not shown as annotations (over MAX_ANNOTATIONS). */
    unannotated: number;
  };
}

export function evidencePath(term: Term, index: number, entryIndex: number): string {
  return `followups.${term}[${index}].validation[${entryIndex}]`;
}

const EVIDENCE_CODES: Record<"missing" | "cannot-verify" | "unverified", EvidenceCode> = {
  missing: "evidence-missing",
  "cannot-verify": "evidence-cannot-verify",
  unverified: "evidence-unverified",
};

/** Evidence outcomes as positioned problems (invalid entries are already the parser's errors). */
export function evidenceProblems(file: CheckedFile): Problem[] {
  const out: Problem[] = [];
  for (const e of file.evidence) {
    const { status } = e.outcome;
    if (e.outcome.severity === null || status === "invalid" || status === "verified") continue;
    out.push({
      file: file.file,
      ...e.position,
      severity: e.outcome.severity,
      path: evidencePath(e.term, e.index, e.entryIndex),
      code: EVIDENCE_CODES[status],
      message: e.outcome.message,
    });
  }
  return out;
}

function count(problems: readonly Problem[], severity: Problem["severity"]): number {
  let n = 0;
  for (const p of problems) if (p.severity === severity) n++;
  return n;
}

const ITEM_PREFIX = /^followups\.([a-z_]+)\[(\d+)\]/;

/** Problems by the follow-up they are about (`term:index`), in one pass. */
function problemsByItem(problems: readonly Problem[]): Map<string, Problem[]> {
  const out = new Map<string, Problem[]>();
  for (const p of problems) {
    const m = ITEM_PREFIX.exec(p.path);
    if (!m) continue;
    // `followups.short_term[1]` and `followups.short_term[1].x`, not `followups.short_term[10]`.
    const next = p.path.charAt(m[0].length);
    if (next !== "" && next !== ".") continue;
    const key = `${m[1]}:${m[2]}`;
    const list = out.get(key);
    if (list) list.push(p);
    else out.set(key, [p]);
  }
  return out;
}

function mdLink(text: string, url: string): string {
  return `[${text.replace(/[[\]]/g, "\\$&")}](${url.replace(/[()\s<>]/g, (c) => encodeURIComponent(c))})`;
}

/** Rows of the summary: every follow-up the file names (valid or not), by term then category. */
function followupsOf(result: ParseResult): { term: Term; index: number; item: Followup }[] {
  const out: { term: Term; index: number; item: Followup }[] = [];
  const lists = result.postmortem?.followups;
  if (lists) {
    for (const term of TERMS) {
      (lists[term] ?? []).forEach((item, index) => {
        out.push({ term, index, item });
      });
    }
  } else {
    for (const f of result.followups) out.push({ term: f.term, index: f.index, item: f });
  }
  return out;
}

function fileContext(input: CheckInput, file: CheckedFile, problems: Problem[]) {
  const lang = input.language;
  const rows = followupsOf(file.result);
  // Indexed once: the rows below look up their problems and evidence without scanning all of them.
  const byItem = problemsByItem(problems);
  const evidence = new Map<string, CheckedEvidence>();
  for (const e of file.evidence) evidence.set(`${e.term}:${e.index}:${e.entryIndex}`, e);
  const severity = file.result.postmortem?.severity;
  // One order in every artifact (domain/followups/order.ts): due date, then severity.
  const order = (r: (typeof rows)[number]) => ({
    due: r.item.due,
    days: input.config
      ? policyDays({ severity, term: r.term, category: r.item.category }, input.config.duePolicy).days
      : null,
    severity,
  });
  const terms = TERMS.map((term) => {
    const items = rows
      .filter((r) => r.term === term)
      .map((r) => ({ ...r, key: order(r) }))
      .sort((a, b) => compareFollowups(a.key, b.key, input.config?.severities) || a.index - b.index)
      .map(({ index, item }) => {
        const own = byItem.get(`${term}:${index}`) ?? [];
        const entries = (item.validation ?? []).map((entry, entryIndex) => {
          const check = evidence.get(`${term}:${index}:${entryIndex}`);
          const status = check?.outcome.status ?? "invalid";
          const text = check?.outcome.url
            ? mdLink(cell(entry), check.outcome.url)
            : `\`${cell(entry).replace(/`/g, "")}\``;
          // Found but not proof yet (an open issue, an unmerged pull request): a plan may name the
          // work before it is done, so the check shows the state and does not fail on it.
          const unsettled = check?.outcome.unsettled;
          if (status === "verified" && unsettled)
            return `⏳ ${text} (${t(lang, "check.status.unsettled", { why: unsettled })})`;
          return `${STATUS_ICON[status]} ${text} (${t(lang, `check.status.${status}`)})`;
        });
        // The days the merge will give it: the due policy's row for its severity and category, else due_days.
        const days = input.config
          ? policyDays(
              { severity: file.result.postmortem?.severity, term, category: item.category },
              input.config.duePolicy,
            ).days
          : null;
        const businessDays = input.config?.duePolicy.businessDays ?? false;
        const due = item.due ?? (days === null ? "" : t(lang, "check.default-due", { days, businessDays }));
        return {
          icon: count(own, "error") ? "❌" : count(own, "warning") ? "⚠️" : "✅",
          id: cell(item.id),
          title: cell(item.title),
          category: cell(categoryName(lang, item.category, input.config?.categories)),
          owner: item.owner ? cell(quietLogin(item.owner)) : "",
          due: cell(due),
          priority: item.priority ?? "",
          validation: entries.length ? entries.join("<br>") : `❌ ${t(lang, "check.no-validation")}`,
        };
      });
    return { name: t(lang, `labels.term.${term}`), items };
  }).filter((t) => t.items.length > 0);

  const errors = count(problems, "error");
  const warnings = count(problems, "warning");
  const pm = file.result.postmortem;
  return {
    file: mdLink(inline(file.file), input.fileUrl(file.file)),
    icon: file.result.skipped ? "➖" : errors ? "❌" : warnings ? "⚠️" : "✅",
    skipped: file.result.skipped ? inline(file.result.skipped) : null,
    incident: pm
      ? { title: inline(pm.title), date: pm.date, severity: pm.severity ? inline(pm.severity) : null }
      : null,
    stats: t(lang, "check.file-stats", { followups: pm ? rows.length : null, errors, warnings }),
    terms,
    problems: problems.map((p) => ({
      icon: p.severity === "error" ? "❌" : p.severity === "warning" ? "⚠️" : "ℹ️",
      where: mdLink(`${p.line}:${p.column}`, input.fileUrl(p.file, p.line)),
      severity: p.severity,
      path: p.path ? `\`${p.path.replace(/`/g, "")}\`` : "",
      message: inline(p.message),
    })),
  };
}

/** Cut Markdown at a line boundary below GitHub's limit, with a note saying so. */
export function fitSummary(summary: string, note: string, max = SUMMARY_MAX): string {
  if (summary.length <= max) return summary;
  const tail = `\n\n> ${note}\n`;
  const room = max - tail.length;
  const cut = summary.lastIndexOf("\n", room);
  return `${summary.slice(0, cut > 0 ? cut : room)}${tail}`;
}

/**
 * The check run's output, from parse and evidence results (pure). Conclusion: `failure` when
 * there is any error (a follow-up without validation is one when validation is required: the
 * parser decides), `success` otherwise, warnings shown.
 */
export function buildCheckOutput(input: CheckInput): CheckOutput {
  const lang = input.language;
  const perFile = input.files.map((f) => {
    const problems = [...f.result.problems, ...evidenceProblems(f)].sort(
      (a, b) => a.line - b.line || a.column - b.column,
    );
    return { file: f, problems };
  });
  const all = [...input.configProblems, ...perFile.flatMap((f) => f.problems)];
  const annotated = [
    ...(input.annotateConfig ? input.configProblems : []),
    ...perFile.flatMap((f) => f.problems),
  ];
  const counts = {
    errors: count(all, "error"),
    warnings: count(all, "warning"),
    notices: count(all, "notice"),
    followups: perFile.reduce((n, f) => n + followupsOf(f.file.result).length, 0),
    files: input.files.filter((f) => !f.result.skipped).length,
    unannotated: Math.max(0, annotated.length - MAX_ANNOTATIONS),
  };
  const conclusion: Conclusion = counts.errors > 0 ? "failure" : "success";
  const configErrors = count(input.configProblems, "error");
  const title =
    configErrors > 0
      ? t(lang, "check.title.config-invalid", { errors: configErrors })
      : counts.errors > 0
        ? t(lang, "check.title.failure", counts)
        : counts.files === 0
          ? t(lang, "check.title.nothing")
          : t(lang, "check.title.success", counts);

  const annotations = topAnnotations(annotated.map((p) => toAnnotation(p, input.language)));

  const notes = [
    ...(input.pathsFromBase ? [t(lang, "check.paths-from-base")] : []),
    ...(counts.unannotated > 0
      ? [
          t(lang, "check.more-problems", {
            shown: annotations.length,
            total: annotated.length,
            more: counts.unannotated,
          }),
        ]
      : []),
  ];
  const summary = render(input.language, "check-summary", {
    conclusion,
    counts,
    notes,
    config: input.configProblems.length
      ? {
          problems: input.configProblems.map((p) => ({
            icon: p.severity === "error" ? "❌" : "⚠️",
            where: `${inline(p.file)}:${p.line}:${p.column}`,
            path: p.path ? `\`${p.path.replace(/`/g, "")}\`` : "",
            message: inline(p.message),
          })),
        }
      : null,
    validationRequired: input.config?.validation.required ?? true,
    files: perFile.map((f) => fileContext(input, f.file, f.problems)),
  });
  return { conclusion, title, summary: fitSummary(summary, t(lang, "check.truncated")), annotations, counts };
}

/** The output of a run that failed midway: a plain reason, never a stuck check. */
export function crashedOutput(language: Language, reason: string): Pick<CheckOutput, "title" | "summary"> {
  return {
    title: t(language, "check.title.crashed"),
    summary: render(language, "check-crashed", { reason: inline(reason).slice(0, 1000) }),
  };
}
