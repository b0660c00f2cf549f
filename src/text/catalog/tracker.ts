import { defineTopic } from "./define.js";

/**
 * The tracker issue of a postmortem (`tracker: true`, issue 17): its title, the progress line and
 * the note of a task-list tracker. Parameters are already safe Markdown (sanitised by the caller).
 */
interface TrackerParams {
  /** The tracker issue's title. */
  title: { title: string };
  /** How far the follow-ups are. */
  progress: { finished: number; total: number };
  /** Every follow-up is finished: the tracker closes. */
  complete: string;
  /** Why the follow-ups are a task list here. */
  "task-list": string;
  /** The summary comment's last changes. */
  created: { issue: string; path: string };
  closed: { issue: string; path: string };
  /** More follow-ups than one tracker can hold. */
  "too-many": { max: number; total: number };
}

export const tracker = defineTopic<TrackerParams>({
  en: {
    title: ({ title }) => `Follow-ups: ${title}`,
    created: ({ issue, path }) =>
      `Tracker ${issue} created for \`${path}\`, with its follow-ups as sub-issues`,
    closed: ({ issue, path }) =>
      `Tracker ${issue} of \`${path}\` closed: every follow-up is done and validated`,
    progress: ({ finished, total }) =>
      `**${finished} of ${total}** follow-ups done and validated (or not doing, with a reason).`,
    complete: "Every follow-up is done and validated: this tracker closed itself.",
    "task-list":
      "This GitHub server has no sub-issues API (it answered 404, as GitHub Enterprise Server before sub-issues does), so the follow-ups are listed here as a task list, ticked when a follow-up is done and validated.",
    "too-many": ({ max, total }) =>
      `GitHub allows ${max} sub-issues per issue: ${total - max} of the ${total} follow-ups are not attached.`,
  },
  ko: {
    title: ({ title }) => `후속 조치: ${title}`,
    created: ({ issue, path }) => `\`${path}\`의 추적 이슈 ${issue} 생성 (후속 조치를 하위 이슈로 연결)`,
    closed: ({ issue, path }) => `\`${path}\`의 추적 이슈 ${issue} 닫힘: 모든 후속 조치 완료·검증`,
    progress: ({ finished, total }) =>
      `후속 조치 ${total}건 중 **${finished}건** 완료·검증됨 (사유가 기록된 진행하지 않음 포함).`,
    complete: "모든 후속 조치가 완료·검증되어 이 추적 이슈는 자동으로 닫혔습니다.",
    "task-list":
      "이 GitHub 서버에는 하위 이슈 API가 없어서(404 응답, 하위 이슈를 지원하기 전의 GHES와 같음) 후속 조치를 작업 목록으로 표시합니다. 후속 조치가 완료·검증되면 해당 항목이 체크됩니다.",
    "too-many": ({ max, total }) =>
      `GitHub은 이슈 하나에 하위 이슈를 ${max}개까지만 허용하므로 후속 조치 ${total}건 중 ${total - max}건은 연결되지 않았습니다.`,
  },
});
