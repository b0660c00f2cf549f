import type { Annotation } from "../domain/check/annotations.js";
import type { CheckRunInfo, CheckRunUpdate, ChecksGateway } from "../domain/check/ports.js";
import type { GitHubClient } from "./client.js";

/** Check runs on GitHub: implements the check's port (`src/domain/check/ports.ts`). */

interface CheckRunData {
  id: number;
  status: string;
  conclusion: string | null;
  external_id: string | null;
  output?: { annotations_count?: number | null; summary?: string | null } | null;
  app?: { slug?: string | null } | null;
}

function toInfo(run: CheckRunData): CheckRunInfo {
  return {
    id: run.id,
    status: run.status,
    conclusion: run.conclusion ?? null,
    externalId: run.external_id ?? null,
    annotationsCount: run.output?.annotations_count ?? 0,
    summary: run.output?.summary ?? null,
  };
}

export class OctokitChecksGateway implements ChecksGateway {
  constructor(
    private readonly octokit: GitHubClient,
    readonly owner: string,
    readonly repo: string,
  ) {}

  private get params() {
    return { owner: this.owner, repo: this.repo };
  }

  async findRun(headSha: string, name: string, appSlug: string): Promise<CheckRunInfo | null> {
    const runs = (await this.octokit.paginate(this.octokit.rest.checks.listForRef, {
      ...this.params,
      ref: headSha,
      check_name: name,
      filter: "latest",
      per_page: 100,
    })) as CheckRunData[];
    // Another app may use the same name: only ours can be updated.
    const ours = runs.filter((r) => (r.app?.slug ?? "").toLowerCase() === appSlug.toLowerCase());
    const latest = ours.sort((a, b) => b.id - a.id)[0];
    return latest ? toInfo(latest) : null;
  }

  async listAnnotations(runId: number): Promise<Annotation[]> {
    const list = await this.octokit.paginate(this.octokit.rest.checks.listAnnotations, {
      ...this.params,
      check_run_id: runId,
      per_page: 100,
    });
    return list.map((a) => {
      const annotation: Annotation = {
        path: a.path,
        start_line: a.start_line,
        end_line: a.end_line,
        annotation_level: (a.annotation_level ?? "notice") as Annotation["annotation_level"],
        message: a.message ?? "",
      };
      if (a.start_column !== null && a.start_column !== undefined) annotation.start_column = a.start_column;
      if (a.end_column !== null && a.end_column !== undefined) annotation.end_column = a.end_column;
      if (a.title) annotation.title = a.title;
      return annotation;
    });
  }

  async createRun(input: {
    name: string;
    headSha: string;
    externalId: string;
    startedAt: string;
  }): Promise<CheckRunInfo> {
    const { data } = await this.octokit.rest.checks.create({
      ...this.params,
      name: input.name,
      head_sha: input.headSha,
      external_id: input.externalId,
      status: "in_progress",
      started_at: input.startedAt,
    });
    return toInfo(data as CheckRunData);
  }

  async updateRun(runId: number, update: CheckRunUpdate): Promise<CheckRunInfo> {
    const body =
      "conclusion" in update
        ? {
            status: "completed" as const,
            conclusion: update.conclusion,
            completed_at: update.completedAt,
            output: update.output,
          }
        : {
            ...(update.status ? { status: update.status } : {}),
            ...(update.output ? { output: update.output } : {}),
          };
    const { data } = await this.octokit.rest.checks.update({ ...this.params, check_run_id: runId, ...body });
    return toInfo(data as CheckRunData);
  }
}
