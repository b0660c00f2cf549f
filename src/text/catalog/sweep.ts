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
    report: ({ action, dryRun, final, week, pr, path }) => {
      const what = final ? "최종 보고" : `${week} 주간 보고`;
      const where = `#${pr}(${path})`;
      if (dryRun) return `${where}에 ${what}를 ${action === "created" ? "올릴" : "고칠"} 예정입니다:`;
      return `${where}에 ${what}를 ${action === "created" ? "올렸습니다" : "고쳤습니다"}`;
    },
  },
});
