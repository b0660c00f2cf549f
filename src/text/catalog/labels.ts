import type { Language } from "../language.js";
import { defineTopic } from "./define.js";

/**
 * The names of terms and categories, and the default labels the app creates (their colours are in
 * src/domain/config/defaults.ts). The one place a category has a name: its label, the tables of the
 * issue, the check and the weekly report all read it here.
 */

/**
 * The terms of a follow-up: the keys of a postmortem's `followups` and of the config's term labels and
 * due days. Defined here, at the bottom, because both the config (domain/config) and the postmortem
 * (domain/postmortem) know them, and the config must not import the postmortem (no folder cycle).
 */
export const TERMS = ["short_term", "long_term"] as const;
export type Term = (typeof TERMS)[number];

/** The categories of the default config. */
export const DEFAULT_CATEGORIES = ["system", "process", "training", "documentation", "tooling"] as const;
type DefaultCategory = (typeof DEFAULT_CATEGORIES)[number];

type Named<Prefix extends string, Keys extends string> = { [K in Keys as `${Prefix}.${K}`]: string };

type LabelParams = Named<"term", Term> &
  Named<"term-label", Term> &
  Named<"term-description", Term> &
  Named<"category", DefaultCategory> &
  Named<"category-description", DefaultCategory> & {
    /** The label of a default category: en by its key (`category: system`), ko by its name. */
    "category-label": { key: DefaultCategory; name: string };
    /** What a category label starts with (`category: `, `분류: `). */
    "category-label-prefix": string;
    "tracking-description": string;
    "severity-prefix": string;
    "severity-description": { severity: string };
    "needs-validation": string;
    "needs-validation-description": string;
    "due-soon": string;
    "due-soon-description": string;
    overdue: string;
    "overdue-description": string;
    "validation-lapsed": string;
    "validation-lapsed-description": string;
  };

export const labels = defineTopic<LabelParams>({
  en: {
    "term.short_term": "Short-term mitigation",
    "term.long_term": "Long-term prevention",
    "term-label.short_term": "term: short-term",
    "term-label.long_term": "term: long-term",
    "term-description.short_term": "Short-term mitigation",
    "term-description.long_term": "Long-term prevention of recurrence",
    "category.system": "System",
    "category.process": "Process",
    "category.training": "Training",
    "category.documentation": "Documentation",
    "category.tooling": "Tooling",
    "category-description.system": "Hardware upgrades, software patches, configuration changes",
    "category-description.process": "SOP and incident-response process changes",
    "category-description.training": "Training programmes, incident drills and simulations",
    "category-description.documentation": "Runbooks, docs updates, knowledge sharing",
    "category-description.tooling": "Monitoring, alerting, automation and analysis tools",
    "category-label": ({ key }) => `category: ${key}`,
    "category-label-prefix": "category: ",
    "tracking-description": "Follow-up of a postmortem, tracked by postmortem-followups",
    "severity-prefix": "severity: ",
    "severity-description": ({ severity }) => `Incident severity ${severity}`,
    "needs-validation": "needs-validation",
    "needs-validation-description": "Closed without proof that the fix works",
    "due-soon": "due soon",
    "due-soon-description": "Open follow-up whose due date is near (a reminder was due)",
    overdue: "overdue",
    "overdue-description": "Open follow-up past its due date",
    "validation-lapsed": "validation lapsed",
    "validation-lapsed-description": "Follow-up closed as validated whose evidence no longer holds",
  },
  ko: {
    "term.short_term": "단기 해결책",
    "term.long_term": "장기 해결책",
    "term-label.short_term": "단기 해결책",
    "term-label.long_term": "장기 해결책",
    "term-description.short_term": "문제의 즉각적인 완화를 위한 단기 해결책",
    "term-description.long_term": "재발 방지를 위한 근본적인 장기 해결책",
    "category.system": "시스템 개선",
    "category.process": "프로세스 개선",
    "category.training": "교육 및 훈련",
    "category.documentation": "문서화 및 공유",
    "category.tooling": "도구",
    "category-description.system": "하드웨어 업그레이드, 소프트웨어 패치, 구성 변경",
    "category-description.process": "장애 대응 프로세스와 SOP 개선",
    "category-description.training": "교육 프로그램, 장애 대응 훈련과 시뮬레이션",
    "category-description.documentation": "런북과 문서 업데이트, 지식 공유",
    "category-description.tooling": "모니터링, 알림, 자동화, 분석 도구",
    "category-label": ({ name }) => `분류: ${name}`,
    "category-label-prefix": "분류: ",
    "tracking-description": "postmortem-followups가 추적하는 장애 후속 조치",
    "severity-prefix": "심각도: ",
    "severity-description": ({ severity }) => `장애 심각도 ${severity}`,
    "needs-validation": "검증 필요",
    "needs-validation-description": "해결책의 효과를 확인하는 증거 없이 완료됨",
    "due-soon": "기한 임박",
    "due-soon-description": "기한이 다가온 열린 후속 조치",
    overdue: "기한 초과",
    "overdue-description": "기한이 지난 열린 후속 조치",
    "validation-lapsed": "검증 근거 상실",
    "validation-lapsed-description": "검증을 마치고 닫혔지만 그 근거가 더 이상 유효하지 않은 후속 조치",
  },
});

function isDefaultCategory(key: string): key is DefaultCategory {
  return (DEFAULT_CATEGORIES as readonly string[]).includes(key);
}

/** The name of a default category in a language (undefined for a category of the team's own). */
export function defaultCategoryName(language: Language, key: string): string | undefined {
  return isDefaultCategory(key) ? labels[language][`category.${key}`] : undefined;
}

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
  const known = defaultCategoryName(language, key);
  if (known) return known;
  let label = categories?.[key]?.name.trim() ?? "";
  for (const { "category-label-prefix": prefix } of Object.values(labels)) {
    if (label.toLowerCase().startsWith(prefix.trim().toLowerCase())) {
      label = label.slice(prefix.trim().length).trim();
      break;
    }
  }
  return label || key;
}
