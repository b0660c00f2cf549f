import { defineTopic } from "./define.js";

/**
 * The effectiveness re-check (issue 18, "evidence that still holds"): the comment on a follow-up
 * closed as validated whose evidence no longer holds, and the figure the reports show. Every
 * parameter is already safe Markdown (sanitised by the caller).
 */

interface RecheckParams {
  /** `lines`: one Markdown list line per lapsed entry (`- ... : why`), joined by newlines. */
  lapsed: { days: number; lines: string; label: string; reopened: boolean };
  /** The reports' count of follow-ups whose evidence lapsed. */
  figure: { count: number };
}

export const recheck = defineTopic<RecheckParams>({
  en: {
    lapsed: ({ days, lines, label, reopened }) =>
      [
        `**Validation lapsed.** This follow-up was closed as validated ${days} days ago, and the re-check of its evidence found that some of it no longer holds:`,
        "",
        lines,
        "",
        `A fix whose proof is gone may no longer protect against the incident. Restore the evidence (or record new evidence with \`/validated <link>\`) and close the issue again. The label ${label} was added.`,
        "",
        reopened
          ? "The issue was reopened (`effectiveness.on_lapse: reopen`)."
          : "The issue stays closed (`effectiveness.on_lapse: comment`); the reports count it as validation lapsed.",
      ].join("\n"),
    figure: ({ count }) =>
      `Validation lapsed: **${count}** (closed as validated; the evidence, checked again later, no longer holds).`,
  },
  ko: {
    lapsed: ({ days, lines, label, reopened }) =>
      [
        `**검증 근거 상실.** 이 후속 조치는 ${days}일 전에 검증을 마치고 닫혔지만, 근거를 다시 확인해 보니 일부가 더 이상 유효하지 않습니다.`,
        "",
        lines,
        "",
        `근거가 사라진 수정은 같은 장애를 더 이상 막지 못할 수도 있습니다. 근거를 되살리거나 \`/validated <링크>\`로 새 근거를 기록한 뒤 이슈를 다시 닫아 주세요. ${label} 레이블을 붙였습니다.`,
        "",
        reopened
          ? "이슈를 다시 열었습니다 (`effectiveness.on_lapse: reopen`)."
          : "이슈는 닫힌 상태로 둡니다 (`effectiveness.on_lapse: comment`). 보고서에는 검증 근거 상실로 집계됩니다.",
      ].join("\n"),
    figure: ({ count }) =>
      `검증 근거 상실: **${count}건** (검증을 마치고 닫았지만, 나중에 다시 확인하니 근거가 더 이상 유효하지 않음).`,
  },
});
