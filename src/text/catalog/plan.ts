import { josa } from "../josa.js";
import { plural } from "../plural.js";
import { defineTopic } from "./define.js";

/**
 * What `plan` and `convert` print around the issues and the files, in the config's language. The
 * values (ids, terms, categories, labels, logins, dates, paths) are printed as they are: they are
 * what the files and GitHub hold. The machine prefixes of a line (`note:`) stay the same in every
 * language, as in `lint`.
 */

/** A field of a planned issue, in the order `plan` prints them. */
export type PlanField = "from" | "id" | "derived" | "labels" | "assignees" | "due" | "milestone" | "body";

/** Where a Markdown item's term, category or owner was read from (domain/postmortem/markdown/types.ts). */
export type DerivationSource =
  | "column"
  | "heading"
  | "type"
  | "due"
  | "default"
  | "keyword"
  | "label"
  | "bracket"
  | "to"
  | "mention";

interface PlanParams {
  header: { file: string; issues: number; repo: string; mergedOn: string; pr: number | null };
  field: { field: PlanField };
  /** `term from heading "Short term"`: one part of the derived line. */
  derived: { what: "term" | "category" | "owner"; source: DerivationSource | string; text?: string };
  priority: { priority: string };
  unassigned: string;
  "unassigned-team": { team: string };
  "no-issue-for": string;
  "state.done": string;
  "state.adopt": { number: number };
  "placeholder-repo": string;
  "file-has-errors": string;
  "invalid-config": { file: string };
  "outside-repo": { file: string; name: string };
  "convert.unpinned": { id: string };
  "convert.pinned": { count: number; written: boolean };
}

const SOURCES_KO: Record<DerivationSource, string> = {
  column: "표의 열",
  heading: "제목",
  type: "유형 열",
  due: "기한",
  default: "기본값",
  keyword: "키워드",
  label: "라벨",
  bracket: "대괄호 표기",
  to: "'to' 표기",
  mention: "멘션",
};

const FIELDS_KO: Record<PlanField, string> = {
  from: "위치",
  id: "식별자",
  derived: "판단 근거",
  labels: "라벨",
  assignees: "담당자",
  due: "기한",
  milestone: "마일스톤",
  body: "본문",
};

const WHAT_KO = { term: "기간", category: "분류", owner: "담당자" } as const;

export const plan = defineTopic<PlanParams>({
  en: {
    header: ({ file, issues, repo, mergedOn, pr }) =>
      `${file}: ${plural(issues, "issue")} to create in ${repo} (merged on ${mergedOn}${pr ? ` in #${pr}` : ""})`,
    field: ({ field }) => `${field}:`,
    derived: ({ what, source, text }) => `${what} from ${source}${text ? ` "${text}"` : ""}`,
    priority: ({ priority }) => `priority ${priority}`,
    unassigned: "none",
    "unassigned-team": ({ team }) => `none: ${team} is a team, mentioned in the body`,
    "no-issue-for": "No issue for:",
    "state.done": "done in the postmortem",
    "state.adopt": ({ number }) => `tracked by #${number} (adopted)`,
    "placeholder-repo": "no --repo and no git remote: links use OWNER/REPO",
    "file-has-errors": "has errors, no issues planned",
    "invalid-config": ({ file }) => `${file} is invalid: nothing was planned`,
    "outside-repo": ({ file, name }) => `${file} is outside the repository: its links use the path "${name}"`,
    "convert.unpinned": ({ id }) => `could not pin "${id}" (add {#${id}} after its title by hand)`,
    "convert.pinned": ({ count, written }) =>
      `${count} id${count === 1 ? "" : "s"} pinned${written ? "" : " (not written: add --write)"}`,
  },
  ko: {
    header: ({ file, issues, repo, mergedOn, pr }) =>
      `${file}: ${repo}에 만들 이슈 ${issues}개 (${mergedOn} 병합${pr ? `, #${pr}` : ""})`,
    field: ({ field }) => `${FIELDS_KO[field]}:`,
    derived: ({ what, source, text }) =>
      `${WHAT_KO[what]}: ${SOURCES_KO[source as DerivationSource] ?? source}${text ? ` "${text}"` : ""}`,
    priority: ({ priority }) => `우선순위 ${priority}`,
    unassigned: "없음",
    "unassigned-team": ({ team }) => `없음: ${josa(team, "은/는")} 팀이라 본문에서 멘션합니다`,
    "no-issue-for": "이슈를 만들지 않는 항목:",
    "state.done": "포스트모템에 완료로 표시됨",
    "state.adopt": ({ number }) => `기존 이슈 #${number}에서 추적합니다`,
    "placeholder-repo": "--repo도 Git 원격 저장소도 없어 링크에 OWNER/REPO를 씁니다",
    "file-has-errors": "오류가 있어 이슈를 계획하지 않았습니다",
    "invalid-config": ({ file }) => `${file} 설정이 올바르지 않아 아무것도 계획하지 않았습니다`,
    "outside-repo": ({ file, name }) =>
      `${file} 파일이 저장소 밖에 있어 링크에 경로 ${josa(`"${name}"`, "을/를")} 씁니다`,
    "convert.unpinned": ({ id }) =>
      `${josa(`"${id}"`, "을/를")} 고정하지 못했습니다 (제목 뒤에 {#${id}}를 직접 붙이세요)`,
    "convert.pinned": ({ count, written }) =>
      `ID ${count}개를 고정했습니다${written ? "" : " (파일에 쓰지 않음: --write를 주세요)"}`,
  },
});
