import { defineTopic } from "./define.js";

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
  lapsed: { count: number };
  /** `report --format md`: a postmortem's response figures, one line. */
  "report-response": { detect: string; mitigate: string; resolve: string };
  "report-heading": string;
  "question.speed": string;
  "question.accuracy": string;
  "question.communication": string;
  "question.process": string;
  /** The `sweep` command's line for a post-evaluation comment. */
  "sweep-line": { dryRun: boolean; pr: number | null; path: string };
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
    lapsed: ({ count }) =>
      count === 0
        ? "Lapsed evidence: none (every re-checked piece of evidence still holds)."
        : `Lapsed evidence: **${count}** follow-up${count === 1 ? "" : "s"} whose evidence no longer holds.`,
    "report-response": ({ detect, mitigate, resolve }) =>
      `Response: time to detect ${detect} · to mitigate ${mitigate} · to resolve ${resolve}.`,
    "report-heading": "Post-evaluation",
    "question.speed": "Response speed",
    "question.accuracy": "Accuracy",
    "question.communication": "Communication",
    "question.process": "Process",
    "sweep-line": ({ dryRun, pr, path }) =>
      `${dryRun ? "would post" : "posted"} the post-evaluation of ${path} on #${pr ?? "?"}`,
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
    lapsed: ({ count }) =>
      count === 0
        ? "효력을 잃은 증거: 없음 (다시 확인한 증거가 모두 유효합니다)."
        : `효력을 잃은 증거: 증거가 더 이상 유효하지 않은 후속 조치 **${count}건**.`,
    "report-response": ({ detect, mitigate, resolve }) =>
      `대응: 감지까지 ${detect} · 완화까지 ${mitigate} · 해결까지 ${resolve}.`,
    "report-heading": "사후 평가",
    "question.speed": "대응 속도",
    "question.accuracy": "정확성",
    "question.communication": "커뮤니케이션",
    "question.process": "프로세스 개선",
    "sweep-line": ({ dryRun, pr, path }) =>
      `#${pr ?? "?"}에 ${path}의 사후 평가를 ${dryRun ? "남길 예정입니다 (시험 실행)" : "남겼습니다"}`,
  },
});
