/**
 * The pane in the user's Office theme. Office.context.officeTheme gives four colours as hexadecimal
 * triplets ("#FFA500"): the body's background and foreground and the controls' (Office.OfficeTheme,
 * https://learn.microsoft.com/javascript/api/office/office.officetheme: supported in Excel on the
 * web, Windows, Mac and iPad, not Android; the page names a requirement set only for Outlook,
 * Mailbox 1.14, none for Excel). They become taskpane.css's custom properties, with the colours the
 * pane derives from them (secondary text, borders, tints, the accent as text) each pushed until it
 * reads against what it sits on (WCAG AA: 4.5:1 for text, 3:1 for borders).
 *
 * When it is read: at start, and again whenever the page becomes visible. The theme-changed event
 * (Office.EventType.OfficeThemeChanged) is documented for Outlook alone (Mailbox 1.14,
 * https://learn.microsoft.com/javascript/api/outlook/office.officethemechangedeventargs), so the pane
 * registers none. Unverified: whether Excel updates officeTheme, or reloads the pane, when the user
 * changes the Office theme with the pane open (docs/EXCEL-CHECKS.md).
 *
 * Windows high contrast is taskpane.css's `@media (forced-colors: active)`: the system's colours
 * replace these, whatever the Office theme.
 */

/** The four colours of Office.OfficeTheme the pane follows. */
export interface ThemeColors {
  readonly bodyBackgroundColor: string;
  readonly bodyForegroundColor: string;
  readonly controlBackgroundColor: string;
  readonly controlForegroundColor: string;
}

type Rgb = readonly [number, number, number];

const WHITE: Rgb = [255, 255, 255];
const BLACK: Rgb = [0, 0, 0];
/** Excel green, the pane's one accent (taskpane.css's --accent). */
const ACCENT: Rgb = [0x10, 0x7c, 0x41];
const WARN: Rgb = [0xf2, 0xc9, 0x4c];
const ERROR: Rgb = [0xa4, 0x26, 0x2c];

/** "#FFA500", "FFA500" or "#FA0" as red, green and blue; undefined for anything else. */
export function parseHex(text: unknown): Rgb | undefined {
  if (typeof text !== "string") return undefined;
  const hex = text.trim().replace(/^#/, "");
  if (!/^([0-9a-f]{3}|[0-9a-f]{6})$/i.test(hex)) return undefined;
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join("") : hex;
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as unknown as Rgb;
}

const hexOf = (c: Rgb): string => `#${c.map((x) => Math.round(x).toString(16).padStart(2, "0")).join("")}`;

/** `a` moved a share `t` (0 to 1) of the way to `b`. */
const mix = (a: Rgb, b: Rgb, t: number): Rgb => a.map((x, i) => x + (b[i]! - x) * t) as unknown as Rgb;

/** WCAG 2 relative luminance. */
export function luminance(c: Rgb): number {
  const [r, g, b] = c.map((x) => {
    const s = Math.round(x) / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio, 1 to 21. */
export function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * `color`, or the nearest shade of it (towards white on dark grounds, black on light ones) that
 * reaches `ratio` against every ground; black or white, whichever reads better, when none does.
 */
function readable(color: Rgb, grounds: readonly Rgb[], ratio: number): Rgb {
  const enough = (c: Rgb) => grounds.every((g) => contrast(c, g) >= ratio);
  if (enough(color)) return color;
  const darkest = grounds.reduce((low, g) => Math.min(low, luminance(g)), 1);
  const pole = darkest < 0.18 ? WHITE : BLACK;
  for (let t = 0.05; t < 1; t += 0.05) {
    const shade = mix(color, pole, t);
    if (enough(shade)) return shade;
  }
  const worst = (c: Rgb) => grounds.reduce((low, g) => Math.min(low, contrast(c, g)), 21);
  return worst(WHITE) >= worst(BLACK) ? WHITE : BLACK;
}

/** A background for `text`: `color`, or the nearest shade of it away from the text that reads at 4.5:1. */
function ground(color: Rgb, text: Rgb): Rgb {
  if (contrast(color, text) >= 4.5) return color;
  const pole = luminance(text) > luminance(color) ? BLACK : WHITE;
  for (let t = 0.05; t < 1; t += 0.05) {
    const shade = mix(color, pole, t);
    if (contrast(shade, text) >= 4.5) return shade;
  }
  return pole;
}

/** Whether a background is dark (the Black and Dark Gray themes). */
export const isDark = (background: Rgb): boolean => luminance(background) < 0.18;

/**
 * The custom properties taskpane.css reads, for a theme; undefined when a colour is not a
 * hexadecimal triplet (the pane then keeps its own light colours).
 */
export function themeVariables(theme: ThemeColors): Record<string, string> | undefined {
  const bg = parseHex(theme.bodyBackgroundColor);
  const bodyFg = parseHex(theme.bodyForegroundColor);
  const controlBg = parseHex(theme.controlBackgroundColor);
  const controlFgGiven = parseHex(theme.controlForegroundColor);
  if (!bg || !bodyFg || !controlBg || !controlFgGiven) return undefined;
  const dark = isDark(bg);
  const fg = readable(bodyFg, [bg], 4.5);
  // The tinted boxes the body's text sits on, each pushed away from the text until it reads on them.
  const surface2 = ground(mix(bg, fg, 0.07), fg);
  const surface3 = ground(mix(bg, fg, 0.035), fg);
  const tint = ground(mix(bg, ACCENT, dark ? 0.3 : 0.1), fg);
  const warnBg = ground(dark ? mix(bg, WARN, 0.25) : mix(WHITE, WARN, 0.25), fg);
  const errorBg = ground(dark ? mix(bg, ERROR, 0.35) : mix(WHITE, ERROR, 0.12), fg);
  // A hovered control: the ground its text is checked against, so the hover is the ground it gets.
  const hover = mix(controlBg, controlFgGiven, 0.08);
  const controlFg = readable(controlFgGiven, [controlBg, hover], 4.5);
  const accentText = readable(ACCENT, [bg, surface2, surface3, tint], 4.5);
  return {
    "--surface": hexOf(bg),
    "--surface-2": hexOf(surface2),
    "--surface-3": hexOf(surface3),
    "--text": hexOf(fg),
    "--text-2": hexOf(readable(mix(fg, bg, 0.35), [bg, surface2, surface3, tint], 4.5)),
    "--border": hexOf(readable(mix(bg, fg, 0.45), [bg], 3)),
    "--divider": hexOf(mix(bg, fg, 0.14)),
    "--control-bg": hexOf(controlBg),
    "--control-fg": hexOf(controlFg),
    "--control-fg-2": hexOf(readable(mix(controlFg, controlBg, 0.35), [controlBg, hover], 4.5)),
    "--control-hover": hexOf(hover),
    "--control-border": hexOf(readable(mix(controlBg, controlFg, 0.45), [bg], 3)),
    "--accent-text": hexOf(accentText),
    "--accent-on-control": hexOf(readable(ACCENT, [controlBg, hover], 4.5)),
    "--accent-tint": hexOf(tint),
    "--badge-fg": hexOf(readable(accentText, [tint], 4.5)),
    "--warn-bg": hexOf(warnBg),
    "--warn-border": hexOf(mix(warnBg, WARN, 0.6)),
    "--error-bg": hexOf(errorBg),
    "--error": hexOf(readable(dark ? mix(ERROR, WHITE, 0.6) : ERROR, [errorBg, bg], 4.5)),
    "color-scheme": dark ? "dark" : "light",
  };
}

/**
 * Puts a theme's properties in a `:root` rule of their own (a style element, not the root's inline
 * style, so taskpane.css's forced-colors block, `html:root`, still outweighs them); returns whether
 * it did. The values are the colours this module wrote, never the host's text.
 */
export function applyTheme(doc: Document, theme: ThemeColors | undefined): boolean {
  const variables = theme && themeVariables(theme);
  if (!variables) return false;
  let style = doc.getElementById("office-theme");
  if (!style) {
    style = doc.createElement("style");
    style.id = "office-theme";
    doc.head.appendChild(style);
  }
  const rules = Object.entries(variables).map(([name, value]) => `  ${name}: ${value};`);
  style.textContent = `:root {\n${rules.join("\n")}\n}\n`;
  doc.documentElement.dataset.theme = variables["color-scheme"]!;
  return true;
}

/** Office.context.officeTheme, when the page runs under Office.js and it is there (undefined outside Office). */
export function officeTheme(): ThemeColors | undefined {
  if (typeof Office === "undefined") return undefined;
  try {
    return (Office.context as Partial<Office.Context> | undefined)?.officeTheme ?? undefined;
  } catch {
    return undefined;
  }
}

/** Follows the Office theme: now, and again each time the page becomes visible (see the module's note). */
export function followOfficeTheme(doc: Document): void {
  applyTheme(doc, officeTheme());
  doc.addEventListener("visibilitychange", () => {
    if (doc.visibilityState === "visible") applyTheme(doc, officeTheme());
  });
}
