import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { startSimulator } from "../test/simulator/index.js";
import { createSimHost, type Remote, type SimHost } from "./sim-host.js";

/**
 * The simulator in its own process: the benchmark's process then holds only the app, so its CPU
 * time and RSS are the app's. Requests cross real loopback sockets either way; the seeding and
 * counting commands cross the IPC channel as plain data.
 */

interface Call {
  id: number;
  method: keyof SimHost;
  args: unknown[];
}
type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

/** Start the simulator in a child process and return a proxy to it. */
export async function forkedSimulator(latencyMs: number): Promise<Remote<SimHost>> {
  const child = fork(fileURLToPath(import.meta.url), ["--child", String(latencyMs)], {
    serialization: "advanced",
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    execArgv: ["--max-old-space-size=4096"],
  });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let next = 0;
  let exited = false;
  child.on("message", (reply: Reply) => {
    const waiter = pending.get(reply.id);
    if (!waiter) return;
    pending.delete(reply.id);
    if (reply.ok) waiter.resolve(reply.value);
    else waiter.reject(new Error(`simulator: ${reply.error}`));
  });
  child.on("exit", (code) => {
    exited = true;
    for (const waiter of pending.values()) waiter.reject(new Error(`simulator process exited (${code})`));
    pending.clear();
  });
  const call = (method: keyof SimHost, args: unknown[]) =>
    new Promise<unknown>((resolve, reject) => {
      if (exited) return reject(new Error("simulator process has exited"));
      const id = ++next;
      pending.set(id, { resolve, reject });
      child.send({ id, method, args } satisfies Call);
    });
  await new Promise<void>((resolve, reject) => {
    child.once("message", () => resolve());
    child.once("exit", (code) => reject(new Error(`simulator process exited at start (${code})`)));
  });
  const methods: (keyof SimHost)[] = [
    "url",
    "setLatency",
    "mark",
    "counts",
    "clearLog",
    "reset",
    "token",
    "seedMerge",
    "seedCheck",
    "checkRuns",
    "seedSweep",
    "repoSummary",
  ];
  const remote = Object.fromEntries(methods.map((m) => [m, (...args: unknown[]) => call(m, args)])) as Record<
    string,
    unknown
  >;
  remote.close = async () => {
    if (exited) return;
    await call("close", []).catch(() => {});
    child.disconnect();
    await new Promise<void>((resolve) => (exited ? resolve() : child.once("exit", () => resolve())));
  };
  return remote as Remote<SimHost>;
}

async function serve(latencyMs: number): Promise<void> {
  const sim = await startSimulator({ latencyMs });
  const host = createSimHost(sim);
  process.on("message", async (call: Call) => {
    let reply: Reply;
    try {
      const fn = host[call.method] as (...args: unknown[]) => unknown;
      reply = { id: call.id, ok: true, value: await fn(...call.args) };
    } catch (error) {
      reply = {
        id: call.id,
        ok: false,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      };
    }
    process.send?.(reply);
  });
  process.on("disconnect", () => {
    void sim.close().finally(() => process.exit(0));
  });
  process.send?.({ ready: true });
}

if (process.argv[2] === "--child") await serve(Number(process.argv[3] ?? 0));
