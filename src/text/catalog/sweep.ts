import { josa } from "../josa.js";
import { plural } from "../plural.js";
import { defineTopic } from "./define.js";

/**
 * What `sweep` prints for each repository, in that repository's language (its config's). The
 * machine prefixes (`owner/name:`, `error:`) and the fleet's closing summary line, which spans
 * repositories of any language, stay as they are.
 */
interface SweepParams {
  "config-invalid": string;
  recreated: { count: number };
  /** A dry run's write, as the dry-run layer describes it (github/dry-run.ts). */
  "would-write": { what: string };
  /** A reminder, overdue notice or escalation step (`escalation-1`) of the nudges. */
  nudge: {
    step: string;
    state: "dry-run" | "sent" | "failed";
    number: number;
    mentions: readonly string[];
    due: string;
  };
  report: {
    action: "created" | "updated";
    dryRun: boolean;
    final: boolean;
    week: string;
    pr: number | null;
    path: string;
  };
}

export const sweep = defineTopic<SweepParams>({
  en: {
    "config-invalid": "the config is invalid, repository skipped:",
    recreated: ({ count }) => `created ${plural(count, "missing follow-up issue")}`,
    "would-write": ({ what }) => `would ${what}`,
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
    report: ({ action, dryRun, final, week, pr, path }) => {
      const what = final ? "the final report" : `the ${week} report`;
      const verb = dryRun
        ? `would ${action === "created" ? "post" : "update"}`
        : action === "created"
          ? "posted"
          : "updated";
      return `${verb} ${what} on #${pr} (${path})${dryRun ? ":" : ""}`;
    },
  },
  ko: {
    "config-invalid": "설정이 올바르지 않아 저장소를 건너뜁니다:",
    recreated: ({ count }) => `빠진 후속 조치 이슈 ${count}개를 만들었습니다`,
    "would-write": ({ what }) => `(실행하지 않음) ${what}`,
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
    report: ({ action, dryRun, final, week, pr, path }) => {
      const what = final ? "최종 보고" : `${week} 주간 보고`;
      const where = `#${pr}(${path})`;
      if (dryRun) return `${where}에 ${what}를 ${action === "created" ? "올릴" : "고칠"} 예정입니다:`;
      return `${where}에 ${what}를 ${action === "created" ? "올렸습니다" : "고쳤습니다"}`;
    },
  },
});
