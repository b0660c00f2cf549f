import type { Problem } from "../domain/diagnostics/problem.js";
import { t } from "../text/catalog/index.js";
import { CONFIG_OPTION, loadCliConfig } from "./config.js";
import { type CliIO, type CommandModule, EXIT, println } from "./context.js";
import { collectFiles, readPostmortem } from "./files.js";
import {
  countBySeverity,
  formatOption,
  jsonProblem,
  type OutputFormat,
  printJson,
  printProblemLines,
  skippedProblem,
} from "./output.js";

export interface LintOptions {
  format: OutputFormat;
  config?: string;
  /** Fail (exit 1) when no postmortem was checked or a file yielded none. */
  strict?: boolean;
}

export const lintCommand: CommandModule = (program, ctx) => {
  program
    .command("lint")
    .description("check postmortems and report every problem with its file, line and column")
    .argument("[paths...]", "files, folders or quoted globs (default: the config's paths)")
    .addOption(formatOption())
    .addHelpText(
      "after",
      "\nExamples:\n  npx postmortem-followups lint\n  npx postmortem-followups lint postmortems/2026-03-12-payments.md --format json\n\nNo environment needed (offline). Help is in English; problems follow the config's language.",
    )
    .option(...CONFIG_OPTION)
    .option("--strict", "fail when no postmortem was checked or a file yielded none (e.g. in CI)")
    .action(async (paths: string[], opts: LintOptions) => {
      ctx.exitCode = await runLint(ctx, paths, opts);
    });
};

/**
 * Exit 0 when there are no errors (warnings are fine), 1 when there are; with `--strict`, also 1
 * when no postmortem was checked or a file matched by the paths yielded none.
 */
export async function runLint(io: CliIO, paths: readonly string[], opts: LintOptions): Promise<number> {
  const loaded = await loadCliConfig(io, opts.config);
  if (!loaded.ok) {
    if (opts.format === "json") printJson(io, loaded.problems.map(jsonProblem));
    else {
      printProblemLines(io.stdout, loaded.problems);
      println(io.stderr, t(loaded.language, "cli.lint.invalid-config", { file: loaded.file }));
    }
    return EXIT.problems;
  }
  const { config } = loaded;
  const files = await collectFiles(io, paths, config);
  const githubHost = io.env.GHE_HOST || "github.com";

  const problems: Problem[] = [...loaded.problems];
  const notes: Problem[] = [];
  const reported: Problem[] = [...loaded.problems];
  for (const file of files) {
    const result = await readPostmortem(file, config, { githubHost });
    if (result.skipped) {
      const note = skippedProblem(file.display, result.skipped);
      notes.push(note);
      reported.push(note);
    }
    problems.push(...result.problems);
    reported.push(...result.problems);
  }

  const { errors, warnings } = countBySeverity(problems);
  const checked = files.length - notes.length;
  const strictFailure = opts.strict === true && (checked === 0 || notes.length > 0);
  if (opts.format === "json") {
    printJson(io, reported.map(jsonProblem));
  } else {
    printProblemLines(io.stdout, problems);
    for (const note of notes) println(io.stderr, `${note.file}: note: ${note.message}`);
    if (files.length === 0)
      println(io.stderr, t(config.language, "cli.no-postmortems", { paths: config.paths }));
    else if (checked === 0)
      println(io.stderr, t(config.language, "cli.lint.all-skipped", { files: files.length }));
    else
      println(
        io.stderr,
        t(config.language, "cli.lint.summary", { errors, warnings, checked, skipped: notes.length }),
      );
  }
  if (strictFailure && opts.format !== "json")
    println(io.stderr, t(config.language, "cli.lint.strict", { checked, skipped: notes.length }));
  return errors > 0 || strictFailure ? EXIT.problems : EXIT.ok;
}
