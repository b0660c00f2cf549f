import type { Language } from "../domain/config/schema.js";
import { josa } from "../text/josa.js";
import { plural } from "../text/plural.js";

/**
 * What `lint` says around the problem lines, in the config's language (the problems themselves
 * come from the diagnostics catalog). The machine format of a problem line (`error`, `warning`,
 * `note`) stays the same in every language, so scripts can read it.
 */
export interface LintText {
  invalidConfig(file: string): string;
  noPostmortems(paths: readonly string[]): string;
  summary(counts: { errors: number; warnings: number; checked: number; skipped: number }): string;
}

export const LINT_TEXT: Record<Language, LintText> = {
  en: {
    invalidConfig: (file) => `${file} is invalid: nothing was checked`,
    noPostmortems: (paths) => `no postmortems found (looked in ${paths.join(", ")})`,
    summary: ({ errors, warnings, checked, skipped }) =>
      `${errors + warnings === 0 ? "no problems" : `${plural(errors, "error")}, ${plural(warnings, "warning")}`}` +
      ` in ${plural(checked, "postmortem")}${skipped > 0 ? ` (${plural(skipped, "file")} skipped)` : ""}`,
  },
  ko: {
    invalidConfig: (file) => `${file} 설정이 올바르지 않아 아무것도 검사하지 않았습니다`,
    noPostmortems: (paths) => `포스트모템을 찾지 못했습니다 (찾아본 곳: ${paths.join(", ")})`,
    summary: ({ errors, warnings, checked, skipped }) =>
      `포스트모템 ${checked}개: ${errors + warnings === 0 ? "문제 없음" : `오류 ${errors}개, 경고 ${warnings}개`}` +
      `${skipped > 0 ? ` (파일 ${skipped}개 건너뜀)` : ""}`,
  },
};

/** What `init` says, in the language it was asked to write in. */
export interface InitText {
  wrote(file: string): string;
  kept(file: string): string;
  keptConfigHint(config: string, glob: string): string;
  next(template: string, example: string): string;
}

export const INIT_TEXT: Record<Language, InitText> = {
  en: {
    wrote: (file) => `wrote ${file}`,
    kept: (file) => `kept ${file}: it exists (--force overwrites it)`,
    keptConfigHint: (config, glob) =>
      `add "${glob}" to the paths of ${config}, so that the template is never checked`,
    next: (template, example) =>
      `next: copy ${template} to ${example}, fill it in, then run \`npx postmortem-followups lint\``,
  },
  ko: {
    wrote: (file) => `${file} 파일을 만들었습니다`,
    kept: (file) => `${file} 파일이 이미 있어 그대로 두었습니다 (--force를 주면 덮어씁니다)`,
    keptConfigHint: (config, glob) =>
      `템플릿이 검사되지 않도록 ${config}의 paths에 ${josa(`"${glob}"`, "을/를")} 추가하세요`,
    next: (template, example) =>
      `다음 단계: ${template} 파일을 ${josa(example, "으로/로")} 복사해 채운 뒤 \`npx postmortem-followups lint\`를 실행하세요`,
  },
};
