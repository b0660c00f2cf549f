import type { Term } from "../../../text/catalog/labels.js";
import type { Language } from "../../../text/language.js";
import type { Problem } from "../../diagnostics/problem.js";
import type { MarkdownRecord } from "./record.js";

/** The kinds of table column the reader knows (each with English and Korean synonyms). */
export type ColumnKind =
  | "title"
  | "owner"
  | "type"
  | "priority"
  | "due"
  | "tracking"
  | "status"
  | "id"
  | "evidence"
  | "term"
  | "category"
  | "repo";

export interface CategoryRule {
  category: string;
  /** Lower-case words or phrases; a title containing one gets the category. */
  keywords: string[];
}

export interface MarkdownReadOptions {
  /** Language of the problem messages (default "en"). */
  language?: Language;
  /** Extra section patterns: case-insensitive phrases a follow-up heading contains. */
  sections?: readonly string[];
  /** Extra column synonyms per kind (added to the built-in English and Korean ones). */
  columns?: Partial<Record<ColumnKind, readonly string[]>>;
  /** Owner name (case-insensitive) -> GitHub login or org/team. */
  owners?: Readonly<Record<string, string>>;
  /** Term of an item nothing else decides (default "long_term"). */
  defaultTerm?: Term;
  /** Days of the short-term window: a due date within it from the incident makes an item short-term (default 14). */
  shortTermDays?: number;
  /** Category rules tried before the built-in ones. */
  categoryRules?: readonly CategoryRule[];
  /** Allowed categories (default system, process, training, documentation, tooling); "system" when nothing matches. */
  categories?: readonly string[];
  /** Category when no rule matches (default "system"). */
  defaultCategory?: string;
}

/** How an item's id was made. */
export type IdSource = "anchor" | "comment" | "cell" | "slug" | "hash";
export type TermSource = "column" | "heading" | "type" | "due" | "default";
export type CategorySource = "column" | "type" | "keyword" | "default";
export type OwnerSource = "column" | "label" | "bracket" | "to" | "mention" | "none";
export type StatusSource = "checkbox" | "column" | "marker" | "strikethrough" | "heading" | "none";
export type DueSource = "date" | "relative" | "quarter";

export interface MarkdownItem {
  title: string;
  id: string;
  idSource: IdSource;
  /** 1-based position of the item (table row, list item or heading). */
  line: number;
  column: number;
  /** Where the item came from. */
  shape: "table" | "list" | "task" | "heading";
  /** Text of the follow-up section heading it is in. */
  section: string;
  term: Term;
  termSource: TermSource;
  /** The word or cell that decided the term (e.g. "short-term", "mitigate"). */
  termReason?: string;
  category: string;
  categorySource: CategorySource;
  /** The keyword or type that decided the category. */
  categoryReason?: string;
  /** The GitHub login or org/team to assign/mention (from a login, an @mention or the owners map). */
  owner?: string;
  /** The owner as written (a team name, a person's name, a login). */
  ownerText?: string;
  ownerSource: OwnerSource;
  /** True when `owner` came from the `owners` map. */
  ownerMapped?: boolean;
  status: "open" | "done";
  statusSource: StatusSource;
  /** Tracking references as written: "#123", "GH-123", "ABC-12", issue/PR URLs. */
  tracking: string[];
  /** Validation/evidence entries (links or text of an evidence column/label). */
  evidence: string[];
  priority?: "P0" | "P1" | "P2" | "P3";
  /** The repository (`owner/name`) its issue goes to: a Repository / 저장소 column or a `repo:` label. */
  repo?: string;
  due?: string;
  dueSource?: DueSource;
  description?: string;
}

export interface MarkdownSection {
  title: string;
  line: number;
  column: number;
  /** 1..6 for headings, 7 for a bold-only line. */
  level: number;
  items: number;
}

/** A name of a `Services:` / `서비스:` or `Tags:` / `태그:` line, where it is written (1-based). */
export interface MarkdownScopeEntry {
  name: string;
  line: number;
  column: number;
}

export interface MarkdownMeta {
  title?: string;
  titleSource?: "front-matter" | "heading" | "file-name";
  date?: string;
  dateSource?: "front-matter" | "line" | "file-name";
  severity?: string;
  /** `Services: checkout, payments` (or `서비스:`, or front matter `services:`). */
  services?: MarkdownScopeEntry[];
  /** `Tags: dns, failover` (or `태그:`, or front matter `tags:`). */
  tags?: MarkdownScopeEntry[];
}

export interface MarkdownReadResult {
  file: string;
  meta: MarkdownMeta;
  /** Every heading of the file (text), in order: what the file has when no section is found. */
  headings: string[];
  sections: MarkdownSection[];
  items: MarkdownItem[];
  /** The response record: timeline, communication log, response actions, post-evaluation (./record.ts). */
  record?: MarkdownRecord;
  /** Problems with file:line:column, in the options' language. */
  problems: Problem[];
  /** Set when the file has no follow-up section: a sentence saying what was found. */
  found?: string;
}
