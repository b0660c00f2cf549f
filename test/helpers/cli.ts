import { Command, CommanderError } from "commander";
import { Probot } from "probot";
import { type CliContext, type CommandModule, UsageError } from "../../src/cli/context.js";
import type { GitHubClient } from "../../src/github/client.js";
import { TestOctokit } from "./octokit.js";
import { testPrivateKey } from "./probot.js";
import type { SimulatorHandle } from "./simulated-github.js";

/**
 * The CLI command harness: one command registered with test dependencies (its `…CommandWith(deps)`)
 * on a program of its own, run with its output in buffers, and the app and token clients those
 * dependencies take, wired to the simulator.
 */

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  env: Record<string, string>;
  /** Default: the test process's. */
  cwd?: string;
  /** Default: 2026-11-25, the day the CLI tests' fixtures are made for. */
  today?: string;
  /** Called with each write to stdout as it is made (a streamed output's chunks). */
  onStdout?: (text: string) => void;
}

/**
 * Run `argv` (the command's name first) on a program with only `register`'s command. A usage error
 * (Commander's, or the command's `UsageError`) ends with code 2 and its message on stderr; any other
 * error is thrown, so a bug fails the test.
 */
export async function runCommand(
  register: CommandModule,
  argv: string[],
  { env, cwd = process.cwd(), today = "2026-11-25", onStdout }: CliRunOptions,
): Promise<CliRun> {
  const run: CliRun = { code: 0, stdout: "", stderr: "" };
  const ctx: CliContext = {
    cwd,
    env,
    stdout: (t) => {
      run.stdout += t;
      onStdout?.(t);
    },
    stderr: (t) => {
      run.stderr += t;
    },
    today: () => today,
    exitCode: 0,
  };
  const program = new Command("postmortem-followups").exitOverride().configureOutput({ writeErr: () => {} });
  register(program, ctx);
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof CommanderError)) throw error;
    return { ...run, code: 2, stderr: run.stderr + error.message };
  }
  return { ...run, code: ctx.exitCode };
}

/** The app on the file's simulator (the `app` dependency of sweep and report), made when a command asks. */
export function simulatedApp(github: SimulatorHandle): () => Probot {
  return () =>
    new Probot({ appId: 1, privateKey: testPrivateKey(), Octokit: TestOctokit, baseUrl: github.sim.url });
}

/** A token's client on the file's simulator (report's `token` dependency). */
export function simulatedToken(github: SimulatorHandle): (env: unknown, token: string) => GitHubClient {
  return (_env, token) =>
    new TestOctokit({ auth: token, baseUrl: github.sim.url }) as unknown as GitHubClient;
}
