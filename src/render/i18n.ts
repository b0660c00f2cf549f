import type { Language } from "../config/schema.js";
import type { Term } from "../postmortem/schema.js";

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

export function categoryName(language: Language, key: string): string {
  return CATEGORY_NAMES[language][key] ?? key;
}
