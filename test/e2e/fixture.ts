import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { type Simulator, startSimulator } from "../simulator/index.js";
import { type AppProcess, type StartAppOptions, startApp, startTrap, type Trap } from "./harness.js";

export interface ServerOnSimulator {
  sim: Simulator;
  app: AppProcess;
  trap: Trap;
}

export interface FixtureOptions {
  app?: Omit<StartAppOptions, "trap">;
  /** Called once everything runs (e.g. users the file's tests need). */
  setup?: (env: ServerOnSimulator) => void;
  /**
   * After each test: no request since the last test broke GitHub's contract, none went to another
   * host, the server still runs (unless `running: false`: tests that kill it), and (`noErrors`) it
   * logged no error. `before` runs first (e.g. clearing the simulator's faults). `false`: no checks.
   */
  checks?: false | { noErrors?: boolean; running?: boolean; before?: (env: ServerOnSimulator) => void };
}

/**
 * The real server (`node lib/app/server.js`) on the simulator, with a trap for any other host, for the
 * tests of one file: started before them, stopped after, checked after each. `bind` receives the
 * running pieces (the file keeps them in its own variables); a test that restarts the server sets
 * `env.app` to the new one, which is then the one checked and stopped.
 */
export function useServerOnSimulator(
  bind: (env: ServerOnSimulator) => void,
  options: FixtureOptions = {},
): void {
  let env: ServerOnSimulator | null = null;
  let violationsBefore = 0;
  beforeAll(async () => {
    const sim = await startSimulator();
    const trap = await startTrap();
    const app = await startApp(sim, { ...options.app, trap });
    env = { sim, app, trap };
    options.setup?.(env);
    bind(env);
  });
  afterAll(async () => {
    await env?.app.stop();
    await env?.trap.close();
    await env?.sim.close();
  });
  const checks = options.checks;
  if (checks === false) return;
  afterEach(() => {
    checks?.before?.(env!);
    const { sim, trap, app } = env!;
    // Every request the app made is a real GitHub endpoint with a valid body; no other host.
    expect(sim.violations.slice(violationsBefore)).toEqual([]);
    violationsBefore = sim.violations.length;
    expect(trap.requests).toEqual([]);
    if (checks?.running !== false) expect(app.running).toBe(true);
    if (checks?.noErrors) expect(app.errors()).toEqual([]);
  });
}
