import { detail, renderDetail } from "../../text/catalog/index.js";
import type { Problem } from "../diagnostics/problem.js";
import { parseYamlSource, problemAt } from "../diagnostics/yaml-source.js";
import { CONFIG_FILE } from "./load.js";
import type { Config } from "./schema.js";

/**
 * `routing.rules[].repo` names repositories of the same owner only (the app's installation is per
 * owner, and the app never writes to another owner's repository): any other is an error at its line
 * in the config file. `text` is the config file's text when there is one (Probot's merged config has
 * none: the problem is then at 1:1). Like foreignRepositoryProblems (./recurrence.ts) for recurrence.
 */
export function routingForeignProblems(config: Config, owner: string, text: string | null): Problem[] {
  const foreign = config.routing.rules
    .map((rule, index) => ({ repository: rule.repo, index }))
    .filter(({ repository }) => repository.split("/")[0]!.toLowerCase() !== owner.toLowerCase());
  if (foreign.length === 0) return [];
  const source = text === null ? null : parseYamlSource(CONFIG_FILE, text, 0, config.language);
  return foreign.map(({ repository, index }) => {
    const problem = detail("routing-foreign-repository", { repository, owner });
    const path = ["routing", "rules", index, "repo"];
    if (source) return problemAt(source, path, "error", problem);
    return {
      file: CONFIG_FILE,
      line: 1,
      column: 1,
      severity: "error" as const,
      path: `routing.rules[${index}].repo`,
      code: problem.code,
      message: renderDetail(config.language, problem),
    };
  });
}
