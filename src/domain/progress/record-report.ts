import { t } from "../../text/catalog/index.js";
import { block } from "../../text/sanitize.js";
import type { Language } from "../config/schema.js";
import { type ResponseFigures, responseFigures } from "../postmortem/response.js";
import { EVALUATION_QUESTIONS, type Postmortem } from "../postmortem/schema.js";

/**
 * The response record of a postmortem in `report` (issue 18): its response figures (time to detect,
 * mitigate, resolve, first update, from its timeline and communication log) and the team's
 * post-evaluation once the postmortem has one. Pure; `report` reads the postmortems and attaches it.
 */

/** The response figures but their instants: minutes from the start of the impact, and the logs' counts. */
export interface PostmortemRecord
  extends Omit<ResponseFigures, "start" | "detected" | "mitigated" | "resolved"> {
  /** The team's post-evaluation as written (text, or answers per question); null: none yet. */
  evaluation: string | Partial<Record<(typeof EVALUATION_QUESTIONS)[number], string>> | null;
}

export function postmortemRecord(
  postmortem: Pick<Postmortem, "timeline" | "communication" | "response_actions" | "evaluation">,
): PostmortemRecord {
  const { start, detected, mitigated, resolved, ...figures } = responseFigures(postmortem);
  return { ...figures, evaluation: postmortem.evaluation ?? null };
}

/** The Markdown lines of a postmortem's record in `report --format md` (empty when it says nothing). */
export function recordLines(record: PostmortemRecord | undefined, language: Language): string[] {
  if (!record) return [];
  const d = (m: number | null) => (m === null ? "—" : t(language, "evaluation.duration", { minutes: m }));
  const out: string[] = [];
  if (record.detectMinutes !== null || record.mitigateMinutes !== null || record.resolveMinutes !== null)
    out.push(
      t(language, "evaluation.report-response", {
        detect: d(record.detectMinutes),
        mitigate: d(record.mitigateMinutes),
        resolve: d(record.resolveMinutes),
      }),
    );
  const e = record.evaluation;
  if (e !== null && (typeof e === "string" ? e.trim() : Object.keys(e).length > 0)) {
    out.push("", `**${t(language, "evaluation.report-heading")}**`, "");
    if (typeof e === "string") out.push(block(e));
    else
      for (const q of EVALUATION_QUESTIONS)
        if (e[q]?.trim()) out.push(`- **${t(language, `evaluation.question.${q}`)}**: ${block(e[q])}`);
  }
  return out;
}
