/**
 * The postmortems the benchmark merges: written as people write them (Markdown with YAML front
 * matter), so the app's real parser, planner and templates run. Items cycle through both terms,
 * three categories and three owners (collaborators of the repository), the way a team's
 * postmortem usually spreads its follow-ups.
 */

export const OWNERS = ["alice", "bob", "carol"] as const;
export const CATEGORIES = ["system", "process", "tooling"] as const;
export const SEVERITY = "SEV2";

export const CONFIG_YAML =
  "# postmortem-followups: defaults, written out so the repository has its own file\nlanguage: en\n";

export interface PostmortemSpec {
  /** Follow-ups in the file (at most 200, the parser's limit). */
  items: number;
  title?: string;
  date?: string;
  /** Varies the item titles between postmortems of one repository. */
  tag?: string;
  /** `services:` of the postmortem (recurrence), left out when absent. */
  services?: string[];
  /** The validation entries of item i (default: one test path). */
  evidence?: (i: number) => string[];
  /** `repo:` of item i, round robin (issue 17's routing); absent: every item stays in its repository. */
  repos?: readonly string[];
}

/** The repository file item i names as its validation (the check scenario seeds them). */
export function evidencePath(i: number): string {
  return `test/payments/retry-${i + 1}.test.ts`;
}

function quote(value: string): string {
  return JSON.stringify(value);
}

export function itemTitle(i: number, tag = ""): string {
  return `${tag ? `${tag}: ` : ""}Follow-up ${i + 1}: make the payment retries idempotent in stage ${i + 1}`;
}

export function postmortemMarkdown(spec: PostmortemSpec): string {
  const short: string[] = [];
  const long: string[] = [];
  for (let i = 0; i < spec.items; i++) {
    const lines = [
      `    - id: f${i + 1}`,
      `      title: ${quote(itemTitle(i, spec.tag))}`,
      `      category: ${CATEGORIES[i % CATEGORIES.length]}`,
      `      owner: ${OWNERS[i % OWNERS.length]}`,
      "      priority: P2",
      ...(spec.repos?.length ? [`      repo: ${spec.repos[i % spec.repos.length]}`] : []),
      `      description: ${quote(`Retry ${i + 1} must not charge twice; add an idempotency key and a test.`)}`,
      "      validation:",
      ...(spec.evidence ? spec.evidence(i) : [evidencePath(i)]).map((e) => `        - ${quote(e)}`),
    ];
    (i % 2 === 0 ? short : long).push(lines.join("\n"));
  }
  const lines = [
    "---",
    `title: ${quote(spec.title ?? "Payments API outage")}`,
    `date: ${spec.date ?? "2026-03-12"}`,
    `severity: ${SEVERITY}`,
    `summary: ${quote("Card payments failed for 47 minutes after a config deploy.")}`,
    ...(spec.services ? [`services: [${spec.services.map(quote).join(", ")}]`] : []),
    "root_cause:",
    "  summary: A config deploy set the gateway timeout to null.",
    "followups:",
  ];
  if (short.length) lines.push("  short_term:", ...short);
  if (long.length) lines.push("  long_term:", ...long);
  lines.push("---", "# Narrative", "", "What happened, minute by minute.", "");
  return lines.join("\n");
}
