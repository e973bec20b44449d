/**
 * One measurement of the import section (bench/import.ts), run in a fresh Node process:
 *
 *   node --import tsx --expose-gc bench/importChild.ts <product|scanner|papaparse> <file>
 *
 * Loads the readers, opens the file as a Blob (fs.openAsBlob: a size and a stream(), as a File is in
 * the browser), settles (two GCs), notes its idle RSS, then times the read from the first byte to
 * the monthly totals. Peak RSS is sampled every 2 ms by a worker thread (RSS is the process's, so
 * the sampler sees the reader even while it holds the main thread), and also taken from the
 * kernel's high-water mark (process.resourceUsage().maxRSS) when that rose during the read.
 * Prints one line, `RESULT <json>`, and exits.
 */
import { openAsBlob } from "node:fs";
import { basename } from "node:path";
import { Worker } from "node:worker_threads";
import { LeverError } from "../src/core";
import { readExportStream } from "../src/sheet/stream";
import { papaExport, scanExport } from "./scanner";

export type Reader = "product" | "scanner" | "papaparse";

/** List dollars of one month and model as a reader reports them. */
export interface ChildTotal {
  readonly month: string;
  readonly model: string;
  /** Dollars (the product's `list`), or undefined when listMicro is given. */
  readonly list?: number;
  /** Exact micro-dollars (the references). */
  readonly listMicro?: number;
  readonly rows: number;
}

export interface ChildResult {
  readonly reader: Reader;
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly idleRss: number;
  /** Highest RSS seen by the sampler during the read. */
  readonly sampledPeakRss: number;
  /** The kernel's high-water mark before and after the read (bytes). */
  readonly maxRssBefore: number;
  readonly maxRssAfter: number;
  /** Data rows the reader says it read (references: all rows; the product: its last progress report). */
  readonly rows: number;
  readonly bytes: number;
  readonly progressCalls: number;
  readonly totals: readonly ChildTotal[];
  /** The product's error message, when it returned a LeverError. */
  readonly error?: string;
}

const SAMPLER = `
const { workerData, parentPort } = require("node:worker_threads");
const peak = new Float64Array(workerData);
const tick = () => { const r = process.memoryUsage.rss(); if (r > peak[0]) peak[0] = r; };
setInterval(tick, 2);
parentPort.postMessage("ready");
`;

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));
const gc = (globalThis as { gc?: () => void }).gc;

async function main(): Promise<void> {
  const [reader, file] = process.argv.slice(2) as [Reader, string];
  if (!["product", "scanner", "papaparse"].includes(reader) || !file) {
    throw new Error("usage: importChild.ts <product|scanner|papaparse> <file>");
  }
  const shared = new SharedArrayBuffer(8);
  const peak = new Float64Array(shared);
  const sampler = new Worker(SAMPLER, { eval: true, workerData: shared });
  await new Promise((resolve) => sampler.once("message", resolve));
  const blob = await openAsBlob(file);
  const source = { name: basename(file), size: blob.size, stream: () => blob.stream() };

  gc?.();
  await settle();
  gc?.();
  await settle();
  const idleRss = process.memoryUsage.rss();
  const maxRssBefore = process.resourceUsage().maxRSS * 1024;
  peak[0] = idleRss;

  let progressCalls = 0;
  let progress = { bytes: 0, rows: 0 };
  const onProgress = (p: { bytes: number; rows: number }) => {
    progressCalls++;
    progress = p;
  };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const answer =
    reader === "product"
      ? await readExportStream(source, { onProgress })
      : reader === "scanner"
        ? await scanExport(source.stream())
        : await papaExport(source.stream());
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  // One last sample, in case the read ended between two ticks.
  peak[0] = Math.max(peak[0], process.memoryUsage.rss());

  let rows = progress.rows;
  let totals: ChildTotal[] = [];
  let error: string | undefined;
  if (answer instanceof LeverError) error = answer.message;
  else if (typeof answer === "string") error = `the read ended as ${answer}`;
  else if ("months" in answer) {
    totals = answer.months.map((m) => ({ month: m.month, model: m.model, list: m.list, rows: m.rows }));
  } else {
    rows = answer.rows;
    totals = answer.totals.map((t) => ({ ...t }));
  }
  const result: ChildResult = {
    reader,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    idleRss,
    sampledPeakRss: peak[0],
    maxRssBefore,
    maxRssAfter: process.resourceUsage().maxRSS * 1024,
    rows,
    bytes: blob.size,
    progressCalls,
    totals,
    ...(error === undefined ? {} : { error }),
  };
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
  await sampler.terminate();
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
