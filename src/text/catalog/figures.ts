import { defineTopic } from "./define.js";

/**
 * The follow-up SLO figures (issue 16) in the weekly comment and `report`: policy attainment by
 * severity, days to close (p50/p90), aging of open follow-ups, the "not doing" list, nudges sent.
 * Every parameter is already safe Markdown (sanitised by the caller).
 */

interface FiguresParams {
  heading: string;
  "attainment.columns": string;
  "attainment.none": string;
  /** What the attainment counts (one line under the table). */
  "attainment.note": string;
  "severity.unknown": string;
  "close-days": { p50: string; p90: string; count: number };
  "close-days.none": string;
  aging: { week: number; month: number; quarter: number; older: number };
  nudges: { reminders: number; overdue: number; escalations: number };
  "not-doing.heading": string;
  "not-doing.reason": {
    issue: string;
    title: string;
    reason: string;
    login: string;
    date: string;
    url: string;
  };
  "not-doing.no-reason": { issue: string; title: string };
}

export const figures = defineTopic<FiguresParams>({
  en: {
    heading: "Follow-up SLO",
    "attainment.columns": "| Severity | Closed by the due date | Missed | Attainment |",
    "attainment.none": "No follow-up has reached its due date yet.",
    "attainment.note":
      "Attainment: follow-ups closed as completed on or before their due date, of those closed as completed or still open past it (not doing is listed below, not counted).",
    "severity.unknown": "no severity",
    "close-days": ({ p50, p90, count }) =>
      `Days to close: p50 **${p50}**, p90 **${p90}** (${count === 1 ? "1 follow-up" : `${count} follow-ups`} closed as completed).`,
    "close-days.none": "Days to close: no follow-up closed as completed yet.",
    aging: ({ week, month, quarter, older }) =>
      `Open follow-ups by age: 0–7 days **${week}** · 8–30 days **${month}** · 31–90 days **${quarter}** · over 90 days **${older}**.`,
    nudges: ({ reminders, overdue, escalations }) =>
      `Sent: reminders **${reminders}** · overdue notices **${overdue}** · escalations **${escalations}**.`,
    "not-doing.heading": "Not doing",
    "not-doing.reason": ({ issue, title, reason, login, date, url }) =>
      `${issue} ${title}: ${reason} (risk accepted by ${login} on ${date}, [comment](${url}))`,
    "not-doing.no-reason": ({ issue, title }) => `${issue} ${title}: ⚠️ no reason given`,
  },
  ko: {
    heading: "후속 조치 기한 준수",
    "attainment.columns": "| 심각도 | 기한 내 완료 | 기한 초과 | 준수율 |",
    "attainment.none": "아직 기한에 이른 후속 조치가 없습니다.",
    "attainment.note":
      "준수율: 완료로 닫혔거나 기한이 지나도록 열려 있는 후속 조치 중 기한 안에 완료로 닫힌 비율입니다 (진행하지 않음은 아래에 따로 적고 세지 않습니다).",
    "severity.unknown": "심각도 없음",
    "close-days": ({ p50, p90, count }) =>
      `완료까지 걸린 일수: 중앙값(P50) **${p50}일**, P90 **${p90}일** (완료로 닫힌 후속 조치 ${count}건).`,
    "close-days.none": "완료까지 걸린 일수: 아직 완료로 닫힌 후속 조치가 없습니다.",
    aging: ({ week, month, quarter, older }) =>
      `열린 후속 조치의 경과 일수: 0–7일 **${week}건** · 8–30일 **${month}건** · 31–90일 **${quarter}건** · 90일 초과 **${older}건**.`,
    nudges: ({ reminders, overdue, escalations }) =>
      `보낸 알림: 기한 전 알림 **${reminders}건** · 기한 초과 알림 **${overdue}건** · 에스컬레이션 **${escalations}건**.`,
    "not-doing.heading": "진행하지 않음",
    "not-doing.reason": ({ issue, title, reason, login, date, url }) =>
      `${issue} ${title}: ${reason} (${login} 님이 ${date}에 위험 수용, [댓글](${url}))`,
    "not-doing.no-reason": ({ issue, title }) => `${issue} ${title}: ⚠️ 사유 없음`,
  },
});
