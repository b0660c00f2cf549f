import { plural } from "../plural.js";
import { defineTopic } from "./define.js";

/** Short strings of the pull request check (titles, labels, annotation titles); the summary layout is in templates. */

/** How far a validation entry was verified (src/domain/validation/resolve.ts's `EvidenceStatus`). */
type EvidenceStatus = "verified" | "unverified" | "cannot-verify" | "missing" | "invalid";

interface CheckParams {
  "title.config-invalid": { errors: number };
  "title.failure": { errors: number; warnings: number; files: number };
  "title.success": { followups: number; files: number; warnings: number };
  "title.nothing": string;
  "title.crashed": string;
  "status.verified": string;
  /** Verified, but an open issue or an unmerged pull request (resolve.ts's `Unsettled`). */
  "status.unsettled": { why: "open-issue" | "open-pull" | "unmerged-pull" };
  "status.unverified": string;
  "status.cannot-verify": string;
  "status.missing": string;
  "status.invalid": string;
  "no-validation": string;
  "file-stats": { followups: number | null; errors: number; warnings: number };
  /** `businessDays`: `due_days.business_days` is on (weekends and holidays skipped). */
  "default-due": { days: number; businessDays: boolean };
  truncated: string;
  /** The pull request changes the config: postmortem files were chosen with the base's `paths`. */
  "paths-from-base": string;
  /** More problems than annotations: how many are shown, of how many, and how many more. */
  "more-problems": { shown: number; total: number; more: number };
  /** The title of an annotation, in the language of its message. */
  "annotation.error": string;
  "annotation.warning": string;
  "annotation.notice": string;
}

export const check = defineTopic<CheckParams>({
  en: {
    "title.config-invalid": ({ errors }) => `Invalid configuration: ${plural(errors, "error")}`,
    "title.failure": ({ errors, warnings, files }) =>
      `${plural(errors, "error")}${warnings ? `, ${plural(warnings, "warning")}` : ""} in ${plural(files, "postmortem")}`,
    "title.success": ({ followups, files, warnings }) =>
      `${plural(followups, "follow-up")} in ${plural(files, "postmortem")}${warnings ? `, ${plural(warnings, "warning")}` : ", all with validation"}`,
    "title.nothing": "No postmortem in the changed files",
    "title.crashed": "The check could not finish",
    "status.verified": "verified",
    "status.unsettled": ({ why }) =>
      why === "unmerged-pull"
        ? "found, closed without merging: proves nothing"
        : why === "open-pull"
          ? "found, still open: proves the fix once merged"
          : "found, still open: proves the fix once closed",
    "status.unverified": "not fetched: form only",
    "status.cannot-verify": "cannot verify",
    "status.missing": "does not exist",
    "status.invalid": "invalid",
    "no-validation": "none",
    "file-stats": ({ followups, errors, warnings }) =>
      [
        ...(followups === null ? [] : [plural(followups, "follow-up")]),
        plural(errors, "error"),
        plural(warnings, "warning"),
      ].join(" · "),
    "default-due": ({ days, businessDays }) =>
      `default: ${days} ${businessDays ? (days === 1 ? "business day" : "business days") : days === 1 ? "day" : "days"} after the merge`,
    truncated: "The summary was cut at GitHub's size limit.",
    "paths-from-base":
      "Postmortem files were chosen with the `paths` of the base branch's configuration; this pull request's changes to `paths` apply after it merges.",
    "more-problems": ({ shown, total, more }) =>
      `${plural(total, "problem")}: the ${shown} most severe are annotations on the files, ${plural(more, "more problem")} ${more === 1 ? "is" : "are"} not annotated (at most ${shown} per check run). Fix these and re-run to see the rest.`,
    "annotation.error": "postmortem error",
    "annotation.warning": "postmortem warning",
    "annotation.notice": "postmortem notice",
  },
  ko: {
    "title.config-invalid": ({ errors }) => `설정 오류 ${errors}건`,
    "title.failure": ({ errors, warnings, files }) =>
      `포스트모템 ${files}개에서 오류 ${errors}건${warnings ? `, 경고 ${warnings}건` : ""}`,
    "title.success": ({ followups, files, warnings }) =>
      `포스트모템 ${files}개, 후속 조치 ${followups}건${warnings ? `, 경고 ${warnings}건` : ", 모두 검증 방법 있음"}`,
    "title.nothing": "변경된 파일에 포스트모템이 없습니다",
    "title.crashed": "검사를 마치지 못했습니다",
    "status.verified": "확인됨",
    "status.unsettled": ({ why }) =>
      why === "unmerged-pull"
        ? "확인됨, 병합 없이 닫혀 증거가 되지 않음"
        : why === "open-pull"
          ? "확인됨, 아직 열려 있어 병합된 뒤에 증거가 됨"
          : "확인됨, 아직 열려 있어 닫힌 뒤에 증거가 됨",
    "status.unverified": "형식만 확인, 접속하지 않음",
    "status.cannot-verify": "확인할 수 없음",
    "status.missing": "존재하지 않음",
    "status.invalid": "잘못된 형식",
    "no-validation": "없음",
    "file-stats": ({ followups, errors, warnings }) =>
      [
        ...(followups === null ? [] : [`후속 조치 ${followups}건`]),
        `오류 ${errors}건`,
        `경고 ${warnings}건`,
      ].join(" · "),
    "default-due": ({ days, businessDays }) => `기본값: 병합 후 ${businessDays ? "영업일 " : ""}${days}일`,
    truncated: "요약이 GitHub의 크기 제한에서 잘렸습니다.",
    "paths-from-base":
      "포스트모템 파일은 기준 브랜치 설정의 `paths`로 골랐습니다. 이 풀 리퀘스트에서 바꾼 `paths`는 병합한 뒤부터 적용됩니다.",
    "more-problems": ({ shown, total, more }) =>
      `문제 ${total}건 중 심각한 ${shown}건을 파일에 주석(annotation)으로 표시했고, 나머지 ${more}건은 주석으로 표시하지 않았습니다 (검사 실행마다 최대 ${shown}건). 이 문제들을 고친 뒤 다시 실행하면 나머지가 보입니다.`,
    "annotation.error": "포스트모템 오류",
    "annotation.warning": "포스트모템 경고",
    "annotation.notice": "포스트모템 알림",
  },
});

/** The icon before an evidence status (the same in every language). */
export const STATUS_ICON: Record<EvidenceStatus, string> = {
  verified: "✅",
  unverified: "ℹ️",
  "cannot-verify": "⚠️",
  missing: "❌",
  invalid: "❌",
};
