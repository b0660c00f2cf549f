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

export type Env = Record<string, string | undefined>;

/** The environment as Probot's `run()` will see it: process.env with `.env` (cwd) applied over it. */
export function effectiveEnv(env: Env, cwd: string): Env {
  try {
    return { ...env, ...parseEnv(readFileSync(join(cwd, ".env"), "utf8")) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return env;
    throw error;
  }
}

function privateKeyProblem(env: Env, cwd: string): string | null {
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
export function missingProductionSettings(env: Env, cwd: string): string[] {
  const missing: string[] = [];
  if (!env.APP_ID?.trim()) missing.push("APP_ID");
  const key = privateKeyProblem(env, cwd);
  if (key) missing.push(key);
  if (!env.WEBHOOK_SECRET?.trim()) missing.push("WEBHOOK_SECRET");
  return missing;
}

/** One line for stderr when the server must not start, else null. */
export function startupProblem(env: Env = process.env, cwd: string = process.cwd()): string | null {
  const effective = effectiveEnv(env, cwd);
  if (effective.NODE_ENV !== "production") return null;
  const missing = missingProductionSettings(effective, cwd);
  if (missing.length === 0) return null;
  return (
    `postmortem-followups: NODE_ENV=production needs the GitHub App's credentials; missing ${missing.join(", ")}. ` +
    "Set them in the environment or in .env (see .env.example), or run without NODE_ENV=production to register the app."
  );
}

/** Keep Probot's setup mode offline: no smee.io channel unless asked for. */
export function preferOfflineSetup(env: Env = process.env): void {
  env.NO_SMEE_SETUP ??= "true";
}
