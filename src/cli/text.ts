import type { Language } from "../domain/config/schema.js";
import { plural } from "../text/plural.js";

/**
 * What `lint` says around the problem lines, in the config's language (the problems themselves
 * come from the diagnostics catalog). The machine format of a problem line (`error`, `warning`,
 * `note`) stays the same in every language, so scripts can read it.
 */
export interface LintText {
  invalidConfig(file: string): string;
  noPostmortems(paths: readonly string[]): string;
  /** Files were found but none of them is a postmortem: never "no problems". */
  allSkipped(files: number): string;
  /** `--strict`: why the run fails although no file has an error. */
  strict(counts: { checked: number; skipped: number }): string;
  summary(counts: { errors: number; warnings: number; checked: number; skipped: number }): string;
}

export const LINT_TEXT: Record<Language, LintText> = {
  en: {
    invalidConfig: (file) => `${file} is invalid: nothing was checked`,
    noPostmortems: (paths) => `no postmortems found (looked in ${paths.join(", ")})`,
    allSkipped: (files) =>
      `no postmortem in ${plural(files, "file")}: nothing was checked (see the notes; exclude templates with a "!" glob in paths)`,
    strict: ({ checked, skipped }) =>
      checked === 0
        ? "--strict: no postmortem was checked"
        : `--strict: ${plural(skipped, "file")} matched by paths yielded no postmortem`,
    summary: ({ errors, warnings, checked, skipped }) =>
      `${errors + warnings === 0 ? "no problems" : `${plural(errors, "error")}, ${plural(warnings, "warning")}`}` +
      ` in ${plural(checked, "postmortem")}${skipped > 0 ? ` (${plural(skipped, "file")} skipped)` : ""}`,
  },
  ko: {
    invalidConfig: (file) => `${file} 설정이 올바르지 않아 아무것도 검사하지 않았습니다`,
    noPostmortems: (paths) => `포스트모템을 찾지 못했습니다 (찾아본 곳: ${paths.join(", ")})`,
    allSkipped: (files) =>
      `파일 ${files}개 중 포스트모템이 없어 아무것도 검사하지 않았습니다 (노트를 보세요. 템플릿은 paths에 "!" 글롭을 넣어 빼세요)`,
    strict: ({ checked, skipped }) =>
      checked === 0
        ? "--strict: 검사한 포스트모템이 없습니다"
        : `--strict: paths에 맞는 파일 ${skipped}개에서 포스트모템을 읽지 못했습니다`,
    summary: ({ errors, warnings, checked, skipped }) =>
      `포스트모템 ${checked}개: ${errors + warnings === 0 ? "문제 없음" : `오류 ${errors}개, 경고 ${warnings}개`}` +
      `${skipped > 0 ? ` (파일 ${skipped}개 건너뜀)` : ""}`,
  },
};
