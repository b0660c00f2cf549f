import { plural } from "../plural.js";
import { defineTopic } from "./define.js";

/**
 * What `lint` says around the problem lines, in the config's language (the problems themselves
 * come from the problem topic). The machine format of a problem line (`error`, `warning`, `note`)
 * stays the same in every language, so scripts can read it.
 */
interface CliParams {
  "lint.invalid-config": { file: string };
  "lint.no-postmortems": { paths: readonly string[] };
  "lint.summary": { errors: number; warnings: number; checked: number; skipped: number };
}

export const cli = defineTopic<CliParams>({
  en: {
    "lint.invalid-config": ({ file }) => `${file} is invalid: nothing was checked`,
    "lint.no-postmortems": ({ paths }) => `no postmortems found (looked in ${paths.join(", ")})`,
    "lint.summary": ({ errors, warnings, checked, skipped }) =>
      `${errors + warnings === 0 ? "no problems" : `${plural(errors, "error")}, ${plural(warnings, "warning")}`}` +
      ` in ${plural(checked, "postmortem")}${skipped > 0 ? ` (${plural(skipped, "file")} skipped)` : ""}`,
  },
  ko: {
    "lint.invalid-config": ({ file }) => `${file} 설정이 올바르지 않아 아무것도 검사하지 않았습니다`,
    "lint.no-postmortems": ({ paths }) => `포스트모템을 찾지 못했습니다 (찾아본 곳: ${paths.join(", ")})`,
    "lint.summary": ({ errors, warnings, checked, skipped }) =>
      `포스트모템 ${checked}개: ${errors + warnings === 0 ? "문제 없음" : `오류 ${errors}개, 경고 ${warnings}개`}` +
      `${skipped > 0 ? ` (파일 ${skipped}개 건너뜀)` : ""}`,
  },
});
