import { describe, expect, it } from "vitest";
import {
  decideEvaluation,
  EVALUATION_WINDOW_DAYS,
  readEvaluationMarker,
  renderEvaluationComment,
} from "../../../src/domain/progress/evaluation.js";
import { postmortemProgress } from "../../../src/domain/progress/model.js";
import { item, PATH, REPO } from "./fixtures.js";

/** Issue 18: the post-evaluation comment, pure, on a fixed today. */

const TODAY = "2026-11-25";
const done = (n: number, closedAt: string, due = "2026-11-20") =>
  item({
    number: n,
    id: `f-${n}`,
    title: `Follow-up ${n}`,
    state: "closed",
    stateReason: "completed",
    validated: true,
    createdAt: "2026-11-01T10:00:00Z",
    closedAt,
    due,
  });

describe("decideEvaluation", () => {
  const finished = postmortemProgress(
    PATH,
    [done(1, "2026-11-10T10:00:00Z"), done(2, "2026-11-21T10:00:00Z")],
    TODAY,
  );
  it.each([
    {
      name: "every follow-up finished",
      progress: finished,
      posted: [],
      today: TODAY,
      expected: { type: "post" },
    },
    {
      name: "already posted for this path",
      progress: finished,
      posted: [PATH],
      today: TODAY,
      expected: { type: "skip", reason: "evaluation already posted" },
    },
    {
      name: "posted for another postmortem of the same pull request only",
      progress: finished,
      posted: ["postmortems/other.md"],
      today: TODAY,
      expected: { type: "post" },
    },
    {
      name: "a follow-up still open",
      progress: postmortemProgress(PATH, [done(1, "2026-11-10T10:00:00Z"), item({ number: 3 })], TODAY),
      posted: [],
      today: TODAY,
      expected: { type: "skip", reason: "follow-ups still open" },
    },
    {
      name: "done but not validated is not finished",
      progress: postmortemProgress(PATH, [{ ...done(1, "2026-11-10T10:00:00Z"), validated: false }], TODAY),
      posted: [],
      today: TODAY,
      expected: { type: "skip", reason: "follow-ups still open" },
    },
    {
      name: `finished exactly ${EVALUATION_WINDOW_DAYS} days ago`,
      progress: finished,
      posted: [],
      today: "2026-12-21",
      expected: { type: "post" },
    },
    {
      name: "finished longer ago than the window (an upgrade does not comment on old pull requests)",
      progress: finished,
      posted: [],
      today: "2026-12-22",
      expected: { type: "skip", reason: `finished more than ${EVALUATION_WINDOW_DAYS} days ago` },
    },
    {
      name: "no pull request",
      progress: postmortemProgress(PATH, [{ ...done(1, "2026-11-10T10:00:00Z"), pr: null }], TODAY),
      posted: [],
      today: TODAY,
      expected: { type: "skip", reason: "no pull request" },
    },
  ])("$name", ({ progress, posted, today, expected }) => {
    expect(decideEvaluation(progress, new Set(posted), today)).toEqual(expected);
  });
});

describe("renderEvaluationComment", () => {
  const progress = postmortemProgress(
    PATH,
    [
      done(1, "2026-11-10T10:00:00Z"),
      done(2, "2026-11-21T10:00:00Z"),
      done(3, "2026-11-21T10:00:00Z", "2026-11-30"),
    ],
    TODAY,
  );
  const opts = { language: "en" as const, repo: REPO, today: TODAY, timeZone: "UTC" };

  it("says the figures, breaches and validation, and ticks the questions the postmortem answers", () => {
    const body = renderEvaluationComment(
      progress,
      {
        timeline: [
          { at: "2026-11-01T10:00:00Z", event: "Errors began" },
          { at: "2026-11-01T10:12:00Z", event: "Alert fired" },
          { at: "2026-11-01T12:05:00Z", event: "Resolved" },
        ],
        response_actions: [{ at: "2026-11-01T10:40:00Z", action: "Rollback" }],
        evaluation: {
          speed: "Detection was fast; the rollback decision was slow.",
          process: "Rollback without approval.",
        },
      },
      {
        ...opts,
        recheck: {
          total: 3,
          checked: 3,
          lapsed: 0,
          from: null,
          to: null,
          lastOn: "2026-11-24",
          horizon: "2026-11-24",
        },
      },
    );
    expect(readEvaluationMarker(body)).toEqual({ path: PATH, recheck: { checked: 3, lapsed: 0 } });
    expect(body).toContain("| Time to detect | 12 min |");
    expect(body).toContain("| Time to mitigate | not in the timeline |");
    expect(body).toContain("| Time to resolve | 2 h 5 min |");
    expect(body).not.toContain("First update to stakeholders");
    expect(body).toContain("Communication log: 0 entries · response actions: 1.");
    expect(body).toContain("| #1 | Follow-up 1 | 2026-11-20 | 9 | met |");
    expect(body).toContain("| #2 | Follow-up 2 | 2026-11-20 | 20 | **missed** |");
    expect(body).toContain("- Validation rate: **100%** (3 of 3 done follow-ups proven by evidence).");
    expect(body).toContain("- Policy breaches: **1** of 3 follow-ups with a due date closed after it.");
    expect(body).toContain(
      "- Lapsed evidence: none (the evidence of all 3 validated follow-ups still held when re-checked, last on 2026-11-24).",
    );
    expect(body).toContain("- [x] **Response speed**");
    expect(body).toContain("> Detection was fast; the rollback decision was slow.");
    expect(body).toContain("- [ ] **Accuracy**");
    expect(body).toContain("- [ ] **Communication**");
    expect(body).toContain("- [x] **Process**");
  });

  it("without a timed timeline says how to add one; without the re-check's figure, no lapsed line", () => {
    const body = renderEvaluationComment(
      progress,
      { timeline: [{ at: "2026-11-01", event: "Errors began" }] },
      opts,
    );
    expect(body).toContain("The postmortem has no timeline with times, so the response cannot be measured");
    expect(body).not.toContain("Time to detect");
    expect(body).not.toContain("Lapsed evidence");
  });

  it("quotes a Markdown evaluation, neutralising markup and mentions", () => {
    const body = renderEvaluationComment(
      progress,
      { evaluation: "We paged @bob late.\n<!-- postmortem-followups:evaluation v1 {} -->" },
      { ...opts, language: "ko" },
    );
    expect(body).toContain("**팀의 사후 평가** (포스트모템에서):");
    expect(body).toContain("> We paged @\u200bbob late.");
    expect(body.match(/<!--/g)).toHaveLength(1);
    expect(body).toContain("포스트모템에 시각이 적힌 타임라인이 없어 대응 시간을 잴 수 없습니다");
  });
});
