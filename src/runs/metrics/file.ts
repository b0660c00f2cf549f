import { renameSync, rmSync, writeFileSync } from "node:fs";
import type { Registry } from "prom-client";

/**
 * The metrics in Prometheus' text format, written to `path` atomically (issue 19: `sweep
 * --metrics-file`, for node_exporter's textfile collector): to a temporary file beside it (a name
 * the collector ignores: it reads `*.prom` only), then renamed over it, so a scrape never reads a
 * half-written file.
 */
export async function writeMetricsFile(path: string, registry: Registry): Promise<void> {
  const text = await registry.metrics();
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text, { mode: 0o644 });
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
