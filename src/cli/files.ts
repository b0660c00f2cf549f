import { readFile, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { glob, isDynamicPattern } from "tinyglobby";
import type { Config } from "../domain/config/schema.js";
import type { Problem } from "../domain/diagnostics/problem.js";
import {
  fileLevelProblem,
  type ParseOptions,
  type ParseResult,
  parsePostmortem,
  tooLargeProblem,
} from "../domain/postmortem/parse.js";
import { isPostmortemFileName, postmortemPathMatcher } from "../domain/postmortem/paths.js";
import { LIMITS } from "../domain/postmortem/schema.js";
import { detail, t } from "../text/catalog/index.js";
import { displayPath } from "./config.js";
import { type CliIO, UsageError } from "./context.js";

export interface InputFile {
  /** Absolute path. */
  abs: string;
  /** Relative to the working folder, forward slashes: how problems name the file. */
  display: string;
}

const IGNORE = ["**/node_modules/**", "**/.git/**"];

/**
 * The files a command works on. No arguments: the config's globs under the working folder. A file
 * argument is taken as it is; a folder contributes its Markdown and YAML files; a quoted glob is
 * expanded. An argument that names nothing is a usage error.
 */
export async function collectFiles(io: CliIO, args: readonly string[], config: Config): Promise<InputFile[]> {
  const found = new Set<string>();
  if (args.length === 0) {
    const matches = postmortemPathMatcher(config.paths);
    for (const rel of await glob(config.paths, { cwd: io.cwd, onlyFiles: true, ignore: IGNORE })) {
      if (matches(rel)) found.add(resolve(io.cwd, rel));
    }
  }
  for (const arg of args) {
    const abs = resolve(io.cwd, arg);
    const info = await stat(abs).catch(() => null);
    if (info?.isFile()) {
      found.add(abs);
    } else if (info?.isDirectory()) {
      for (const rel of await glob("**/*", { cwd: abs, onlyFiles: true, ignore: IGNORE })) {
        if (isPostmortemFileName(rel)) found.add(resolve(abs, rel));
      }
    } else if (isDynamicPattern(arg)) {
      const matches = (await glob(arg, { cwd: io.cwd, onlyFiles: true, ignore: IGNORE })).filter(
        isPostmortemFileName,
      );
      if (matches.length === 0) throw new UsageError((l) => t(l, "usage.no-match", { pattern: arg }));
      for (const rel of matches) found.add(resolve(io.cwd, rel));
    } else if (info) {
      throw new UsageError((l) => t(l, "usage.not-file-or-folder", { path: arg }));
    } else {
      throw new UsageError((l) => t(l, "usage.no-such-path", { path: arg }));
    }
  }
  return [...found].sort().map((abs) => ({ abs, display: displayPath(io.cwd, abs) }));
}

/** Read and parse one file; never throws (an unreadable file is a problem of that file). */
export async function readPostmortem(
  file: InputFile,
  config: Config,
  opts: ParseOptions = {},
): Promise<ParseResult> {
  const failed = (problem: Problem): ParseResult => ({
    file: file.display,
    format: /\.ya?ml$/i.test(file.abs) ? "yaml" : "markdown",
    postmortem: null,
    followups: [],
    problems: [problem],
  });
  try {
    // Refuse an oversized file before reading it into memory.
    const { size } = await stat(file.abs);
    if (size > LIMITS.fileBytes) return failed(tooLargeProblem(file.display, size, config.language));
    return parsePostmortem(file.display, await readFile(file.abs), config, opts);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = detail("unreadable-file", { reason: code ?? String(error) });
    return failed(fileLevelProblem(file.display, reason, config.language));
  }
}
