import type { Term } from "../../text/catalog/labels.js";
import type { ParsedFollowup, ParseResult } from "../postmortem/parse.js";
import { FOLLOWUP_ID_PATTERN, LIMITS } from "../postmortem/schema.js";
import type { ItemIdentityHints } from "./model.js";

/**
 * The follow-ups of a parse result with what the Markdown reader knows about each item: whether
 * its id was derived, its place in the file, its tracking links, whether it is done, and how its
 * term, category and owner were found. Front-matter results are returned as they are (ids pinned).
 *
 * Done items are kept (with `done: true`): they get no new issue, but an issue they already have
 * must not be closed as "removed from the postmortem".
 *
 * Structural on purpose: it reads the reader's items (src/domain/postmortem/markdown, `MarkdownItem`)
 * through the few fields it needs.
 */
export interface MarkdownItemLike {
  title: string;
  id: string;
  idSource: string;
  line: number;
  term: Term;
  termSource?: string;
  termReason?: string;
  category: string;
  categorySource?: string;
  categoryReason?: string;
  owner?: string;
  ownerText?: string;
  ownerSource?: string;
  status: "open" | "done";
  tracking: readonly string[];
  evidence: readonly string[];
  priority?: "P0" | "P1" | "P2" | "P3";
  due?: string;
  description?: string;
}

export type HintedFollowup = ParsedFollowup & ItemIdentityHints;

const DERIVED = new Set(["slug", "hash"]);

function how(source: string | undefined, reason: string | undefined): string | undefined {
  if (!source) return undefined;
  return reason ? `${source} "${reason}"` : source;
}

export function followupsWithHints(
  result: Omit<ParseResult, "markdown"> & { markdown?: { items: readonly MarkdownItemLike[] } },
): HintedFollowup[] {
  const items = result.markdown?.items;
  if (!items) return result.followups;
  const index: Record<Term, number> = { short_term: 0, long_term: 0 };
  const out: HintedFollowup[] = [];
  items.forEach((item, position) => {
    if (!FOLLOWUP_ID_PATTERN.test(item.id)) return;
    const derivation: NonNullable<ItemIdentityHints["derivation"]> = {};
    const term = how(item.termSource, item.termReason);
    const category = how(item.categorySource, item.categoryReason);
    const owner =
      item.ownerSource && item.ownerSource !== "none" ? how(item.ownerSource, item.ownerText) : undefined;
    if (term) derivation.term = term;
    if (category) derivation.category = category;
    if (owner) derivation.owner = owner;
    out.push({
      id: item.id,
      title: item.title,
      category: item.category,
      ...(item.owner ? { owner: item.owner } : {}),
      ...(item.due ? { due: item.due } : {}),
      ...(item.priority ? { priority: item.priority } : {}),
      ...(item.description ? { description: item.description } : {}),
      ...(item.evidence.length > 0 ? { validation: item.evidence.slice(0, LIMITS.validationEntries) } : {}),
      term: item.term,
      index: index[item.term]++,
      line: item.line,
      idDerived: DERIVED.has(item.idSource),
      position,
      tracking: item.tracking,
      ...(item.status === "done" ? { done: true } : {}),
      derivation,
    });
  });
  return out;
}
