import { plural } from "../../text/plural.js";
import type { Language } from "../config/schema.js";
import type { EvidenceStatus } from "../validation/resolve.js";

/** Short strings of the check run (titles and labels); the summary layout is in templates. */
export interface CheckMessages {
  title: {
    configInvalid: (errors: number) => string;
    failure: (errors: number, warnings: number, files: number) => string;
    success: (followups: number, files: number, warnings: number) => string;
    nothing: string;
    crashed: string;
  };
  status: Record<EvidenceStatus, string>;
  noValidation: string;
  fileStats: (followups: number | null, errors: number, warnings: number) => string;
  defaultDue: (days: number) => string;
  truncated: string;
  /** The pull request changes the config: postmortem files were chosen with the base's `paths`. */
  pathsFromBase: string;
  /** More problems than annotations: how many are shown, of how many, and how many more. */
  moreProblems: (shown: number, total: number, more: number) => string;
}

export const checkMessages: Record<Language, CheckMessages> = {
  en: {
    title: {
      configInvalid: (errors) => `Invalid configuration: ${plural(errors, "error")}`,
      failure: (errors, warnings, files) =>
        `${plural(errors, "error")}${warnings ? `, ${plural(warnings, "warning")}` : ""} in ${plural(files, "postmortem")}`,
      success: (followups, files, warnings) =>
        `${plural(followups, "follow-up")} in ${plural(files, "postmortem")}${warnings ? `, ${plural(warnings, "warning")}` : ", all with validation"}`,
      nothing: "No postmortem in the changed files",
      crashed: "The check could not finish",
    },
    status: {
      verified: "verified",
      unverified: "not fetched: form only",
      "cannot-verify": "cannot verify",
      missing: "not found",
      invalid: "invalid",
    },
    noValidation: "none",
    fileStats: (followups, errors, warnings) =>
      [
        ...(followups === null ? [] : [plural(followups, "follow-up")]),
        plural(errors, "error"),
        plural(warnings, "warning"),
      ].join(" · "),
    defaultDue: (days) => `default: ${days} days after the merge`,
    truncated: "The summary was cut at GitHub's size limit.",
    pathsFromBase:
      "Postmortem files were chosen with the `paths` of the base branch's configuration; this pull request's changes to `paths` apply after it merges.",
    moreProblems: (shown, total, more) =>
      `${plural(total, "problem")}: the ${shown} most severe are annotations on the files, ${plural(more, "more problem")} ${more === 1 ? "is" : "are"} not annotated (at most ${shown} per check run). Fix these and re-run to see the rest.`,
  },
  ko: {
    title: {
      configInvalid: (errors) => `설정 오류 ${errors}건`,
      failure: (errors, warnings, files) =>
        `포스트모템 ${files}개에서 오류 ${errors}건${warnings ? `, 경고 ${warnings}건` : ""}`,
      success: (followups, files, warnings) =>
        `포스트모템 ${files}개, 후속 조치 ${followups}건${warnings ? `, 경고 ${warnings}건` : ", 모두 검증 방법 있음"}`,
      nothing: "변경된 파일에 포스트모템이 없습니다",
      crashed: "검사를 마치지 못했습니다",
    },
    status: {
      verified: "확인됨",
      unverified: "형식만 확인, 접속하지 않음",
      "cannot-verify": "확인할 수 없음",
      missing: "찾을 수 없음",
      invalid: "잘못된 형식",
    },
    noValidation: "없음",
    fileStats: (followups, errors, warnings) =>
      [
        ...(followups === null ? [] : [`후속 조치 ${followups}건`]),
        `오류 ${errors}건`,
        `경고 ${warnings}건`,
      ].join(" · "),
    defaultDue: (days) => `기본값: 병합 후 ${days}일`,
    truncated: "요약이 GitHub의 크기 제한에서 잘렸습니다.",
    pathsFromBase:
      "포스트모템 파일은 기준 브랜치 설정의 `paths`로 골랐습니다. 이 풀 리퀘스트에서 바꾼 `paths`는 병합한 뒤부터 적용됩니다.",
    moreProblems: (shown, total, more) =>
      `문제 ${total}건 중 심각한 ${shown}건을 파일에 주석(annotation)으로 표시했고, 나머지 ${more}건은 주석으로 표시하지 않았습니다 (검사 실행마다 최대 ${shown}건). 이 문제들을 고친 뒤 다시 실행하면 나머지가 보입니다.`,
  },
};

export const STATUS_ICON: Record<EvidenceStatus, string> = {
  verified: "✅",
  unverified: "ℹ️",
  "cannot-verify": "⚠️",
  missing: "❌",
  invalid: "❌",
};
