import type { z } from "zod";
import { detail, type ProblemDetail, renderDetail, t } from "../../text/catalog/index.js";
import { TERMS } from "../../text/catalog/labels.js";
import { formatPath, type Problem } from "../diagnostics/problem.js";
import { schemaDetail } from "../diagnostics/schema-codes.js";
import { parseYamlSource, toPlain, zodProblems } from "../diagnostics/yaml-source.js";
import { issueDetail, schemaKeysAt } from "../diagnostics/zod-issues.js";
import { LANGUAGE_DEFAULTS, SEVERITY_COLORS, TRACKING_LABEL } from "./defaults.js";
import {
  PROJECT_FIELD_KEYS,
  PROJECT_STATUS_KEYS,
  type ProjectFieldKey,
  type ProjectStatusKey,
} from "./project-keys.js";
import {
  type CategorySpec,
  type Config,
  configSchema,
  LANGUAGES,
  type LabelSpec,
  type Language,
  type ParsedConfig,
} from "./schema.js";

/** The name Probot's `context.config()` looks up under `.github/`. */
export const CONFIG_NAME = "postmortem-followups.yml";
/**
 * Where a repository's config is (and, in the organisation's `.github` repository, its fallback).
 * The one definition: the check, the merge, the sweep, the probes, the CLI and the Action import it.
 */
export const CONFIG_FILE = `.github/${CONFIG_NAME}`;

/**
 * An invalid config says which language its problems are in: the one it declares (`language: ko`)
 * when it parses that far, else the caller's (English by default). Callers write their own text
 * about it (the check's title, the config-error comment) in the same language.
 */
export type ConfigResult =
  | { ok: true; config: Config; problems: Problem[] }
  | { ok: false; problems: Problem[]; language: Language };

export interface ConfigParseOptions {
  /** The language of the problems when the config does not declare a valid one (default `en`). */
  language?: Language;
  /**
   * parseConfigObject: English in the catalog's words too (its own problems keep zod's English
   * wording, as they always have; `_extends` problems quote them in a sentence of the catalog).
   */
  catalog?: boolean;
}

/** The config's own `language`, when it is one of ours. */
export function declaredLanguage(value: unknown): Language | undefined {
  const language =
    value !== null && typeof value === "object" && !Array.isArray(value)
      ? (value as { language?: unknown }).language
      : undefined;
  return (LANGUAGES as readonly unknown[]).includes(language) ? (language as Language) : undefined;
}

/** Parse the config file's text: every problem carries its line and column. */
export function parseConfigText(
  text: string,
  file = CONFIG_FILE,
  opts: ConfigParseOptions = {},
): ConfigResult {
  const fallback = opts.language ?? "en";
  let source = parseYamlSource(file, text, 0, fallback);
  if (source.problems.some((p) => p.severity === "error"))
    return { ok: false, problems: source.problems, language: fallback };
  const plain = toPlain(source);
  if (!plain.ok) return { ok: false, problems: [plain.problem], language: fallback };
  const value = plain.value ?? {};
  const language = declaredLanguage(value) ?? fallback;
  // The YAML warnings were written before the language was known.
  if (language !== fallback && source.problems.length > 0) source = parseYamlSource(file, text, 0, language);
  source.language = language;
  const result = configSchema.safeParse(value, { reportInput: true });
  if (!result.success)
    return {
      ok: false,
      language,
      problems: [
        ...source.problems,
        ...zodProblems(source, result.error, [], (at) => schemaKeysAt(configSchema, at)),
      ].sort((a, b) => a.line - b.line || a.column - b.column),
    };
  return { ok: true, config: resolveConfig(result.data), problems: source.problems };
}

/**
 * Validate a config object that has no text (Probot's `context.config()` merges `_extends` and
 * returns plain data). Problems point at line 1; callers that have the text use parseConfigText.
 */
export function parseConfigObject(
  value: unknown,
  file = CONFIG_FILE,
  opts: ConfigParseOptions = {},
): ConfigResult {
  const result = configSchema.safeParse(value ?? {}, { reportInput: true });
  if (result.success) return { ok: true, config: resolveConfig(result.data), problems: [] };
  const language = declaredLanguage(value) ?? opts.language ?? "en";
  return {
    ok: false,
    language,
    problems: result.error.issues.map((issue) => {
      const problem = objectIssueDetail(issue);
      return {
        file,
        line: 1,
        column: 1,
        severity: "error" as const,
        path: formatPath(issue.path),
        code: problem.code,
        // English keeps zod's own wording here, as it always has (a schema's custom message is a
        // code: it is rendered); other languages render the catalog's.
        message:
          language === "en" &&
          !opts.catalog &&
          !schemaDetail(issue.message, issue.input, issue.code === "custom" ? issue.params : undefined)
            ? issue.message
            : renderObjectIssue(language, issue, problem),
      };
    }),
  };
}

/** A zod issue of merged config data (no text, so no "did you mean" from the file's keys). */
function objectIssueDetail(issue: z.core.$ZodIssue): ProblemDetail {
  if (issue.code === "unrecognized_keys") return detail("unknown-key", { key: issue.keys[0] ?? "" });
  if (issue.code === "invalid_type" && issue.input === undefined) {
    const key = issue.path[issue.path.length - 1];
    return detail("missing-key", { key: String(key) });
  }
  if (issue.code === "invalid_key") {
    const key = issue.path[issue.path.length - 1];
    const reason = issue.issues[0]
      ? issueDetail(issue.issues[0])
      : detail("invalid", { detail: issue.message });
    return detail("invalid-key", { key: String(key), reason });
  }
  return issueDetail(issue);
}

function renderObjectIssue(language: Language, issue: z.core.$ZodIssue, problem: ProblemDetail): string {
  if (issue.code === "unrecognized_keys")
    return issue.keys.map((key) => renderDetail(language, detail("unknown-key", { key }))).join("; ");
  return renderDetail(language, problem);
}

export function defaultConfig(): Config {
  return resolveConfig(configSchema.parse({}));
}

/** Fill in the language-dependent defaults (label names and descriptions). */
export function resolveConfig(parsed: ParsedConfig): Config {
  const lang = LANGUAGE_DEFAULTS[parsed.language];
  const spec = (
    given: { name?: string; color?: string; description?: string } | undefined,
    fallback: LabelSpec,
  ): LabelSpec => ({
    name: given?.name ?? fallback.name,
    color: given?.color ?? fallback.color,
    description: given?.description ?? fallback.description,
  });

  const categories: Record<string, CategorySpec> = {};
  if (parsed.categories) {
    for (const [key, given] of Object.entries(parsed.categories)) {
      const known = lang.categories[key];
      categories[key] = {
        key,
        name: given.label ?? known?.label ?? key,
        color: given.color ?? known?.color ?? "c2e0c6",
        description: given.description ?? known?.description ?? "",
      };
    }
  } else {
    for (const [key, known] of Object.entries(lang.categories)) {
      categories[key] = { key, name: known.label, color: known.color, description: known.description };
    }
  }

  const prefix = parsed.labels.severity_prefix ?? lang.severityPrefix;
  const severity: Record<string, LabelSpec> = {};
  parsed.severities.forEach((s, i) => {
    severity[s] = {
      name: `${prefix}${s}`,
      color: SEVERITY_COLORS[Math.min(i, SEVERITY_COLORS.length - 1)]!,
      description: lang.severityDescription(s),
    };
  });

  const terms = Object.fromEntries(
    TERMS.map((term) => [term, spec(parsed.labels[term], lang.terms[term])]),
  ) as Config["labels"]["terms"];

  return {
    paths: parsed.paths,
    format: parsed.format,
    markdown: {
      sections: parsed.markdown.sections,
      owners: parsed.markdown.owners,
      defaultTerm: parsed.markdown.default_term,
    },
    language: parsed.language,
    categories,
    severities: parsed.severities,
    dueDays: { short_term: parsed.due_days.short_term, long_term: parsed.due_days.long_term },
    duePolicy: {
      rules: parsed.due_policies.flatMap((row) =>
        TERMS.flatMap((term) =>
          row[term] === undefined
            ? []
            : [
                {
                  term,
                  days: row[term],
                  ...(row.severity !== undefined ? { severity: row.severity } : {}),
                  ...(row.category !== undefined ? { category: row.category } : {}),
                },
              ],
        ),
      ),
      fallback: { short_term: parsed.due_days.short_term, long_term: parsed.due_days.long_term },
      businessDays: parsed.due_days.business_days,
      holidays: parsed.due_days.holidays,
    },
    labels: {
      tracking: spec(parsed.labels.tracking, {
        name: TRACKING_LABEL,
        color: "5d3fd3",
        description: lang.trackingDescription,
      }),
      terms,
      severity,
      needsValidation: spec(parsed.labels.needs_validation, lang.needsValidation),
      dueSoon: parsed.labels.due_soon === false ? null : spec(parsed.labels.due_soon, lang.dueSoon),
      overdue: parsed.labels.overdue === false ? null : spec(parsed.labels.overdue, lang.overdue),
      validationLapsed: spec(parsed.labels.validation_lapsed, lang.validationLapsed),
    },
    reminders: {
      enabled: parsed.reminders.enabled,
      daysBefore: parsed.reminders.days_before,
      bySeverity: parsed.reminders.by_severity,
    },
    escalation: {
      enabled: parsed.escalation.enabled,
      overdueNotice: parsed.escalation.overdue_notice,
      afterDays: steps(parsed.escalation.after_days),
      to: parsed.escalation.to.map(bareLogin),
      bySeverity: Object.fromEntries(
        Object.entries(parsed.escalation.by_severity).map(([severity, row]) => [
          severity,
          {
            ...(row.after_days ? { afterDays: steps(row.after_days) } : {}),
            ...(row.to ? { to: row.to.map(bareLogin) } : {}),
          },
        ]),
      ),
    },
    validation: {
      required: parsed.validation.required,
      markdown: parsed.validation.markdown,
      onClose: parsed.validation.on_close,
      proofRepositories: parsed.validation.proof_repositories,
      httpHosts: parsed.validation.http_hosts.map((host) => host.toLowerCase()),
      tickets: parsed.validation.tickets,
    },
    effectiveness: {
      recheckDays: parsed.effectiveness.recheck_days,
      bySeverity: { ...parsed.effectiveness.by_severity },
      onLapse: parsed.effectiveness.on_lapse,
    },
    recurrence: {
      enabled: parsed.recurrence.enabled,
      comment: parsed.recurrence.comment,
      repositories: [...new Set(parsed.recurrence.repositories)],
    },
    milestones: parsed.milestones,
    tracker: parsed.tracker,
    project: parsed.project ? projectConfig(parsed.project, parsed.language) : null,
    routing: {
      rules: parsed.routing.rules.map((rule) => ({
        ...rule,
        ...(rule.owner !== undefined ? { owner: bareLogin(rule.owner) } : {}),
        ...(rule.codeowner !== undefined ? { codeowner: bareLogin(rule.codeowner) } : {}),
      })),
      codeowners: parsed.routing.codeowners,
    },
    weekly: { ...parsed.weekly },
  };
}

/** `project:` with every name resolved (the language's defaults where the config names none). */
function projectConfig(
  parsed: NonNullable<ParsedConfig["project"]>,
  language: Language,
): NonNullable<Config["project"]> {
  const fields: Partial<Record<ProjectFieldKey, string>> = {};
  for (const key of PROJECT_FIELD_KEYS) {
    const name = parsed.fields[key];
    if (name !== false) fields[key] = name ?? t(language, `project.field.${key}`);
  }
  const status = Object.fromEntries(
    PROJECT_STATUS_KEYS.map((key) => [key, parsed.status[key] ?? t(language, `project.status.${key}`)]),
  ) as Record<ProjectStatusKey, string>;
  return { owner: parsed.owner, number: parsed.number, fields, status, createFields: parsed.create_fields };
}

/** Escalation days ascending, each once. */
function steps(days: readonly number[]): number[] {
  return [...new Set(days)].sort((a, b) => a - b);
}

/** `@jlee` and `jlee` are the same login. */
function bareLogin(login: string): string {
  return login.replace(/^@/, "");
}

/** Every label name the app manages on follow-up issues (people's own labels are never touched). */
export function managedLabelNames(config: Config): Set<string> {
  return new Set([
    config.labels.tracking.name,
    ...Object.values(config.labels.terms).map((l) => l.name),
    ...Object.values(config.categories).map((c) => c.name),
    ...Object.values(config.labels.severity).map((l) => l.name),
  ]);
}
