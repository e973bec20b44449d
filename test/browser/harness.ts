/**
 * What every browser check shares (the pane and preview tests, and the bench's first-render
 * timing): Debian's Chromium with the flags this machine needs, a static server for a built folder
 * on 127.0.0.1, and routing that answers Office.js's CDN address with a local stub and refuses
 * every other outside request, recording it so a test can fail on it.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, Server } from "node:http";
import { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
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

export const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

/** The Office.js stand-in: Office.onReady resolves with no host, so the pane runs on its sample workbook. */
export const OFFICE_STUB = readFileSync(join(__dirname, "office-stub.js"), "utf8");

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
 * Routes a browser context: Office.js gets `stub`, the local server passes, anything else is
 * refused and its address pushed to `stray`.
 */
export async function routeLocally(context: BrowserContext, base: string, stray: string[], stub = OFFICE_STUB) {
  await context.route("**/*", async (route) => {
    const url = route.request().url();
    if (url === OFFICE_JS) return route.fulfill({ status: 200, contentType: "text/javascript", body: stub });
    if (url.startsWith(base)) return route.continue();
    stray.push(url);
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
  close(): Promise<void>;
}

/** Chromium on a fresh temporary profile, looking at `dir` through the local server. */
export async function openBrowser(
  dir: string,
  options: { viewport: { width: number; height: number }; officeStub?: string },
): Promise<BrowserSession> {
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
  await routeLocally(context, server.base, stray, options.officeStub);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    base: server.base,
    stray,
    async close() {
      await context.close();
      await server.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
