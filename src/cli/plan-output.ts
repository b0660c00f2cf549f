import type { Problem } from "../domain/diagnostics/problem.js";
import type { PullRef } from "../domain/followups/model.js";
import { detail, renderDetail, t } from "../text/catalog/index.js";
import type { DerivationSource, PlanField } from "../text/catalog/plan.js";
import type { Language } from "../text/language.js";
import { type CliIO, println } from "./context.js";
import type { InputFile } from "./files.js";
import type { JsonProblem } from "./output.js";

/** What `plan` prints: its JSON shapes, and its text in the config's language (the catalog's `plan` topic). */

/** One issue the app would create, as `plan --format json` prints it. */
export interface PlannedIssue {
  file: string;
  /** The postmortem's path in the repository (what the issue's marker records). */
  path: string;
  id: string;
  /** Line of the item in the file. */
  line: number;
  term: string;
  category: string;
  title: string;
  labels: string[];
  assignees: string[];
  owner: string | null;
  due: string;
  priority: string | null;
  milestone: string | null;
  body: string;
}

/**
 * Every item the file yields, whatever happens to it: `create` (a new issue), `done` (marked done
 * in the file), `adopt` (its tracking link names an existing issue of the repository: `adopts`),
 * `blocked` (valid on its own, but other problems of the file stop anything from being created).
 */
export interface PlanItem {
  file: string;
  path: string;
  id: string;
  title: string;
  line: number;
  state: "create" | "done" | "adopt" | "blocked";
  adopts?: number;
  term: string;
  category: string;
  owner: string | null;
  /** How the term, category and owner were found (Markdown postmortems). */
  derivation?: Partial<Record<"term" | "category" | "owner", string>>;
}

export interface PlanOutput {
  repo: string;
  pr: number | null;
  mergedOn: string;
  issues: PlannedIssue[];
  items: PlanItem[];
  problems: JsonProblem[];
}

/**
 * An explicit due date before the merge: the issue is born overdue (a warning at the item, in the
 * text's problem lines and in `--format json`'s problems). A default date counts from the merge,
 * so it never is.
 */
export function bornOverdue(
  issues: readonly PlannedIssue[],
  mergedOn: string,
  language: Language,
): Problem[] {
  return issues
    .filter((issue) => issue.due < mergedOn)
    .map((issue) => ({
      file: issue.file,
      line: issue.line,
      column: 1,
      severity: "warning",
      path: "",
      code: "due-before-merge",
      message: renderDetail(language, detail("due-before-merge", { due: issue.due, merged: mergedOn })),
    }));
}

/** Display width: a Hangul syllable (or other wide character) takes two columns. */
function width(text: string): number {
  let n = 0;
  for (const ch of text)
    n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/u.test(ch) ? 2 : 1;
  return n;
}

const FIELDS: readonly PlanField[] = [
  "from",
  "id",
  "derived",
  "labels",
  "assignees",
  "due",
  "milestone",
  "body",
];

/** The field labels of a language, padded to one column. */
function fieldLabels(language: Language): (field: PlanField) => string {
  const labels = new Map(FIELDS.map((field) => [field, t(language, "plan.field", { field })]));
  const column = Math.max(...[...labels.values()].map(width)) + 1;
  return (field) => {
    const label = labels.get(field)!;
    return field === "body" ? label : label + " ".repeat(column - width(label));
  };
}

function derivedLine(language: Language, how: NonNullable<PlanItem["derivation"]>): string {
  return (["term", "category", "owner"] as const)
    .filter((what) => how[what])
    .map((what) => {
      // `heading "Short term"`: the source, then the text it was read from (markdown-items.ts).
      const match = /^(\S+)(?: "(.*)")?$/s.exec(how[what]!);
      const text = match?.[2];
      return t(language, "plan.derived", {
        what,
        source: (match?.[1] ?? how[what]!) as DerivationSource,
        ...(text !== undefined ? { text } : {}),
      });
    })
    .join("; ");
}

export function printFilePlan(
  io: CliIO,
  language: Language,
  file: InputFile,
  repo: string,
  issues: readonly PlannedIssue[],
  items: readonly PlanItem[],
  pr: PullRef | null,
  mergedOn: string,
): void {
  const out = (line = "") => println(io.stdout, line);
  const label = fieldLabels(language);
  out(
    t(language, "plan.header", {
      file: file.display,
      issues: issues.length,
      repo,
      mergedOn,
      pr: pr?.number ?? null,
    }),
  );
  const derivations = new Map(items.map((item) => [item.id, item.derivation]));
  issues.forEach((issue, i) => {
    out();
    out(`${i + 1}. ${issue.title}`);
    out(`   ${label("from")}${file.display}:${issue.line}`);
    out(`   ${label("id")}${issue.id} (${issue.term}, ${issue.category})`);
    const how = derivations.get(issue.id);
    const derived = how ? derivedLine(language, how) : "";
    if (derived) out(`   ${label("derived")}${derived}`);
    out(`   ${label("labels")}${issue.labels.join(", ")}`);
    const unassigned = issue.owner?.includes("/")
      ? t(language, "plan.unassigned-team", { team: issue.owner })
      : t(language, "plan.unassigned");
    out(`   ${label("assignees")}${issue.assignees.join(", ") || unassigned}`);
    const priority = issue.priority ? `, ${t(language, "plan.priority", { priority: issue.priority })}` : "";
    out(`   ${label("due")}${issue.due}${priority}`);
    if (issue.milestone) out(`   ${label("milestone")}${issue.milestone}`);
    out(`   ${label("body")}`);
    for (const line of issue.body.trimEnd().split("\n")) out(`   │ ${line}`.trimEnd());
  });
  const other = items.filter((item) => item.state !== "create");
  if (other.length > 0) {
    out();
    out(t(language, "plan.no-issue-for"));
    for (const item of other)
      out(
        `   ${file.display}:${item.line} ${item.title}: ${item.state === "done" ? t(language, "plan.state.done") : t(language, "plan.state.adopt", { number: item.adopts! })}`,
      );
  }
  out();
}
