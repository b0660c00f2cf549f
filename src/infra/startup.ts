import { createPrivateKey } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseEnv } from "node:util";

/**
 * What src/app/server.ts checks and sets before handing over to Probot's `run()`.
 *
 * - `NODE_ENV=production` without the app's credentials stops with one line on stderr (Probot
 *   itself would throw a stack trace, or — without WEBHOOK_SECRET — accept webhooks signed with
 *   its public default secret "development").
 * - The first run (no credentials, not production) serves Probot's setup page offline: Probot's
 *   setup mode otherwise tries to create a smee.io channel for webhooks, which needs the network
 *   (and `smee-client`). `NO_SMEE_SETUP=true` unless set; a developer who wants a channel sets
 *   `WEBHOOK_PROXY_URL` (https://smee.io/new) or `NO_SMEE_SETUP=false`.
 */

/** The server's environment (process.env, or a test's): the settings startup checks. */
export type ServerEnv = Record<string, string | undefined>;

/** The environment as Probot's `run()` will see it: process.env with `.env` (cwd) applied over it. */
export function effectiveEnv(env: ServerEnv, cwd: string): ServerEnv {
  try {
    return { ...env, ...parseEnv(readFileSync(join(cwd, ".env"), "utf8")) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return env;
    throw error;
  }
}

function privateKeyProblem(env: ServerEnv, cwd: string): string | null {
  if (env.PRIVATE_KEY?.trim()) return null;
  if (env.PRIVATE_KEY_PATH?.trim()) {
    return existsSync(resolve(cwd, env.PRIVATE_KEY_PATH))
      ? null
      : `PRIVATE_KEY_PATH (${env.PRIVATE_KEY_PATH} does not exist)`;
  }
  // Like Probot (@probot/get-private-key): a single *.pem file in the working folder is used.
  let pems: string[] = [];
  try {
    pems = readdirSync(cwd).filter((f) => f.endsWith(".pem"));
  } catch {
    // An unreadable folder has no key in it.
  }
  return pems.length === 1 ? null : "PRIVATE_KEY (or PRIVATE_KEY_PATH)";
}

/** The settings a production server needs that are missing, in the order they are listed. */
export function missingProductionSettings(env: ServerEnv, cwd: string): string[] {
  const missing: string[] = [];
  if (!env.APP_ID?.trim()) missing.push("APP_ID");
  const key = privateKeyProblem(env, cwd);
  if (key) missing.push(key);
  if (!env.WEBHOOK_SECRET?.trim()) missing.push("WEBHOOK_SECRET");
  return missing;
}

/** What every credentials line ends with: where the settings go. */
const WHERE_CREDENTIALS_GO = "Set them in the environment or in .env (see .env.example)";

/** The key text as Probot reads it from PRIVATE_KEY: base64 or `\\n`-escaped forms undone. */
function unfoldKey(text: string): string {
  let key = text.trim();
  if (!key.includes("-----") && Buffer.from(key, "base64").toString("base64") === key)
    key = Buffer.from(key, "base64").toString();
  return key.replaceAll("\\n", "\n");
}

/**
 * What is wrong with the app's credentials, as data: the CLI words it in the user's language
 * (src/cli/credentials.ts, the catalog's `credentials` topic). `source` names the key: the
 * PRIVATE_KEY variable, or a key file.
 */
export type CredentialIssue =
  | { kind: "app-id-missing" }
  | { kind: "app-id-form"; got: string }
  | { kind: "key-missing" }
  | { kind: "key-path-missing"; path: string }
  | { kind: "key-path-unreadable"; path: string; code: string }
  | { kind: "key-not-pem"; file: string | null }
  | { kind: "key-invalid"; file: string | null }
  | { kind: "refused"; said: string };

function keyTextIssue(text: string, file: string | null): CredentialIssue | null {
  const key = unfoldKey(text);
  if (!/-----BEGIN (RSA )?PRIVATE KEY-----/.test(key)) return { kind: "key-not-pem", file };
  // A key pasted on one line is folded by Probot before use: only a multi-line key is parsed here.
  if (!key.includes("\n")) return null;
  try {
    createPrivateKey(key);
    return null;
  } catch {
    return { kind: "key-invalid", file };
  }
}

function usableKeyIssue(env: ServerEnv, cwd: string): CredentialIssue | null {
  if (env.PRIVATE_KEY?.trim()) return keyTextIssue(env.PRIVATE_KEY, null);
  if (privateKeyProblem(env, cwd)) {
    const path = env.PRIVATE_KEY_PATH?.trim();
    return path ? { kind: "key-path-missing", path } : { kind: "key-missing" };
  }
  const path = env.PRIVATE_KEY_PATH?.trim() || readdirSync(cwd).find((f) => f.endsWith(".pem"))!;
  let text: string;
  try {
    text = readFileSync(resolve(cwd, path), "utf8");
  } catch (error) {
    return { kind: "key-path-unreadable", path, code: (error as NodeJS.ErrnoException).code ?? "error" };
  }
  return keyTextIssue(text, path);
}

/**
 * The app's credentials as the CLI's `sweep` and `report` use them, checked before any request:
 * APP_ID an app ID (a number, or the app's client ID `Iv…`), the private key present, readable and
 * a private key. Empty when they can be used.
 */
export function appCredentialIssues(env: ServerEnv, cwd: string): CredentialIssue[] {
  const issues: CredentialIssue[] = [];
  const id = env.APP_ID?.trim();
  if (!id) issues.push({ kind: "app-id-missing" });
  else if (!/^\d+$/.test(id) && !/^Iv[0-9A-Za-z.]+$/.test(id)) issues.push({ kind: "app-id-form", got: id });
  const key = usableKeyIssue(env, cwd);
  if (key) issues.push(key);
  return issues;
}

/** One line for stderr when the server must not start, else null. */
export function startupProblem(env: ServerEnv = process.env, cwd: string = process.cwd()): string | null {
  const effective = effectiveEnv(env, cwd);
  if (effective.NODE_ENV !== "production") return null;
  const missing = missingProductionSettings(effective, cwd);
  if (missing.length === 0) return null;
  return (
    `postmortem-followups: NODE_ENV=production needs the GitHub App's credentials; missing ${missing.join(", ")}. ` +
    `${WHERE_CREDENTIALS_GO}, or run without NODE_ENV=production to register the app.`
  );
}

/** Keep Probot's setup mode offline: no smee.io channel unless asked for. */
export function preferOfflineSetup(env: ServerEnv = process.env): void {
  env.NO_SMEE_SETUP ??= "true";
}
