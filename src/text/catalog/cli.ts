import { josa } from "../josa.js";
import { plural } from "../plural.js";
import { defineTopic } from "./define.js";

/**
 * What the command line says. `lint`: around the problem lines, in the config's language (the
 * problems themselves come from the problem topic); the machine format of a problem line (`error`,
 * `warning`, `note`) stays the same in every language, so scripts can read it. `init`: in the
 * language it was asked to write in.
 */
interface CliParams {
  "lint.invalid-config": { file: string };
  "no-postmortems": { paths: readonly string[] };
  "lint.summary": { errors: number; warnings: number; checked: number; skipped: number };
  /** Files were found but none of them is a postmortem: never "no problems". */
  "lint.all-skipped": { files: number };
  /** `--strict`: why the run fails although no file has an error. */
  "lint.strict": { checked: number; skipped: number };
  "init.wrote": { file: string };
  "init.kept": { file: string };
  /** The config was kept: add the negative glob of the template to its `paths`. */
  "init.kept-config-hint": { config: string; glob: string };
  "init.next": { template: string; example: string };
}

export const cli = defineTopic<CliParams>({
  en: {
    "lint.invalid-config": ({ file }) => `${file} is invalid: nothing was checked`,
    "no-postmortems": ({ paths }) => `no postmortems found (looked in ${paths.join(", ")})`,
    "lint.all-skipped": ({ files }) =>
      `no postmortem in ${plural(files, "file")}: nothing was checked (see the notes; exclude templates with a "!" glob in paths)`,
    "lint.strict": ({ checked, skipped }) =>
      checked === 0
        ? "--strict: no postmortem was checked"
        : `--strict: ${plural(skipped, "file")} matched by paths yielded no postmortem`,
    "lint.summary": ({ errors, warnings, checked, skipped }) =>
      `${errors + warnings === 0 ? "no problems" : `${plural(errors, "error")}, ${plural(warnings, "warning")}`}` +
      ` in ${plural(checked, "postmortem")}${skipped > 0 ? ` (${plural(skipped, "file")} skipped)` : ""}`,
    "init.wrote": ({ file }) => `wrote ${file}`,
    "init.kept": ({ file }) => `kept ${file}: it exists (--force overwrites it)`,
    "init.kept-config-hint": ({ config, glob }) =>
      `add "${glob}" to the paths of ${config}, so that the template is never checked`,
    "init.next": ({ template, example }) =>
      `next: copy ${template} to ${example}, fill it in, then run \`npx postmortem-followups lint\``,
  },
  ko: {
    "lint.invalid-config": ({ file }) => `${file} 설정이 올바르지 않아 아무것도 검사하지 않았습니다`,
    "no-postmortems": ({ paths }) => `포스트모템을 찾지 못했습니다 (찾아본 곳: ${paths.join(", ")})`,
    "lint.all-skipped": ({ files }) =>
      `파일 ${files}개 중 포스트모템이 없어 아무것도 검사하지 않았습니다 (노트를 보세요. 템플릿은 paths에 "!" 글롭을 넣어 빼세요)`,
    "lint.strict": ({ checked, skipped }) =>
      checked === 0
        ? "--strict: 검사한 포스트모템이 없습니다"
        : `--strict: paths에 맞는 파일 ${skipped}개에서 포스트모템을 읽지 못했습니다`,
    "lint.summary": ({ errors, warnings, checked, skipped }) =>
      `포스트모템 ${checked}개: ${errors + warnings === 0 ? "문제 없음" : `오류 ${errors}개, 경고 ${warnings}개`}` +
      `${skipped > 0 ? ` (파일 ${skipped}개 건너뜀)` : ""}`,
    "init.wrote": ({ file }) => `${file} 파일을 만들었습니다`,
    "init.kept": ({ file }) => `${file} 파일이 이미 있어 그대로 두었습니다 (--force를 주면 덮어씁니다)`,
    "init.kept-config-hint": ({ config, glob }) =>
      `템플릿이 검사되지 않도록 ${config}의 paths에 ${josa(`"${glob}"`, "을/를")} 추가하세요`,
    "init.next": ({ template, example }) =>
      `다음 단계: ${template} 파일을 ${josa(example, "으로/로")} 복사해 채운 뒤 \`npx postmortem-followups lint\`를 실행하세요`,
  },
});
