import type { Language } from "../language.js";
import { defineTopic } from "./define.js";

/**
 * Words the progress report needs in code (chart labels, statuses, days). Korean follows the
 * practice guide's vocabulary: 후속 조치, 단기/장기 해결책, 테스트 및 검증.
 */

/** A follow-up's status (src/domain/progress/model.ts's `FollowupStatus`). */
type FollowupStatus = "open" | "due_soon" | "overdue" | "done_validated" | "done_unvalidated" | "not_doing";

interface ProgressParams {
  "status.open": string;
  "status.due_soon": string;
  "status.overdue": string;
  "status.done_validated": string;
  "status.done_unvalidated": string;
  "status.not_doing": string;
  "chart.pie": { total: number };
  "chart.trend": string;
  "chart.axis": string;
  /** What the glyphs of the text progress bar mean (domain/progress/charts.ts). */
  "chart.bar-legend": string;
  /** The group of follow-ups whose term is unknown. */
  "unknown-group": string;
  "days-overdue": { days: number };
  "days-left": { days: number };
}

export const progress = defineTopic<ProgressParams>({
  en: {
    "status.open": "Open",
    "status.due_soon": "Due soon",
    "status.overdue": "Overdue",
    "status.done_validated": "Done and validated",
    "status.done_unvalidated": "Done, not validated",
    "status.not_doing": "Not doing",
    "chart.pie": ({ total }) => `Status of ${total} follow-ups`,
    "chart.trend": "Open follow-ups by week",
    "chart.axis": "Open",
    "chart.bar-legend": "Bar: █ done and validated, or not doing · ▒ done, not validated yet · ░ still open",
    "unknown-group": "Other",
    "days-overdue": ({ days }) => (days === 1 ? "1 day overdue" : `${days} days overdue`),
    "days-left": ({ days }) => (days === 0 ? "due today" : days === 1 ? "1 day left" : `${days} days left`),
  },
  ko: {
    "status.open": "진행 중",
    "status.due_soon": "기한 임박",
    "status.overdue": "기한 초과",
    "status.done_validated": "완료 및 검증",
    "status.done_unvalidated": "완료 (검증 필요)",
    "status.not_doing": "진행하지 않음",
    "chart.pie": ({ total }) => `후속 조치 ${total}건의 상태`,
    "chart.trend": "주별 미완료 후속 조치",
    "chart.axis": "미완료",
    "chart.bar-legend": "막대: █ 완료 및 검증 또는 진행하지 않음 · ▒ 완료했지만 검증 전 · ░ 아직 열려 있음",
    "unknown-group": "기타",
    "days-overdue": ({ days }) => `${days}일 초과`,
    "days-left": ({ days }) => (days === 0 ? "오늘 마감" : `${days}일 남음`),
  },
});

/** The icon before a status (the same in every language). */
export const STATUS_ICONS: Record<FollowupStatus, string> = {
  open: "🔵",
  due_soon: "🟡",
  overdue: "🔴",
  done_validated: "✅",
  done_unvalidated: "⚠️",
  not_doing: "⚪",
};

/** A status with its icon: `🔴 Overdue`, `🔴 기한 초과`. */
export function statusLabel(language: Language, status: FollowupStatus): string {
  return `${STATUS_ICONS[status]} ${progress[language][`status.${status}`]}`;
}
