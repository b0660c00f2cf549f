import type { Term } from "../../../text/catalog/labels.js";
import type { CategoryRule, CategorySource, TermSource } from "./types.js";

/** Heading words that set the term of the items under them. */
const SHORT_WORDS = [
  "immediate",
  "short term",
  "short-term",
  "shortterm",
  "quick fix",
  "즉시",
  "단기",
  "긴급",
];
const LONG_WORDS = [
  "long term",
  "long-term",
  "longterm",
  "medium term",
  "medium-term",
  "mid term",
  "장기",
  "중기",
  "중장기",
];

/** The term a heading (or a term cell) names, with the word that decided it. */
export function termWord(text: string): { term: Term; word: string } | undefined {
  const t = text.toLowerCase();
  for (const w of LONG_WORDS) if (t.includes(w)) return { term: "long_term", word: w };
  for (const w of SHORT_WORDS) if (t.includes(w)) return { term: "short_term", word: w };
  if (/^\s*short\s*$/.test(t)) return { term: "short_term", word: "short" };
  if (/^\s*long\s*$/.test(t)) return { term: "long_term", word: "long" };
  return undefined;
}

/** The SRE book's action item types. */
const SRE_TYPES: Readonly<Record<string, Term>> = {
  mitigate: "short_term",
  detect: "short_term",
  repair: "short_term",
  prevent: "long_term",
  process: "long_term",
  other: "long_term",
  완화: "short_term",
  탐지: "short_term",
  복구: "short_term",
  예방: "long_term",
  프로세스: "long_term",
};

export function typeTerm(type: string): Term | undefined {
  return SRE_TYPES[type.trim().toLowerCase()];
}

export interface TermInput {
  column?: string;
  heading?: string;
  type?: string;
  due?: string;
  incident?: string;
  shortTermDays: number;
  defaultTerm: Term;
}

export function decideTerm(input: TermInput): { term: Term; source: TermSource; reason?: string } {
  const col = input.column ? termWord(input.column) : undefined;
  if (col) return { term: col.term, source: "column", reason: input.column };
  const head = input.heading ? termWord(input.heading) : undefined;
  if (head) return { term: head.term, source: "heading", reason: head.word };
  const type = input.type ? typeTerm(input.type) : undefined;
  if (type) return { term: type, source: "type", reason: input.type!.trim().toLowerCase() };
  // A Type column that holds the term itself (유형: 단기 / 장기, Type: Short-term).
  const typeWord = input.type ? termWord(input.type) : undefined;
  if (typeWord) return { term: typeWord.term, source: "type", reason: typeWord.word };
  if (input.due && input.incident) {
    const days =
      (Date.parse(`${input.due}T00:00:00Z`) - Date.parse(`${input.incident}T00:00:00Z`)) / 86_400_000;
    if (days >= 0 && days <= input.shortTermDays)
      return { term: "short_term", source: "due", reason: input.due };
  }
  return { term: input.defaultTerm, source: "default" };
}

/** Built-in keyword rules, tried in order; words match at a word start (Korean: anywhere). */
export const DEFAULT_CATEGORY_RULES: readonly CategoryRule[] = [
  {
    category: "documentation",
    keywords: [
      "runbook",
      "playbook",
      "documentation",
      "document",
      "docs",
      "doc",
      "wiki",
      "문서",
      "런북",
      "플레이북",
    ],
  },
  {
    category: "training",
    keywords: ["training", "train", "drill", "game day", "gameday", "교육", "훈련", "모의"],
  },
  {
    category: "tooling",
    keywords: [
      "monitoring",
      "monitor",
      "alerting",
      "alert",
      "dashboard",
      "test",
      "automate",
      "automation",
      "모니터링",
      "알림",
      "알람",
      "대시보드",
      "자동화",
      "테스트",
    ],
  },
  {
    category: "process",
    keywords: ["process", "policy", "review", "checklist", "프로세스", "절차", "정책", "검토", "리뷰"],
  },
];

function hasKeyword(text: string, keyword: string): boolean {
  let from = 0;
  for (;;) {
    const at = text.indexOf(keyword, from);
    if (at < 0) return false;
    const before = at === 0 ? "" : text[at - 1]!;
    if (!/[a-z0-9]/.test(before) || !/^[a-z]/.test(keyword)) return true;
    from = at + 1;
  }
}

export interface CategoryInput {
  column?: string;
  type?: string;
  title: string;
  rules: readonly CategoryRule[];
  categories: readonly string[];
  defaultCategory: string;
}

export function decideCategory(input: CategoryInput): {
  category: string;
  source: CategorySource;
  reason?: string;
} {
  const col = input.column?.trim().toLowerCase();
  if (col && input.categories.includes(col)) return { category: col, source: "column", reason: input.column };
  const type = input.type?.trim().toLowerCase();
  if (type === "process" && input.categories.includes("process"))
    return { category: "process", source: "type", reason: "process" };
  const title = input.title.toLowerCase();
  for (const rule of input.rules) {
    if (!input.categories.includes(rule.category)) continue;
    for (const k of rule.keywords)
      if (hasKeyword(title, k.toLowerCase()))
        return { category: rule.category, source: "keyword", reason: k };
  }
  return { category: input.defaultCategory, source: "default" };
}
