import type { Language } from "../language.js";

/**
 * The shape of every topic of the text catalog (src/text/catalog/*.ts): a topic declares its keys
 * and their parameters once, as an interface (`{ "title.nothing": string; "title.failure": { errors:
 * number } }`), and gives one message per key in every language. A message is a string when the
 * key is declared `string` (no parameters), else a function of its typed parameters (an object).
 *
 * `Topic<P>` requires every language to have exactly P's keys: a language without a key, with one
 * more, or with a message of the wrong shape does not compile.
 */
export type Message<P> = [P] extends [string] ? string : (params: P) => string;

/** One language's messages of a topic. */
export type Messages<P> = { readonly [K in keyof P]: Message<P[K]> };

/** A topic: the same keys, with the same parameters, in every language. */
export type Topic<P> = { readonly [L in Language]: Messages<P> };

/** `defineTopic<CheckParams>({ en: {...}, ko: {...} })`: checks both languages against the keys. */
export function defineTopic<P>(topic: Topic<P>): Topic<P> {
  return topic;
}

/** A message with its parameters, in one language. */
export function format(message: string | ((params: never) => string), params: unknown): string {
  return typeof message === "string" ? message : (message as (p: unknown) => string)(params);
}
