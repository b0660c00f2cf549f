import { detail, renderDetail } from "../../../text/catalog/index.js";
import type { Config } from "../../config/schema.js";
import type { Problem } from "../../diagnostics/problem.js";

/**
 * `validation.markdown`: each open Markdown item without evidence is a warning (`warn`, the
 * default) or an error (`error`) at its line. Done items need none.
 */
export function markdownEvidenceProblems(
  file: string,
  items: readonly { line: number; status: string; evidence: readonly string[] }[],
  config: Pick<Config, "language" | "validation">,
): Problem[] {
  const severity = config.validation.markdown === "error" ? "error" : "warning";
  const problem = detail("markdown-no-evidence");
  const message = renderDetail(config.language, problem);
  return items
    .filter((item) => item.status !== "done" && item.evidence.length === 0)
    .map((item) => ({ file, line: item.line, column: 1, severity, path: "", code: problem.code, message }));
}
