import type { Command } from "commander";
import type { Language } from "../text/language.js";

/** Exit codes of the CLI. */
export const EXIT = {
  ok: 0,
  /** The files (or the config) have errors. */
  problems: 1,
  /** Wrong arguments, a missing file named on the command line. */
  usage: 2,
  /** A bug: reported with its stack. */
  internal: 3,
} as const;

/** Where a command reads and writes: the process in production, buffers in tests. */
export interface CliIO {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Today's date, YYYY-MM-DD (injectable so plans are reproducible). */
  today(): string;
}

export interface CliContext extends CliIO {
  /** Set by the command's action; `main` returns it. */
  exitCode: number;
}

/**
 * A CLI command registers itself on the program. Adding a command to the CLI is one import and one
 * entry in main.ts's COMMANDS list.
 */
export type CommandModule = (program: Command, ctx: CliContext) => void;

/**
 * A user's mistake on the command line: printed as one line, exit code 2, never a stack trace. Its
 * text comes from the catalog (`usage.*`) in the language `main` picks (the config's); `message`
 * is the English one.
 */
export class UsageError extends Error {
  override name = "UsageError";
  readonly say: (language: Language) => string;
  constructor(say: (language: Language) => string) {
    super(say("en"));
    this.say = say;
  }
}

/** Write a line (a trailing newline is added). */
export function println(write: (text: string) => void, text = ""): void {
  write(`${text}\n`);
}
