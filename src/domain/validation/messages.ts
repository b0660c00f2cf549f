import { josa, particle } from "../../text/josa.js";
import type { Language } from "../config/schema.js";
import type { Lookup } from "./lookup.js";
import type { PullVia } from "./proof.js";

/**
 * Evidence messages, plain text (annotations are not Markdown; Markdown callers sanitise them).
 * Quoted values come from the postmortem or a comment: callers that write Markdown pass the
 * whole message through `inline`/`cell`.
 */
export interface EvidenceMessages {
  what: {
    content: (path: string, ref: string) => string;
    issue: (n: number, repo: string) => string;
    workflow: (file: string, repo: string) => string;
    run: (id: number, repo: string) => string;
    commit: (sha: string, repo: string) => string;
  };
  verified: (what: string) => string;
  missing: (what: string, kind: Lookup["kind"], gone: boolean) => string;
  forbidden: (what: string, kind: Lookup["kind"]) => string;
  skipped: (what: string) => string;
  external: (url: string) => string;
  otherRepo: (url: string) => string;
  unresolvable: (url: string) => string;
}

const PERMISSION: Record<Lookup["kind"], string> = {
  content: "contents",
  issue: "issues",
  workflow: "actions",
  run: "actions",
  commit: "contents",
};

export const evidenceMessages: Record<Language, EvidenceMessages> = {
  en: {
    what: {
      content: (path, ref) => `"${path}" at ${ref}`,
      issue: (n, repo) => `#${n} in ${repo}`,
      workflow: (file, repo) => `workflow "${file}" in ${repo}`,
      run: (id, repo) => `workflow run ${id} in ${repo}`,
      commit: (sha, repo) => `commit ${sha} in ${repo}`,
    },
    verified: (what) => `found ${what}`,
    missing: (what, kind, gone) =>
      gone
        ? `${what} was deleted`
        : kind === "issue"
          ? `${what} is not an issue or pull request`
          : `${what} does not exist`,
    forbidden: (what, kind) =>
      `cannot verify ${what}: the app has no "${PERMISSION[kind]}" read permission on this repository`,
    skipped: (what) => `${what} was not checked: too many evidence lookups in one run`,
    external: (url) => `${url} is not on GitHub: checked for form only (the app never fetches other hosts)`,
    otherRepo: (url) => `${url} is in another repository: checked for form only, not fetched`,
    unresolvable: (url) => `${url} is a kind of GitHub link the app cannot resolve: checked for form only`,
  },
  ko: {
    what: {
      content: (path, ref) => `${ref}의 "${path}"`,
      issue: (n, repo) => `${repo}의 #${n}`,
      workflow: (file, repo) => `${repo}의 워크플로 "${file}"`,
      run: (id, repo) => `${repo}의 워크플로 실행 ${id}`,
      commit: (sha, repo) => `${repo}의 커밋 ${sha}`,
    },
    verified: (what) => `${what} 확인됨`,
    missing: (what, kind, gone) =>
      gone
        ? `${what}: 삭제되었습니다`
        : kind === "issue"
          ? `${what}: 이슈나 풀 리퀘스트가 아닙니다`
          : `${what}: 존재하지 않습니다`,
    forbidden: (what, kind) =>
      `${josa(what, "을/를")} 확인할 수 없습니다: 앱에 이 저장소의 "${PERMISSION[kind]}" 읽기 권한이 없습니다`,
    skipped: (what) => `${what}: 한 번에 확인할 수 있는 증거 수를 넘어 확인하지 않았습니다`,
    external: (url) =>
      `${url}: GitHub 밖의 주소라 형식만 확인했습니다 (앱은 다른 호스트에 접속하지 않습니다)`,
    otherRepo: (url) => `${url}: 다른 저장소의 링크라 형식만 확인했습니다`,
    unresolvable: (url) => `${url}: 앱이 확인할 수 없는 종류의 GitHub 링크라 형식만 확인했습니다`,
  },
};

/**
 * Lines of the evidence section, Markdown. Every argument is already safe Markdown (sanitised
 * text, links built by the caller, logins in code spans).
 */
export interface EntryMessages {
  /** A merged pull request accepted by rule `via`, vouched for by `by` (its merger or author). */
  pull: (
    ref: string,
    title: string,
    via: PullVia,
    by: { login: string; role: "merger" | "author" },
  ) => string;
  commit: (link: string) => string;
  command: (evidence: string, login: string, date: string, commentUrl: string, note: string | null) => string;
  checklist: (login: string, date: string) => string;
}

export const entryMessages: Record<Language, EntryMessages> = {
  en: {
    pull: (ref, title, via, by) =>
      `✅ Merged pull request ${ref}${title ? ` (${title})` : ""} ${
        via === "closed-by-pull"
          ? "closed this issue"
          : via === "closing-reference"
            ? "links this issue with a closing keyword"
            : "was linked to this issue"
      } (${by.role === "merger" ? "merged" : "opened"} by ${by.login}, who has write access)`,
    commit: (link) => `✅ Commit ${link} closed this issue`,
    command: (evidence, login, date, commentUrl, note) =>
      `✅ ${evidence}${note ? ` (${note})` : ""}: validated by ${login} on ${date} ([comment](${commentUrl}))`,
    checklist: (login, date) => `✅ Validation plan fully ticked: confirmed by ${login} on ${date}`,
  },
  ko: {
    pull: (ref, title, via, by) =>
      `✅ 병합된 풀 리퀘스트 ${ref}${title ? ` (${title})` : ""}${particle(ref, "이/가")} ${
        via === "closed-by-pull"
          ? "이 이슈를 닫았습니다"
          : via === "closing-reference"
            ? "닫기 키워드로 이 이슈에 연결되어 있습니다"
            : "이 이슈에 연결되었습니다"
      } (쓰기 권한이 있는 ${by.login}님이 ${by.role === "merger" ? "병합" : "작성"})`,
    commit: (link) => `✅ 커밋 ${josa(link, "이/가")} 이 이슈를 닫았습니다`,
    command: (evidence, login, date, commentUrl, note) =>
      `✅ ${evidence}${note ? ` (${note})` : ""}: ${login}님이 ${date}에 검증 ([댓글](${commentUrl}))`,
    checklist: (login, date) => `✅ 검증 계획의 모든 항목 체크됨: ${login}님이 ${date}에 확인`,
  },
};

/** Short notes on recorded evidence that was not verified through the API. */
export const entryNotes: Record<Language, { unverified: string; cannotVerify: string }> = {
  en: { unverified: "not fetched: checked for form only", cannotVerify: "could not be verified" },
  ko: { unverified: "접속하지 않고 형식만 확인", cannotVerify: "확인할 수 없음" },
};
