import { plural } from "../plural.js";
import { defineTopic } from "./define.js";

/**
 * The organisation report (`report --org`, issue 19): its Markdown and the HTML dashboard. The
 * status names are the progress topic's (`progress.status.*`). Parameters are plain values; the
 * caller escapes them for the output (HTML or Markdown).
 */

interface DashboardParams {
  title: { account: string };
  subtitle: { date: string; repositories: number };
  "totals.heading": string;
  "totals.all": string;
  "trends.heading": string;
  "burndown.heading": string;
  "burndown.open": string;
  "burndown.opened": string;
  "burndown.closed": string;
  "burndown.week": string;
  "attainment.heading": string;
  "attainment.severity": string;
  "attainment.met": string;
  "attainment.missed": string;
  "attainment.rate": string;
  "close.heading": string;
  "close.value": { p50: string; p90: string; count: number };
  "aging.heading": string;
  "aging.bucket": string;
  "aging.count": string;
  "aging.0-7": string;
  "aging.8-30": string;
  "aging.31-90": string;
  "aging.over-90": string;
  "repositories.heading": string;
  "repositories.name": string;
  "repositories.postmortems": string;
  "repositories.total": string;
  "repositories.completion": string;
  "repositories.validation": string;
  "repositories.error": string;
  "not-doing.reason": string;
  "not-doing.by": string;
  "not-doing.date": string;
  "not-doing.none": string;
  "owners.heading": string;
  "owners.owner": string;
  "owners.none": string;
  "followups.heading": string;
  "followups.issue": string;
  "followups.title": string;
  "followups.repository": string;
  "followups.owner": string;
  "followups.severity": string;
  "followups.status": string;
  "followups.due": string;
  "followups.capped": { shown: number; total: number };
  "owners.omitted": { limit: number; count: number };
  "filter.label": string;
  "filter.status": string;
  "filter.all": string;
  "filter.shown": { shown: string; total: string };
  "sort.hint": string;
  "chart.data": string;
  "usage.one-scope": string;
  "usage.org-only": string;
  "usage.installation-number": { got: string };
  "usage.credentials": string;
  none: string;
  "config-error": string;
  failed: string;
}

export const dashboard = defineTopic<DashboardParams>({
  en: {
    title: ({ account }) => `Follow-up health: ${account}`,
    subtitle: ({ date, repositories }) =>
      `${date} · ${repositories === 1 ? "1 repository" : `${repositories} repositories`}`,
    "totals.heading": "Totals",
    "totals.all": "All follow-ups",
    "trends.heading": "Trends",
    "burndown.heading": "Burn-down per week",
    "burndown.open": "Open at the end of the week",
    "burndown.opened": "Opened",
    "burndown.closed": "Closed",
    "burndown.week": "Week",
    "attainment.heading": "Policy attainment by severity",
    "attainment.severity": "Severity",
    "attainment.met": "Closed by the due date",
    "attainment.missed": "Missed",
    "attainment.rate": "Attainment",
    "close.heading": "Days to close",
    "close.value": ({ p50, p90, count }) =>
      `p50 ${p50} · p90 ${p90} (${count === 1 ? "1 follow-up" : `${count} follow-ups`} closed as completed)`,
    "aging.heading": "Open follow-ups by age",
    "aging.bucket": "Age",
    "aging.count": "Open follow-ups",
    "aging.0-7": "0–7 days",
    "aging.8-30": "8–30 days",
    "aging.31-90": "31–90 days",
    "aging.over-90": "over 90 days",
    "repositories.heading": "Repositories",
    "repositories.name": "Repository",
    "repositories.postmortems": "Postmortems",
    "repositories.total": "Follow-ups",
    "repositories.completion": "Completion",
    "repositories.validation": "Validation rate",
    "repositories.error": "Not counted",
    "not-doing.reason": "Reason",
    "not-doing.by": "Risk accepted by",
    "not-doing.date": "On",
    "not-doing.none": "⚠️ no reason given",
    "owners.heading": "Owners",
    "owners.owner": "Owner",
    "owners.none": "no owner",
    "followups.heading": "Follow-ups",
    "followups.issue": "Issue",
    "followups.title": "Title",
    "followups.repository": "Repository",
    "followups.owner": "Owner",
    "followups.severity": "Severity",
    "followups.status": "Status",
    "followups.due": "Due",
    "followups.capped": ({ shown, total }) =>
      `The ${plural(shown, "most urgent follow-up")} of ${total} (overdue first); the JSON report (\`--format json\`) lists them all.`,
    "owners.omitted": ({ limit, count }) =>
      `Only the first ${limit} owners have a row: the totals also count ${plural(count, "follow-up")} of other owners (\`ownersOmitted\` in the JSON report).`,
    "filter.label": "Filter",
    "filter.status": "Status",
    "filter.all": "All",
    "filter.shown": ({ shown, total }) => `${shown} of ${total} shown`,
    "sort.hint": "Select a column heading to sort.",
    "chart.data": "Data",
    "usage.one-scope": "name one of --repo, --org or --installation",
    "usage.org-only": "--format html and --language are for --org and --installation",
    "usage.installation-number": ({ got }) => `--installation must be a number (got "${got}")`,
    "usage.credentials":
      "report --org and --installation list an installation's repositories as the app: set APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH), as for the server; GHE_HOST for GitHub Enterprise Server",
    none: "—",
    "config-error": "invalid config",
    failed: "could not be read",
  },
  ko: {
    title: ({ account }) => `후속 조치 현황: ${account}`,
    subtitle: ({ date, repositories }) => `${date} · 저장소 ${repositories}개`,
    "totals.heading": "합계",
    "totals.all": "전체 후속 조치",
    "trends.heading": "추이",
    "burndown.heading": "주별 번다운",
    "burndown.open": "주말 기준 진행 중",
    "burndown.opened": "새로 생김",
    "burndown.closed": "닫힘",
    "burndown.week": "주",
    "attainment.heading": "심각도별 기한 준수율",
    "attainment.severity": "심각도",
    "attainment.met": "기한 내 완료",
    "attainment.missed": "기한 초과",
    "attainment.rate": "준수율",
    "close.heading": "완료까지 걸린 일수",
    "close.value": ({ p50, p90, count }) =>
      `중앙값(P50) ${p50}일 · P90 ${p90}일 (완료로 닫힌 후속 조치 ${count}건)`,
    "aging.heading": "열린 기간별 후속 조치",
    "aging.bucket": "열린 기간",
    "aging.count": "진행 중인 후속 조치",
    "aging.0-7": "0–7일",
    "aging.8-30": "8–30일",
    "aging.31-90": "31–90일",
    "aging.over-90": "90일 초과",
    "repositories.heading": "저장소",
    "repositories.name": "저장소",
    "repositories.postmortems": "포스트모템",
    "repositories.total": "후속 조치",
    "repositories.completion": "완료율",
    "repositories.validation": "검증률",
    "repositories.error": "집계 제외",
    "not-doing.reason": "사유",
    "not-doing.by": "위험 수용자",
    "not-doing.date": "날짜",
    "not-doing.none": "⚠️ 사유 없음",
    "owners.heading": "담당자",
    "owners.owner": "담당자",
    "owners.none": "담당자 없음",
    "followups.heading": "후속 조치",
    "followups.issue": "이슈",
    "followups.title": "제목",
    "followups.repository": "저장소",
    "followups.owner": "담당자",
    "followups.severity": "심각도",
    "followups.status": "상태",
    "followups.due": "기한",
    "followups.capped": ({ shown, total }) =>
      `전체 ${total}건 중 가장 급한 후속 조치 ${shown}건만 표시합니다(기한 초과 먼저). 전체 목록은 JSON 보고서(\`--format json\`)에 있습니다.`,
    "owners.omitted": ({ limit, count }) =>
      `담당자 행은 처음 ${limit}개까지만 표시합니다. 다른 담당자의 후속 조치 ${count}건은 합계에만 포함됩니다(JSON 보고서의 \`ownersOmitted\`).`,
    "filter.label": "검색",
    "filter.status": "상태",
    "filter.all": "전체",
    "filter.shown": ({ shown, total }) => `${total}건 중 ${shown}건 표시`,
    "sort.hint": "열 제목을 선택하면 정렬됩니다.",
    "chart.data": "데이터",
    "usage.one-scope": "`--repo`, `--org`, `--installation` 중 하나만 지정하세요",
    "usage.org-only": "`--format html`과 `--language`는 `--org`나 `--installation`과 함께 쓰세요",
    "usage.installation-number": ({ got }) => `\`--installation\`에는 숫자를 지정하세요(입력: "${got}")`,
    "usage.credentials":
      "`report --org`와 `--installation`은 앱으로 인증해 설치의 저장소를 나열합니다. 서버와 같이 APP_ID와 PRIVATE_KEY(또는 PRIVATE_KEY_PATH)를 설정하세요. GitHub Enterprise Server라면 GHE_HOST도 설정하세요",
    none: "없음",
    "config-error": "설정 오류",
    failed: "읽을 수 없음",
  },
});
