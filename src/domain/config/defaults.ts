import { t } from "../../text/catalog/index.js";
import type { Term } from "../../text/catalog/labels.js";
import { DEFAULT_CATEGORIES } from "../../text/catalog/labels.js";
import type { Language } from "./schema.js";

/** Language-dependent defaults. The tracking label is the same in every language on purpose:
 * it is how the app finds its issues, so switching `language` must never lose them. */
export const TRACKING_LABEL = "postmortem-followup";

interface LanguageDefaults {
  trackingDescription: string;
  terms: Record<Term, { name: string; description: string; color: string }>;
  categories: Record<string, { label: string; description: string; color: string }>;
  severityPrefix: string;
  severityDescription: (severity: string) => string;
  needsValidation: { name: string; description: string; color: string };
  dueSoon: { name: string; description: string; color: string };
  overdue: { name: string; description: string; color: string };
  validationLapsed: { name: string; description: string; color: string };
}

const CATEGORY_COLORS: Record<(typeof DEFAULT_CATEGORIES)[number], string> = {
  system: "1d76db",
  process: "5319e7",
  training: "0e8a16",
  documentation: "fbca04",
  tooling: "006b75",
};

function languageDefaults(language: Language): LanguageDefaults {
  return {
    trackingDescription: t(language, "labels.tracking-description"),
    terms: {
      short_term: {
        name: t(language, "labels.term-label.short_term"),
        description: t(language, "labels.term-description.short_term"),
        color: "d93f0b",
      },
      long_term: {
        name: t(language, "labels.term-label.long_term"),
        description: t(language, "labels.term-description.long_term"),
        color: "0052cc",
      },
    },
    categories: Object.fromEntries(
      DEFAULT_CATEGORIES.map((key) => [
        key,
        {
          label: t(language, "labels.category-label", { key, name: t(language, `labels.category.${key}`) }),
          description: t(language, `labels.category-description.${key}`),
          color: CATEGORY_COLORS[key],
        },
      ]),
    ),
    severityPrefix: t(language, "labels.severity-prefix"),
    severityDescription: (severity) => t(language, "labels.severity-description", { severity }),
    needsValidation: {
      name: t(language, "labels.needs-validation"),
      description: t(language, "labels.needs-validation-description"),
      color: "e99695",
    },
    dueSoon: {
      name: t(language, "labels.due-soon"),
      description: t(language, "labels.due-soon-description"),
      color: "fbca04",
    },
    overdue: {
      name: t(language, "labels.overdue"),
      description: t(language, "labels.overdue-description"),
      color: "b60205",
    },
    validationLapsed: {
      name: t(language, "labels.validation-lapsed"),
      description: t(language, "labels.validation-lapsed-description"),
      color: "d93f0b",
    },
  };
}

/** The default labels per language: their text is the catalog's (src/text/catalog/labels.ts), their colours these. */
export const LANGUAGE_DEFAULTS: Record<Language, LanguageDefaults> = {
  en: languageDefaults("en"),
  ko: languageDefaults("ko"),
};

export const SEVERITY_COLORS = ["b60205", "d93f0b", "fbca04", "c5def5", "bfdadc", "ededed"];
