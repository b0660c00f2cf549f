import { appendFileSync, mkdirSync } from "node:fs";

/**
 * Figures of the fault, load and hostile-input tests (deliveries sent, faults injected, issues
 * expected and found, duplicates, crashes), printed and appended as JSON lines to
 * `test-results/reliability.jsonl` (ignored by git). docs/reliability.md quotes them; no test
 * asserts on time.
 */
export interface Figures {
  deliveries?: number;
  requests?: number;
  faultsInjected?: number;
  issuesExpected?: number;
  issuesFound?: number;
  duplicates?: number;
  crashes?: number;
  [key: string]: number | string | boolean | undefined;
}

const FILE = new URL("../../test-results/reliability.jsonl", import.meta.url);

export function recordFigures(name: string, figures: Figures): void {
  const line = { name, ...figures, at: new Date().toISOString() };
  try {
    mkdirSync(new URL(".", FILE), { recursive: true });
    appendFileSync(FILE, `${JSON.stringify(line)}\n`);
  } catch {
    // Figures are a report, never a reason to fail a test.
  }
  if (process.env.RELIABILITY_FIGURES !== "off") console.info(`[figures] ${JSON.stringify(line)}`);
}
