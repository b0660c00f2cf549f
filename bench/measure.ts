/**
 * Wall time, CPU time and peak RSS of one step, in this process (the app's; the simulator runs
 * in its own process unless the harness was started in-process).
 */
export interface Measured<T> {
  value: T;
  wallMs: number;
  cpuMs: number;
  rssMb: number;
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
    return { value, wallMs, cpuMs: (cpu.user + cpu.system) / 1000, rssMb: peak / 1024 / 1024 };
  } finally {
    clearInterval(sampler);
  }
}
