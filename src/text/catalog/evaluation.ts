import { defineTopic } from "./define.js";

/** What the evaluation's re-check line says (domain/progress/evaluation-recheck.ts computes it). */
export interface RecheckLine {
  /** Follow-ups closed as validated (re-checked or not yet), and those reopened on a lapse. */
  total: number;
  /** Of them, re-checked for their current closing (or lapsed and reopened). */
  checked: number;
  lapsed: number;
  /** The first and the last day a pending re-check is due (YYYY-MM-DD, UTC); null: none pending. */
  from: string | null;
  to: string | null;
  /** The day of the latest re-check recorded; null: none yet. */
  lastOn: string | null;
}

/**
 * The post-evaluation (issue 18): the short texts of the evaluation comment (templates
 * post-evaluation.hbs hold the rest) and of the response record in the pull request summary.
 * Every parameter is already safe Markdown (sanitised by the caller).
 */

interface EvaluationParams {
  /** A duration in whole minutes: "42 min", "2 h 5 min", "1 d 3 h". */
  duration: { minutes: number };
  /** A figure the timeline does not give. */
  unknown: string;
  "policy.met": string;
  "policy.missed": string;
  /** The validation rate line: validated of done. */
  validation: { validated: number; done: number; rate: string };
  "validation.none": string;
  breaches: { missed: number; decided: number };
  "breaches.none": string;
  /**
   * The evidence re-checks of the postmortem's validated follow-ups (issue 18): when they are due
   * (`from`..`to`, YYYY-MM-DD, while some are pending), how many were re-checked and lapsed, and the
   * day of the last one.
   */
  recheck: RecheckLine;
  /** `report --format md`: a postmortem's response figures, one line. */
  "report-response": { detect: string; mitigate: string; resolve: string };
  "report-heading": string;
  "question.speed": string;
  "question.accuracy": string;
  "question.communication": string;
  "question.process": string;
  /** The `sweep` command's line for a post-evaluation comment. */
  "sweep-line": { dryRun: boolean; pr: number | null; path: string; updated: boolean };
}

function duration(minutes: number, units: { d: string; h: string; m: string }, space: string): string {
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const parts = d
    ? [`${d}${units.d}`, ...(h ? [`${h}${units.h}`] : [])]
    : h
      ? [`${h}${units.h}`, ...(m ? [`${m}${units.m}`] : [])]
      : [`${m}${units.m}`];
  return parts.join(space);
}

export const evaluation = defineTopic<EvaluationParams>({
  en: {
    duration: ({ minutes }) => duration(minutes, { d: " d", h: " h", m: " min" }, " "),
    unknown: "not in the timeline",
    "policy.met": "met",
    "policy.missed": "**missed**",
    validation: ({ validated, done, rate }) =>
      `Validation rate: **${rate}** (${validated} of ${done} done follow-up${done === 1 ? "" : "s"} proven by evidence).`,
    "validation.none": "Validation rate: no follow-up was done (all were closed as not doing).",
    breaches: ({ missed, decided }) =>
      missed === 0
        ? `Policy breaches: none (${decided === 1 ? "the 1 follow-up with a due date was" : `all ${decided} follow-ups with a due date were`} closed in time).`
        : `Policy breaches: **${missed}** of ${decided} follow-up${decided === 1 ? "" : "s"} with a due date closed after it.`,
    "breaches.none": "Policy breaches: no follow-up had a due date.",
    recheck: ({ total, checked, lapsed, from, to, lastOn }) => {
      const when = from === to ? `on ${from}` : `between ${from} and ${to}`;
      const followups = (n: number) => `${n} validated follow-up${n === 1 ? "" : "s"}`;
      if (checked === 0)
        return `Lapsed evidence: not re-checked yet. The evidence of ${followups(total)} is re-checked ${when}; this comment is updated with the result.`;
      if (checked < total)
        return `Lapsed evidence so far: ${lapsed === 0 ? "none" : `**${lapsed}**`} of ${followups(checked)} re-checked (last on ${lastOn}); the other ${total - checked} ${total - checked === 1 ? "is" : "are"} re-checked ${when}, and this comment is updated then.`;
      return lapsed === 0
        ? `Lapsed evidence: none (the evidence of ${total === 1 ? "the validated follow-up" : `all ${followups(total)}`} still held when re-checked, last on ${lastOn}).`
        : `Lapsed evidence: **${lapsed}** of ${followups(total)} whose evidence no longer holds (re-checked, last on ${lastOn}).`;
    },
    "report-response": ({ detect, mitigate, resolve }) =>
      `Response: time to detect ${detect} · to mitigate ${mitigate} · to resolve ${resolve}.`,
    "report-heading": "Post-evaluation",
    "question.speed": "Response speed",
    "question.accuracy": "Accuracy",
    "question.communication": "Communication",
    "question.process": "Process",
    "sweep-line": ({ dryRun, pr, path, updated }) =>
      `${dryRun ? `would ${updated ? "update" : "post"}` : updated ? "updated" : "posted"} the post-evaluation of ${path} on #${pr ?? "?"}${updated ? " (evidence re-checks)" : ""}`,
  },
  ko: {
    duration: ({ minutes }) => duration(minutes, { d: "일", h: "시간", m: "분" }, " "),
    unknown: "타임라인에 없음",
    "policy.met": "준수",
    "policy.missed": "**초과**",
    validation: ({ validated, done, rate }) =>
      `검증률: **${rate}** (완료한 후속 조치 ${done}건 중 ${validated}건이 증거로 확인됨).`,
    "validation.none": "검증률: 완료한 후속 조치가 없습니다 (모두 진행하지 않기로 했습니다).",
    breaches: ({ missed, decided }) =>
      missed === 0
        ? `정책 위반: 없음 (기한이 있는 후속 조치 ${decided === 1 ? "1건이" : `${decided}건 모두`} 기한 안에 마무리됨).`
        : `정책 위반: 기한이 있는 후속 조치 ${decided}건 중 **${missed}건**이 기한을 넘겨 마무리됨.`,
    "breaches.none": "정책 위반: 기한이 정해진 후속 조치가 없었습니다.",
    recheck: ({ total, checked, lapsed, from, to, lastOn }) => {
      const when = from === to ? `${from}에` : `${from}부터 ${to} 사이에`;
      if (checked === 0)
        return `효력을 잃은 증거: 아직 다시 확인하지 않았습니다. 검증된 후속 조치 ${total}건의 증거를 ${when} 다시 확인하고, 결과가 나오면 이 댓글을 고칩니다.`;
      if (checked < total)
        return `지금까지 효력을 잃은 증거: 다시 확인한 후속 조치 ${checked}건 중 ${lapsed === 0 ? "없음" : `**${lapsed}건**`} (마지막 확인 ${lastOn}). 나머지 ${total - checked}건은 ${when} 다시 확인하고 이 댓글을 고칩니다.`;
      return lapsed === 0
        ? `효력을 잃은 증거: 없음 (검증된 후속 조치 ${total}건의 증거가 다시 확인했을 때도 유효했습니다. 마지막 확인 ${lastOn}).`
        : `효력을 잃은 증거: 검증된 후속 조치 ${total}건 중 **${lapsed}건**의 증거가 더 이상 유효하지 않습니다 (마지막 확인 ${lastOn}).`;
    },
    "report-response": ({ detect, mitigate, resolve }) =>
      `대응: 감지까지 ${detect} · 완화까지 ${mitigate} · 해결까지 ${resolve}.`,
    "report-heading": "사후 평가",
    "question.speed": "대응 속도",
    "question.accuracy": "정확성",
    "question.communication": "커뮤니케이션",
    "question.process": "프로세스 개선",
    "sweep-line": ({ dryRun, pr, path, updated }) =>
      updated
        ? `#${pr ?? "?"}에 남긴 ${path}의 사후 평가를 증거 재확인 결과로 ${dryRun ? "고칠 예정입니다 (시험 실행)" : "고쳤습니다"}`
        : `#${pr ?? "?"}에 ${path}의 사후 평가를 ${dryRun ? "남길 예정입니다 (시험 실행)" : "남겼습니다"}`,
  },
});
