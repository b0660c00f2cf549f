import { josa } from "../josa.js";
import { plural } from "../plural.js";
import { defineTopic } from "./define.js";

/**
 * What `sweep` prints for each repository, in that repository's language (its config's). The
 * machine prefixes (`owner/name:`, `error:`) stay as they are. The fleet's closing summary line is
 * in the language every swept repository shares (English when they differ).
 */
/** What a dry run's recorded write does (github/dry-run.ts records it, this topic words it); `other`
 *  is a gateway method the dry-run layer does not know. */
export type WriteOperation =
  | "create-issue"
  | "update-issue"
  | "create-comment"
  | "update-comment"
  | "create-label"
  | "create-milestone"
  | "update-milestone"
  | "add-project-items"
  | "set-project-values"
  | "create-project-fields"
  | "add-sub-issue"
  /** Target: `#12`; fields: the repository it moves to. */
  | "transfer-issue"
  | "other";

interface SweepParams {
  "config-invalid": string;
  recreated: { count: number };
  /** A dry run's write, as the dry-run layer records it (github/dry-run.ts `RecordedWrite`). */
  "would-write": {
    operation: WriteOperation;
    target: string;
    fields: readonly string[];
  };
  /** A reminder, overdue notice or escalation step (`escalation-1`) of the nudges. */
  nudge: {
    step: string;
    state: "dry-run" | "sent" | "failed";
    number: number;
    mentions: readonly string[];
    due: string;
  };
  /** The effectiveness re-check of one follow-up (issue 18): the reads are real in a dry run, the writes planned. */
  recheck: {
    dryRun: boolean;
    /** `#8`, or `owner/name#8` for a follow-up routed to another repository. */
    issue: string;
    /** The day it was closed (the re-check's window). */
    closed: string;
    outcome: "holds" | "lapsed";
    reopen: boolean;
    /** The label added, or null. */
    label: string | null;
  };
  report: {
    action: "created" | "updated";
    dryRun: boolean;
    final: boolean;
    week: string;
    pr: number | null;
    path: string;
  };
  /** The closing line; reminders and notices only when there were any. */
  summary: {
    dryRun: boolean;
    repositories: number;
    reports: number;
    recreated: number;
    reminders: number;
    notices: number;
    errors: number;
  };
  /** The command's name before the summary: `sweep`, or `sweep (dry run)`. */
  "summary.label": { dryRun: boolean };
  /** The GitHub Action's sweep of its own repository (its log and job summary), in that repository's language. */
  "action.counts": {
    dryRun: boolean;
    postmortems: number;
    recreated: number;
    updated: number;
    posted: number;
    errors: number;
  };
  /** The Action's dry run, in its job summary. */
  "action.not-sent": { writes: number };
  /** Before any repository (after `error:`), and the terminal's progress line: the working folder's language. */
  "not-installed": { repo: string };
  "cannot-list": { repo: string | null; detail: string };
  progress: { done: number; total: number };
}

export const sweep = defineTopic<SweepParams>({
  en: {
    "config-invalid": "the config is invalid, repository skipped:",
    recreated: ({ count }) => `created ${plural(count, "missing follow-up issue")}`,
    "would-write": ({ operation, target, fields }) => {
      switch (operation) {
        case "create-issue":
          return `would create issue ${JSON.stringify(target)}`;
        case "update-issue":
          return `would update issue ${target} (${fields.join(", ")})`;
        case "create-comment":
          return `would comment on ${target}`;
        case "update-comment":
          return `would edit comment ${target}`;
        case "create-label":
          return `would create label ${JSON.stringify(target)}`;
        case "create-milestone":
          return `would create milestone ${JSON.stringify(target)}`;
        case "update-milestone":
          return `would update milestone ${target}`;
        case "add-project-items":
          return `would add ${plural(Number(target), "issue")} to the project`;
        case "set-project-values":
          return `would write ${plural(Number(target), "project field value")}`;
        case "create-project-fields":
          return `would create project fields ${target}`;
        case "add-sub-issue":
          return `would attach a sub-issue to ${target}`;
        case "transfer-issue":
          return `would move issue ${target} to ${fields[0] ?? ""}`;
        case "other":
          return `would ${target}`;
      }
    },
    nudge: ({ step, state, number, mentions, due }) => {
      const what =
        step === "reminder"
          ? "the reminder"
          : step === "overdue"
            ? "the overdue notice"
            : `escalation ${step.slice("escalation-".length)}`;
      const verb = state === "dry-run" ? "would send" : state === "sent" ? "sent" : "could not send";
      const to = mentions.length ? ` to ${mentions.map((m) => `@${m}`).join(" ")}` : "";
      return `${verb} ${what} on #${number}${to} (due ${due})`;
    },
    recheck: ({ dryRun, issue, closed, outcome, reopen, label }) => {
      const head = `re-checked the evidence of ${issue} (closed ${closed}): `;
      if (outcome === "holds")
        return `${head}it still holds; ${dryRun ? "would record" : "recorded"} the check`;
      const writes = dryRun
        ? [
            "record the check",
            ...(label ? [`add the label ${JSON.stringify(label)}`] : []),
            ...(reopen ? ["reopen the issue"] : []),
          ]
        : [
            "recorded the check",
            ...(label ? [`added the label ${JSON.stringify(label)}`] : []),
            ...(reopen ? ["reopened the issue"] : []),
          ];
      const list = `${writes.join(", ")} and ${dryRun ? "comment" : "commented"}`;
      return `${head}it no longer holds; ${dryRun ? "would " : ""}${list}${reopen ? "" : " (the issue stays closed)"}`;
    },
    report: ({ action, dryRun, final, week, pr, path }) => {
      const what = final ? "the final report" : `the ${week} report`;
      const verb = dryRun
        ? `would ${action === "created" ? "post" : "update"}`
        : action === "created"
          ? "posted"
          : "updated";
      return `${verb} ${what} on #${pr} (${path})${dryRun ? ":" : ""}`;
    },
    summary: ({ dryRun, repositories, reports, recreated, reminders, notices, errors }) =>
      [
        plural(repositories, "repository", "repositories"),
        `${plural(reports, "report")} ${dryRun ? "to post" : "posted"}`,
        `${plural(recreated, "issue")} ${dryRun ? "to recreate" : "recreated"}`,
        ...(reminders + notices > 0
          ? [
              `${plural(reminders, "reminder")} and ${plural(notices, "overdue notice")} ${dryRun ? "to send" : "sent"}`,
            ]
          : []),
        plural(errors, "error"),
      ].join(", "),
    "summary.label": ({ dryRun }) => (dryRun ? "sweep (dry run)" : "sweep"),
    "action.counts": ({ dryRun, postmortems, recreated, updated, posted, errors }) =>
      [
        plural(postmortems, "postmortem"),
        `${plural(recreated, "issue")} ${dryRun ? "to create" : "created"}`,
        `${updated} updated`,
        `${plural(posted, "report")} ${dryRun ? "to post" : "posted"}`,
        plural(errors, "error"),
      ].join(", "),
    "action.not-sent": ({ writes }) => `Dry run: ${plural(writes, "write")} not sent.`,
    "not-installed": ({ repo }) => `the app is not installed on ${repo}, or cannot see it`,
    "cannot-list": ({ repo, detail }) =>
      `cannot ${repo ? `find the app's installation on ${repo}` : "list the app's installations"}: ${detail}`,
    progress: ({ done, total }) => `sweeping: ${done}/${total} repositories`,
  },
  ko: {
    "config-invalid": "설정이 올바르지 않아 저장소를 건너뜁니다:",
    recreated: ({ count }) => `빠진 후속 조치 이슈 ${count}개를 만들었습니다`,
    "would-write": ({ operation, target, fields }) => {
      const quoted = JSON.stringify(target);
      switch (operation) {
        case "create-issue":
          return `이슈 ${josa(quoted, "을/를")} 만들 예정입니다`;
        case "update-issue":
          return `이슈 ${josa(target, "을/를")} 수정할 예정입니다 (${fields.join(", ")})`;
        case "create-comment":
          return `${target}에 댓글을 달 예정입니다`;
        case "update-comment":
          return `댓글 ${josa(target, "을/를")} 수정할 예정입니다`;
        case "create-label":
          return `라벨 ${josa(quoted, "을/를")} 만들 예정입니다`;
        case "create-milestone":
          return `마일스톤 ${josa(quoted, "을/를")} 만들 예정입니다`;
        case "update-milestone":
          return `마일스톤 ${josa(target, "을/를")} 수정할 예정입니다`;
        case "add-project-items":
          return `프로젝트에 이슈 ${target}개를 추가할 예정입니다`;
        case "set-project-values":
          return `프로젝트 필드 값 ${target}개를 쓸 예정입니다`;
        case "create-project-fields":
          return `프로젝트 필드 ${josa(target, "을/를")} 만들 예정입니다`;
        case "add-sub-issue":
          return `${target}에 하위 이슈를 연결할 예정입니다`;
        case "transfer-issue":
          return `이슈 ${josa(target, "을/를")} ${josa(fields[0] ?? "", "으로/로")} 옮길 예정입니다`;
        case "other":
          return `${target} 요청을 보낼 예정입니다`;
      }
    },
    nudge: ({ step, state, number, mentions, due }) => {
      const what =
        step === "reminder"
          ? "미리 알림"
          : step === "overdue"
            ? "기한 초과 알림"
            : `${step.slice("escalation-".length)}단계 에스컬레이션`;
      const to = mentions.length ? `${mentions.map((m) => `@${m}`).join(" ")}에게 ` : "";
      const verb =
        state === "dry-run" ? "보낼 예정입니다" : state === "sent" ? "보냈습니다" : "보내지 못했습니다";
      return `#${number}에서 ${to}${josa(what, "을/를")} ${verb} (기한 ${due})`;
    },
    recheck: ({ dryRun, issue, closed, outcome, reopen, label }) => {
      const head = `${issue}의 증거를 다시 확인했습니다 (${closed}에 닫힘): `;
      if (outcome === "holds")
        return `${head}여전히 유효합니다. 확인 기록을 ${dryRun ? "남길 예정입니다" : "남겼습니다"}`;
      const steps = [
        "확인 기록을 남기고",
        ...(label ? [`${josa(JSON.stringify(label), "을/를")} 라벨로 붙이고`] : []),
        ...(reopen ? ["이슈를 다시 열고"] : []),
      ];
      const end = dryRun ? "댓글을 달 예정입니다" : "댓글을 달았습니다";
      return `${head}더 이상 유효하지 않습니다. ${steps.join(" ")} ${end}${reopen ? "" : " (이슈는 닫힌 채로 둡니다)"}`;
    },
    report: ({ action, dryRun, final, week, pr, path }) => {
      const what = final ? "최종 보고" : `${week} 주간 보고`;
      const where = `#${pr}(${path})`;
      if (dryRun) return `${where}에 ${what}를 ${action === "created" ? "올릴" : "고칠"} 예정입니다:`;
      return `${where}에 ${what}를 ${action === "created" ? "올렸습니다" : "고쳤습니다"}`;
    },
    summary: ({ dryRun, repositories, reports, recreated, reminders, notices, errors }) => {
      const will = (done: string, planned: string) => (dryRun ? planned : done);
      return [
        `저장소 ${repositories}개`,
        `보고 ${reports}개 ${will("올림", "올릴 예정")}`,
        `이슈 ${recreated}개 ${will("다시 만듦", "다시 만들 예정")}`,
        ...(reminders + notices > 0
          ? [`미리 알림 ${reminders}개와 기한 초과 알림 ${notices}개 ${will("보냄", "보낼 예정")}`]
          : []),
        `오류 ${errors}개`,
      ].join(", ");
    },
    "summary.label": ({ dryRun }) => (dryRun ? "sweep 시험 실행 결과" : "sweep 결과"),
    "action.counts": ({ dryRun, postmortems, recreated, updated, posted, errors }) => {
      const will = (done: string, planned: string) => (dryRun ? planned : done);
      return [
        `포스트모템 ${postmortems}개`,
        `이슈 ${recreated}개 ${will("만듦", "만들 예정")}`,
        `${updated}개 고침`,
        `보고 ${posted}개 ${will("올림", "올릴 예정")}`,
        `오류 ${errors}개`,
      ].join(", ");
    },
    "action.not-sent": ({ writes }) => `시험 실행: 쓰기 ${writes}개를 보내지 않았습니다.`,
    "not-installed": ({ repo }) => `앱이 ${repo}에 설치되어 있지 않거나 저장소를 볼 수 없습니다`,
    "cannot-list": ({ repo, detail }) =>
      `${repo ? `${repo}에 설치된 앱을 찾지 못했습니다` : "앱이 설치된 곳을 나열하지 못했습니다"}: ${detail}`,
    progress: ({ done, total }) => `sweep 진행 중: 저장소 ${done}/${total}개`,
  },
});
