import { detail, type ProblemDetail } from "../../text/catalog/index.js";

/**
 * Custom messages of the zod schemas. A schema cannot know the language it will be reported in,
 * so its custom messages are codes (`schemaMessage("bad-colour")`), turned into problems of the
 * catalog (src/text/catalog/problem*.ts) by zodProblems.
 */
export type SchemaCode =
  | "not-a-date"
  | "not-a-datetime"
  | "not-a-time-zone"
  | "bad-colour"
  | "bad-category-key"
  | "bad-repository-name"
  | "bad-host-name"
  | "bad-ticket-key"
  | "bad-ticket-url"
  | "bad-id-format"
  | "bad-owner-format"
  | "bad-glob"
  | "routing-rule-no-matcher"
  | "bad-extends";

const SCHEMA_PREFIX = "postmortem-followups:";

export function schemaMessage(code: SchemaCode): string {
  return `${SCHEMA_PREFIX}${code}`;
}

/**
 * The problem a schema's custom message stands for, given the value that failed and the `params` of
 * the issue (a custom issue may carry its problem there, ready-made).
 */
export function schemaDetail(message: string, input: unknown, params?: unknown): ProblemDetail | undefined {
  if (!message.startsWith(SCHEMA_PREFIX)) return undefined;
  const code = message.slice(SCHEMA_PREFIX.length) as SchemaCode;
  const value = JSON.stringify(input) ?? String(input);
  switch (code) {
    case "not-a-date":
    case "not-a-datetime":
    case "not-a-time-zone":
      return { code, params: { value } };
    case "bad-colour":
    case "bad-category-key":
    case "bad-repository-name":
    case "bad-host-name":
    case "bad-ticket-key":
    case "bad-ticket-url":
    case "bad-id-format":
    case "bad-owner-format":
    case "routing-rule-no-matcher":
      return detail(code);
    case "bad-glob":
      // The schema that refused the glob attached its problem (domain/config/glob.ts's globDetail).
      return isProblemDetail(params) ? params : undefined;
    case "bad-extends":
      return { code: "extends-malformed", params: { value: String(input) } };
    default:
      return undefined;
  }
}

function isProblemDetail(value: unknown): value is ProblemDetail {
  return (
    typeof value === "object" && value !== null && typeof (value as { code?: unknown }).code === "string"
  );
}
