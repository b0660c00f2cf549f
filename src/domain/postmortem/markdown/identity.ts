import { LIMITS } from "../schema.js";

/**
 * Ids of Markdown items: an explicit `{#id}` / `<!-- id: x -->` / ID cell, else derived from the
 * title: a slug of its Latin letters and digits, and for titles in Hangul (or without Latin
 * letters) a short hash of the whole title, so two Korean titles never share an id.
 */

const ANCHOR_RE = /\s*\{#([A-Za-z0-9][A-Za-z0-9_-]{0,63})\}\s*$/;
const COMMENT_RE = /<!--\s{0,5}id\s{0,5}:\s{0,5}([A-Za-z0-9][A-Za-z0-9_-]{0,63})\s{0,5}-->/i;

/** `Title {#id}` -> the title without the anchor and the id. */
export function takeAnchor(text: string): { text: string; id?: string } {
  const m = ANCHOR_RE.exec(text);
  return m ? { text: text.slice(0, m.index), id: m[1]!.toLowerCase() } : { text };
}

/** `<!-- id: x -->` in a piece of raw HTML. */
export function commentId(html: string): string | undefined {
  return COMMENT_RE.exec(html)?.[1]?.toLowerCase();
}

/** 32-bit FNV-1a of the text, in base 36 (7 characters). */
export function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36).padStart(7, "0");
}

const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/;

export function slug(text: string, max = 48): string {
  const s = text
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  const dash = cut.lastIndexOf("-");
  return (dash > max / 2 ? cut.slice(0, dash) : cut).replace(/-+$/, "");
}

/** An id from a title: a slug, or slug + short hash for Hangul titles (or titles with no Latin letters). */
export function derivedId(title: string): { id: string; source: "slug" | "hash" } {
  const norm = title.normalize("NFC").replace(/\s+/g, " ").trim().toLowerCase();
  const s = slug(norm, 40);
  if (HANGUL.test(norm) || s === "") {
    const prefix = s === "" ? "item" : s.slice(0, 24).replace(/-+$/, "");
    return { id: `${prefix}-${shortHash(norm)}`, source: "hash" };
  }
  return { id: s.slice(0, LIMITS.idLength), source: "slug" };
}

/** Normalises an explicit id to the id format ([a-z0-9][a-z0-9-]*). */
export function normaliseExplicitId(id: string): string {
  return id.toLowerCase().replace(/_/g, "-").slice(0, LIMITS.idLength);
}
