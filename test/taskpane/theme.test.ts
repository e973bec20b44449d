/**
 * The Office theme as the pane's colours (src/taskpane/theme.ts): WCAG 2's contrast arithmetic,
 * and every pair the pane puts text on reading at AA whatever four colours Office hands over.
 */
import fc from "fast-check";
import { contrast, parseHex, themeVariables } from "../../src/taskpane/theme";

describe("WCAG 2 contrast", () => {
  test("black on white is 21:1; a colour on itself 1:1", () => {
    expect(contrast([0, 0, 0], [255, 255, 255])).toBeCloseTo(21, 10);
    expect(contrast([16, 124, 65], [16, 124, 65])).toBe(1);
  });
  test("#767676 on white is just over 4.5:1 (the lightest grey text AA allows)", () => {
    // Luminance of 0x76: ((118/255 + 0.055) / 1.055)^2.4 = 0.18116; (1.05) / (0.18116 + 0.05) = 4.542.
    expect(contrast(parseHex("#767676")!, parseHex("#fff")!)).toBeCloseTo(4.542, 3);
  });
  test("reads #RRGGBB, RRGGBB and #RGB; refuses the rest", () => {
    expect(parseHex("#FFA500")).toEqual([255, 165, 0]);
    expect(parseHex("ffa500")).toEqual([255, 165, 0]);
    expect(parseHex("#FA0")).toEqual([255, 170, 0]);
    for (const bad of ["", "orange", "#12345", "#GGGGGG", 12, undefined]) expect(parseHex(bad)).toBeUndefined();
  });
});

describe("themeVariables", () => {
  const hex = fc
    .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }))
    .map((c) => `#${c.map((x) => x.toString(16).padStart(2, "0")).join("")}`);

  /** The text colour the pane can best reach on these grounds: black or white, the better on the worst ground. */
  const best = (grounds: string[]) =>
    Math.max(
      ...[
        [0, 0, 0],
        [255, 255, 255],
      ].map((pole) => Math.min(...grounds.map((g) => contrast(pole as [number, number, number], parseHex(g)!)))),
    );

  test("any four Office colours give text at 4.5:1 on its grounds (or the best black or white can) and borders at 3:1", () => {
    fc.assert(
      fc.property(hex, hex, hex, hex, (bodyBg, bodyFg, controlBg, controlFg) => {
        const v = themeVariables({
          bodyBackgroundColor: bodyBg,
          bodyForegroundColor: bodyFg,
          controlBackgroundColor: controlBg,
          controlForegroundColor: controlFg,
        })!;
        const c = (a: string, b: string) => contrast(parseHex(v[a])!, parseHex(v[b])!);
        for (const ground of ["--surface", "--surface-2", "--surface-3", "--accent-tint"]) {
          expect(c("--text", ground)).toBeGreaterThanOrEqual(4.5 - 1e-9);
          expect(c("--text-2", ground)).toBeGreaterThanOrEqual(4.5 - 1e-9);
          expect(c("--accent-text", ground)).toBeGreaterThanOrEqual(4.5 - 1e-9);
        }
        // A control and its hover are two grounds: on a mid colour neither black nor white may reach 4.5:1
        // on both, and the pane takes the better of them.
        const control = Math.min(4.5, best([v["--control-bg"]!, v["--control-hover"]!]));
        expect(c("--control-fg", "--control-bg")).toBeGreaterThanOrEqual(control - 1e-9);
        expect(c("--control-fg", "--control-hover")).toBeGreaterThanOrEqual(control - 1e-9);
        expect(c("--border", "--surface")).toBeGreaterThanOrEqual(3 - 1e-9);
        expect(c("--error", "--error-bg")).toBeGreaterThanOrEqual(4.5 - 1e-9);
      }),
      { numRuns: 300 },
    );
  });

  test("a colour that is not a hex triplet leaves the pane's own colours", () => {
    expect(
      themeVariables({
        bodyBackgroundColor: "black",
        bodyForegroundColor: "#fff",
        controlBackgroundColor: "#000",
        controlForegroundColor: "#fff",
      }),
    ).toBeUndefined();
  });

  test.each([
    ["Black", "#262626", "#FFFFFF", "#3A3A3A", "#FFFFFF"],
    ["Dark Gray", "#6A6A6A", "#F0F0F0", "#D4D4D4", "#262626"],
    ["Colorful", "#E6E6E6", "#444444", "#FDFDFD", "#444444"],
  ])("Office's %s theme: every text at 4.5:1, controls included", (_, bodyBg, bodyFg, controlBg, controlFg) => {
    const v = themeVariables({
      bodyBackgroundColor: bodyBg,
      bodyForegroundColor: bodyFg,
      controlBackgroundColor: controlBg,
      controlForegroundColor: controlFg,
    })!;
    const c = (a: string, b: string) => contrast(parseHex(v[a])!, parseHex(v[b])!);
    for (const [text, ground] of [
      ["--text", "--surface"],
      ["--text-2", "--surface-2"],
      ["--accent-text", "--surface"],
      ["--control-fg", "--control-bg"],
      ["--control-fg", "--control-hover"],
      ["--control-fg-2", "--control-bg"],
      ["--accent-on-control", "--control-bg"],
    ])
      expect([text, ground, c(text!, ground!) >= 4.5]).toEqual([text, ground, true]);
  });

  test("Dark Gray (Office's #444444 body) is a dark scheme", () => {
    const v = themeVariables({
      bodyBackgroundColor: "#444444",
      bodyForegroundColor: "#FFFFFF",
      controlBackgroundColor: "#444444",
      controlForegroundColor: "#F0F0F0",
    })!;
    expect(v["color-scheme"]).toBe("dark");
    expect(v["--surface"]).toBe("#444444");
    expect(v["--text"]).toBe("#ffffff");
  });
});
