import { LANGUAGE_DEFAULTS, TRACKING_LABEL } from "../domain/config/defaults.js";
import { CONFIG_FILE } from "../domain/config/load.js";
import { configJsonSchema, LANGUAGES } from "../domain/config/schema.js";

/**
 * docs/configuration.md, generated from the config's zod schema (through its JSON Schema) and the
 * language defaults, so the reference can never disagree with the code. `npm run docs:config`
 * writes it; a test fails when the committed file is stale.
 */

interface JsonSchema {
  type?: string;
  description?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  /** A union, e.g. a label spec or `false` (`labels.due_soon`). */
  anyOf?: JsonSchema[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  pattern?: string;
}

export interface ReferenceRow {
  key: string;
  type: string;
  default: string;
  description: string;
}

function typeOf(schema: JsonSchema): string {
  if (schema.anyOf) return schema.anyOf.map(typeOf).join(" or ");
  if (schema.const !== undefined) return `\`${String(schema.const)}\``;
  if (schema.enum) return schema.enum.map((v) => `\`${String(v)}\``).join(" | ");
  switch (schema.type) {
    case "array":
      return `list of ${schema.items ? typeOf(schema.items) : "values"}`;
    case "object":
      return typeof schema.additionalProperties === "object" ? "map" : "mapping";
    case "integer":
    case "number":
      return schema.minimum !== undefined && schema.maximum !== undefined
        ? `${schema.type} (${schema.minimum}–${schema.maximum})`
        : schema.type;
    default:
      return schema.type ?? "any";
  }
}

function formatDefault(schema: JsonSchema): string {
  if (schema.default === undefined || schema.type === "object") return "";
  const value = schema.default;
  if (Array.isArray(value)) return value.map((v) => `\`${String(v)}\``).join(", ");
  return `\`${String(value)}\``;
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");
}

/** One row per key, depth first; map entries appear as `<key>`. */
export function referenceRows(schema: JsonSchema = configJsonSchema() as JsonSchema): ReferenceRow[] {
  const rows: ReferenceRow[] = [];
  const walk = (node: JsonSchema, prefix: string) => {
    for (const [name, prop] of Object.entries(node.properties ?? {})) {
      const key = prefix ? `${prefix}.${name}` : name;
      rows.push({
        key,
        type: typeOf(prop),
        default: formatDefault(prop),
        description: prop.description ?? "",
      });
      if (prop.properties) walk(prop, key);
      // A union's mapping alternative documents its keys as a plain mapping would.
      for (const alternative of prop.anyOf ?? []) if (alternative.properties) walk(alternative, key);
      const entry = prop.additionalProperties;
      if (typeof entry === "object" && entry.properties) walk(entry, `${key}.<key>`);
    }
  };
  walk(schema, "");
  return rows;
}

function languageDefaultsTable(): string[] {
  const header = `| label | ${LANGUAGES.map((l) => `\`${l}\``).join(" | ")} |`;
  const rule = `| --- | ${LANGUAGES.map(() => "---").join(" | ")} |`;
  const row = (what: string, pick: (lang: (typeof LANGUAGES)[number]) => string) =>
    `| ${what} | ${LANGUAGES.map((l) => cell(pick(l))).join(" | ")} |`;
  const categoryKeys = Object.keys(LANGUAGE_DEFAULTS.en.categories);
  return [
    header,
    rule,
    row("`labels.tracking`", () => `\`${TRACKING_LABEL}\` (the same in every language)`),
    row("`labels.short_term`", (l) => `\`${LANGUAGE_DEFAULTS[l].terms.short_term.name}\``),
    row("`labels.long_term`", (l) => `\`${LANGUAGE_DEFAULTS[l].terms.long_term.name}\``),
    row("`labels.severity_prefix`", (l) => `\`${LANGUAGE_DEFAULTS[l].severityPrefix}\``),
    row("`labels.needs_validation`", (l) => `\`${LANGUAGE_DEFAULTS[l].needsValidation.name}\``),
    ...categoryKeys.map((key) =>
      row(`category \`${key}\``, (l) => {
        const c = LANGUAGE_DEFAULTS[l].categories[key];
        return c ? `\`${c.label}\`: ${c.description}` : "";
      }),
    ),
  ];
}

export function configReferenceMarkdown(): string {
  const rows = referenceRows();
  const lines = [
    "<!-- Generated from src/domain/config/schema.ts by `npm run docs:config`. Do not edit by hand. -->",
    "",
    "# Configuration",
    "",
    `postmortem-followups reads \`${CONFIG_FILE}\` from the repository's default branch. Every key is`,
    "optional; a repository without the file gets the defaults below. Probot's `_extends` shares one",
    "config between repositories (for example from the organisation's `.github` repository).",
    "",
    "An invalid config is never ignored: the app reports each problem with its line and column (on the",
    "pull request's check) and does nothing else until it is fixed. Check it locally with",
    "`npx postmortem-followups lint` (it reads the same file, or the one `--config` names).",
    "",
    "A commented example: [`examples/postmortem-followups.yml`](../examples/postmortem-followups.yml).",
    "Editors can validate the file with [`schema/config.schema.json`](../schema/config.schema.json)",
    "(`npx postmortem-followups schema --config` prints it).",
    "",
    "## Keys",
    "",
    "| key | type | default | description |",
    "| --- | --- | --- | --- |",
    ...rows.map(
      (r) => `| \`${r.key}\` | ${cell(r.type)} | ${cell(r.default) || "—"} | ${cell(r.description)} |`,
    ),
    "",
    "## Defaults that depend on `language`",
    "",
    "Label names and descriptions follow `language` unless the config sets them. The tracking label",
    "is the same in every language: it is how the app finds its issues, so switching `language`",
    "never loses them.",
    "",
    ...languageDefaultsTable(),
    "",
  ];
  return lines.join("\n");
}
