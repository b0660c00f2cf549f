import { josa } from "../josa.js";
import { defineTopic } from "./define.js";

/**
 * The frame of `report --format md` (domain/progress/metrics.ts): its title, headings, table
 * headers and row names, in the repository's language. The SLO figures section is the figures
 * topic's. Values (paths, terms, categories, severities as configured) are printed as they are;
 * the CSV columns and JSON keys stay English in every language (they are a machine format).
 */
interface ReportParams {
  title: { repository: string; date: string };
  overall: string;
  "by-severity": string;
  "by-term": string;
  "by-category": string;
  "per-postmortem": string;
  /** The metric columns after the first one, as one Markdown header row without its first cell. */
  columns: string;
  "first.scope": string;
  "first.severity": string;
  "first.term": string;
  "first.category": string;
  "first.postmortem": string;
  "first.group": string;
  "all-followups": string;
  /** A follow-up without a term, category or severity (the CSV and JSON say `unknown`). */
  unknown: string;
  "group.term": { value: string };
  "group.category": { value: string };
  "group.severity": { value: string };
  /** What `report` says when it cannot report (after `error:`), in the working folder's config's language. */
  "repo-not-found": { repo: string };
  "config-invalid": { repo: string };
}

export const report = defineTopic<ReportParams>({
  en: {
    title: ({ repository, date }) => `Follow-up metrics: ${repository} (${date})`,
    overall: "Overall",
    "by-severity": "By severity",
    "by-term": "By term",
    "by-category": "By category",
    "per-postmortem": "Per postmortem",
    columns:
      "total | open | due soon | overdue | done, validated | done, not validated | not doing | completion | validation rate | median days to close | p50 / p90 days to close | policy attainment | open 0–7 / 8–30 / 31–90 / >90 days |",
    "first.scope": "scope",
    "first.severity": "severity",
    "first.term": "term",
    "first.category": "category",
    "first.postmortem": "postmortem",
    "first.group": "group",
    "all-followups": "all follow-ups",
    unknown: "unknown",
    "group.term": ({ value }) => `term: ${value}`,
    "group.category": ({ value }) => `category: ${value}`,
    "group.severity": ({ value }) => `severity: ${value}`,
    "repo-not-found": ({ repo }) => `${repo} not found, or not accessible with these credentials`,
    "config-invalid": ({ repo }) => `the config of ${repo} is invalid`,
  },
  ko: {
    title: ({ repository, date }) => `후속 조치 지표: ${repository} (${date})`,
    overall: "전체",
    "by-severity": "심각도별",
    "by-term": "기간별",
    "by-category": "분류별",
    "per-postmortem": "포스트모템별",
    columns:
      "전체 | 진행 중 | 기한 임박 | 기한 초과 | 완료(검증됨) | 완료(검증 안 됨) | 하지 않음 | 완료율 | 검증률 | 완료까지 일수 중앙값 | 완료까지 일수 p50 / p90 | 기한 준수율 | 진행 중 0–7 / 8–30 / 31–90 / >90일 |",
    "first.scope": "범위",
    "first.severity": "심각도",
    "first.term": "기간",
    "first.category": "분류",
    "first.postmortem": "포스트모템",
    "first.group": "묶음",
    "all-followups": "모든 후속 조치",
    unknown: "알 수 없음",
    "group.term": ({ value }) => `기간: ${value}`,
    "group.category": ({ value }) => `분류: ${value}`,
    "group.severity": ({ value }) => `심각도: ${value}`,
    "repo-not-found": ({ repo }) =>
      `${josa(repo, "을/를")} 찾지 못했거나 이 자격 증명으로는 읽을 수 없습니다`,
    "config-invalid": ({ repo }) => `${repo}의 설정이 올바르지 않습니다`,
  },
});
