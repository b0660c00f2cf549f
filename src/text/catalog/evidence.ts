import { josa, particle } from "../josa.js";
import { defineTopic } from "./define.js";

/**
 * Evidence: what a validation entry names and what looking it up found (plain text: annotations
 * are not Markdown; Markdown callers sanitise them), and the lines of a follow-up issue's evidence
 * section (Markdown: every parameter is already safe Markdown, links built by the caller, logins
 * in code spans).
 */

/** What is looked up (src/domain/validation/lookup.ts's `Lookup["kind"]`). */
type LookupKind = "content" | "issue" | "workflow" | "run" | "commit";
/** Why a found issue or pull request proves nothing yet (resolve.ts's `Unsettled`). */
type Unsettled = "open-issue" | "open-pull" | "unmerged-pull";
/** How a merged pull request is linked to the issue (src/domain/validation/proof.ts's `PullVia`). */
type PullVia = "closed-by-pull" | "closing-reference" | "connected";

interface EvidenceParams {
  "what.content": { path: string; ref: string };
  "what.issue": { number: number; repo: string };
  "what.workflow": { file: string; repo: string };
  "what.run": { id: number; repo: string };
  "what.commit": { sha: string; repo: string };
  verified: { what: string };
  /** Found, but not proof of a finished fix (src/domain/validation/resolve.ts's `Unsettled`). */
  unsettled: { what: string; why: Unsettled };
  missing: { what: string; kind: LookupKind; gone: boolean };
  forbidden: { what: string; kind: LookupKind };
  skipped: { what: string };
  external: { url: string };
  "other-repo": { url: string };
  unresolvable: { url: string };
  /** A merged pull request accepted by rule `via`, vouched for by `login` (its merger or author). */
  "entry.pull": { ref: string; title: string; via: PullVia; login: string; role: "merger" | "author" };
  "entry.commit": { link: string };
  "entry.command": { evidence: string; login: string; date: string; commentUrl: string; note: string | null };
  "entry.checklist": { login: string; date: string };
  /** Notes on recorded evidence that was not verified through the API. */
  "note.unverified": string;
  "note.cannot-verify": string;
  /** Why a `/validated` command is refused. */
  "refused.own-issue": string;
  "refused.too-long": { max: number };
}

/** The read permission a lookup needs (a GitHub permission name: the same in every language). */
const PERMISSION: Record<LookupKind, string> = {
  content: "contents",
  issue: "issues",
  workflow: "actions",
  run: "actions",
  commit: "contents",
};

export const evidence = defineTopic<EvidenceParams>({
  en: {
    "what.content": ({ path, ref }) => `"${path}" at ${ref}`,
    "what.issue": ({ number, repo }) => `#${number} in ${repo}`,
    "what.workflow": ({ file, repo }) => `workflow "${file}" in ${repo}`,
    "what.run": ({ id, repo }) => `workflow run ${id} in ${repo}`,
    "what.commit": ({ sha, repo }) => `commit ${sha} in ${repo}`,
    verified: ({ what }) => `found ${what}`,
    unsettled: ({ what, why }) =>
      why === "open-issue"
        ? `${what} is an open issue: an issue proves a fix once it is closed`
        : why === "open-pull"
          ? `${what} is an open pull request: it proves a fix once it is merged`
          : `${what} is a pull request closed without merging`,
    missing: ({ what, kind, gone }) =>
      gone
        ? `${what} was deleted`
        : kind === "issue"
          ? `${what} does not exist (no issue or pull request has this number)`
          : `${what} does not exist`,
    forbidden: ({ what, kind }) =>
      `cannot verify ${what}: the app has no "${PERMISSION[kind]}" read permission on this repository`,
    skipped: ({ what }) => `${what} was not checked: too many evidence lookups in one run`,
    external: ({ url }) =>
      `${url} is not on GitHub: checked for form only (the app never fetches other hosts)`,
    "other-repo": ({ url }) => `${url} is in another repository: checked for form only, not fetched`,
    unresolvable: ({ url }) =>
      `${url} is a kind of GitHub link the app cannot resolve: checked for form only`,
    "entry.pull": ({ ref, title, via, login, role }) =>
      `✅ Merged pull request ${ref}${title ? ` (${title})` : ""} ${
        via === "closed-by-pull"
          ? "closed this issue"
          : via === "closing-reference"
            ? "links this issue with a closing keyword"
            : "was linked to this issue"
      } (${role === "merger" ? "merged" : "opened"} by ${login}, who has write access)`,
    "entry.commit": ({ link }) => `✅ Commit ${link} closed this issue`,
    "entry.command": ({ evidence, login, date, commentUrl, note }) =>
      `✅ ${evidence}${note ? ` (${note})` : ""}: validated by ${login} on ${date} ([comment](${commentUrl}))`,
    "entry.checklist": ({ login, date }) =>
      `✅ Validation plan fully ticked: confirmed by ${login} on ${date}`,
    "note.unverified": "not fetched: checked for form only",
    "note.cannot-verify": "could not be verified",
    "refused.own-issue": "this issue cannot be its own evidence",
    "refused.too-long": ({ max }) => `the evidence is longer than ${max} characters`,
  },
  ko: {
    "what.content": ({ path, ref }) => `${ref}의 "${path}"`,
    "what.issue": ({ number, repo }) => `${repo}의 #${number}`,
    "what.workflow": ({ file, repo }) => `${repo}의 워크플로 "${file}"`,
    "what.run": ({ id, repo }) => `${repo}의 워크플로 실행 ${id}`,
    "what.commit": ({ sha, repo }) => `${repo}의 커밋 ${sha}`,
    verified: ({ what }) => `${what} 확인됨`,
    unsettled: ({ what, why }) =>
      why === "open-issue"
        ? `${what}: 열려 있는 이슈입니다 (이슈는 닫힌 뒤에야 수정의 증거가 됩니다)`
        : why === "open-pull"
          ? `${what}: 아직 열려 있는 풀 리퀘스트입니다 (병합된 뒤에야 수정의 증거가 됩니다)`
          : `${what}: 병합하지 않고 닫힌 풀 리퀘스트입니다`,
    missing: ({ what, kind, gone }) =>
      gone
        ? `${what}: 삭제되었습니다`
        : kind === "issue"
          ? `${what}: 존재하지 않습니다 (이 번호의 이슈나 풀 리퀘스트가 없습니다)`
          : `${what}: 존재하지 않습니다`,
    forbidden: ({ what, kind }) =>
      `${josa(what, "을/를")} 확인할 수 없습니다: 앱에 이 저장소의 "${PERMISSION[kind]}" 읽기 권한이 없습니다`,
    skipped: ({ what }) => `${what}: 한 번에 확인할 수 있는 증거 수를 넘어 확인하지 않았습니다`,
    external: ({ url }) =>
      `${url}: GitHub 밖의 주소라 형식만 확인했습니다 (앱은 다른 호스트에 접속하지 않습니다)`,
    "other-repo": ({ url }) => `${url}: 다른 저장소의 링크라 형식만 확인했습니다`,
    unresolvable: ({ url }) => `${url}: 앱이 확인할 수 없는 종류의 GitHub 링크라 형식만 확인했습니다`,
    "entry.pull": ({ ref, title, via, login, role }) =>
      `✅ 병합된 풀 리퀘스트 ${ref}${title ? ` (${title})` : ""}${particle(ref, "이/가")} ${
        via === "closed-by-pull"
          ? "이 이슈를 닫았습니다"
          : via === "closing-reference"
            ? "닫기 키워드로 이 이슈에 연결되어 있습니다"
            : "이 이슈에 연결되었습니다"
      } (쓰기 권한이 있는 ${login}님이 ${role === "merger" ? "병합" : "작성"})`,
    "entry.commit": ({ link }) => `✅ 커밋 ${josa(link, "이/가")} 이 이슈를 닫았습니다`,
    "entry.command": ({ evidence, login, date, commentUrl, note }) =>
      `✅ ${evidence}${note ? ` (${note})` : ""}: ${login}님이 ${date}에 검증 ([댓글](${commentUrl}))`,
    "entry.checklist": ({ login, date }) => `✅ 검증 계획의 모든 항목 체크됨: ${login}님이 ${date}에 확인`,
    "note.unverified": "접속하지 않고 형식만 확인",
    "note.cannot-verify": "확인할 수 없음",
    "refused.own-issue": "이 이슈 자체는 증거가 될 수 없습니다",
    "refused.too-long": ({ max }) => `증거가 ${max}자보다 깁니다`,
  },
});
