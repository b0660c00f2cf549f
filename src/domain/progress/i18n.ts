import type { Language } from "../config/schema.js";
import type { FollowupStatus } from "./model.js";

/**
 * Words the progress report needs in code (chart labels, statuses). Korean follows the practice
 * guide's vocabulary: 후속 조치, 단기/장기 해결책, 테스트 및 검증.
 */
export const STATUS_NAMES: Record<Language, Record<FollowupStatus, string>> = {
  en: {
    open: "Open",
    due_soon: "Due soon",
    overdue: "Overdue",
    done_validated: "Done and validated",
    done_unvalidated: "Done, not validated",
    not_doing: "Not doing",
  },
  ko: {
    open: "진행 중",
    due_soon: "기한 임박",
    overdue: "기한 초과",
    done_validated: "완료 및 검증",
    done_unvalidated: "완료 (검증 필요)",
    not_doing: "진행하지 않음",
  },
};

export const STATUS_ICONS: Record<FollowupStatus, string> = {
  open: "🔵",
  due_soon: "🟡",
  overdue: "🔴",
  done_validated: "✅",
  done_unvalidated: "⚠️",
  not_doing: "⚪",
};

export function statusLabel(language: Language, status: FollowupStatus): string {
  return `${STATUS_ICONS[status]} ${STATUS_NAMES[language][status]}`;
}

export const CHART_TEXT: Record<Language, { pie: (total: number) => string; trend: string; axis: string }> = {
  en: {
    pie: (total) => `Status of ${total} follow-ups`,
    trend: "Open follow-ups by week",
    axis: "Open",
  },
  ko: {
    pie: (total) => `후속 조치 ${total}건의 상태`,
    trend: "주별 미완료 후속 조치",
    axis: "미완료",
  },
};

export const UNKNOWN_GROUP: Record<Language, string> = { en: "Other", ko: "기타" };

export function daysOverdueText(language: Language, days: number): string {
  if (language === "ko") return `${days}일 초과`;
  return days === 1 ? "1 day overdue" : `${days} days overdue`;
}

export function daysLeftText(language: Language, days: number): string {
  if (language === "ko") return days === 0 ? "오늘 마감" : `${days}일 남음`;
  return days === 0 ? "due today" : days === 1 ? "1 day left" : `${days} days left`;
}
