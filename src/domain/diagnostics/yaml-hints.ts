import type { YamlHint } from "../../text/catalog/index.js";

/** The yaml library's syntax errors as people can act on them: which to show, where, and what to do. */

/**
 * A tab used as indentation breaks the structure of everything after it, and the yaml library then
 * reports the consequences too ("A block sequence may not be used as an implicit map key", ...),
 * with hints that send people the wrong way. The tabs are the mistake: report only them.
 */
export function syntaxErrorsWorthReporting<E extends { code: string }>(errors: readonly E[]): E[] {
  const tabs = errors.filter((e) => e.code === "TAB_AS_INDENT");
  return tabs.length > 0 ? tabs : [...errors];
}

/**
 * Where the mistake is. The yaml library reports a misindented line at its first column (the
 * spaces), where the key that is misplaced starts a few columns later; and an unclosed quote at
 * the end of the text, where the quote to close is where the value starts.
 */
export function errorOffset(code: string, message: string, text: string, offset: number): number {
  const quote = /^Missing closing (["'])quote/.exec(message)?.[1];
  if (code === "MISSING_CHAR" && quote) {
    const opening = openingQuote(text, offset, quote);
    if (opening >= 0) return opening;
  }
  if (code === "BAD_INDENT" || code === "MISSING_CHAR") {
    const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
    if (/^ *$/.test(text.slice(lineStart, offset))) {
      let first = offset;
      while (text[first] === " ") first++;
      if (first < text.length && text[first] !== "\n" && text[first] !== "\r") return first;
    }
  }
  return offset;
}

/** The quote that opens the unclosed value: the last one before `end` that is not escaped. */
function openingQuote(text: string, end: number, quote: string): number {
  for (let i = Math.min(end, text.length) - 1; i >= 0; i--) {
    if (text[i] !== quote) continue;
    if (quote === '"') {
      let backslashes = 0;
      for (let j = i - 1; j >= 0 && text[j] === "\\"; j--) backslashes++;
      if (backslashes % 2 === 0) return i;
    } else if (text[i - 1] === "'") {
      i--; // '' is an escaped quote inside a single-quoted value
    } else {
      return i;
    }
  }
  return -1;
}

/** The key that starts at `offset` (for "check the indentation of ..."), if there is one. */
function keyAt(text: string, offset: number): string | undefined {
  const line = text.slice(offset).split("\n")[0] ?? "";
  return /^\s*(?:-\s+)?(["']?)([^:#"'\s][^:#"']*?)\1\s*:(?:\s|$)/.exec(line)?.[2]?.trim();
}

/** What to do about the YAML errors people make most often in front matter. */
export function hint(code: string, message: string, text: string, offset: number): YamlHint | undefined {
  switch (code) {
    case "BLOCK_AS_IMPLICIT_KEY":
      return /^Nested mappings/.test(message) ? { kind: "quote-value" } : undefined;
    case "DUPLICATE_KEY": {
      const key = keyAt(text, offset);
      return key ? { kind: "duplicate-key", key } : undefined;
    }
    case "TAB_AS_INDENT":
      return { kind: "tabs" };
    case "BAD_SCALAR_START": {
      // The rest of the line from the value: `@jlee` (an owner written as a mention: write the login).
      const value = (text.slice(offset).split(/\r?\n/)[0] ?? "")
        .replace(/\s+#.*$/, "")
        .trim()
        .slice(0, 80);
      if (!value) return undefined;
      const login = /^@([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\/[A-Za-z0-9._-]+)?)$/.exec(value)?.[1];
      return login ? { kind: "reserved-start", value, login } : { kind: "reserved-start", value };
    }
    case "BAD_INDENT":
    case "MISSING_CHAR": {
      if (/^Missing closing/.test(message)) return { kind: "unclosed-quote" };
      if (!/^All mapping items|^Sequence item without/.test(message)) return undefined;
      const key = keyAt(text, offset);
      return key ? { kind: "indentation", key } : undefined;
    }
    default:
      return undefined;
  }
}

export function cleanYamlMessage(message: string): string {
  // The yaml library appends "at line X, column Y" and a code frame; we report our own position.
  return message
    .split(/ at line \d+, column \d+/)[0]!
    .split("\n")[0]!
    .trim();
}
