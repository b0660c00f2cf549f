/**
 * Making user text safe to place in Markdown the app writes. User text can never forge, close or
 * move a hidden marker (no `<` or `>` survives, so no `<!--`/`-->`), never inject raw HTML, never
 * break a table (pipes and newlines), and never @-mention anyone the config does not allow.
 * Values are sanitised in code before they reach a template; templates run with `noEscape`, so a
 * template cannot forget to escape (and Handlebars never evaluates `{{` inside data).
 */

const ZERO_WIDTH_SPACE = "\u200b";

/** Neutralise HTML (and therefore comments and markers) and @-mentions in free text. */
export function neutralise(text: string): string {
  return text
    .replace(/&(?![a-zA-Z]+;|#\d+;|#x[0-9a-fA-F]+;)/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/(^|[^A-Za-z0-9`])@(?=[A-Za-z0-9])/g, `$1@${ZERO_WIDTH_SPACE}`);
}

/** One line of Markdown: newlines collapse to spaces. */
export function inline(text: string | null | undefined): string {
  if (!text) return "";
  return neutralise(String(text))
    .replace(/\s*\r?\n\s*/g, " ")
    .trim();
}

/** A table cell: inline, with pipes escaped. */
export function cell(text: string | null | undefined): string {
  return inline(text).replace(/\|/g, "\\|");
}

/** A block of Markdown (a description): structure kept, HTML and mentions neutralised. */
export function block(text: string | null | undefined): string {
  if (!text) return "";
  return neutralise(String(text)).replace(/\r\n/g, "\n").trim();
}

/** An @-mention the config allows: a login or org/team the file names as an owner. */
export function mention(login: string): string {
  const clean = login.replace(/^@/, "");
  return /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\/[A-Za-z0-9._-]+)?$/.test(clean)
    ? `@${clean}`
    : inline(clean);
}

/** A login shown without notifying anyone. */
export function quietLogin(login: string): string {
  return `\`${login.replace(/^@/, "").replace(/`/g, "")}\``;
}
