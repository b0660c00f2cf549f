import { differenceInCalendarDays } from "date-fns/differenceInCalendarDays";
import { parseISO } from "date-fns/parseISO";
import { t } from "../../text/catalog/index.js";
import { block, cell } from "../../text/sanitize.js";
import { render } from "../../text/templates.js";
import type { Language } from "../config/schema.js";
import { blobUrl, mdLink } from "../followups/desired.js";
import type { RepoRef } from "../followups/model.js";
import { readMarker, renderMarker } from "../markers/marker.js";
import { responseFigures } from "../postmortem/response.js";
import { EVALUATION_QUESTIONS, type Postmortem } from "../postmortem/schema.js";
import { percent } from "./charts.js";
import type { RecheckShown, RecheckStatus } from "./evaluation-recheck.js";
import { policyOutcome } from "./figures.js";
import type { PostmortemProgress } from "./model.js";

/**
 * The post-evaluation comment (issue 18, practice §3.3.1): once every follow-up of a postmortem is
 * finished, ONE comment on its pull request with the response figures (from the postmortem's
 * timeline and communication log), the follow-up figures (days to close, policy breaches,
 * validation rate, lapsed evidence: when the re-checks are due, then what they found) and the
 * evaluation questions as a checklist, ticked where the postmortem's `evaluation:` already answers
 * them. Pure: the sweep (src/runs/weekly/evaluation.ts) decides with `decideEvaluation` and posts,
 * then keeps the re-check line up to date (`decideEvaluationUpdate`, evaluation-recheck.ts).
 */

/** A postmortem whose follow-ups all finished longer ago than this gets no evaluation (an upgrade
 *  does not comment on every old pull request). */
export const EVALUATION_WINDOW_DAYS = 30;

export interface EvaluationMarker {
  path: string;
  /** The re-check counts the comment shows (evaluation-recheck.ts); absent: it shows none. */
  recheck?: RecheckShown;
}

const COUNT = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;

/** The evaluation marker of a comment, or null. */
export function readEvaluationMarker(body: string | null | undefined): EvaluationMarker | null {
  const data = readMarker<Partial<EvaluationMarker>>("evaluation", body);
  if (!data || typeof data.path !== "string") return null;
  const recheck = data.recheck as Partial<RecheckShown> | undefined;
  return recheck && COUNT(recheck.checked) && COUNT(recheck.lapsed)
    ? { path: data.path, recheck: { checked: recheck.checked, lapsed: recheck.lapsed } }
    : { path: data.path };
}

export type EvaluationDecision = { type: "post" } | { type: "skip"; reason: string };

/**
 * Post or not (pure). `posted`: the paths of the evaluation comments the app's bot already wrote on
 * the pull request. `today`: YYYY-MM-DD in the repository's time zone.
 */
export function decideEvaluation(
  progress: PostmortemProgress,
  posted: ReadonlySet<string>,
  today: string,
): EvaluationDecision {
  if (progress.pr === null) return { type: "skip", reason: "no pull request" };
  if (!progress.summary.complete) return { type: "skip", reason: "follow-ups still open" };
  if (posted.has(progress.path)) return { type: "skip", reason: "evaluation already posted" };
  const finished = progress.items
    .map((i) => (i.closedAt ?? i.createdAt).slice(0, 10))
    .sort()
    .at(-1);
  if (finished && differenceInCalendarDays(parseISO(today), parseISO(finished)) > EVALUATION_WINDOW_DAYS)
    return { type: "skip", reason: `finished more than ${EVALUATION_WINDOW_DAYS} days ago` };
  return { type: "post" };
}

export interface EvaluationOptions {
  language: Language;
  repo: RepoRef;
  /** The figures' calendar: today (YYYY-MM-DD) and the time zone of the due dates. */
  today: string;
  timeZone: string;
  /**
   * The postmortem's evidence re-checks (issue 18's effectiveness re-check, evaluation-recheck.ts):
   * when they are due, or how many lapsed. Undefined, or nothing to re-check: no such line.
   */
  recheck?: RecheckStatus;
}

type ResponseRecord = Pick<Postmortem, "timeline" | "communication" | "response_actions" | "evaluation">;

/** The comment's full body (marker included). */
export function renderEvaluationComment(
  progress: PostmortemProgress,
  postmortem: ResponseRecord | null,
  opts: EvaluationOptions,
): string {
  const lang = opts.language;
  const response = responseFigures(postmortem ?? {});
  const duration = (minutes: number | null) =>
    minutes === null ? t(lang, "evaluation.unknown") : t(lang, "evaluation.duration", { minutes });
  const figures = { today: opts.today, timeZone: opts.timeZone };
  let decided = 0;
  let missed = 0;
  const rows = progress.items.map((item) => {
    const outcome = policyOutcome(item, figures);
    if (outcome) decided++;
    if (outcome === "missed") missed++;
    return {
      issue: item.number === null ? t(lang, "merge.done") : `${item.repository ?? ""}#${item.number}`,
      title: cell(item.title.length > 80 ? `${item.title.slice(0, 79)}…` : item.title),
      due: item.due ?? "—",
      daysToClose: item.daysToClose === null ? "—" : String(item.daysToClose),
      policy: outcome ? t(lang, `evaluation.policy.${outcome}`) : "—",
    };
  });
  const s = progress.summary;
  const answers = answersOf(postmortem?.evaluation);
  const recheck = opts.recheck && opts.recheck.total > 0 ? opts.recheck : undefined;
  const context = {
    marker: renderMarker("evaluation", {
      path: progress.path,
      ...(recheck ? { recheck: { checked: recheck.checked, lapsed: recheck.lapsed } } : {}),
    } satisfies EvaluationMarker),
    postmortem: mdLink(progress.path, blobUrl(opts.repo, progress.path)),
    timed: response.start !== null,
    detect: duration(response.detectMinutes),
    mitigate: duration(response.mitigateMinutes),
    resolve: duration(response.resolveMinutes),
    firstUpdate: response.firstUpdateMinutes === null ? null : duration(response.firstUpdateMinutes),
    communications: response.communications,
    actions: response.actions,
    rows,
    validation:
      s.done === 0
        ? t(lang, "evaluation.validation.none")
        : t(lang, "evaluation.validation", {
            validated: s.counts.done_validated,
            done: s.done,
            rate: percent(s.validation) ?? "0%",
          }),
    breaches:
      decided === 0
        ? t(lang, "evaluation.breaches.none")
        : t(lang, "evaluation.breaches", { missed, decided }),
    lapsed: recheck
      ? t(lang, "evaluation.recheck", {
          total: recheck.total,
          checked: recheck.checked,
          lapsed: recheck.lapsed,
          from: recheck.from,
          to: recheck.to,
          lastOn: recheck.lastOn,
        })
      : null,
    questions: Object.fromEntries(
      EVALUATION_QUESTIONS.map((q) => [
        q,
        { done: answers.byQuestion[q] !== undefined, answer: answers.byQuestion[q] ?? null },
      ]),
    ),
    answer: answers.text,
  };
  return render(lang, "post-evaluation", context);
}

/** The team's answers: one Markdown text, or one per question (each sanitised, quoted). */
function answersOf(evaluation: ResponseRecord["evaluation"]) {
  const byQuestion: Partial<Record<(typeof EVALUATION_QUESTIONS)[number], string>> = {};
  if (evaluation === undefined) return { text: null, byQuestion };
  if (typeof evaluation === "string")
    return { text: evaluation.trim() ? quote(evaluation) : null, byQuestion };
  for (const q of EVALUATION_QUESTIONS) {
    const answer = evaluation[q];
    if (answer?.trim()) byQuestion[q] = quote(answer);
  }
  return { text: null, byQuestion };
}

function quote(text: string): string {
  return block(text.length > 4000 ? `${text.slice(0, 3999)}…` : text)
    .split("\n")
    .map((line) => `> ${line}`.trimEnd())
    .join("\n");
}
