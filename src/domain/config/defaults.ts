import type { Term } from "../postmortem/schema.js";
import type { DefaultCategory, Language } from "./schema.js";

/** Language-dependent defaults. The tracking label is the same in every language on purpose:
 * it is how the app finds its issues, so switching `language` must never lose them. */
export const TRACKING_LABEL = "postmortem-followup";

interface LanguageDefaults {
  trackingDescription: string;
  terms: Record<Term, { name: string; description: string; color: string }>;
  categories: Record<string, { label: string; description: string; color: string }>;
  severityPrefix: string;
  severityDescription: (severity: string) => string;
  needsValidation: { name: string; description: string; color: string };
}

const CATEGORY_COLORS: Record<DefaultCategory, string> = {
  system: "1d76db",
  process: "5319e7",
  training: "0e8a16",
  documentation: "fbca04",
  tooling: "006b75",
};

export const LANGUAGE_DEFAULTS: Record<Language, LanguageDefaults> = {
  en: {
    trackingDescription: "Follow-up of a postmortem, tracked by postmortem-followups",
    terms: {
      short_term: { name: "term: short-term", description: "Short-term mitigation", color: "d93f0b" },
      long_term: {
        name: "term: long-term",
        description: "Long-term prevention of recurrence",
        color: "0052cc",
      },
    },
    categories: {
      system: {
        label: "category: system",
        description: "Hardware upgrades, software patches, configuration changes",
        color: CATEGORY_COLORS.system,
      },
      process: {
        label: "category: process",
        description: "SOP and incident-response process changes",
        color: CATEGORY_COLORS.process,
      },
      training: {
        label: "category: training",
        description: "Training programmes, incident drills and simulations",
        color: CATEGORY_COLORS.training,
      },
      documentation: {
        label: "category: documentation",
        description: "Runbooks, docs updates, knowledge sharing",
        color: CATEGORY_COLORS.documentation,
      },
      tooling: {
        label: "category: tooling",
        description: "Monitoring, alerting, automation and analysis tools",
        color: CATEGORY_COLORS.tooling,
      },
    },
    severityPrefix: "severity: ",
    severityDescription: (s) => `Incident severity ${s}`,
    needsValidation: {
      name: "needs-validation",
      description: "Closed without proof that the fix works",
      color: "e99695",
    },
  },
  ko: {
    trackingDescription: "postmortem-followups가 추적하는 장애 후속 조치",
    terms: {
      short_term: {
        name: "단기 해결책",
        description: "문제의 즉각적인 완화를 위한 단기 해결책",
        color: "d93f0b",
      },
      long_term: {
        name: "장기 해결책",
        description: "재발 방지를 위한 근본적인 장기 해결책",
        color: "0052cc",
      },
    },
    categories: {
      system: {
        label: "분류: 시스템 개선",
        description: "하드웨어 업그레이드, 소프트웨어 패치, 구성 변경",
        color: CATEGORY_COLORS.system,
      },
      process: {
        label: "분류: 프로세스 개선",
        description: "장애 대응 프로세스와 SOP 개선",
        color: CATEGORY_COLORS.process,
      },
      training: {
        label: "분류: 교육 및 훈련",
        description: "교육 프로그램, 장애 대응 훈련과 시뮬레이션",
        color: CATEGORY_COLORS.training,
      },
      documentation: {
        label: "분류: 문서화 및 공유",
        description: "런북과 문서 업데이트, 지식 공유",
        color: CATEGORY_COLORS.documentation,
      },
      tooling: {
        label: "분류: 도구",
        description: "모니터링, 알림, 자동화, 분석 도구",
        color: CATEGORY_COLORS.tooling,
      },
    },
    severityPrefix: "심각도: ",
    severityDescription: (s) => `장애 심각도 ${s}`,
    needsValidation: {
      name: "검증 필요",
      description: "해결책의 효과를 확인하는 증거 없이 완료됨",
      color: "e99695",
    },
  },
};

export const SEVERITY_COLORS = ["b60205", "d93f0b", "fbca04", "c5def5", "bfdadc", "ededed"];
