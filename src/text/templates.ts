import { readFileSync } from "node:fs";
import Handlebars from "handlebars";
import { type Josa, particle } from "./josa.js";
import type { Language } from "./language.js";

/**
 * Handlebars templates under templates/{en,ko}/. Every value reaches a template already sanitised
 * (see sanitize.ts), so templates compile with `noEscape`; prototype access stays disabled.
 */
const TEMPLATE_ROOT = new URL("../../templates/", import.meta.url);

const env = Handlebars.create();
env.registerHelper("add", (a: unknown, b: unknown) => Number(a) + Number(b));
env.registerHelper("eq", (a: unknown, b: unknown) => a === b);
/** `` `{{id}}`{{particle id "이/가"}} ``: the Korean particle after a value (see josa.ts). */
env.registerHelper("particle", (word: unknown, option: Josa) => particle(String(word ?? ""), option));

const cache = new Map<string, Handlebars.TemplateDelegate>();
/** Bundled builds (the GitHub Action) register their templates here instead of reading files. */
const embedded = new Map<string, string>();

export function registerEmbeddedTemplates(templates: Record<string, string>): void {
  for (const [key, source] of Object.entries(templates)) embedded.set(key, source);
}

export function templateSource(language: Language, name: string): string {
  const key = `${language}/${name}.hbs`;
  return embedded.get(key) ?? readFileSync(new URL(key, TEMPLATE_ROOT), "utf8");
}

export function render(language: Language, name: string, context: object): string {
  const key = `${language}/${name}`;
  let template = cache.get(key);
  if (!template) {
    template = env.compile(templateSource(language, name), { noEscape: true, strict: false });
    cache.set(key, template);
  }
  const out = template(context, {
    allowProtoPropertiesByDefault: false,
    allowProtoMethodsByDefault: false,
  });
  // Templates are written for readability; collapse the blank lines their block helpers leave.
  return `${out.replace(/\n{3,}/g, "\n\n").trim()}\n`;
}
