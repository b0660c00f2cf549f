/** The languages of everything the app writes (the config's `language`). Here, below the config schema, so the message catalog can use it. */
export const LANGUAGES = ["en", "ko"] as const;
export type Language = (typeof LANGUAGES)[number];
