import { parseYamlSource, spanAt } from "../diagnostics/yaml-source.js";
import { isYamlFile } from "../postmortem/parse.js";

export interface Position {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

/**
 * Positions of values in a postmortem, in file coordinates (for evidence annotations: the parser
 * positions its own problems, evidence is resolved later). Same front-matter rule as the parser:
 * the YAML starts on line 2 of a Markdown file, after a line `---`.
 */
export function locator(file: string, text: string): (path: readonly (string | number)[]) => Position {
  let yaml = text.replace(/^\uFEFF/, "");
  let lineOffset = 0;
  if (!isYamlFile(file)) {
    const lines = yaml.split(/\r?\n/);
    let end = -1;
    if (lines[0]?.trimEnd() === "---") {
      for (let i = 1; i < lines.length; i++) {
        const line = lines[i]!.trimEnd();
        if (line === "---" || line === "...") {
          end = i;
          break;
        }
      }
    }
    yaml = end > 0 ? lines.slice(1, end).join("\n") : "";
    lineOffset = 1;
  }
  const source = parseYamlSource(file, yaml, lineOffset);
  return (path) => {
    const p = spanAt(source, path);
    return { line: p.line, column: p.column, endLine: p.endLine, endColumn: p.endColumn };
  };
}
