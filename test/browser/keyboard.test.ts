/**
 * The pane by keyboard alone, in headless Chromium with the real Office.js: from the page's start,
 * with only Tab, Shift+Tab, Enter and Space, through set-up... every step, the summary, signing and
 * "After you sign". At every stop the focused element shows a focus indicator (an outline or a box
 * shadow), the Tab order follows the visual order (top to bottom, left to right within a row), Enter
 * and Space activate buttons, checkboxes and a disclosure's summary, and Tab always leaves a widget:
 * it goes round the whole view and back to where it started.
 */
import { Page } from "playwright-core";
import { BrowserSession, openPane } from "./harness";

const VIEWS = ["usage", "optimize", "size", "overage", "unused", "protection", "term", "fineprint", "summary", "track"];

/** What the test needs to know of the focused element. */
interface Stop {
  /** id, else tag and text: enough to say which element in a failure. */
  readonly name: string;
  /** Its box, in page coordinates. */
  readonly top: number;
  readonly left: number;
  readonly height: number;
  /** Whether something shows the focus: an outline, or a box shadow. */
  readonly indicator: boolean;
  /** Whether the focus is on the page's body (nothing focused). */
  readonly body: boolean;
}

describe("the pane by keyboard alone", () => {
  let session: BrowserSession;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    session = await openPane(pageErrors);
    page = session.page;
  });

  afterAll(async () => {
    await session?.close();
  });

  const stop = (): Promise<Stop> =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body)
        return { name: "body", top: 0, left: 0, height: 0, indicator: false, body: true };
      const style = getComputedStyle(el);
      const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 1;
      const shadow = style.boxShadow !== "none" && style.boxShadow !== "";
      const box = el.getBoundingClientRect();
      const text = (el.textContent ?? "").trim().slice(0, 30);
      return {
        name: el.id || `${el.tagName.toLowerCase()} "${text}"`,
        top: box.top + window.scrollY,
        left: box.left + window.scrollX,
        height: box.height,
        indicator: outline || shadow,
        body: false,
      };
    });

  const view = () => page.evaluate(() => document.querySelector("section[data-step]")?.getAttribute("data-step"));

  /** Each element Tab (or Shift+Tab) reaches, up to and including `name`; fails when it is not reached. */
  async function tabTo(name: string, back = false, limit = 80): Promise<Stop[]> {
    const stops: Stop[] = [];
    for (let i = 0; i < limit; i++) {
      await page.keyboard.press(back ? "Shift+Tab" : "Tab");
      const at = await stop();
      stops.push(at);
      if (at.name === name) return stops;
    }
    throw new Error(`Tab never reached ${name}; it went ${stops.map((s) => s.name).join(" → ")}`);
  }

  /** Every stop showed its focus; the stops ran top to bottom, and left to right within a row. */
  function expectVisibleAndInOrder(stops: readonly Stop[]): void {
    const hidden = stops.filter((s) => !s.body && !s.indicator).map((s) => s.name);
    expect(hidden).toEqual([]);
    const shown = stops.filter((s) => !s.body);
    const backwards: string[] = [];
    for (let i = 1; i < shown.length; i++) {
      const [a, b] = [shown[i - 1]!, shown[i]!];
      // Same row: their boxes overlap vertically. Otherwise b must start below a's top.
      const sameRow = b.top < a.top + a.height && a.top < b.top + b.height;
      if (sameRow ? b.left <= a.left : b.top < a.top) backwards.push(`${a.name} → ${b.name}`);
    }
    expect(backwards).toEqual([]);
  }

  it("set-up: Space ticks the sample box, Enter builds the model; then the first Tab reaches the steps", async () => {
    // A workbook without the model (the sample's sheets and names removed): the set-up card.
    await page.evaluate(async () => {
      const workbook = window.commitLevers!.workbook!;
      await workbook.remove({ sheets: await workbook.sheetNames(), names: workbook.definedNames().map((n) => n.name) });
      await window.commitLevers!.refresh();
    });
    await page.waitForSelector("#setup-title");
    const stops = await tabTo("setup-sample", false, 5);
    expect(stops.map((s) => s.name)).toEqual(["setup-sample"]);
    expectVisibleAndInOrder(stops);
    const ticked = await page.isChecked("#setup-sample");
    await page.keyboard.press("Space");
    expect(await page.isChecked("#setup-sample")).toBe(!ticked);
    if (ticked) await page.keyboard.press("Space");
    expect(await page.isChecked("#setup-sample")).toBe(true);
    // The card's controls in order, to the import's; then back up to "Build the model".
    expectVisibleAndInOrder(await tabTo("import-raw"));
    await tabTo("build-model", true);
    await page.keyboard.press("Enter");
    await page.waitForSelector("section[data-step=usage]");
    // The button went with the card: the focus is on the first step's heading, not lost.
    expect((await stop()).name).toBe("panel-title");
    // Shift+Tab goes back up into the step list, to its last entry.
    expect((await tabTo("nav-track", true, 1)).map((s) => s.name)).toEqual(["nav-track"]);
  });

  it("walks every step to the summary with Tab, Enter and Space: focus visible, in visual order", async () => {
    for (const [i, id] of VIEWS.slice(0, 8).entries()) {
      expect(await view()).toBe(id);
      // Through the whole step to its "next" button, every stop checked.
      const stops = await tabTo("next");
      expectVisibleAndInOrder(stops);
      // Odd steps go on with Enter, even ones with Space: both activate a button.
      await page.keyboard.press(i % 2 === 0 ? "Enter" : "Space");
      await page.waitForSelector(`section[data-step=${VIEWS[i + 1]!}]`);
      // The focus is not lost to the page's start: it is on the new view's heading.
      expect((await stop()).name).toBe("panel-title");
    }
    expect(await view()).toBe("summary");
  });

  it("Enter and Space toggle a step's status button", async () => {
    await tabTo("prev", true);
    await page.keyboard.press("Enter");
    await page.waitForSelector("section[data-step=fineprint]");
    await tabTo("status-done-fineprint");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#status-done-fineprint[aria-pressed=true]");
    expect((await stop()).name).toBe("status-done-fineprint");
    await page.keyboard.press("Space");
    await page.waitForSelector("#status-done-fineprint[aria-pressed=false]");
    await tabTo("next");
    await page.keyboard.press("Enter");
    await page.waitForSelector("section[data-step=summary]");
  });

  it("the summary: Space ticks and unticks the futures checkbox", async () => {
    const stops = await tabTo("summary-uncertain");
    expectVisibleAndInOrder(stops);
    await page.keyboard.press("Space");
    await page.waitForSelector("[data-testid=gains]");
    expect(await page.isChecked("#summary-uncertain")).toBe(true);
    await page.keyboard.press("Space");
    await page.waitForSelector("[data-testid=gains]", { state: "detached" });
    expect(await page.isChecked("#summary-uncertain")).toBe(false);
    expectVisibleAndInOrder(await tabTo("next"));
    await page.keyboard.press("Enter");
    await page.waitForSelector("section[data-step=track]");
  });

  it('"After you sign": sign with Enter, then Enter and Space open and close "Sign a new deal"', async () => {
    const form = await tabTo("sign-deal");
    expectVisibleAndInOrder(form);
    await page.keyboard.press("Enter");
    await page.waitForSelector("[data-testid=shortfall]");
    // The form went when the deal was signed: the focus is on the view's heading, not lost.
    expect((await stop()).name).toBe("panel-title");
    expectVisibleAndInOrder(await tabTo('summary "Sign a new deal (the first one"'));
    const open = () => page.evaluate(() => (document.getElementById("sign-again") as HTMLDetailsElement).open);
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => (document.getElementById("sign-again") as HTMLDetailsElement).open);
    await page.keyboard.press("Space");
    await page.waitForFunction(() => !(document.getElementById("sign-again") as HTMLDetailsElement).open);
    expect(await open()).toBe(false);
    await page.keyboard.press("Space");
    await page.waitForFunction(() => (document.getElementById("sign-again") as HTMLDetailsElement).open);
    // Inside the open disclosure: its form, then out of it with Tab.
    expectVisibleAndInOrder(await tabTo("sign-again-deal"));
    expectVisibleAndInOrder(await tabTo("prev"));
  });

  it("no trap: Tab goes round the whole view, through the step list and the inputs, and back", async () => {
    for (const id of ["size", "track"]) {
      await page.focus(`#nav-${id}`);
      await page.keyboard.press("Enter");
      await page.waitForSelector(`section[data-step=${id}]`);
      await page.focus(`#nav-${id}`);
      const count = await page.evaluate(
        () =>
          Array.from(
            document.querySelectorAll<HTMLElement>("button, input, select, summary, a[href], [tabindex]"),
          ).filter((el) => el.tabIndex >= 0 && !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0)
            .length,
      );
      // Round once: every focusable element, the browser's own stop after the last, and back to the start.
      const round = await tabTo(`nav-${id}`, false, count + 3);
      const names = new Set(round.map((s) => s.name));
      expect(names.size).toBeGreaterThanOrEqual(count);
      // And backwards with Shift+Tab.
      const back = await tabTo(`nav-${id}`, true, count + 3);
      expect(new Set(back.map((s) => s.name)).size).toBeGreaterThanOrEqual(count);
    }
    expect(session.stray).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
