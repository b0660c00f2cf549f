import type { ProblemCode } from "../../text/catalog/index.js";

/** A problem in a user's file: always with a position and a message a person can act on. */
export type Severity = "error" | "warning" | "notice";

export interface Problem {
  file: string;
  /** 1-based line in the file (the whole Markdown file, not the front-matter block). */
  line: number;
  /** 1-based column. */
  column: number;
  endLine?: number;
  endColumn?: number;
  severity: Severity;
  /** Dotted path of the value, e.g. `followups.short_term[1].category`; "" for the whole file. */
  path: string;
  /** Stable code of the kind of problem (src/text/catalog/problem-params.ts), the same in every language. */
  code: ProblemCode;
  /** The message, in the language of the config. */
  message: string;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** `file:line:column severity path: message`, the format of compilers and linters. */
export function formatProblem(p: Problem): string {
  const where = `${p.file}:${p.line}:${p.column}`;
  return p.path ? `${where} ${p.severity} ${p.path}: ${p.message}` : `${where} ${p.severity} ${p.message}`;
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === "error");
}
