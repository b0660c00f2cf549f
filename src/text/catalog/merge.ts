import { josa } from "../josa.js";
import { defineTopic } from "./define.js";

/**
 * What a merge writes besides its templates: the "last changes" lines of the pull request summary,
 * the notes on files and owners, and the description of a postmortem's milestone. Every parameter
 * is already safe Markdown (`#12`, a sanitised title, a link).
 */

/** Why an issue was closed (src/domain/followups/model.ts's close reasons). */
type CloseReason = "removed-item" | "removed-file" | "duplicate";
/** What an update changed (src/domain/followups/plan.ts's reasons). */
export const UPDATE_REASONS = ["title", "owner", "labels", "milestone", "body", "restored", "moved"] as const;
type UpdateReason = (typeof UPDATE_REASONS)[number];

type Reasons = { [R in UpdateReason as `reason.${R}`]: string };

type MergeParams = Reasons & {
  created: { issue: string; title: string };
  /** Created, found after an ambiguous GitHub error. */
  recovered: { issue: string; title: string };
  updated: { issue: string; reasons: string };
  closed: { issue: string; reason: CloseReason; duplicateOf: string };
  "labels-created": { names: string };
  "milestone.created": { title: string; due: string };
  "milestone.updated": { title: string; due: string };
  "milestone.description": { postmortem: string };
  "issue-closed": string;
  /** An item tracked by an existing issue it adopts (no issue of the app). */
  adopted: string;
  /** An item done in the postmortem (no issue). */
  done: string;
  /** An edited item that kept its issue (identity). */
  joined: { issue: string; title: string };
  /** An empty cell. */
  none: string;
  "owner.unknown-login": string;
  "owner.no-access": string;
  /** A file absent at the merge commit. */
  "note.not-found": { ref: string };
  /** A renamed file with errors: its issues stay with the old path for now. */
  "note.renamed-with-errors": { from: string };
};

export const merge = defineTopic<MergeParams>({
  en: {
    created: ({ issue, title }) => `Created ${issue}: ${title}`,
    recovered: ({ issue, title }) =>
      `Created ${issue}: ${title} (found after a GitHub error; not created twice)`,
    updated: ({ issue, reasons }) => `Updated ${issue}: ${reasons}`,
    closed: ({ issue, reason, duplicateOf }) =>
      reason === "removed-item"
        ? `Closed ${issue} as not planned: the follow-up left the postmortem`
        : reason === "removed-file"
          ? `Closed ${issue} as not planned: the postmortem was deleted`
          : `Closed ${issue} as a duplicate of ${duplicateOf}`,
    "labels-created": ({ names }) => `Created labels: ${names}`,
    "milestone.created": ({ title, due }) => `Created milestone ${title} (due ${due})`,
    "milestone.updated": ({ title, due }) => `Moved milestone ${title} to ${due}`,
    "milestone.description": ({ postmortem }) => `Follow-ups of ${postmortem}`,
    "reason.title": "title",
    "reason.owner": "owner",
    "reason.labels": "labels",
    "reason.milestone": "milestone",
    "reason.body": "description",
    "reason.restored": "reopened (back in the postmortem)",
    "reason.moved": "moved to the repository it is routed to",
    "issue-closed": "closed",
    adopted: "adopted",
    done: "done in the postmortem",
    joined: ({ issue, title }) => `${issue} still tracks the edited item: ${title}`,
    none: "—",
    "owner.unknown-login": "not a GitHub user",
    "owner.no-access": "no access to this repository",
    "note.not-found": ({ ref }) => `not found at ${ref}`,
    "note.renamed-with-errors": ({ from }) =>
      `renamed from ${from}: its issues move once the file is valid in a later merge that still renames it`,
  },
  ko: {
    created: ({ issue, title }) => `${issue} 생성: ${title}`,
    recovered: ({ issue, title }) => `${issue} 생성: ${title} (GitHub 오류 뒤 확인됨, 중복 생성하지 않음)`,
    updated: ({ issue, reasons }) => `${issue} 수정: ${reasons}`,
    closed: ({ issue, reason, duplicateOf }) =>
      reason === "removed-item"
        ? `${issue} 계획 없음으로 닫음: 포스트모템에서 빠진 후속 조치`
        : reason === "removed-file"
          ? `${issue} 계획 없음으로 닫음: 포스트모템 삭제`
          : `${josa(issue, "을/를")} ${duplicateOf}의 중복으로 닫음`,
    "labels-created": ({ names }) => `레이블 생성: ${names}`,
    "milestone.created": ({ title, due }) => `마일스톤 ${title} 생성 (기한 ${due})`,
    "milestone.updated": ({ title, due }) => `마일스톤 ${title}의 기한을 ${josa(due, "으로/로")} 변경`,
    "milestone.description": ({ postmortem }) => `${postmortem}의 후속 조치`,
    "reason.title": "제목",
    "reason.owner": "담당자",
    "reason.labels": "레이블",
    "reason.milestone": "마일스톤",
    "reason.body": "본문",
    "reason.restored": "다시 열림 (포스트모템에 다시 추가됨)",
    "reason.moved": "배정된 저장소로 옮김",
    "issue-closed": "닫힘",
    adopted: "기존 이슈로 추적",
    done: "포스트모템에서 완료",
    joined: ({ issue, title }) => `${issue}: 수정된 항목을 계속 추적합니다: ${title}`,
    none: "—",
    "owner.unknown-login": "GitHub 사용자가 아님",
    "owner.no-access": "이 저장소에 접근 권한이 없음",
    "note.not-found": ({ ref }) => `커밋 ${ref}에 없음`,
    "note.renamed-with-errors": ({ from }) =>
      `${from}에서 이름을 바꾼 파일: 이후 병합에서 이름이 바뀐 채로 파일이 올바르면 이슈가 새 경로로 옮겨집니다`,
  },
});
