/**
 * Section 4, size and start-up: the shipped bundles' minified and gzip sizes, and the task pane's
 * first render in headless Chromium. The pane is served from the bench's own build over a local
 * http server, with the Office.js CDN routed to @microsoft/office-js's copy (Office.onReady resolves
 * with no host), so the pane starts on its in-memory sample workbook as it does outside Excel.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, Page } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS, routeLocally, serve } from "../test/browser/harness";
import { median } from "./measure";

export { CHROMIUM };
/** How long a load may take to reach the pane's ready marker before the page is reported as not ready. */
const READY_TIMEOUT_MS = 10_000;

export interface BundleSize {
  readonly file: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

/** Sizes of the bundles the add-in ships (gzip at level 9, as a server would send them). */
export function bundleSizes(dir: string, files: readonly string[]): BundleSize[] {
  return files
    .filter((file) => existsSync(join(dir, file)))
    .map((file) => {
      const content = readFileSync(join(dir, file));
      return { file, bytes: statSync(join(dir, file)).size, gzipBytes: gzipSync(content, { level: 9 }).length };
    });
}

/** Milliseconds from navigation start, medians over the runs; undefined when a run never reached it. */
export interface RenderTiming {
  readonly runs: number;
  readonly domContentLoaded: number;
  readonly firstContentfulPaint: number | undefined;
  /** The pane's own marker: body[data-ready=true], set once it has read the workbook and rendered its figures. */
  readonly ready: number | undefined;
  /** What the page holds, if it is not the pane (the page may still be being written). */
  readonly note: string | undefined;
  readonly errors: readonly string[];
}

/*
 * Page scripts are strings, not functions: tsx compiles functions with a `__name` helper that does
 * not exist in the page.
 */

/** Runs in the page before any of its scripts: notes when the pane sets its ready marker. */
const WATCH_READY = `
  new MutationObserver(function () {
    if (window.__benchReady === undefined && document.body && document.body.dataset.ready === "true") {
      window.__benchReady = performance.now();
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-ready"] });
`;

/** The page's timings, read once the pane is ready and a frame has painted. */
const READ_TIMINGS = `new Promise(function (resolve) {
  requestAnimationFrame(function () {
    setTimeout(function () {
      var nav = performance.getEntriesByType("navigation")[0];
      var fcp = performance.getEntriesByName("first-contentful-paint")[0];
      resolve({ dcl: nav ? nav.domContentLoadedEventEnd : NaN, fcp: fcp && fcp.startTime, ready: window.__benchReady });
    }, 0);
  });
})`;

interface PageTiming {
  readonly dcl: number;
  readonly fcp: number | undefined;
  readonly ready: number | undefined;
}

/**
 * Whether the pane sets its ready marker within `timeoutMs`, polled from here. Not
 * `page.waitForFunction`: its polling evaluates the predicate as a string in the page, which the
 * pane's Content Security Policy (no 'unsafe-eval') refuses, so a pane not yet ready at the first
 * check was reported as never ready, with a CSP error of the bench's own among the page's errors.
 */
async function readyWithin(page: Page, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (await page.evaluate<boolean>("window.__benchReady !== undefined")) return true;
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Loads taskpane.html `runs` times (after one untimed load), each in a new browser context (a cold
 * cache, as a pane opening for the first time), and takes the medians.
 */
export async function firstRender(dir: string, runs: number): Promise<RenderTiming> {
  if (!existsSync(join(dir, "taskpane.html"))) {
    return {
      runs: 0,
      domContentLoaded: NaN,
      firstContentfulPaint: undefined,
      ready: undefined,
      note: "no taskpane.html in the build",
      errors: [],
    };
  }
  const server = await serve(dir);
  const base = server.base;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const errors: string[] = [];
  const timings: PageTiming[] = [];
  let note: string | undefined;
  try {
    for (let i = 0; i <= runs; i++) {
      const context = await browser.newContext({ viewport: { width: 320, height: 800 } });
      await routeLocally(context, base, []);
      const page = await context.newPage();
      page.on("pageerror", (e) => errors.push(e.message));
      await page.addInitScript({ content: WATCH_READY });
      await page.goto(`${base}taskpane.html`, { waitUntil: "load" });
      const ready = await readyWithin(page, READY_TIMEOUT_MS);
      if (!ready) {
        const shown = (await page.textContent("body"))?.replace(/\s+/g, " ").trim().slice(0, 120);
        const which = i === 0 ? "the untimed first load" : `timed load ${i} of ${runs}`;
        note = `In ${which} the pane never set body[data-ready] within ${READY_TIMEOUT_MS / 1000} s; the page showed: ${shown}`;
      }
      const timing = await page.evaluate<PageTiming>(READ_TIMINGS);
      if (i > 0) timings.push(timing);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const med = (values: (number | undefined)[]) => {
    const known = values.filter((v): v is number => v !== undefined);
    return known.length === values.length ? median(known) : undefined;
  };
  return {
    runs,
    domContentLoaded: median(timings.map((t) => t.dcl)),
    firstContentfulPaint: med(timings.map((t) => t.fcp)),
    ready: med(timings.map((t) => t.ready)),
    note,
    errors: [...new Set(errors)],
  };
}
