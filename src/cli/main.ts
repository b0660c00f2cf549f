import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
// date-fns by subpath: its index loads hundreds of modules (about a second of CLI start-up).
import { format } from "date-fns/format";
import { localLanguage } from "./config.js";
import { type CliContext, type CliIO, type CommandModule, EXIT, println, UsageError } from "./context.js";
import { convertCommand } from "./convert.js";
import { initCommand } from "./init.js";
import { lintCommand } from "./lint.js";
import { planCommand } from "./plan.js";
import { reportCommand } from "./report/command.js";
import { schemaCommand } from "./schema.js";
import { sweepCommand } from "./sweep/command.js";

/** The commands, in the order `--help` lists them. A new command is one import and one entry. */
const COMMANDS: CommandModule[] = [
  initCommand,
  lintCommand,
  planCommand,
  convertCommand,
  schemaCommand,
  sweepCommand,
  reportCommand,
];

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
      version?: string;
    };
    return pkg.version ?? "0.0.0";
  } catch {
    return "0.0.0";
  }
}

let pipeGuarded = false;

/** `postmortem-followups plan | head`: a reader that closes the pipe ends the CLI quietly. */
function exitQuietlyOnClosedPipe(): void {
  if (pipeGuarded) return;
  pipeGuarded = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
}

function processIO(): CliIO {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    today: () => format(new Date(), "yyyy-MM-dd"),
  };
}

/**
 * The `postmortem-followups` CLI. Returns the exit code: 0 success, 1 problems in the files or the
 * config, 2 a usage error, 3 an internal error (a bug, reported with its stack). A user's mistake
 * is one line on stderr, never a stack trace.
 */
export async function main(argv: string[], io: Partial<CliIO> = {}): Promise<number> {
  if (!io.stdout) exitQuietlyOnClosedPipe();
  const ctx: CliContext = { ...processIO(), ...io, exitCode: EXIT.ok };
  const program = new Command("postmortem-followups")
    .description(
      "Turn the follow-ups of a postmortem into tracked GitHub issues. Offline commands: init, lint, plan, schema.",
    )
    .version(packageVersion(), "-V, --version")
    .addHelpText(
      "after",
      "\nHelp is in English, and so are Commander's messages about unknown options and commands. What the\ncommands print (plan, lint, convert, report, sweep, and their usage errors) follows the config's\nlanguage (`language: ko` in .github/postmortem-followups.yml).",
    )
    .showHelpAfterError("(add --help for usage)")
    .configureOutput({
      writeOut: (text) => ctx.stdout(text),
      writeErr: (text) => ctx.stderr(text),
      outputError: (text, write) => write(text),
    })
    .exitOverride();
  program.configureHelp({ sortSubcommands: false, showGlobalOptions: false });
  for (const register of COMMANDS) register(program, ctx);

  try {
    await program.parseAsync(argv, { from: "user" });
    return ctx.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and --version end with exitCode 0; every other Commander error is a usage error.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof UsageError) {
      println(ctx.stderr, `error: ${error.say(await localLanguage(ctx.cwd))}`);
      return EXIT.usage;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    println(ctx.stderr, `postmortem-followups: internal error (please report it)\n${detail}`);
    return EXIT.internal;
  }
}
