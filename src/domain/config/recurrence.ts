import { detail, renderDetail } from "../../text/catalog/index.js";
import type { Problem } from "../diagnostics/problem.js";
import { parseYamlSource, problemAt } from "../diagnostics/yaml-source.js";
import { CONFIG_FILE } from "./load.js";
import type { Config } from "./schema.js";

/**
 * `recurrence.repositories` names repositories of the same owner only (the app's installation is
 * per owner): any other is an error at its line in the config file. `text` is the config file's
 * text when there is one (Probot's merged config has none: the problem is then at 1:1).
 */
export function foreignRepositoryProblems(config: Config, owner: string, text: string | null): Problem[] {
  const foreign = config.recurrence.repositories
    .map((repository, index) => ({ repository, index }))
    .filter(({ repository }) => repository.split("/")[0]!.toLowerCase() !== owner.toLowerCase());
  if (foreign.length === 0) return [];
  const source = text === null ? null : parseYamlSource(CONFIG_FILE, text, 0, config.language);
  return foreign.map(({ repository, index }) => {
    const problem = detail("recurrence-foreign-repository", { repository, owner });
    // The entry's place in the file, looked up by value (the config's list is deduplicated).
    const at = source ? entryIndex(source.doc.toJS() as unknown, repository) : -1;
    if (source && at >= 0) return problemAt(source, ["recurrence", "repositories", at], "error", problem);
    return {
      file: CONFIG_FILE,
      line: 1,
      column: 1,
      severity: "error" as const,
      path: `recurrence.repositories[${index}]`,
      code: problem.code,
      message: renderDetail(config.language, problem),
    };
  });
}

function entryIndex(value: unknown, repository: string): number {
  const list = (value as { recurrence?: { repositories?: unknown } } | null)?.recurrence?.repositories;
  return Array.isArray(list) ? list.indexOf(repository) : -1;
}
