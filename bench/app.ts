import { generateKeyPairSync } from "node:crypto";
import { Writable } from "node:stream";
import Bottleneck from "bottleneck";
import { pino } from "pino";
import { Probot } from "probot";
import app from "../src/app/app.js";
import { AppOctokit } from "../src/github/client.js";

/**
 * The app as it runs in production: Probot with the app function of src/app/app.ts and the app's
 * Octokit (Probot's throttling and retry plugins on), authenticated as a GitHub App with a real
 * RSA key, pointed at the simulator with `baseUrl`.
 *
 * `pacing: false` keeps the throttling plugin (rate-limit handling, retries on 403/429) but gives
 * it limiter groups without the minimum spacing between writes (production: 1 s between writes
 * and GraphQL queries, 3 s between content-creating writes), so request counts and in-process
 * time are measured without minutes of sleeping. Concurrency limits stay as in production.
 */

let key: string | null = null;
function privateKey(): string {
  key ??= generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
  }).privateKey;
  return key;
}

/** Limiter groups like plugin-throttling's, without `minTime`. */
function unpacedGroups() {
  return {
    write: new Bottleneck.Group({ id: "bench-write", maxConcurrent: 1 }),
    notifications: new Bottleneck.Group({ id: "bench-notifications", maxConcurrent: 1 }),
    search: new Bottleneck.Group({ id: "bench-search", maxConcurrent: 1 }),
  };
}

export interface BenchProbot {
  probot: Probot;
  receive(name: string, payload: object, id: string): Promise<void>;
  /** Bytes of log output (info level, as in production), discarded. */
  logBytes(): number;
}

export async function createBenchProbot(baseUrl: string, options: { pacing: boolean }): Promise<BenchProbot> {
  // One process, one scheduler: the benchmark drives the sweep itself.
  process.env.POSTMORTEM_FOLLOWUPS_SCHEDULER = "off";
  let bytes = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      callback();
    },
  });
  const log = pino({ level: process.env.LOG_LEVEL ?? "info" }, sink);
  const groups = options.pacing ? null : unpacedGroups();
  const Octokit = groups
    ? AppOctokit.defaults((o: Record<string, unknown>) => ({
        ...o,
        throttle: { ...(o.throttle as object | undefined), ...groups },
      }))
    : AppOctokit;
  const probot = new Probot({ appId: 1, privateKey: privateKey(), Octokit, baseUrl, log });
  await probot.load(app, { cwd: process.cwd(), addHandler: () => {} });
  return {
    probot,
    receive: (name, payload, id) =>
      probot.receive({ id, name, payload } as unknown as Parameters<Probot["receive"]>[0]),
    logBytes: () => bytes,
  };
}
