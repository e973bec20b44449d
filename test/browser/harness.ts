/**
 * What every browser check shares (the pane and preview tests, and the bench's first-render
 * timing): Debian's Chromium with the flags this machine needs, a static server for a built folder
 * on 127.0.0.1, and routing that answers Office.js's CDN folder with the real library from
 * node_modules/@microsoft/office-js/dist/ (office.js loads further files relative to its own
 * address; what the package does not hold is a 404), or, where a test needs Excel to fail, with a
 * stub; every other outside request is refused and recorded so a test can fail on it.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, Server } from "node:http";
import { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize, sep } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { BrowserContext, chromium, Page } from "playwright-core";
import { CHROMIUM, ensureChromium } from "../../scripts/chromium";

export { CHROMIUM };

/** Headless, no sandbox (root), and no background connections: this machine has no outside network. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** The Office.js CDN folder the pages load office.js from (and office.js its host and locale files). */
export const OFFICE_JS_BASE = "https://appsforoffice.microsoft.com/lib/1/hosted/";
export const OFFICE_JS = `${OFFICE_JS_BASE}office.js`;

/** The real library, as @microsoft/office-js ships the CDN's files. */
export const OFFICE_JS_DIR = join(__dirname, "..", "..", "node_modules", "@microsoft", "office-js", "dist");

/**
 * The one Office.js stand-in left: Office.onReady says Excel, and every Excel call fails, as when the
 * workbook cannot be reached. The pane shows its failure with "Try again" (test/browser/a11y.test.ts).
 */
export const OFFICE_FAILING = readFileSync(join(__dirname, "office-failing.js"), "utf8");

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".json": "application/json",
  ".xml": "application/xml",
  ".map": "application/json",
};

/**
 * Makes sure Chromium is installed: as root, installs it with apt-get (once; jest.browser.config.js's
 * globalSetup normally has already); otherwise fails with the command to run (scripts/chromium.ts).
 */
export function requireChromium(): void {
  ensureChromium();
}

/** Serves `dir` on 127.0.0.1 at a free port. */
export async function serve(dir: string): Promise<{ base: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)).replace(
      /^(\.\.[/\\])+/,
      "",
    );
    const file = join(dir, path);
    if (!file.startsWith(dir) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * A file of the real Office.js by its CDN address, or undefined when the package does not hold it
 * (or the address climbs out of the folder).
 */
export function officeFile(url: string): { body: Buffer; contentType: string } | undefined {
  if (!url.startsWith(OFFICE_JS_BASE)) return undefined;
  const relative = decodeURIComponent(url.slice(OFFICE_JS_BASE.length).split(/[?#]/)[0]!);
  const file = normalize(join(OFFICE_JS_DIR, relative));
  if (!file.startsWith(OFFICE_JS_DIR + sep) || !existsSync(file) || statSync(file).isDirectory()) return undefined;
  return { body: readFileSync(file), contentType: TYPES[extname(file)] ?? "application/octet-stream" };
}

/**
 * Where the real office.js sends its own logs: outside Office, 3 seconds after it loads, its ULS
 * logger (o15apptofilemappingtable.js, ULSEndpointProxy) adds a hidden iframe with this page. It is
 * the library's request, not the add-in's: refused like any other, but recorded apart from `stray`.
 */
export const OFFICE_TELEMETRY =
  "https://telemetryservice.firstpartyapps.oaspapps.com/telemetryservice/telemetryproxy.html";

/** How Office.js is answered: the real library (default), the real library with a script after it, or a stub. */
export type OfficeRouting =
  | string
  | {
      /** A script run right after the real office.js. */
      readonly after?: string;
      /** Office.js CDN addresses the package does not hold (answered 404). */
      readonly missing?: string[];
      /** Requests for OFFICE_TELEMETRY (refused). */
      readonly telemetry?: string[];
    };

/**
 * Routes a browser context: the Office.js CDN folder gets the real library (`office` a string: that
 * stub for office.js itself, and 404 for the rest; `office.after`: a script run right after the real
 * office.js; the addresses answered 404 pushed to `office.missing`), the local server passes,
 * anything else is refused and its address pushed to `stray` (the library's own telemetry frame to
 * `office.telemetry` instead).
 */
export async function routeLocally(context: BrowserContext, base: string, stray: string[], office: OfficeRouting = {}) {
  await context.route("**/*", async (route) => {
    const url = route.request().url();
    if (url.startsWith(OFFICE_JS_BASE)) {
      const text = "text/javascript; charset=utf-8";
      if (typeof office === "string") {
        if (url === OFFICE_JS) return route.fulfill({ status: 200, contentType: text, body: office });
        return route.fulfill({ status: 404 });
      }
      const file = officeFile(url);
      if (!file) {
        office.missing?.push(url);
        return route.fulfill({ status: 404 });
      }
      if (url === OFFICE_JS && office.after) {
        const body = `${file.body.toString("utf8")}\n;${office.after}\n`;
        return route.fulfill({ status: 200, contentType: text, body });
      }
      return route.fulfill({ status: 200, contentType: file.contentType, body: file.body });
    }
    if (url.startsWith(base)) return route.continue();
    if (url === OFFICE_TELEMETRY && typeof office !== "string") office.telemetry?.push(url);
    else stray.push(url);
    return route.abort();
  });
}

export interface BrowserSession {
  readonly context: BrowserContext;
  readonly page: Page;
  /** The local server's address, ending in "/". */
  readonly base: string;
  /** Outside addresses the page tried to reach (all refused). */
  readonly stray: string[];
  /** Office.js CDN addresses the real library asked for and the package does not hold (answered 404). */
  readonly officeMissing: string[];
  /** The real library's own telemetry frame (OFFICE_TELEMETRY), refused: its address each time it was asked for. */
  readonly officeTelemetry: string[];
  close(): Promise<void>;
}

export interface BrowserOptions {
  readonly viewport: { width: number; height: number };
  /** A stand-in served as office.js instead of the real library (OFFICE_FAILING: Excel calls fail). */
  readonly officeStub?: string;
  /** A script run right after the real office.js (a test's Office.context.officeTheme, say). */
  readonly afterOfficeJs?: string;
}

/** Chromium on a fresh temporary profile, looking at `dir` through the local server. */
export async function openBrowser(dir: string, options: BrowserOptions): Promise<BrowserSession> {
  requireChromium();
  const server = await serve(dir);
  const profile = mkdtempSync(join(tmpdir(), "commit-levers-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: options.viewport,
    args: CHROMIUM_ARGS,
  });
  const stray: string[] = [];
  const officeMissing: string[] = [];
  const officeTelemetry: string[] = [];
  const office: OfficeRouting = options.officeStub ?? {
    after: options.afterOfficeJs,
    missing: officeMissing,
    telemetry: officeTelemetry,
  };
  await routeLocally(context, server.base, stray, office);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    base: server.base,
    stray,
    officeMissing,
    officeTelemetry,
    async close() {
      await context.close();
      await server.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The built add-in the browser suites load. */
export const DIST = join(__dirname, "..", "..", "dist");

/**
 * dist/taskpane.html in a fresh browser at the task pane's width (320 x 800 unless told), loaded and
 * ready (`body[data-ready=true]`), every uncaught page error pushed to `pageErrors` from the start.
 */
export async function openPane(pageErrors: string[], options: Partial<BrowserOptions> = {}): Promise<BrowserSession> {
  if (!existsSync(join(DIST, "taskpane.html")))
    throw new Error("dist/taskpane.html is missing: run npm run build first.");
  const session = await openBrowser(DIST, { viewport: { width: 320, height: 800 }, ...options });
  session.page.on("pageerror", (e) => pageErrors.push(e.message));
  await session.page.goto(`${session.base}taskpane.html`);
  await session.page.waitForSelector("body[data-ready=true]", { timeout: 30000 });
  return session;
}

/** The WCAG 2.0 and 2.1 A and AA rules: what the accessibility checks hold every page to. */
export const WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * axe-core's WCAG_AA violations on the page as it is now (`rules`: only those rules), one line each
 * (rule, impact, where, why), so a failing test says what to fix.
 */
export async function violations(page: Page, rules?: readonly string[]): Promise<string[]> {
  const axe = new AxeBuilder({ page }).withTags(WCAG_AA);
  if (rules) axe.withRules([...rules]);
  const results = await axe.analyze();
  return results.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact ?? "?"}) at ${n.target.join(" ")}: ${n.failureSummary ?? v.help}`),
  );
}
