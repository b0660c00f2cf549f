import { describe, expect, it } from "vitest";
import { EVIDENCE_BEGIN, EVIDENCE_END, replaceSection } from "../../../src/domain/markers/marker.js";
import { readEvaluationMarker } from "../../../src/domain/progress/evaluation.js";
import { readProgressMarker } from "../../../src/domain/progress/report-history.js";
import { mergedPull, useSimulator } from "../../helpers/simulated-github.js";
import { sweepRepo } from "./fleet.js";

/**
 * Issue 18 on the simulator: once every follow-up of a postmortem is finished, the sweep posts ONE
 * post-evaluation comment on its pull request, in the config's language, with the response figures
 * of its timeline; a second sweep (or a redelivery) posts nothing more.
 */

const PATH = "postmortems/2026-11-20-payments.md";
const NOW = new Date("2026-11-25T12:00:00Z");

const github = useSimulator({ strict: true, now: () => NOW });

function postmortem(): string {
  return [
    "# 결제 장애",
    "",
    "날짜: 2026-11-20",
    "",
    "## 타임라인",
    "",
    "| 시각 | 내용 |",
    "| --- | --- |",
    "| 10:00 | 결제 오류율 상승 |",
    "| 10:07 | 알림으로 감지 |",
    "| 10:45 | 롤백으로 완화 |",
    "| 12:10 | 복구 완료 |",
    "",
    "## 커뮤니케이션",
    "",
    "| 시각 | 채널 | 대상 | 내용 |",
    "| --- | --- | --- | --- |",
    "| 10:20 | 상태 페이지 | 고객 | 결제 지연 안내 |",
    "",
    "## 후속 조치",
    "",
    "- [x] 커넥션 풀 DNS 재조회 (담당: @alice) https://github.com/acme/pay/pull/40",
    "- [ ] 결제 오류율 알림 추가 (담당: @alice)",
    "",
  ].join("\n");
}

describe("the post-evaluation comment (sweep, simulator)", () => {
  it("is posted once, in Korean with language: ko, and not again on a second sweep", async () => {
    const repo = github.sim.seedRepo({
      owner: "acme",
      name: "pay",
      collaborators: { alice: "write" },
      files: { ".github/postmortem-followups.yml": "language: ko\n" },
    });
    const { pr: pull } = mergedPull(github.sim, repo, 7, { [PATH]: postmortem() }, { title: "Postmortem" });

    // The first sweep creates the open item's issue: a follow-up is still open, no evaluation.
    const first = await sweepRepo(github.sim, repo, NOW);
    expect(first.errors).toEqual([]);
    expect(first.evaluations).toEqual([]);
    const issue = Object.values(repo.issues).find((i) => !i.pull && i.user === "my-app[bot]")!;
    expect(issue.title).toBe("결제 오류율 알림 추가");
    // The last follow-up is done: closed as completed with its evidence recorded.
    Object.assign(issue, {
      state: "closed",
      state_reason: "completed",
      closed_at: "2026-11-24T09:00:00Z",
      body: replaceSection(
        issue.body ?? "",
        EVIDENCE_BEGIN,
        EVIDENCE_END,
        "- https://github.com/acme/pay/pull/41",
      ),
    });

    // A marker pasted by a person is not the app's: it does not stop the evaluation.
    github.sim.addComment(
      repo,
      pull.number,
      `<!-- postmortem-followups:evaluation v1 {"path":"${PATH}"} -->\nfake`,
      "alice",
    );

    const second = await sweepRepo(github.sim, repo, NOW);
    expect(second.errors).toEqual([]);
    expect(second.evaluations.map((e) => [e.path, e.pr, e.action])).toEqual([[PATH, pull.number, "created"]]);
    const evaluations = () =>
      repo.comments.filter((c) => c.user === "my-app[bot]" && readEvaluationMarker(c.body));
    expect(evaluations()).toHaveLength(1);
    const body = evaluations()[0]!.body;
    expect(evaluations()[0]!.issue_number).toBe(pull.number);
    expect(readEvaluationMarker(body)).toEqual({ path: PATH, recheck: { checked: 0, lapsed: 0 } });
    // The evidence re-check is 30 days after the close: the comment says when, and is updated then.
    expect(body).toContain(
      "- 효력을 잃은 증거: 아직 다시 확인하지 않았습니다. 검증된 후속 조치 1건의 증거를 2026-12-24에 다시 확인하고, 결과가 나오면 이 댓글을 고칩니다.",
    );
    // In Korean, with the figures of the timeline and the communication log.
    expect(body).toContain("## 사후 평가: 모든 후속 조치가 마무리되었습니다");
    expect(body).toContain("| 감지까지 걸린 시간 | 7분 |");
    expect(body).toContain("| 완화까지 걸린 시간 | 45분 |");
    expect(body).toContain("| 해결까지 걸린 시간 | 2시간 10분 |");
    expect(body).toContain("| 이해관계자에게 처음 알리기까지 | 20분 |");
    expect(body).toContain("검증률: **100%** (완료한 후속 조치 2건 중 2건이 증거로 확인됨).");
    expect(body).toContain("- [ ] **대응 속도**");
    expect(body).toContain("- [ ] **프로세스 개선**");
    expect(body).not.toMatch(/Time to detect|Post-evaluation:/);
    // The final progress report is there too (its own marker).
    expect(repo.comments.filter((c) => readProgressMarker(c.body)?.final)).toHaveLength(1);

    const third = await sweepRepo(github.sim, repo, NOW);
    expect(third.errors).toEqual([]);
    expect(third.evaluations).toEqual([
      { path: PATH, pr: pull.number, action: "skipped", reason: "evaluation already posted" },
    ]);
    expect(evaluations()).toHaveLength(1);
  });

  it("is not posted while a follow-up is open (English config)", async () => {
    const repo = github.sim.seedRepo({ owner: "acme", name: "pay", collaborators: { alice: "write" } });
    mergedPull(github.sim, repo, 7, { [PATH]: postmortem() }, { title: "Postmortem" });
    const result = await sweepRepo(github.sim, repo, NOW);
    expect(result.errors).toEqual([]);
    expect(result.evaluations).toEqual([]);
    expect(repo.comments.filter((c) => readEvaluationMarker(c.body))).toEqual([]);
  });
});
