import type { Language } from "./language.js";

/** The terms of a follow-up (domain/postmortem/schema.ts's TERMS, which must list the same keys). */
type Term = "short_term" | "long_term";

/** Short strings the code needs outside templates (term names, statuses). */
export const TERM_NAMES: Record<Language, Record<Term, string>> = {
  en: { short_term: "Short-term mitigation", long_term: "Long-term prevention" },
  ko: { short_term: "단기 해결책", long_term: "장기 해결책" },
};

export const CATEGORY_NAMES: Record<Language, Record<string, string>> = {
  en: {
    system: "System",
    process: "Process",
    training: "Training",
    documentation: "Documentation",
    tooling: "Tooling",
  },
  ko: {
    system: "시스템 개선",
    process: "프로세스 개선",
    training: "교육 및 훈련",
    documentation: "문서화 및 공유",
    tooling: "도구",
  },
};

/** The label prefixes of the default category labels ("category: system", "분류: 시스템 개선"). */
const CATEGORY_LABEL_PREFIX = /^(?:category|분류):\s*/i;

/**
 * A category as people read it: the language's name of a default category; for a category of the
 * team's own, its configured label without the "category: " / "분류: " prefix ("분류: 보안" ->
 * 보안), else its key.
 */
export function categoryName(
  language: Language,
  key: string,
  categories?: Readonly<Record<string, { name: string }>>,
): string {
  const known = CATEGORY_NAMES[language][key];
  if (known) return known;
  const label = categories?.[key]?.name.replace(CATEGORY_LABEL_PREFIX, "").trim();
  return label || key;
}
