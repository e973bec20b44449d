/**
 * The pane in the user's Office theme (src/taskpane/theme.ts) and in Windows high contrast, in
 * headless Chromium with the real Office.js. Outside Office the library gives no
 * Office.context.officeTheme, so each session sets one right after office.js loads, before the
 * pane's onReady callback reads it. Each theme: the page's computed colours are the theme's, and
 * axe-core finds no WCAG 2.1 AA violation (contrast included) on any view. Forced colours are
 * Chromium's emulation. Screenshots of each go to test-output/screenshots/, to be looked at.
 *
 * The theme colours: White, Colorful and Dark Gray as an Office developer reported Office.js giving
 * them (https://github.com/OfficeDev/office-ui-fabric-core/issues/732); Black's are illustrative
 * (unverified: what Excel's Black theme gives; docs/EXCEL-CHECKS.md).
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { Page } from "playwright-core";
import { themeVariables, ThemeColors } from "../../src/taskpane/theme";
import { BrowserSession, openBrowser, violations } from "./harness";

const ROOT = join(__dirname, "..", "..");
const DIST = join(ROOT, "dist");
const SHOTS = join(ROOT, "test-output", "screenshots");
const VIEWS = ["usage", "optimize", "size", "overage", "unused", "protection", "term", "fineprint", "summary", "track"];

const THEMES: Record<string, ThemeColors> = {
  black: {
    bodyBackgroundColor: "#262626",
    bodyForegroundColor: "#FFFFFF",
    controlBackgroundColor: "#3A3A3A",
    controlForegroundColor: "#FFFFFF",
  },
  darkgray: {
    bodyBackgroundColor: "#6A6A6A",
    bodyForegroundColor: "#F0F0F0",
    controlBackgroundColor: "#D4D4D4",
    controlForegroundColor: "#262626",
  },
  colorful: {
    bodyBackgroundColor: "#E6E6E6",
    bodyForegroundColor: "#444444",
    controlBackgroundColor: "#FDFDFD",
    controlForegroundColor: "#444444",
  },
};

/** Sets Office.context.officeTheme before the pane's onReady callback runs (a script after office.js). */
function injectTheme(theme: ThemeColors): string {
  return `(function () {
    var theme = ${JSON.stringify({ ...theme, isDarkTheme: false, themeId: "Colorful" })};
    var ready = Office.onReady;
    Office.onReady = function (callback) {
      return ready.call(Office, function (info) {
        Object.defineProperty(Office.context, "officeTheme", { value: theme, configurable: true });
        if (callback) return callback(info);
      });
    };
  })();`;
}

/** "#RRGGBB" as getComputedStyle writes it. */
const rgb = (hex: string): string => {
  const n = parseInt(hex.replace("#", ""), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
};

async function open(theme?: ThemeColors): Promise<BrowserSession> {
  const session = await openBrowser(DIST, {
    viewport: { width: 320, height: 800 },
    afterOfficeJs: theme ? injectTheme(theme) : undefined,
  });
  await session.page.goto(`${session.base}taskpane.html`);
  await session.page.waitForSelector("body[data-ready=true]", { timeout: 30000 });
  return session;
}

async function show(page: Page, view: string): Promise<void> {
  await page.click(`#nav-${view}`);
  await page.waitForSelector(`section[data-step=${view}]`);
}

/** Signs the sample deal with a month of low actuals, so "After you sign" shows its burn-down and a warning. */
async function signWithWarning(page: Page): Promise<void> {
  await show(page, "track");
  await page.fill("#sign-threshold", "$1");
  await page.click("#sign-deal");
  await page.waitForSelector("[data-testid=shortfall]");
  await page.fill("#actual-month", "1000");
  await page.click("#add-actual");
  await page.waitForSelector("[data-testid=tracking-warnings]");
}

/** Screenshots of the steps with charts, the summary and the tracking view. */
async function screenshots(page: Page, name: string): Promise<void> {
  for (const view of ["size", "summary", "track"]) {
    await show(page, view);
    await page.screenshot({ path: join(SHOTS, `${name}-${view}.png`), fullPage: true });
  }
}

const styles = (page: Page) =>
  page.evaluate(() => {
    const body = getComputedStyle(document.body);
    const button = getComputedStyle(document.querySelector("#status-skip-size, #next")!);
    return { background: body.backgroundColor, text: body.color, button: button.backgroundColor };
  });

/**
 * The controls whose text reads below 4.5:1 on their own background (axe-core leaves out some,
 * such as the step list's one-character buttons): "id: ratio".
 */
const unreadableControls = (page: Page) =>
  page.evaluate(() => {
    const channel = (x: number) => {
      const s = x / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    const lum = (css: string) => {
      const [r, g, b] = (css.match(/[\d.]+/g) ?? []).map(Number) as [number, number, number];
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const opaque = (css: string) => !/rgba\(.*, 0\)$/.test(css) && css !== "transparent";
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>("button, input[type=text], select"))) {
      if (el.getClientRects().length === 0) continue;
      const style = getComputedStyle(el);
      if (!opaque(style.backgroundColor)) continue;
      const [hi, lo] = [lum(style.color), lum(style.backgroundColor)].sort((x, y) => y - x) as [number, number];
      const ratio = (hi + 0.05) / (lo + 0.05);
      if (ratio < 4.5) out.push(`${el.id || el.tagName}: ${ratio.toFixed(2)}`);
    }
    return out;
  });

describe("the pane in the Office themes and in high contrast", () => {
  beforeAll(() => {
    if (!existsSync(join(DIST, "taskpane.html")))
      throw new Error("dist/taskpane.html is missing: run npm run build first.");
    mkdirSync(SHOTS, { recursive: true });
  });

  it("light (no Office theme, as outside Office): the pane's own colours", async () => {
    const session = await open();
    try {
      const page = session.page;
      await show(page, "size");
      expect(await styles(page)).toEqual({
        background: rgb("#ffffff"),
        text: rgb("#201f1e"),
        button: rgb("#ffffff"),
      });
      expect(await unreadableControls(page)).toEqual([]);
      await signWithWarning(page);
      await screenshots(page, "light");
    } finally {
      await session.close();
    }
  });

  for (const [name, theme] of Object.entries(THEMES)) {
    it(`${name}: the theme's colours, and no violation on any view`, async () => {
      const session = await open(theme);
      const errors: string[] = [];
      session.page.on("pageerror", (e) => errors.push(e.message));
      try {
        const page = session.page;
        const variables = themeVariables(theme)!;
        await show(page, "size");
        expect(await styles(page)).toEqual({
          background: rgb(theme.bodyBackgroundColor),
          text: rgb(variables["--text"]!),
          button: rgb(theme.controlBackgroundColor),
        });
        expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(variables["color-scheme"]);
        await signWithWarning(page);
        for (const view of VIEWS) {
          await show(page, view);
          expect({ view, violations: await violations(page) }).toEqual({ view, violations: [] });
          expect({ view, unreadable: await unreadableControls(page) }).toEqual({ view, unreadable: [] });
        }
        await show(page, "summary");
        await page.check("#summary-uncertain");
        await page.waitForSelector("[data-testid=gains]");
        expect(await violations(page)).toEqual([]);
        await page.uncheck("#summary-uncertain");
        await screenshots(page, name);
        expect(session.stray).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await session.close();
      }
    });
  }

  it("forced colours (Windows high contrast): system colours, bordered controls, the current step not by colour alone", async () => {
    const session = await open(THEMES.black);
    try {
      const page = session.page;
      await page.emulateMedia({ forcedColors: "active" });
      expect(await page.evaluate(() => matchMedia("(forced-colors: active)").matches)).toBe(true);
      await show(page, "size");
      const looks = await page.evaluate(() => {
        const style = (selector: string) => getComputedStyle(document.querySelector(selector)!);
        const current = style("#nav-size");
        const other = style("#nav-usage");
        const skip = style("#status-skip-size");
        const done = style("#status-done-size");
        return {
          // The Office theme's dark background gives way to the system's.
          themed: getComputedStyle(document.body).backgroundColor === "rgb(38, 38, 38)",
          skipBorder: `${skip.borderTopStyle} ${parseFloat(skip.borderTopWidth) >= 1}`,
          currentDiffers: current.backgroundColor !== other.backgroundColor,
          currentMarked: document.querySelector("#nav-size")!.getAttribute("aria-current"),
          // A primary button's text is the system's button text, as any button's (not HighlightText,
          // which the backplate Chromium draws behind forced text would swallow).
          primaryText: done.color === skip.color,
        };
      });
      expect(looks).toEqual({
        themed: false,
        skipBorder: "solid true",
        currentDiffers: true,
        currentMarked: "step",
        primaryText: true,
      });
      await signWithWarning(page);
      await screenshots(page, "forced-colors");
      expect(await violations(page)).toEqual([]);
    } finally {
      await session.close();
    }
  });
});
