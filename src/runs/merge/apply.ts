import type { Config } from "../../domain/config/schema.js";
import { blobUrl, mdLink } from "../../domain/followups/desired.js";
import type {
  ActualFollowup,
  DesiredFollowup,
  PlannedAction,
  PullRef,
  RepoRef,
} from "../../domain/followups/model.js";
import type { RepoGateway } from "../../domain/ports.js";
import { isAmbiguousWriteError, statusOf } from "../../github/client.js";
import { trustedFollowups } from "../../github/tracked-issues.js";
import { render } from "../../text/templates.js";
import { ensurePrerequisites, repoKey } from "./prerequisites.js";
import { readActual, type ValidFile } from "./read.js";
import {
  type ClosedReport,
  type FollowupReport,
  fail,
  issueRef,
  OPERATION,
  type ReconcileResult,
  type SyncLog,
} from "./report.js";

/**
 * The apply step of a reconcile run, its only writer: the labels and milestones the writes need
 * (./prerequisites.ts), then each planned create, update, move and close, each in the repository
 * it belongs to. One item's error does not stop the others (it is
 * recorded in the result), and a re-run completes what failed.
 */

/** What the apply step needs of the run's input. */
export interface ApplyInput {
  gateway: RepoGateway;
  config: Config;
  repo: RepoRef;
  pr: PullRef | null;
  botLogin: string;
}

export async function applyActions(
  input: ApplyInput,
  plan: {
    actions: readonly PlannedAction[];
    desired: readonly DesiredFollowup[];
    actual: readonly ActualFollowup[];
    files: readonly ValidFile[];
    /** Each follow-up's report, by key (./report.ts `followupReports`): the writes complete them. */
    reports: ReadonlyMap<string, FollowupReport>;
    /** The other repositories follow-ups are routed to, by lower-cased `owner/name` (./routed.ts). */
    gateways?: ReadonlyMap<string, RepoGateway>;
  },
  result: ReconcileResult,
  log: SyncLog,
): Promise<void> {
  const { config, repo } = input;
  const { actions, desired, actual, reports } = plan;
  const files = plan.files;
  const home = `${repo.owner}/${repo.repo}`;
  const gatewayOf = (repository: string | undefined): RepoGateway | undefined =>
    repository === undefined ? input.gateway : plan.gateways?.get(repoKey(repository));
  const issueUrl = (n: number, repository?: string) => `${repo.serverUrl}/${repository ?? home}/issues/${n}`;
  const byRef = new Map(actual.map((a) => [`${repoKey(a.repository)}#${a.number}`, a]));
  const actualOf = (number: number, repository: string | undefined) =>
    byRef.get(`${repoKey(repository)}#${number}`);
  const prRef = (repository: string | undefined) =>
    input.pr ? issueRef(input.pr.number, repository === undefined ? undefined : home) : null;

  const milestoneNumber = await ensurePrerequisites(
    { config, repo, desired, files, actions, gatewayOf },
    result,
    log,
  );
  const unreachable = (action: PlannedAction, repository: string | undefined) =>
    fail(
      result,
      log,
      { operation: OPERATION.create(action.key), key: action.key },
      new Error(`no access to ${repository ?? home} in this run`),
    );

  for (const action of actions) {
    switch (action.type) {
      case "unchanged": {
        const report = reports.get(action.key)!;
        report.state = "unchanged";
        report.number = action.number;
        report.url = issueUrl(action.number, action.repository);
        if (action.repository) report.repository = action.repository;
        report.issueState = actualOf(action.number, action.repository)?.state ?? "open";
        break;
      }
      case "create": {
        const report = reports.get(action.key)!;
        const created = await createOnce(action, log, result);
        if (created) {
          report.state = "created";
          report.number = created.number;
          report.url = created.url;
          report.issueState = "open";
          if (action.desired.repository) report.repository = action.desired.repository;
          if (created.recovered) report.recovered = true;
        }
        break;
      }
      case "update": {
        const report = reports.get(action.key)!;
        const issue = actualOf(action.number, action.repository);
        report.number = action.number;
        report.url = issueUrl(action.number, action.repository);
        if (action.repository) report.repository = action.repository;
        report.issueState = issue?.state ?? "open";
        let number = action.number;
        let where = action.repository;
        if (action.transfer) {
          const moved = await transfer(action, issue);
          if (!moved) {
            report.state = "failed";
            break;
          }
          number = moved.number;
          where = action.transfer.to;
          report.number = moved.number;
          report.url = moved.url;
          if (where) report.repository = where;
          else delete report.repository;
        }
        const gateway = gatewayOf(where);
        if (!gateway) {
          report.state = "failed";
          unreachable(action, where);
          break;
        }
        const { milestone, ...changes } = action.changes;
        const milestoneId = milestoneNumber(milestone, where);
        try {
          await gateway.updateIssue(number, {
            ...changes,
            ...(milestoneId !== undefined ? { milestone: milestoneId } : {}),
          });
          result.writes++;
          report.state = "updated";
          report.reasons = action.reasons;
          if (changes.state === "open") report.issueState = "open";
          log.info(
            { issue: number, repository: where, key: action.key, reasons: action.reasons },
            "updated follow-up issue",
          );
        } catch (error) {
          report.state = "failed";
          fail(result, log, { operation: OPERATION.update(number), key: action.key, number }, error);
        }
        break;
      }
      case "close": {
        const issue = actualOf(action.number, action.repository);
        const gateway = gatewayOf(action.repository);
        const closed: ClosedReport = {
          key: action.key,
          path: action.path,
          id: action.id,
          number: action.number,
          title: issue?.title ?? action.id,
          reason: action.reason,
          ...(action.duplicateOf !== undefined ? { duplicateOf: action.duplicateOf } : {}),
          ...(action.repository ? { repository: action.repository } : {}),
          ok: false,
        };
        result.closed.push(closed);
        if (!gateway) {
          unreachable(action, action.repository);
          break;
        }
        try {
          await gateway.updateIssue(action.number, {
            state: "closed",
            stateReason: "not_planned",
            ...(action.body !== issue?.body ? { body: action.body } : {}),
          });
          result.writes++;
          closed.ok = true;
          log.info(
            { issue: action.number, repository: action.repository, key: action.key, reason: action.reason },
            "closed follow-up issue",
          );
        } catch (error) {
          fail(
            result,
            log,
            { operation: OPERATION.close(action.number), key: action.key, number: action.number },
            error,
          );
          break;
        }
        try {
          await gateway.createComment(
            action.number,
            render(config.language, "followup-removed", {
              reason: action.reason,
              removedItem: action.reason === "removed-item",
              removedFile: action.reason === "removed-file",
              duplicate: action.reason === "duplicate",
              duplicateOf: action.duplicateOf ?? null,
              id: action.id,
              path: action.path,
              postmortem: mdLink(action.path, blobUrl(repo, action.path)),
              pr: prRef(action.repository),
            }).trimEnd(),
          );
          result.writes++;
        } catch (error) {
          fail(
            result,
            log,
            { operation: OPERATION.comment(action.number), key: action.key, number: action.number },
            error,
          );
        }
        break;
      }
    }
  }

  /** GitHub's transfer of a routed issue whose route changed; null when it failed (recorded). */
  async function transfer(
    action: Extract<PlannedAction, { type: "update" }>,
    issue: ActualFollowup | undefined,
  ): Promise<{ number: number; url: string } | null> {
    const from = gatewayOf(action.repository);
    const to = action.transfer?.to ?? home;
    const where = {
      operation: OPERATION.transfer(action.number, to),
      key: action.key,
      number: action.number,
    };
    if (!from?.transferIssue || !issue?.nodeId) {
      fail(result, log, where, new Error("GitHub's issue transfer is not available in this run"));
      return null;
    }
    try {
      const moved = await from.transferIssue({ number: action.number, nodeId: issue.nodeId }, to);
      result.writes++;
      log.info(
        { issue: action.number, from: action.repository ?? home, to, now: moved.number },
        "moved follow-up issue",
      );
      return moved;
    } catch (error) {
      fail(result, log, where, error);
      return null;
    }
  }

  async function createOnce(
    action: Extract<PlannedAction, { type: "create" }>,
    log: SyncLog,
    result: ReconcileResult,
  ): Promise<{ number: number; url: string; recovered?: boolean } | null> {
    const repository = action.desired.repository;
    const gateway = gatewayOf(repository);
    if (!gateway) {
      unreachable(action, repository);
      return null;
    }
    const milestone = milestoneNumber(action.desired.milestone, repository) ?? null;
    const issue = {
      title: action.title,
      body: action.body,
      labels: action.labels,
      assignees: action.assignees,
      milestone,
    };
    const where = { operation: OPERATION.create(action.key), key: action.key };
    try {
      const created = await gateway.createIssue(issue);
      result.writes++;
      log.info({ issue: created.number, repository, key: action.key }, "created follow-up issue");
      return created;
    } catch (error) {
      if (!isAmbiguousWriteError(error)) {
        fail(result, log, where, error);
        return null;
      }
      // The write may have taken effect: look for the marker before creating again.
      log.warn(
        { key: action.key, status: statusOf(error), err: error },
        "create failed ambiguously: re-reading",
      );
      try {
        const fresh =
          repository === undefined
            ? await readActual(gateway, config, input.botLogin, result, log)
            : trustedFollowups(
                (await gateway.listRoutedIssues?.(config.labels.tracking.name, home)) ?? [],
                input.botLogin,
              ).actual;
        const found = fresh
          .filter((a) => a.marker.path === action.desired.path && a.marker.id === action.desired.id)
          .sort((a, b) => a.number - b.number)[0];
        if (found) {
          result.writes++;
          log.info(
            { issue: found.number, key: action.key },
            "the failed create had taken effect: not creating again",
          );
          return { number: found.number, url: issueUrl(found.number, repository), recovered: true };
        }
        const created = await gateway.createIssue(issue);
        result.writes++;
        log.info({ issue: created.number, key: action.key }, "created follow-up issue on retry");
        return created;
      } catch (retryError) {
        fail(result, log, where, retryError);
        return null;
      }
    }
  }
}
