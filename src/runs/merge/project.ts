import type { Config } from "../../domain/config/schema.js";
import {
  fieldToCreate,
  type ProjectFollowup,
  type ProjectPlan,
  type ProjectSnapshot,
  type ProjectValueWrite,
  planProject,
} from "../../domain/followups/project.js";
import type { RepoGateway, TrackedIssue } from "../../domain/ports.js";
import { progressItems } from "../../domain/progress/items.js";
import { type ClassifiedItem, classify } from "../../domain/progress/model.js";
import { errorMessage } from "../../github/client.js";
import { isWorkflowToken } from "../../github/identity.js";
import { t } from "../../text/catalog/index.js";
import { categoryName, TERMS } from "../../text/catalog/labels.js";
import type { SyncLog } from "./report.js";

/**
 * `project:` (issue 17): every follow-up issue of the postmortems a run touched goes into the
 * configured Projects (v2) project, and its fields follow the issue: status, due date, severity,
 * category, term, postmortem. Called once per merge (src/runs/merge/run.ts) and once per swept
 * repository (src/runs/sweep/repository.ts), after reconcile. Requests: the project's fields and
 * the items' current values come with the tracked issues when the run reads those from GitHub
 * after its writes (`watchProject`, before reconcile); otherwise ONE read of their own (per 100
 * follow-ups). Then at most one batched request of additions and one of value writes, and none
 * when nothing differs. The plan is pure (src/domain/followups/project.ts).
 */

export interface ProjectInput {
  gateway: RepoGateway;
  config: Config;
  botLogin: string;
  /** The calendar day in the config's time zone (overdue is counted from it). */
  today: string;
  /** The postmortems whose follow-ups to keep in step. */
  paths: readonly string[];
  /** The tracked issues, when the run already read them after its issue writes (the tracker step). */
  tracked?: readonly TrackedIssue[];
  log: SyncLog;
}

export interface ProjectOutcome {
  /** Items added plus values written plus fields created. */
  writes: number;
  /** One line each, in the config's language: what the project lacks, what could not be done. */
  problems: string[];
}

const STATUS: Record<ClassifiedItem["status"], keyof NonNullable<Config["project"]>["status"]> = {
  open: "open",
  due_soon: "open",
  overdue: "overdue",
  done_validated: "done_validated",
  done_unvalidated: "done_unvalidated",
  not_doing: "not_doing",
};

function wantedValues(item: ClassifiedItem, config: Config, project: NonNullable<Config["project"]>) {
  const lang = config.language;
  return {
    status: project.status[STATUS[item.status]],
    due: item.due,
    severity: item.severity ?? null,
    category: item.category ? categoryName(lang, item.category, config.categories) : null,
    term: item.term ? t(lang, `labels.term.${item.term}`) : null,
    postmortem: item.path,
  };
}

/** Who the workflow's `GITHUB_TOKEN` acts as (src/action/main.ts's default `bot-login`). */

const code = (s: string) => `\`${s.replace(/`/g, "")}\``;

/**
 * Ask the gateway to read the project's items with the tracked issues from now on (no request),
 * when `syncProject` will need them: a project is configured and the token can write it.
 */
export function watchProject(gateway: RepoGateway, config: Config, botLogin: string): void {
  if (config.project && !isWorkflowToken(botLogin)) gateway.watchProject?.(config.project);
}

/** Keep the project in step with the follow-ups of `paths`. Never throws: problems are returned. */
export async function syncProject(input: ProjectInput): Promise<ProjectOutcome> {
  const { gateway, config, log } = input;
  const project = config.project;
  const outcome: ProjectOutcome = { writes: 0, problems: [] };
  if (!project || !gateway.readProject || input.paths.length === 0) return outcome;
  const lang = config.language;
  const name = code(`${project.owner}/${project.number}`);
  const noAccess = (error: unknown) =>
    outcome.problems.push(
      t(lang, "project.no-access", { project: name, detail: errorMessage(error).split("\n")[0]! }),
    );

  // The GitHub Action with the workflow's token (it acts as github-actions[bot]) can never write a
  // project: say so in one line, without a request that would only fail.
  if (isWorkflowToken(input.botLogin)) {
    outcome.problems.push(t(lang, "project.github-token", { project: name }));
    return outcome;
  }

  const paths = new Set(input.paths);
  let followups: { contentId: string; item: ClassifiedItem }[];
  let snapshot: ProjectSnapshot | null;
  try {
    const tracked = input.tracked ?? (await gateway.listTrackedIssues(config.labels.tracking.name));
    // By repository and number: a follow-up routed to another repository has that one's (issue 17).
    const ref = (repository: string | undefined, number: number) => `${repository ?? ""}#${number}`;
    const nodeIds = new Map(tracked.map((i) => [ref(i.repository, i.number), i.nodeId]));
    followups = progressItems(tracked, config, input.botLogin).flatMap((item) => {
      const contentId = item.number === null ? undefined : nodeIds.get(ref(item.repository, item.number));
      return paths.has(item.path) && contentId ? [{ contentId, item: classify(item, input.today) }] : [];
    });
    if (followups.length === 0) return outcome;
    snapshot = await gateway.readProject(
      project,
      followups.map((f) => f.contentId),
    );
  } catch (error) {
    noAccess(error);
    return outcome;
  }
  if (!snapshot) {
    noAccess(new Error("not found"));
    return outcome;
  }

  const planned = (): { plan: ProjectPlan; items: ProjectFollowup[] } => {
    const items = followups.map((f) => ({
      contentId: f.contentId,
      wanted: wantedValues(f.item, config, project),
      item: snapshot!.items.get(f.contentId) ?? null,
    }));
    return { plan: planProject(items, project.fields, snapshot!.fields), items };
  };
  let { plan } = planned();

  if (plan.missingFields.length > 0 && project.createFields && gateway.createProjectFields) {
    const options = {
      status: Object.values(project.status),
      severity: config.severities,
      category: Object.keys(config.categories).map((key) => categoryName(lang, key, config.categories)),
      term: TERMS.map((term) => t(lang, `labels.term.${term}`)),
    };
    try {
      const created = await gateway.createProjectFields(
        snapshot.id,
        plan.missingFields.map((f) => fieldToCreate(f.key, f.name, options)),
      );
      outcome.writes += created.length;
      snapshot.fields.push(...created);
      log.info({ fields: created.map((f) => f.name) }, "project fields created");
    } catch (error) {
      noAccess(error);
      return outcome;
    }
    ({ plan } = planned());
  }
  if (plan.missingFields.length > 0)
    outcome.problems.push(
      t(lang, "project.missing-fields", {
        project: name,
        names: plan.missingFields.map((f) => code(f.name)).join(", "),
      }),
    );
  if (plan.missingOptions.length > 0)
    outcome.problems.push(
      t(lang, "project.missing-options", {
        project: name,
        options: plan.missingOptions.map((o) => `${code(o.field)}: ${code(o.option)}`).join(", "),
      }),
    );

  // Add what is not in the project yet (one request), then write what differs (one request).
  const itemIds = new Map([...snapshot.items].map(([content, item]) => [content, item.id]));
  if (plan.add.length > 0 && gateway.addProjectItems) {
    try {
      const added = await gateway.addProjectItems(snapshot.id, plan.add);
      for (const [content, item] of added) {
        if (item instanceof Error) outcome.problems.push(`${name}: ${item.message}`);
        else {
          itemIds.set(content, item);
          outcome.writes++;
        }
      }
    } catch (error) {
      noAccess(error);
      return outcome;
    }
  }
  const writes: ProjectValueWrite[] = plan.set.flatMap((s) => {
    const itemId = itemIds.get(s.contentId);
    return itemId ? [{ itemId, fieldId: s.fieldId, value: s.value }] : [];
  });
  if (writes.length > 0 && gateway.setProjectValues) {
    try {
      const errors = await gateway.setProjectValues(snapshot.id, writes);
      outcome.writes += writes.length - errors.length;
      for (const error of errors.slice(0, 3)) outcome.problems.push(`${name}: ${error.message}`);
    } catch (error) {
      noAccess(error);
    }
  }
  log.info(
    {
      project: `${project.owner}/${project.number}`,
      added: plan.add.length,
      values: writes.length,
    },
    "project in step",
  );
  return outcome;
}
