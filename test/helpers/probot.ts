import { generateKeyPairSync } from "node:crypto";
import { Writable } from "node:stream";
import { pino } from "pino";
import { type ApplicationFunction, type ApplicationFunctionOptions, Probot } from "probot";
import { TestOctokit } from "./octokit.js";

/** A log line as pino writes it (msg plus the bindings and fields). */
export interface LogEntry {
  level: number;
  msg: string;
  [key: string]: unknown;
}

let privateKey: string | null = null;
/** A real RSA key, generated once per test process (Probot signs the app's JWT with it). */
export function testPrivateKey(): string {
  privateKey ??= generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
  }).privateKey;
  return privateKey;
}

export interface TestProbot {
  probot: Probot;
  /** Every log line, parsed. */
  logs: LogEntry[];
  /** Deliver a webhook as GitHub would (name, payload, delivery id). */
  receive(name: string, payload: object, id?: string): Promise<void>;
}

let deliveries = 0;

/**
 * A Probot instance for handler tests: authenticated as app 1 with a generated key (so
 * `app.auth()`, `GET /app` and installation tokens go through the real code paths), with the test
 * Octokit (no retries, no throttling) and a logger the test can read. Point it at the simulator
 * with `baseUrl: sim.url` (./simulated-github.ts).
 */
export async function createTestProbot(
  app: ApplicationFunction,
  options: {
    appId?: number;
    baseUrl?: string;
    /** Receives the HTTP handlers the app adds (`/healthz`, `/metrics`); ignored by default. */
    addHandler?: ApplicationFunctionOptions["addHandler"];
  } = {},
): Promise<TestProbot> {
  const logs: LogEntry[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString("utf8").split("\n"))
        if (line.trim()) logs.push(JSON.parse(line) as LogEntry);
      callback();
    },
  });
  const log = pino({ level: "trace" }, stream);
  const probot = new Probot({
    appId: options.appId ?? 1,
    privateKey: testPrivateKey(),
    Octokit: TestOctokit,
    log,
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
  });
  await probot.load(app, { cwd: process.cwd(), addHandler: options.addHandler ?? (() => {}) });
  return {
    probot,
    logs,
    receive: (name, payload, id) =>
      probot.receive({ id: id ?? `delivery-${++deliveries}`, name, payload } as Parameters<
        Probot["receive"]
      >[0]),
  };
}

/** Log lines whose message contains `text`. */
export function logsMatching(logs: readonly LogEntry[], text: string): LogEntry[] {
  return logs.filter((l) => typeof l.msg === "string" && l.msg.includes(text));
}
