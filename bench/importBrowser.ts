/**
 * Section 5, import, part (b) of issue 25: the whole import of a Console cost CSV through the BUILT
 * task pane in headless Chromium, as a user does it. The pane is served from the bench's own build
 * (bench/bundle.ts) with Office.js served from @microsoft/office-js (test/browser/harness.ts), so
 * it runs on its in-memory sample workbook; each run is a fresh browser context and page: the pane
 * loads, step 1 "Bring your usage" is opened (#nav-usage), and the file is picked with
 * `page.setInputFiles("#import-file", path)`. The pane reads it in its Web Worker (importWorker.js),
 * writes the monthly totals into the workbook and says "Imported N rows of <file> (...)" in #message.
 *
 * Per run:
 *
 * - wall time, on the page's clock, from the file input's `change` event (setInputFiles) to the
 *   moment #message shows the pane's answer (a MutationObserver installed before the pane loads);
 *   the same seen from here (the setInputFiles call to the answer read back) is kept beside it;
 * - every main-thread long task (PerformanceObserver 'longtask', installed by an init script before
 *   any of the pane's scripts) that overlaps that interval: the longest and how many exceed 50 ms;
 * - memory: the page's JS heap (CDP Performance.getMetrics JSHeapUsedSize, sampled about every
 *   50 ms) at its peak less its idle value just before the file is picked (after a garbage
 *   collection), and the import worker's own heap (the page's CDP session auto-attaches to the
 *   worker; Runtime.getHeapUsage through Target.sendMessageToTarget, about every 50 ms): its peak
 *   of JS heap used, and of JS heap + embedder heap + ArrayBuffer backing stores (the file's chunks);
 *   the worker does not exist before the file is picked, so all of it is above idle;
 * - what was written to the workbook: the UTF-8 bytes of JSON.stringify of every batch of operations
 *   the pane sent through `window.commitLevers.port.batch` (write, addSheet and defineName go through
 *   it too), of every chart spec (`port.addChart`) and of every document-settings save (the in-memory
 *   workbook's `setSettings`, which the port's own ownership record also goes through); the calls are
 *   wrapped before the file is picked and only keep references, so the sizes are computed after the
 *   import, outside the timed interval. The in-memory workbook's own time applying the batches (with
 *   its recalculation of the model, which Excel does in its own process) is timed too, as part of
 *   the main thread's work that would not be the pane's inside Excel.
 *
 * A run whose answer is not "Imported <rows> rows of <file> (" is a failure: what the pane said, with
 * the page's console errors and uncaught errors, is reported instead of figures.
 */
import { existsSync } from "node:fs";
import { basename, join } from "node:path";
import { chromium, type BrowserContext, type CDPSession, type Page } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS, routeLocally, serve } from "../test/browser/harness";
import type { ChildTotal } from "./importChild";
import { median } from "./measure";

/** How long one import may take before the run is reported as never answered. */
const ANSWER_TIMEOUT_MS = 180_000;
/** How long the pane may take to set its ready marker after loading. */
const READY_TIMEOUT_MS = 30_000;
/** Aim of the memory samplers' interval. */
const SAMPLE_MS = 50;
/** A main-thread task longer than this is "long" (the Long Tasks API's own threshold). */
export const LONG_TASK_MS = 50;

/** One run's figures. */
export interface PaneRun {
  /** Page clock: the input's change event to the pane's answer in #message. */
  readonly wallMs: number;
  /** Seen from Node: the setInputFiles call to the answer read back. */
  readonly outsideMs: number;
  /** Of the wall time: until the pane shows "writing the monthly totals" (the worker's read), and the rest (writing, refresh). */
  readonly readMs: number | undefined;
  /** Main-thread long tasks (≥ 50 ms, the API's threshold) overlapping the import. */
  readonly longTasks: readonly LongTask[];
  readonly pageIdleBytes: number;
  readonly pagePeakAboveIdle: number;
  readonly pageSamples: number;
  /** The import worker's peak JS heap used, and of JS + embedder heap + ArrayBuffer backing stores; undefined if never sampled. */
  readonly workerPeakUsed: number | undefined;
  readonly workerPeakAll: number | undefined;
  readonly workerSamples: number;
  /** Whether the page started a worker for the read (page.on("worker") saw importWorker.js). */
  readonly worker: boolean;
  /** UTF-8 bytes of JSON of what the pane sent: batches of operations, chart specs, settings saves. */
  readonly written: Written;
  /** The monthly table the pane wrote (Month, Model, List $, Rows), to check against the reference scanner. */
  readonly totals: readonly ChildTotal[];
  readonly message: string;
}

/** A main-thread long task: when it started (ms after the pick), how long it took, and in which part of the import. */
export interface LongTask {
  readonly at: number;
  readonly ms: number;
  /**
   * pick: the task that delivered the change event; read: one that ended before the pane showed
   * "writing the monthly totals"; write: the one that showed it (it handled the worker's answer) or later.
   */
  readonly phase: "pick" | "read" | "write";
}

export interface Written {
  readonly batches: number;
  readonly ops: number;
  readonly opsBytes: number;
  readonly charts: number;
  readonly chartBytes: number;
  readonly settings: number;
  readonly settingsBytes: number;
  /**
   * Milliseconds the in-memory workbook spent applying the batches (with its own recalculation of
   * the model's formulas): on the pane's thread here, in Excel's process inside Excel.
   */
  readonly hostMs: number;
}

/** Medians over the runs of one file through the pane. */
export interface PaneFigures {
  readonly runs: number;
  /** Chromium's version. */
  readonly browser: string;
  readonly wallMs: number;
  readonly outsideMs: number;
  /** Of the wall time, the worker's read (median), when the pane showed it. */
  readonly readMs: number | undefined;
  readonly longestTaskMs: number;
  /** The longest task of each run, with when and in which part of the import. */
  readonly longest: readonly (LongTask | undefined)[];
  /** The longest task of any run. */
  readonly maxLongestTaskMs: number;
  /** Tasks over 50 ms during an import (median over runs; and the most in any run). */
  readonly tasksOver50: number;
  readonly maxTasksOver50: number;
  readonly pageIdleBytes: number;
  readonly pagePeakBytes: number;
  readonly workerPeakUsed: number | undefined;
  readonly workerPeakAll: number | undefined;
  /** Page peak above idle + the worker's peak of everything: a bound on what the import holds at once. */
  readonly memoryBytes: number;
  readonly maxMemoryBytes: number;
  readonly writtenBytes: number;
  readonly written: Written;
  /** The in-memory workbook's own time applying the batches (Written.hostMs), median. */
  readonly hostMs: number;
  readonly worker: boolean;
  readonly samples: { readonly page: number; readonly worker: number };
  /** Each run's monthly table as written (checked against the reference scanner by bench/import.ts). */
  readonly runTotals: readonly (readonly ChildTotal[])[];
  readonly message: string;
  /** Page errors and console errors seen in any run (deduplicated). */
  readonly errors: readonly string[];
}

/** A run that did not import: what the pane said (or why nothing was said), and the page's errors. */
export interface PaneFailure {
  readonly failed: string;
  readonly errors: readonly string[];
}

export type PaneResult = PaneFigures | PaneFailure | { readonly skipped: string };

/*
 * Page scripts are strings, not functions: tsx compiles functions with a `__name` helper that does
 * not exist in the page.
 */

/** Runs in the page before any of its scripts: long tasks, the pick (change event) and the pane's answer. */
const WATCH = `
  window.__benchLong = [];
  try {
    new PerformanceObserver(function (list) {
      list.getEntries().forEach(function (e) { window.__benchLong.push([e.startTime, e.duration]); });
    }).observe({ type: "longtask", buffered: true });
  } catch (e) {
    window.__benchLongError = String(e);
  }
  window.__benchImport = {};
  window.__benchDone = new Promise(function (resolve) { window.__benchResolve = resolve; });
  document.addEventListener("change", function (e) {
    if (e.target && e.target.id === "import-file" && window.__benchImport.start === undefined) {
      window.__benchImport.start = performance.now();
    }
  }, true);
  function check() {
    var s = window.__benchImport;
    if (s.start === undefined || s.end !== undefined) return;
    if (s.writing === undefined) {
      var p = document.querySelector('[data-testid="import-progress"]');
      if (p && (p.textContent || "").indexOf("writing the monthly totals") >= 0) s.writing = performance.now();
    }
    var m = document.getElementById("message");
    if (!m || m.hidden || !m.textContent) return;
    s.end = performance.now();
    s.text = m.textContent;
    s.kind = m.className;
    window.__benchResolve(s);
  }
  new MutationObserver(check).observe(document, {
    subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ["hidden"]
  });
  window.__benchReadyAt = undefined;
  new MutationObserver(function () {
    if (window.__benchReadyAt === undefined && document.body && document.body.dataset.ready === "true") {
      window.__benchReadyAt = performance.now();
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-ready"] });
`;

/** Wraps what the pane writes through, keeping references only (sized after the import). */
const WRAP_WRITES = `(function () {
  var hook = window.commitLevers;
  if (!hook || !hook.port) return "window.commitLevers.port is missing";
  var kept = window.__benchWrites = { batches: [], charts: [], settings: [] };
  var port = hook.port;
  var batch = port.batch;
  port.batch = function (ops, options) { kept.batches.push(ops); return batch.call(this, ops, options); };
  var addChart = port.addChart;
  port.addChart = function (spec) { kept.charts.push(spec); return addChart.call(this, spec); };
  var host = hook.workbook;
  kept.hostMs = 0;
  if (host && host.apply) {
    var apply = host.apply;
    host.apply = function (ops) {
      var t = performance.now();
      var done = apply.call(this, ops);
      var add = function () { kept.hostMs += performance.now() - t; };
      done.then(add, add);
      return done;
    };
  }
  if (host && host.setSettings) {
    var setSettings = host.setSettings;
    host.setSettings = function (entries) { kept.settings.push(entries); return setSettings.call(this, entries); };
  } else {
    var portSettings = port.setSettings;
    port.setSettings = function (entries) { kept.settings.push(entries); return portSettings.call(this, entries); };
  }
  return "";
})()`;

/** The sizes of what was kept: UTF-8 bytes of each item's JSON. */
const SIZE_WRITES = `(function () {
  var k = window.__benchWrites;
  var enc = new TextEncoder();
  var size = function (items) { var n = 0; items.forEach(function (x) { n += enc.encode(JSON.stringify(x)).length; }); return n; };
  var ops = 0;
  var table = null;
  k.batches.forEach(function (b) {
    ops += b.length;
    b.forEach(function (op) {
      var head = op.kind === "write" && op.cells[0];
      if (!head || !head[0] || head[0].value !== "Month" || !head[1] || head[1].value !== "Model") return;
      var names = head.map(function (c) { return c && c.value; });
      var list = names.indexOf("List $");
      var rows = names.indexOf("Rows");
      table = op.cells.slice(1).map(function (r) {
        return [r[0].value, r[1].value, list < 0 ? null : r[list].value, rows < 0 ? null : r[rows].value];
      });
    });
  });
  return {
    batches: k.batches.length, ops: ops, opsBytes: size(k.batches),
    charts: k.charts.length, chartBytes: size(k.charts),
    settings: k.settings.length, settingsBytes: size(k.settings),
    hostMs: k.hostMs,
    table: table
  };
})()`;

/** Month, Model, List $ and Rows of one row of the monthly table the pane wrote. */
type TableRow = [string, string, number | null, number | null];

interface Answer {
  readonly start: number;
  readonly writing?: number;
  readonly end: number;
  readonly text: string;
  readonly kind: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for `promise`, or rejects after `ms` saying `what`. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The import worker's heap, through the page's CDP session: auto-attach (not flattened: Playwright's
 * CDPSession cannot address a child session) and Runtime.getHeapUsage by Target.sendMessageToTarget.
 */
class WorkerHeap {
  private readonly sessions = new Set<string>();
  private readonly pending = new Map<number, (reply: { result?: HeapUsage; error?: unknown }) => void>();
  private nextId = 1;
  attached = 0;
  peakUsed: number | undefined;
  peakAll: number | undefined;
  samples = 0;

  constructor(private readonly session: CDPSession) {
    session.on("Target.attachedToTarget", (e) => {
      if (e.targetInfo.type === "worker") {
        this.sessions.add(e.sessionId);
        this.attached++;
      }
    });
    session.on("Target.detachedFromTarget", (e) => {
      if (e.sessionId) this.sessions.delete(e.sessionId);
    });
    session.on("Target.receivedMessageFromTarget", (e) => {
      const reply = JSON.parse(e.message) as { id?: number; result?: HeapUsage; error?: unknown };
      const resolve = reply.id === undefined ? undefined : this.pending.get(reply.id);
      if (reply.id !== undefined && resolve) {
        this.pending.delete(reply.id);
        resolve(reply);
      }
    });
  }

  async start(): Promise<void> {
    await this.session.send("Target.setAutoAttach", {
      autoAttach: true,
      waitForDebuggerOnStart: false,
      flatten: false,
    });
  }

  private heapOf(sessionId: string): Promise<HeapUsage | undefined> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, (reply) => resolve(reply.result));
      this.session
        .send("Target.sendMessageToTarget", {
          sessionId,
          message: JSON.stringify({ id, method: "Runtime.getHeapUsage", params: {} }),
        })
        .catch(() => {
          // The worker ended (the read is done): no answer will come.
          this.pending.delete(id);
          resolve(undefined);
        });
    });
  }

  /** One sample of every attached worker. */
  async sample(): Promise<void> {
    for (const sessionId of [...this.sessions]) {
      const heap = await within(this.heapOf(sessionId), 5_000, "no heap usage").catch(() => undefined);
      if (!heap) continue;
      const all = heap.usedSize + (heap.embedderHeapUsedSize ?? 0) + (heap.backingStorageSize ?? 0);
      this.peakUsed = Math.max(this.peakUsed ?? 0, heap.usedSize);
      this.peakAll = Math.max(this.peakAll ?? 0, all);
      this.samples++;
    }
  }
}

interface HeapUsage {
  readonly usedSize: number;
  readonly totalSize: number;
  readonly embedderHeapUsedSize?: number;
  readonly backingStorageSize?: number;
}

async function pageHeap(session: CDPSession): Promise<number> {
  const { metrics } = await session.send("Performance.getMetrics");
  return metrics.find((m) => m.name === "JSHeapUsedSize")?.value ?? NaN;
}

/** Calls `sample` about every SAMPLE_MS until `stop()`; resolves when the last sample is in. */
function sampler(sample: () => Promise<void>): { stop: () => Promise<void> } {
  let running = true;
  const loop = (async () => {
    while (running) {
      const t0 = performance.now();
      await sample().catch(() => undefined);
      await sleep(Math.max(0, SAMPLE_MS - (performance.now() - t0)));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

/** What the page showed, in one line, when something went wrong. */
async function shown(page: Page): Promise<string> {
  const text = await page.textContent("body").catch(() => null);
  return (text ?? "").replace(/\s+/g, " ").trim().slice(0, 300);
}

/** One import in a fresh context: a run's figures, or a failure in words. */
async function importOnce(
  context: BrowserContext,
  base: string,
  file: string,
  rows: number,
  errors: string[],
): Promise<PaneRun | PaneFailure> {
  const page = await context.newPage();
  page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console error: ${m.text()}`);
  });
  let worker = false;
  page.on("worker", (w) => {
    if (w.url().endsWith("importWorker.js")) worker = true;
  });
  /** A failure in words; with what the page showed unless the pane's own answer says it. */
  const fail = async (what: string, answered = false): Promise<PaneFailure> => ({
    failed: answered ? what : `${what}; the page showed: "${await shown(page)}"`,
    errors: [...new Set(errors)],
  });
  await page.addInitScript({ content: WATCH });
  const session = await context.newCDPSession(page);
  await session.send("Performance.enable");
  const workers = new WorkerHeap(session);
  await workers.start();
  await page.goto(`${base}taskpane.html`, { waitUntil: "load" });
  const deadline = performance.now() + READY_TIMEOUT_MS;
  while (!(await page.evaluate<boolean>("window.__benchReadyAt !== undefined"))) {
    if (performance.now() > deadline)
      return fail(`the pane never set body[data-ready] within ${READY_TIMEOUT_MS / 1000} s`);
    await sleep(20);
  }
  // Step 1, "Bring your usage", as a user opens it (the pane may already show it).
  await page.click("#nav-usage", { timeout: 10_000 }).catch(() => undefined);
  if ((await page.locator("#import-file").count()) === 0) return fail("step 1 shows no #import-file");
  const wrapped = await page.evaluate<string>(WRAP_WRITES);
  if (wrapped) return fail(wrapped);

  // Idle: after a garbage collection, with the pane on step 1 and nothing under way.
  await session.send("HeapProfiler.collectGarbage");
  await sleep(200);
  const idle = median([await pageHeap(session), await pageHeap(session), await pageHeap(session)]);
  let pagePeak = idle;
  let pageSamples = 0;
  const pageSampler = sampler(async () => {
    const heap = await pageHeap(session);
    if (Number.isFinite(heap)) {
      pagePeak = Math.max(pagePeak, heap);
      pageSamples++;
    }
  });
  const workerSampler = sampler(() => workers.sample());

  const t0 = performance.now();
  let answer: Answer;
  try {
    await page.setInputFiles("#import-file", file);
    answer = await within(page.evaluate<Answer>("window.__benchDone"), ANSWER_TIMEOUT_MS, "the pane gave no answer");
  } catch (e) {
    await pageSampler.stop();
    await workerSampler.stop();
    return fail(e instanceof Error ? e.message.split("\n")[0]! : String(e));
  }
  const outsideMs = performance.now() - t0;
  await pageSampler.stop();
  await workerSampler.stop();
  const expected = `Imported ${rows.toLocaleString("en-US")} rows of ${basename(file)} (`;
  if (!answer.text.startsWith(expected)) {
    return fail(
      `the pane answered (#message class "${answer.kind}") "${answer.text}" instead of "${expected}..."`,
      true,
    );
  }
  // Long-task entries are delivered after their task: let the observer catch up.
  await sleep(300);
  const longs = await page.evaluate<[number, number][]>("window.__benchLong");
  const longError = await page.evaluate<string | undefined>("window.__benchLongError");
  if (longError) return fail(`no long-task observer in the page (${longError})`);
  const longTasks = longs
    .filter(([s, d]) => s + d >= answer.start && s <= answer.end)
    .map(([s, d]): LongTask => {
      const phase =
        s < answer.start ? "pick" : answer.writing === undefined || s + d < answer.writing ? "read" : "write";
      return { at: s - answer.start, ms: d, phase };
    });
  const { table, ...written } = await page.evaluate<Written & { table: TableRow[] | null }>(SIZE_WRITES);
  if (!table) return fail("no monthly table (a write headed Month, Model) among the batches the pane sent");
  if (table.some((r) => typeof r[2] !== "number" || typeof r[3] !== "number"))
    return fail("the monthly table the pane wrote has no List $ or Rows column");
  await page.close();
  return {
    wallMs: answer.end - answer.start,
    outsideMs,
    readMs: answer.writing === undefined ? undefined : answer.writing - answer.start,
    longTasks,
    pageIdleBytes: idle,
    pagePeakAboveIdle: pagePeak - idle,
    pageSamples,
    workerPeakUsed: workers.peakUsed,
    workerPeakAll: workers.peakAll,
    workerSamples: workers.samples,
    worker,
    written,
    totals: table.map(([month, model, list, n]) => ({ month, model, list: list!, rows: n! })),
    message: answer.text,
  };
}

/** A run's longest main-thread task during the import, if any. */
const longestOf = (r: PaneRun) =>
  r.longTasks.reduce<LongTask | undefined>((a, t) => (a === undefined || t.ms > a.ms ? t : a), undefined);
const writtenBytes = (w: Written) => w.opsBytes + w.chartBytes + w.settingsBytes;
const memoryOf = (r: PaneRun) => r.pagePeakAboveIdle + (r.workerPeakAll ?? 0);

/**
 * Imports `file` (`rows` data rows) through the pane built in `dir`, `runs` times, each in a fresh
 * browser context, and takes the medians; the first failure ends the measurement and is returned.
 */
export async function paneImport(
  dir: string,
  file: string,
  rows: number,
  runs: number,
  log: (line: string) => void = () => undefined,
): Promise<PaneResult> {
  if (!existsSync(CHROMIUM)) return { skipped: `${CHROMIUM} is missing (apt-get install chromium)` };
  if (!existsSync(join(dir, "taskpane.html"))) return { skipped: "no taskpane.html in the build" };
  const server = await serve(dir);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const version = browser.version();
  const errors: string[] = [];
  const done: PaneRun[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext({ viewport: { width: 320, height: 800 } });
      const stray: string[] = [];
      await routeLocally(context, server.base, stray);
      try {
        const r = await importOnce(context, server.base, file, rows, errors);
        if ("failed" in r) return r;
        if (stray.length > 0) errors.push(`outside requests refused: ${[...new Set(stray)].join(", ")}`);
        done.push(r);
        const over = r.longTasks.filter((t) => t.ms > LONG_TASK_MS).length;
        const top = longestOf(r);
        log(
          `     run ${run + 1}/${runs} pane      ${(r.wallMs / 1000).toFixed(2)} s wall, longest main-thread task ${top ? `${Math.round(top.ms)} ms (${top.phase}, at +${Math.round(top.at)} ms)` : "none"}, ${over} over ${LONG_TASK_MS} ms (in-memory workbook ${Math.round(r.written.hostMs)} ms), page heap +${(r.pagePeakAboveIdle / 1e6).toFixed(1)} MB, worker ${r.workerPeakAll === undefined ? "not sampled" : `${(r.workerPeakAll / 1e6).toFixed(1)} MB`}, ${(writtenBytes(r.written) / 1000).toFixed(1)} KB written`,
        );
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const longest = done.map((r) => longestOf(r)?.ms ?? 0);
  const over = done.map((r) => r.longTasks.filter((t) => t.ms > LONG_TASK_MS).length);
  const maybe = (values: readonly (number | undefined)[]) => {
    const known = values.filter((v): v is number => v !== undefined);
    return known.length === values.length ? median(known) : undefined;
  };
  const last = done[done.length - 1]!;
  return {
    runs: done.length,
    browser: version,
    wallMs: median(done.map((r) => r.wallMs)),
    outsideMs: median(done.map((r) => r.outsideMs)),
    readMs: maybe(done.map((r) => r.readMs)),
    longestTaskMs: median(longest),
    longest: done.map(longestOf),
    maxLongestTaskMs: longest.reduce((a, b) => Math.max(a, b), 0),
    tasksOver50: median(over),
    maxTasksOver50: over.reduce((a, b) => Math.max(a, b), 0),
    pageIdleBytes: median(done.map((r) => r.pageIdleBytes)),
    pagePeakBytes: median(done.map((r) => r.pagePeakAboveIdle)),
    workerPeakUsed: maybe(done.map((r) => r.workerPeakUsed)),
    workerPeakAll: maybe(done.map((r) => r.workerPeakAll)),
    memoryBytes: median(done.map(memoryOf)),
    maxMemoryBytes: done.map(memoryOf).reduce((a, b) => Math.max(a, b), 0),
    writtenBytes: median(done.map((r) => writtenBytes(r.written))),
    written: last.written,
    hostMs: median(done.map((r) => r.written.hostMs)),
    worker: done.every((r) => r.worker),
    samples: {
      page: done.reduce((a, r) => Math.min(a, r.pageSamples), Infinity),
      worker: done.reduce((a, r) => Math.min(a, r.workerSamples), Infinity),
    },
    runTotals: done.map((r) => r.totals),
    message: last.message,
    errors: [...new Set(errors)],
  };
}
