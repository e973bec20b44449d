/**
 * Timing for the benchmark. The machine is shared and noisy, so every figure is the median of
 * several runs, and each run records both wall-clock time and this process's CPU time
 * (process.cpuUsage: user + system, all threads). CPU time leaves out the time the operating
 * system gave to other processes; wall time is what a user waits. Targets are judged on CPU time,
 * except a cold first call, whose CPU time also counts V8's background compiler threads.
 */
import { cpuUsage } from "node:process";

/** Milliseconds of one run: wall clock and CPU. */
export interface Sample {
  readonly wallMs: number;
  readonly cpuMs: number;
}

/** Medians over several runs, in milliseconds. */
export interface Timing {
  readonly runs: number;
  readonly wallMs: number;
  readonly cpuMs: number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Times one run of `work`. */
export function sample(work: () => void): Sample {
  const cpu0 = cpuUsage();
  const t0 = performance.now();
  work();
  const wallMs = performance.now() - t0;
  const cpu = cpuUsage(cpu0);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

export function summarize(samples: readonly Sample[]): Timing {
  return {
    runs: samples.length,
    wallMs: median(samples.map((s) => s.wallMs)),
    cpuMs: median(samples.map((s) => s.cpuMs)),
  };
}

/** How long each timed piece first runs untimed, of its own time (ms). */
export const WARMUP_MS = 400;

/**
 * Runs `work` untimed until the JIT has settled (at least twice and for `warmupMs`; LEVER_VALUES,
 * for one, takes about ten passes to reach its steady speed), then `runs` times timed.
 */
export function time(work: () => void, runs: number, warmupMs = WARMUP_MS): Timing {
  const start = performance.now();
  for (let i = 0; i < 2 || performance.now() - start < warmupMs; i++) work();
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) samples.push(sample(work));
  return summarize(samples);
}

/**
 * Several pieces of work timed in turns (a, b, c, a, b, c, ...), so a burst of load from another
 * process falls on all of them alike: the ratios between them are what one run can trust.
 *
 * Each piece is warmed as `time` warms one: at least two runs, and until it has run for warmupMs of
 * its own time (the compiler optimizes what runs hot). A fast piece beside slow ones therefore gets
 * many more warm-up runs than they do: when the warm-up counted the turns' time together, a 2 ms
 * recalculation timed beside a 50 ms one got about 17 warm-up runs, not the 150 or so that 400 ms of
 * its own take, and was timed about a third slower than when warmed fully (bench/twin.ts). Warm-up
 * turns still go round the pieces in order, leaving out the ones already warm. `clock` is for tests.
 */
export function timeInTurns<K extends string>(
  work: Record<K, () => void>,
  runs: number,
  warmupMs = WARMUP_MS,
  clock: () => number = () => performance.now(),
): Record<K, Timing> {
  const keys = Object.keys(work) as K[];
  const spent = new Map<K, number>(keys.map((k) => [k, 0]));
  for (let turn = 0; ; turn++) {
    const cold = keys.filter((k) => turn < 2 || spent.get(k)! < warmupMs);
    if (cold.length === 0) break;
    for (const k of cold) {
      const t0 = clock();
      work[k]();
      spent.set(k, spent.get(k)! + clock() - t0);
    }
  }
  const samples = Object.fromEntries(keys.map((k) => [k, [] as Sample[]])) as Record<K, Sample[]>;
  for (let i = 0; i < runs; i++) for (const k of keys) samples[k].push(sample(work[k]));
  return Object.fromEntries(keys.map((k) => [k, summarize(samples[k])])) as Record<K, Timing>;
}

/** A sink the optimizer cannot see through, so timed work is never dropped as dead code. */
export const sink = { value: 0 };
