import { readMarkdownPostmortem } from "../src/domain/postmortem/markdown/read.js";

/**
 * Rows of `npm run bench` for the Markdown reader: a plain-Markdown postmortem of 256 KiB, 512 KiB
 * and 1 MiB (a narrative, a timeline and an `## Action Items` table and task list), parsed in this
 * process. CPU time is process.cpuUsage over `runs` parses (the median run is shown).
 */

export function markdownPostmortem(bytes: number): string {
  const head = "# Payments API outage\n\nDate: 2026-03-12\nSeverity: SEV2\n\n## Summary\n\n";
  const narrative =
    "Card payments failed for 47 minutes after a config deploy set the gateway timeout to **null**; retries amplified the load on the [gateway](https://status.example.com).\n\n";
  const timeline =
    "- 14:02 deploy of config `gateway.yml` ([#4512](https://github.com/acme/api/pull/4512))\n";
  const row = (i: number) =>
    `| Add an idempotency key to payment retry ${i} | @alice | P2 | 2026-04-01 | open | [#${1000 + i}](https://github.com/acme/api/issues/${1000 + i}) |\n`;
  const task = (i: number) =>
    `- [ ] Alert on gateway timeout ${i} (owner: @bob, due: 2 weeks)\n  Dashboards and a runbook entry.\n`;
  let s = head;
  while (s.length < bytes * 0.45) s += narrative;
  s += "\n## Timeline\n\n";
  while (s.length < bytes * 0.6) s += timeline;
  s +=
    "\n## Action Items\n\n| Action Item | Owner | Priority | Due | Status | Bug |\n|---|---|---|---|---|---|\n";
  for (let i = 0; i < 150; i++) s += row(i);
  s += "\n### Long-term\n\n";
  for (let i = 0; s.length < bytes; i++) s += task(i);
  return s.slice(0, bytes);
}

export interface MarkdownBenchRow {
  bytes: number;
  items: number;
  cpu_ms: number;
}

export function markdownBench(sizes = [256 * 1024, 512 * 1024, 1024 * 1024], runs = 5): MarkdownBenchRow[] {
  const rows: MarkdownBenchRow[] = [];
  readMarkdownPostmortem("warm.md", markdownPostmortem(64 * 1024));
  for (const bytes of sizes) {
    const text = markdownPostmortem(bytes);
    const times: number[] = [];
    let items = 0;
    for (let r = 0; r < runs; r++) {
      const before = process.cpuUsage();
      items = readMarkdownPostmortem("postmortems/2026-03-12-payments.md", text).items.length;
      const used = process.cpuUsage(before);
      times.push((used.user + used.system) / 1000);
    }
    times.sort((a, b) => a - b);
    rows.push({ bytes, items, cpu_ms: Math.round(times[Math.floor(times.length / 2)]! * 10) / 10 });
  }
  return rows;
}

export function markdownReport(rows: readonly MarkdownBenchRow[]): string {
  const lines = [
    "markdown reader (plain-Markdown postmortem, CPU per parse, median; target < 200 ms at 1 MiB)",
  ];
  for (const r of rows)
    lines.push(
      `  ${String(r.bytes / 1024).padStart(5)} KiB  ${String(r.items).padStart(4)} items  ${r.cpu_ms.toFixed(1).padStart(7)} ms CPU`,
    );
  return `${lines.join("\n")}\n`;
}
