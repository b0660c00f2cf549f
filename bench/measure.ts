/**
 * Wall time, CPU time, peak RSS and live heap of one step, in this process (the app's; the simulator runs
 * in its own process unless the harness was started in-process).
 */
export interface Measured<T> {
  value: T;
  wallMs: number;
  cpuMs: number;
  rssMb: number;
  /** Heap in use after a full GC at the end of the step, its result still referenced (needs --expose-gc). */
  heapMb: number | null;
}

const gc = (globalThis as { gc?: () => void }).gc;

export async function measure<T>(fn: () => Promise<T>): Promise<Measured<T>> {
  gc?.();
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  try {
    const value = await fn();
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    peak = Math.max(peak, process.memoryUsage.rss());
    gc?.();
    const heapMb = gc ? process.memoryUsage().heapUsed / 1024 / 1024 : null;
    return { value, wallMs, cpuMs: (cpu.user + cpu.system) / 1000, rssMb: peak / 1024 / 1024, heapMb };
  } finally {
    clearInterval(sampler);
  }
}
