import { defineTopic } from "./define.js";

/**
 * Reminders and escalation on a follow-up issue (src/domain/followups/nudges.ts), and the mark
 * the weekly comment shows for each follow-up's escalation state. `who` and `to` are already
 * @-mentions (or the "nobody" text); `due` is YYYY-MM-DD.
 */

interface NudgeParams {
  /** `business`: the days are business days (`due_days.business_days`). */
  reminder: { who: string; due: string; days: number; business: boolean };
  overdue: { who: string; due: string; days: number; business: boolean };
  escalation: { to: string; who: string; due: string; days: number; business: boolean };
  /** Nobody to mention: the follow-up has no owner, or the escalation list is empty. */
  "no-owner": string;
  "no-escalation-list": string;
  /** The weekly comment's mark of the last step sent for the current due date. */
  "state.reminder": string;
  "state.overdue": string;
  "state.escalation": { step: number };
}

/** "1 day", "3 business days". */
function enDays(days: number, business: boolean): string {
  return `${days} ${business ? "business " : ""}${days === 1 ? "day" : "days"}`;
}

/** "3일", "영업일 3일". */
function koDays(days: number, business: boolean): string {
  return `${business ? "영업일 " : ""}${days}일`;
}

export const nudges = defineTopic<NudgeParams>({
  en: {
    reminder: ({ who, due, days, business }) =>
      `${who} a reminder: this follow-up is due on ${due} (${days === 0 ? "today" : `in ${enDays(days, business)}`}). ` +
      "When it is done, close this issue with its evidence; if the date no longer holds, change `due` in the postmortem.",
    overdue: ({ who, due, days, business }) =>
      `${who} this follow-up was due on ${due} and is overdue (${enDays(days, business)}). ` +
      "Close it with its evidence, or set a new `due` in the postmortem.",
    escalation: ({ to, who, due, days, business }) =>
      `${to} escalation: this follow-up (owner: ${who}) is ${enDays(days, business)} past its due date of ${due}. ` +
      "It needs a decision: help finish it, set a new `due` in the postmortem, or close it as not planned with a reason.",
    "no-owner": "(no owner)",
    "no-escalation-list":
      "(nobody to escalate to: the postmortem names no authors and the config's `escalation.to` is empty)",
    "state.reminder": "reminded",
    "state.overdue": "owner notified",
    "state.escalation": ({ step }) => `escalated (${step})`,
  },
  ko: {
    reminder: ({ who, due, days, business }) =>
      `${who} 이 후속 조치의 기한은 ${due}입니다(${days === 0 ? "오늘" : `${koDays(days, business)} 남음`}). ` +
      "완료했다면 증거와 함께 이 이슈를 닫아 주세요. 기한을 지킬 수 없다면 장애 보고서의 `due`를 새 날짜로 바꿔 주세요.",
    overdue: ({ who, due, days, business }) =>
      `${who} 이 후속 조치는 기한(${due})이 ${koDays(days, business)} 지났습니다. ` +
      "증거와 함께 이슈를 닫거나, 장애 보고서의 `due`를 새 날짜로 바꿔 주세요.",
    escalation: ({ to, who, due, days, business }) =>
      `${to} 에스컬레이션: 이 후속 조치(담당: ${who})가 기한(${due})을 ${koDays(days, business)} 넘겼습니다. ` +
      "마무리를 돕거나, 장애 보고서에 새 `due`를 정하거나, 이유와 함께 '계획 없음'으로 닫을지 결정해 주세요.",
    "no-owner": "(담당자 없음)",
    "no-escalation-list":
      "(에스컬레이션할 사람이 없습니다: 장애 보고서에 작성자가 없고 설정의 `escalation.to`가 비어 있습니다)",
    "state.reminder": "알림 보냄",
    "state.overdue": "담당자에게 알림",
    "state.escalation": ({ step }) => `에스컬레이션(${step}단계)`,
  },
});
