import { plural } from "../plural.js";
import { defineTopic } from "./define.js";

/**
 * Recurrence (issue 18): the earlier postmortems a new one shares a service or tag with, as the PR
 * check and the PR summary list them, the one comment on the earlier postmortem's pull request, and
 * the `report` rows. Every parameter is already safe Markdown (sanitised by the caller; names in code
 * spans, links built by the caller).
 */

interface RecurrenceParams {
  heading: string;
  intro: { count: number };
  /** One earlier postmortem: its link, date, pull request and the shared names (code spans). */
  earlier: { link: string; date: string; pr: string; shared: string };
  /** One of its follow-ups: `id`, issue, what became of it. */
  followup: { id: string; issue: string; state: string };
  "state.done_validated": { age: string };
  "state.done_unvalidated": { age: string };
  "state.not_doing": { age: string };
  "state.lapsed": string;
  "state.open": string;
  "state.due_soon": { due: string };
  "state.overdue": { due: string };
  /** How long ago, in days. */
  age: { days: number };
  "no-followups": string;
  more: { count: number };
  unfinished: string;
  /** The comment on the earlier postmortem's pull request. */
  comment: { link: string; pr: string; shared: string; title: string };
  "report.heading": string;
  "report.intro": { repeats: number; unfinished: number };
  "report.service": string;
  "report.incidents": string;
  "report.repeats": string;
  "report.while-unfinished": string;
  "report.none": string;
}

function ageEn(days: number): string {
  if (days <= 0) return "today";
  if (days === 1) return "yesterday";
  if (days < 14) return `${days} days ago`;
  if (days < 60) return `${plural(Math.round(days / 7), "week")} ago`;
  if (days < 730) return `${plural(Math.round(days / 30), "month")} ago`;
  return `${plural(Math.round(days / 365), "year")} ago`;
}

function ageKo(days: number): string {
  if (days <= 0) return "오늘";
  if (days === 1) return "어제";
  if (days < 14) return `${days}일 전`;
  if (days < 60) return `${Math.round(days / 7)}주 전`;
  if (days < 730) return `${Math.round(days / 30)}개월 전`;
  return `${Math.round(days / 365)}년 전`;
}

export const recurrence = defineTopic<RecurrenceParams>({
  en: {
    heading: "Earlier incidents on the same services",
    intro: ({ count }) =>
      `This postmortem names a service or tag of ${plural(count, "earlier postmortem")}. Their follow-ups were meant to prevent this incident:`,
    earlier: ({ link, date, pr, shared }) => `${link} (${date}${pr ? `, ${pr}` : ""}), shares ${shared}`,
    followup: ({ id, issue, state }) => `${id}${issue ? ` (${issue})` : ""}, ${state}`,
    "state.done_validated": ({ age }) => `closed as validated ${age}`,
    "state.done_unvalidated": ({ age }) => `closed without validation ${age}`,
    "state.not_doing": ({ age }) => `closed as not doing ${age}`,
    "state.lapsed": "closed as validated, but its evidence no longer holds",
    "state.open": "still open",
    "state.due_soon": ({ due }) => `still open, due ${due}`,
    "state.overdue": ({ due }) => `still open, overdue since ${due}`,
    age: ({ days }) => ageEn(days),
    "no-followups": "no follow-ups tracked",
    more: ({ count }) => `… and ${plural(count, "more follow-up")}`,
    unfinished: "⚠️ Some of its follow-ups were still unfinished when this incident happened.",
    comment: ({ link, pr, shared, title }) =>
      `🔁 **Recurrence.** A later incident names ${shared} like this postmortem: ${title}, ${link}${
        pr ? ` (${pr})` : ""
      }. Its pull request lists what became of this postmortem's follow-ups.`,
    "report.heading": "Repeat incidents per service",
    "report.intro": ({ repeats, unfinished }) =>
      `${plural(repeats, "repeat incident")}; ${unfinished} of them happened while an earlier postmortem on the service had open or lapsed follow-ups.`,
    "report.service": "Service",
    "report.incidents": "Incidents",
    "report.repeats": "Repeats",
    "report.while-unfinished": "With unfinished follow-ups",
    "report.none": "No postmortem names a service yet (`services:`, or a `Services:` line).",
  },
  ko: {
    heading: "같은 서비스의 이전 장애",
    intro: ({ count }) =>
      `이 포스트모템은 이전 포스트모템 ${count}개와 같은 서비스나 태그를 다룹니다. 그 후속 조치들은 이번 장애를 막기 위한 것이었습니다:`,
    earlier: ({ link, date, pr, shared }) => `${link} (${date}${pr ? `, ${pr}` : ""}), 공통: ${shared}`,
    followup: ({ id, issue, state }) => `후속 조치 ${id}${issue ? ` (${issue})` : ""}: ${state}`,
    "state.done_validated": ({ age }) => `${age} 검증 완료로 닫힘`,
    "state.done_unvalidated": ({ age }) => `${age} 검증 없이 닫힘`,
    "state.not_doing": ({ age }) => `${age} 진행하지 않기로 하고 닫힘`,
    "state.lapsed": "검증 완료로 닫혔지만 그 증거가 더 이상 유효하지 않음",
    "state.open": "아직 열려 있음",
    "state.due_soon": ({ due }) => `아직 열려 있음, 기한 ${due}`,
    "state.overdue": ({ due }) => `아직 열려 있음, ${due}부터 기한 초과`,
    age: ({ days }) => ageKo(days),
    "no-followups": "추적 중인 후속 조치 없음",
    more: ({ count }) => `… 외 후속 조치 ${count}개`,
    unfinished: "⚠️ 이번 장애가 일어났을 때 끝나지 않은 후속 조치가 남아 있었습니다.",
    comment: ({ link, pr, shared, title }) =>
      `🔁 **재발.** 이후에 일어난 장애가 이 포스트모템과 같은 서비스나 태그를 다룹니다 (공통: ${shared}): ${title}, ${link}${
        pr ? ` (${pr})` : ""
      }. 그 풀 리퀘스트에서 이 포스트모템의 후속 조치가 어떻게 되었는지 볼 수 있습니다.`,
    "report.heading": "서비스별 재발 장애",
    "report.intro": ({ repeats, unfinished }) =>
      `재발 장애 ${repeats}건 중 ${unfinished}건은 같은 서비스의 이전 포스트모템에 열려 있거나 증거가 유효하지 않은 후속 조치가 남아 있을 때 일어났습니다.`,
    "report.service": "서비스",
    "report.incidents": "장애",
    "report.repeats": "재발",
    "report.while-unfinished": "끝나지 않은 후속 조치가 있을 때",
    "report.none": "아직 서비스를 적은 포스트모템이 없습니다 (`services:` 또는 `서비스:` 줄).",
  },
});
