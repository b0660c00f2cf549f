import type { Term } from "../../text/catalog/labels.js";
import type { Problem } from "../diagnostics/problem.js";
import type { MarkdownReadResult } from "./markdown/types.js";
import type { Followup, Postmortem } from "./schema.js";

/** What reading one postmortem file gives, whichever its style (front matter or plain Markdown). */

export interface ParsedFollowup extends Followup {
  term: Term;
  /** Index in its term's list. */
  index: number;
  /** Line of the item in the file (for annotations). */
  line: number;
}

/** A service or tag the postmortem names, where it is written (1-based). */
export interface ScopeName {
  name: string;
  line: number;
  column: number;
}

/** The services and tags of a postmortem (`services:` / `tags:`, or a `Services:` / `서비스:` line). */
export interface PostmortemScope {
  services: ScopeName[];
  tags: ScopeName[];
}

export interface ParseResult {
  file: string;
  format: "markdown" | "yaml";
  /** Set when the file is not a postmortem at all: what was found instead (never silent). */
  skipped?: string;
  /** The postmortem when the front matter is valid (it may still have follow-up errors). */
  postmortem: Postmortem | null;
  /** Follow-ups that are individually valid; a file with any error creates nothing. */
  followups: ParsedFollowup[];
  problems: Problem[];
  /** The services and tags it names, with positions (absent when it names none). */
  scope?: PostmortemScope;
  /** A plain-Markdown postmortem: everything the reader found (items, how each field was derived). */
  markdown?: MarkdownReadResult;
}
