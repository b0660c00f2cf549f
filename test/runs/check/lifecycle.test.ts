import { describe, expect, it } from "vitest";
import { type Annotation, annotationDigest, toAnnotation } from "../../../src/domain/check/annotations.js";
import type { CheckOutput } from "../../../src/domain/check/output.js";
import type { CheckRunInfo, CheckRunUpdate, ChecksGateway } from "../../../src/domain/check/ports.js";
import { publishCheck } from "../../../src/runs/check/lifecycle.js";

/** A ChecksGateway in memory that records every call and behaves like GitHub's append-only annotations. */
class FakeChecks implements ChecksGateway {
  calls: string[] = [];
  runs = new Map<number, CheckRunInfo & { annotations: Annotation[]; updates: CheckRunUpdate[] }>();
  nextId = 1;
  failUpdateAt: number | null = null;
  /** Simulate GitHub keeping a completed run's conclusion. */
  frozenConclusions = false;
  #updates = 0;

  seed(run: Partial<CheckRunInfo> & { annotations?: Annotation[] }): number {
    const id = this.nextId++;
    const annotations = run.annotations ?? [];
    this.runs.set(id, {
      id,
      status: run.status ?? "completed",
      conclusion: run.conclusion ?? "failure",
      externalId: run.externalId ?? "pull/1",
      annotationsCount: annotations.length,
      annotations,
      updates: [],
    });
    return id;
  }

  async findRun(headSha: string, name: string, appSlug: string) {
    this.calls.push(`find ${headSha} ${name} ${appSlug}`);
    const all = [...this.runs.values()];
    const run = all[all.length - 1];
    return run ? { ...run } : null;
  }
  async listAnnotations(runId: number) {
    this.calls.push(`annotations ${runId}`);
    return [...this.runs.get(runId)!.annotations];
  }
  async createRun(input: { name: string; headSha: string; externalId: string; startedAt: string }) {
    const id = this.seed({ status: "in_progress", conclusion: null, externalId: input.externalId });
    this.calls.push(`create ${id} in_progress`);
    return { ...this.runs.get(id)! };
  }
  async updateRun(runId: number, update: CheckRunUpdate) {
    this.#updates++;
    if (this.failUpdateAt === this.#updates) {
      this.calls.push(`update ${runId} FAILED`);
      throw new Error("GitHub answered 502");
    }
    const run = this.runs.get(runId)!;
    run.updates.push(update);
    const batch = update.output?.annotations ?? [];
    run.annotations.push(...batch);
    run.annotationsCount = run.annotations.length;
    if ("conclusion" in update) {
      const frozen = this.frozenConclusions && run.status === "completed";
      if (!frozen) {
        run.status = "completed";
        run.conclusion = update.conclusion;
      }
    }
    this.calls.push(
      `update ${runId}${"conclusion" in update ? ` ${update.conclusion}` : ""} +${batch.length}`,
    );
    return { ...run };
  }
}

const annotation = (i: number, level: Annotation["annotation_level"] = "failure"): Annotation =>
  toAnnotation({
    file: "postmortems/a.md",
    line: i + 1,
    column: 1,
    severity: level === "failure" ? "error" : level,
    path: "",
    code: "invalid",
    message: `problem ${i}`,
  });

const output = (n: number, conclusion: "success" | "failure" = n ? "failure" : "success"): CheckOutput => ({
  conclusion,
  title: `${n} errors`,
  summary: "summary",
  annotations: Array.from({ length: n }, (_, i) => annotation(i)),
  counts: { errors: n, warnings: 0, notices: 0, followups: 1, files: 1, unannotated: 0 },
});

const options = (gateway: ChecksGateway) => ({
  gateway,
  headSha: "abc",
  externalId: "pull/1",
  appSlug: "postmortem-followups",
  language: () => "en" as const,
  now: () => new Date("2026-03-20T10:00:00.123Z"),
});

describe("publishCheck", () => {
  it("creates the run in progress, then completes it with the output", async () => {
    const gw = new FakeChecks();
    const result = await publishCheck(options(gw), async () => output(0));
    expect(gw.calls).toEqual([
      "find abc Postmortem follow-ups postmortem-followups",
      "create 1 in_progress",
      "update 1 success +0",
    ]);
    expect(gw.runs.get(1)!.updates).toEqual([
      {
        conclusion: "success",
        completedAt: "2026-03-20T10:00:00Z",
        output: { title: "0 errors", summary: "summary" },
      },
    ]);
    expect(result).toEqual({ runId: 1, conclusion: "success", crashed: false, requests: 1, reused: false });
  });

  it("sends 50 annotations in ONE update that completes the run (was: batches of 50 through successive updates)", async () => {
    const gw = new FakeChecks();
    await publishCheck(options(gw), async () => output(50));
    expect(gw.calls.slice(2)).toEqual(["update 1 failure +50"]);
    expect(gw.runs.get(1)!.annotations).toEqual(output(50).annotations);
  });

  it("refuses more than 50 annotations (the output caps them) and still completes the run", async () => {
    const gw = new FakeChecks();
    await expect(publishCheck(options(gw), async () => output(51))).rejects.toThrow("at most 50");
    expect(gw.calls.slice(2)).toEqual(["update 1 failure +0"]);
    expect(gw.runs.get(1)).toMatchObject({ status: "completed", conclusion: "failure" });
  });

  it("uses the run a probe found (no findRun) and the annotation digests its record lists (no listing)", async () => {
    const gw = new FakeChecks();
    const id = gw.seed({ status: "completed", conclusion: "failure", annotations: output(2).annotations });
    const existing = { ...gw.runs.get(id)! };
    await publishCheck(
      { ...options(gw), existing, existingAnnotations: output(2).annotations.map(annotationDigest) },
      async () => output(3),
    );
    expect(gw.calls).toEqual(["update 1 failure +1"]);
    expect(gw.runs.get(1)!.annotations).toEqual(output(3).annotations);
  });

  it("a re-request updates the existing run instead of creating another", async () => {
    const gw = new FakeChecks();
    gw.seed({ status: "completed", conclusion: "failure" });
    const result = await publishCheck(options(gw), async () => output(0));
    expect(gw.calls).toEqual(["find abc Postmortem follow-ups postmortem-followups", "update 1 success +0"]);
    expect(result.reused).toBe(true);
    expect(gw.runs.size).toBe(1);
  });

  it("a redelivery sends only the annotations the run does not have yet", async () => {
    const gw = new FakeChecks();
    gw.seed({ status: "in_progress", conclusion: null, annotations: output(60).annotations.slice(0, 50) });
    await publishCheck(options(gw), async () => output(60));
    expect(gw.calls.slice(1)).toEqual(["annotations 1", "update 1 failure +10"]);
    expect(gw.runs.get(1)!.annotations).toHaveLength(60);
  });

  it("replaces a run whose annotations no longer apply (they cannot be deleted)", async () => {
    const gw = new FakeChecks();
    gw.seed({ annotations: [annotation(99)] });
    const result = await publishCheck(options(gw), async () => output(1));
    expect(gw.calls.slice(1)).toEqual(["annotations 1", "create 2 in_progress", "update 2 failure +1"]);
    expect(result.runId).toBe(2);
  });

  it("replaces a completed run when GitHub keeps its old conclusion", async () => {
    const gw = new FakeChecks();
    gw.frozenConclusions = true;
    gw.seed({ status: "completed", conclusion: "failure" });
    const result = await publishCheck(options(gw), async () => output(0));
    expect(gw.calls.slice(1)).toEqual(["update 1 success +0", "create 2 in_progress", "update 2 success +0"]);
    expect(gw.runs.get(2)!.conclusion).toBe("success");
    expect(result.runId).toBe(2);
  });

  it("a failure while computing still completes the run, failure with the reason", async () => {
    const gw = new FakeChecks();
    await expect(
      publishCheck(options(gw), async () => {
        throw new Error("GitHub answered 500 for contents");
      }),
    ).rejects.toThrow("GitHub answered 500");
    const run = gw.runs.get(1)!;
    expect(run.status).toBe("completed");
    expect(run.conclusion).toBe("failure");
    const last = run.updates[run.updates.length - 1]!;
    expect(last).toMatchObject({ conclusion: "failure", output: { title: "The check could not finish" } });
    expect(last.output!.summary).toContain("**Reason:** GitHub answered 500 for contents");
  });

  it("a failure of a success result's last request does not leave success behind", async () => {
    const gw = new FakeChecks();
    gw.failUpdateAt = 1;
    await expect(publishCheck(options(gw), async () => output(0))).rejects.toThrow();
    expect(gw.runs.get(1)).toMatchObject({ status: "completed", conclusion: "failure" });
  });
});
