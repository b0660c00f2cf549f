import { Option } from "commander";
import { formatProblem, type Problem } from "../domain/diagnostics/problem.js";
import { type CliIO, println } from "./context.js";

export type OutputFormat = "text" | "json";
export const FORMATS: readonly OutputFormat[] = ["text", "json"];

/** A problem as `--format json` prints it. */
export interface JsonProblem {
  file: string;
  line: number;
  column: number;
  severity: Problem["severity"];
  /** Stable code of the kind of problem (the same in every language). */
  code: Problem["code"];
  path: string;
  message: string;
}

export function jsonProblem(p: Problem): JsonProblem {
  return {
    file: p.file,
    line: p.line,
    column: p.column,
    severity: p.severity,
    code: p.code,
    path: p.path,
    message: p.message,
  };
}

/** The note for a file that is not a postmortem (JSON output lists it as a notice). */
export function skippedProblem(file: string, reason: string): Problem {
  return { file, line: 1, column: 1, severity: "notice", path: "", code: "no-front-matter", message: reason };
}

export function printProblemLines(write: CliIO["stdout"], problems: readonly Problem[]): void {
  for (const p of problems) println(write, formatProblem(p));
}

export function printJson(io: CliIO, value: unknown): void {
  println(io.stdout, JSON.stringify(value, null, 2));
}

export function countBySeverity(problems: readonly Problem[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const p of problems) {
    if (p.severity === "error") errors++;
    else if (p.severity === "warning") warnings++;
  }
  return { errors, warnings };
}

/** `--format text|json`: an invalid value is a usage error (exit 2). */
export function formatOption(): Option {
  return new Option("--format <format>", "output format").choices(FORMATS).default("text");
}
