import { defineTopic } from "./define.js";

/**
 * `sweep --metrics-file PATH` (issue 19): the sweep's Prometheus metrics written to a file for
 * node_exporter's textfile collector. What the CLI says about that file.
 */
interface MetricsFileParams {
  "with-repo": string;
  "no-folder": { path: string; detail: string };
  "not-written": { path: string };
  "write-failed": { path: string; detail: string };
}

export const metricsFile = defineTopic<MetricsFileParams>({
  en: {
    "with-repo":
      "--metrics-file describes a sweep of every repository: leave out --repo (a one-repository run would overwrite the fleet's figures)",
    "no-folder": ({ path, detail }) => `--metrics-file ${path}: its folder cannot be written (${detail})`,
    "not-written": ({ path }) =>
      `metrics not written to ${path}: the sweep did not finish, so the previous file stays (its last-completed time ages and the stale-sweep alert fires)`,
    "write-failed": ({ path, detail }) => `cannot write the metrics to ${path}: ${detail}`,
  },
  ko: {
    "with-repo":
      "--metrics-file은 모든 저장소를 도는 sweep의 지표입니다. --repo를 빼 주세요 (저장소 하나만 돈 결과가 전체 수치를 덮어씁니다)",
    "no-folder": ({ path, detail }) => `--metrics-file ${path}: 이 파일의 폴더에 쓸 수 없습니다 (${detail})`,
    "not-written": ({ path }) =>
      `sweep이 끝나지 않아 지표를 ${path}에 쓰지 않았습니다. 이전 파일이 그대로 남으므로 마지막 완료 시각이 오래되어 sweep 지연 알림이 울립니다`,
    "write-failed": ({ path, detail }) => `지표를 ${path}에 쓰지 못했습니다: ${detail}`,
  },
});
