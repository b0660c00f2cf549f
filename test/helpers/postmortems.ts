/**
 * Postmortem files for tests, written as a person would (Markdown + YAML front matter), so the
 * real parser runs. Items default to a complete, valid follow-up.
 */
export interface ItemSpec {
  id: string;
  title?: string;
  category?: string;
  owner?: string | null;
  due?: string | null;
  priority?: string;
  description?: string;
  validation?: string[];
  /** `repo: owner/name`: the repository the follow-up's issue is routed to. */
  repo?: string;
}

export interface PostmortemSpec {
  title?: string;
  date?: string;
  severity?: string;
  summary?: string;
  /** `services:` and `tags:` (recurrence), left out when absent. */
  services?: string[];
  tags?: string[];
  short_term?: ItemSpec[];
  long_term?: ItemSpec[];
}

function quote(value: string): string {
  return JSON.stringify(value);
}

function item(spec: ItemSpec): string {
  const lines = [`    - id: ${spec.id}`, `      title: ${quote(spec.title ?? `Follow-up ${spec.id}`)}`];
  lines.push(`      category: ${spec.category ?? "system"}`);
  if (spec.owner !== null) lines.push(`      owner: ${spec.owner ?? "alice"}`);
  if (spec.due) lines.push(`      due: ${spec.due}`);
  if (spec.priority) lines.push(`      priority: ${spec.priority}`);
  if (spec.repo) lines.push(`      repo: ${spec.repo}`);
  lines.push(`      description: ${quote(spec.description ?? `Do ${spec.id}.`)}`);
  lines.push("      validation:");
  for (const v of spec.validation ?? [`test/${spec.id}.test.ts`]) lines.push(`        - ${quote(v)}`);
  return lines.join("\n");
}

export function postmortemMarkdown(spec: PostmortemSpec = {}): string {
  const lines = [
    "---",
    `title: ${quote(spec.title ?? "Payments API outage")}`,
    `date: ${spec.date ?? "2026-03-12"}`,
    `severity: ${spec.severity ?? "SEV2"}`,
    `summary: ${quote(spec.summary ?? "Card payments failed for 47 minutes.")}`,
    ...(spec.services ? [`services: [${spec.services.map(quote).join(", ")}]`] : []),
    ...(spec.tags ? [`tags: [${spec.tags.map(quote).join(", ")}]`] : []),
    "root_cause:",
    "  summary: A config deploy with a null timeout.",
    "followups:",
  ];
  if (spec.short_term?.length) lines.push("  short_term:", ...spec.short_term.map(item));
  if (spec.long_term?.length) lines.push("  long_term:", ...spec.long_term.map(item));
  lines.push("---", "# Narrative", "", "What happened.", "");
  return lines.join("\n");
}
