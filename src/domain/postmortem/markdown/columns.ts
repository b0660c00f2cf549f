import type { ColumnKind } from "./types.js";

/** Built-in header synonyms, normalised (see normaliseHeader). */
export const COLUMN_SYNONYMS: Readonly<Record<ColumnKind, readonly string[]>> = {
  title: [
    "action item",
    "action items",
    "action",
    "actions",
    "item",
    "task",
    "description",
    "follow up",
    "액션",
    "액션 아이템",
    "항목",
    "조치 항목",
    "조치",
    "조치 내용",
    "할 일",
    "내용",
  ],
  owner: ["owner", "owners", "who", "assignee", "dri", "responsible", "담당", "담당자", "담당 팀", "담당팀"],
  type: ["type", "kind", "유형", "구분", "종류"],
  priority: ["priority", "prio", "우선순위"],
  due: [
    "due",
    "due date",
    "deadline",
    "eta",
    "target",
    "target date",
    "기한",
    "마감",
    "마감일",
    "완료 목표일",
    "목표일",
  ],
  tracking: [
    "bug",
    "bug #",
    "bugs",
    "issue",
    "issues",
    "ticket",
    "tickets",
    "pr",
    "link",
    "jira",
    "이슈",
    "티켓",
  ],
  status: ["status", "state", "done", "상태", "진행 상태", "완료 여부"],
  id: ["id"],
  evidence: ["validation", "evidence", "verification", "검증", "검증 방법"],
  term: ["term", "기간", "단기 장기"],
  category: ["category", "분류", "카테고리"],
  repo: ["repository", "repo", "저장소", "레포"],
};

/** Lower case, `#`/punctuation dropped, spaces collapsed: "Bug #" -> "bug #" stays comparable. */
export function normaliseHeader(text: string): string {
  return text
    .toLowerCase()
    .replace(/[*_`:()[\]]/g, "")
    .replace(/[-/\s]+/g, " ")
    .trim();
}

export type ColumnMap = Partial<Record<ColumnKind, number>>;

/** Which column holds what; the title is the first unrecognised column when no title header matches. */
export function mapColumns(
  headers: readonly string[],
  extra: Partial<Record<ColumnKind, readonly string[]>> = {},
): ColumnMap {
  const lookup = new Map<string, ColumnKind>();
  for (const kind of Object.keys(COLUMN_SYNONYMS) as ColumnKind[]) {
    for (const s of extra[kind] ?? []) lookup.set(normaliseHeader(s), kind);
    for (const s of COLUMN_SYNONYMS[kind]) if (!lookup.has(s)) lookup.set(s, kind);
  }
  const map: ColumnMap = {};
  const unknown: number[] = [];
  headers.forEach((h, i) => {
    const n = normaliseHeader(h);
    const kind = lookup.get(n) ?? lookup.get(n.replace(/ #$/, "")) ?? lookup.get(n.replace(/s$/, ""));
    if (kind && map[kind] === undefined) map[kind] = i;
    else if (!kind) unknown.push(i);
  });
  if (map.title === undefined && unknown.length > 0) map.title = unknown[0];
  return map;
}
