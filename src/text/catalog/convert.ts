import { josa } from "../josa.js";
import { plural } from "../plural.js";
import { defineTopic } from "./define.js";

/**
 * What `convert --to front-matter` prints on stderr, in the config's language: a note for each
 * thing the front-matter form cannot say (domain/followups/front-matter-form.ts), why nothing was
 * converted, and the closing count. Ids, issue references and owners are printed as they are.
 */
interface ConvertParams {
  "note.done-left-out": { id: string };
  "note.adoption-lost": { id: string; issue: string };
  "note.no-validation": { id: string };
  "note.owner-text": { id: string; owner: string };
  "why.already-front-matter": string;
  "why.not-a-postmortem": string;
  "why.errors": string;
  written: { count: number; written: boolean };
}

export const convert = defineTopic<ConvertParams>({
  en: {
    "note.done-left-out": ({ id }) =>
      `"${id}" is done: left out of followups (a done item gets no issue in either form)`,
    "note.adoption-lost": ({ id, issue }) =>
      `"${id}" adopts ${issue} in Markdown; the front-matter form has no tracking link, so its merge would create an issue (keep the Markdown form, or drop the item)`,
    "note.no-validation": ({ id }) =>
      `"${id}" names no evidence: the front-matter form requires validation (validation.required), add one before merging`,
    "note.owner-text": ({ id, owner }) =>
      `"${id}": owner "${owner}" is not a GitHub login: kept only in the Markdown body (map it with owners: in the config)`,
    "why.already-front-matter":
      "already in the front-matter form (its front matter has followups): nothing to convert",
    "why.not-a-postmortem": "no postmortem found (a follow-up section, a date): nothing to convert",
    "why.errors": "has errors: fix them first (postmortem-followups lint)",
    written: ({ count, written }) =>
      `${plural(count, "follow-up")} in front matter${written ? "" : " (not written: add --write)"}`,
  },
  ko: {
    "note.done-left-out": ({ id }) =>
      `${josa(`"${id}"`, "은/는")} 완료된 항목이라 followups에서 뺐습니다 (완료된 항목은 어느 형식이든 이슈를 만들지 않습니다)`,
    "note.adoption-lost": ({ id, issue }) =>
      `${josa(`"${id}"`, "은/는")} Markdown에서 ${josa(issue, "을/를")} 추적하지만 프런트 매터 형식에는 추적 링크가 없어, 병합하면 이슈가 새로 만들어집니다 (Markdown 형식을 유지하거나 항목을 빼세요)`,
    "note.no-validation": ({ id }) =>
      `${josa(`"${id}"`, "은/는")} 검증 근거가 없습니다. 프런트 매터 형식은 validation이 필수이니(validation.required) 병합 전에 추가하세요`,
    "note.owner-text": ({ id, owner }) =>
      `"${id}": 담당자 ${josa(`"${owner}"`, "은/는")} GitHub 로그인이 아니라 Markdown 본문에만 남깁니다 (설정의 \`owners\`로 연결하세요)`,
    "why.already-front-matter":
      "이미 프런트 매터 형식입니다 (프런트 매터에 followups가 있음): 변환할 것이 없습니다",
    "why.not-a-postmortem":
      "포스트모템을 찾지 못했습니다 (후속 조치 섹션과 날짜가 필요): 변환할 것이 없습니다",
    "why.errors": "오류가 있습니다. 먼저 고치세요 (`postmortem-followups lint`)",
    written: ({ count, written }) =>
      `후속 조치 ${count}개를 프런트 매터로 옮겼습니다${written ? "" : " (파일에 쓰지 않음: --write를 주세요)"}`,
  },
});
