/**
 * The HyperFormula stand-in refuses what Excel refuses: a custom-function call whose arguments pass
 * Excel on the web's 5 MB shows #CALC! instead of running (leversPlugin.ts has the sources and what
 * is unverified), and the preview host's settings save fails above 2 MB as the in-memory one does.
 */
import type { LeversPlugin } from "../../src/preview/leversPlugin";
import { ModelWorkbook } from "../../src/preview/modelWorkbook";
import { hyperFormulaPort } from "../../src/preview/hfHost";
import { CommonApiCodes, OfficeAsyncError, WEB_PAYLOAD_LIMIT_BYTES, payloadBytes } from "../../src/taskpane/port/excel";
import { BUILD_TIMEOUT_MS, bundlePlugin } from "./bundle";

let plugin: LeversPlugin;
beforeAll(() => {
  plugin = bundlePlugin();
}, BUILD_TIMEOUT_MS);

/** Under Excel's 32,767 characters a cell, so the rows are ones a user could have. */
const MODEL = `Opus ${"x".repeat(30_000)}`;
const HEADER = ["Month", "Model", "List $"];
/** `count` rows of a month, model and list dollars table, all in January 2026 at $1.25. */
const rows = (count: number) => Array.from({ length: count }, () => ["2026-01-15", MODEL, 1.25]);
/** The arguments MONTHLY_USAGE(Data!A1:C…) hands the function, as JSON bytes (the optional two are null). */
const argumentBytes = (count: number) => payloadBytes([[HEADER, ...rows(count)], null, null]);

/** A workbook with the table on sheet Data and MONTHLY_USAGE over it at Out!A1. */
function workbookWith(count: number) {
  const wb = new ModelWorkbook(
    {
      sheets: [
        { name: "Data", cells: [] },
        { name: "Out", cells: [] },
      ],
      names: [],
    },
    plugin,
  );
  // The dates as text (a leading apostrophe), as the importer writes an export's "@" cells.
  wb.write("Data", "A1", [HEADER, ...rows(count).map(([month, model, list]) => [`'${month}`, model, list])]);
  wb.set("Out", "A1", `=LEVERS.MONTHLY_USAGE(Data!A1:C${count + 1})`);
  return { wb, ...hyperFormulaPort(wb) };
}

const rowBytes = argumentBytes(2) - argumentBytes(1);
const OVER = Math.ceil(WEB_PAYLOAD_LIMIT_BYTES / rowBytes) + 1;
const UNDER = Math.floor(WEB_PAYLOAD_LIMIT_BYTES / rowBytes) - 2;

describe("a custom function's arguments over 5 MB on the web", () => {
  test("the sizes straddle the limit", () => {
    expect(argumentBytes(OVER)).toBeGreaterThan(WEB_PAYLOAD_LIMIT_BYTES);
    expect(argumentBytes(UNDER)).toBeLessThan(WEB_PAYLOAD_LIMIT_BYTES);
  });

  test("over 5 MB: MONTHLY_USAGE does not run and its cell reads #CALC!", async () => {
    const { wb, host } = workbookWith(OVER);
    const value = wb.value("Out", "A1");
    expect(value).toMatchObject({ type: "ERROR", message: expect.stringMatching(/^#CALC! MONTHLY_USAGE's arguments/) });
    // What the pane reads through the preview host, as Office.js reads an Excel error: its code.
    const read = await host.read("Out!A1:B2");
    expect(read?.values).toEqual([
      ["#CALC!", ""],
      ["", ""],
    ]);
  });

  test("just under 5 MB: MONTHLY_USAGE computes", async () => {
    const { wb, host } = workbookWith(UNDER);
    const read = await host.read("Out!A1:B2");
    expect(read?.values[0]?.[0]).toBe("Month");
    expect(read?.values[1]?.[0]).toBe("2026-01");
    // Every row is January's $1.25.
    expect(wb.value("Out", "B2")).toBeCloseTo(1.25 * UNDER, 9);
  });

  test("a smaller edit brings it back: the limit is on each call's arguments", () => {
    const { wb } = workbookWith(OVER);
    wb.set("Out", "A1", `=LEVERS.MONTHLY_USAGE(Data!A1:C${UNDER + 1})`);
    expect(wb.value("Out", "B2")).toBeCloseTo(1.25 * UNDER, 9);
  });
});

describe("the preview host's settings", () => {
  test("a 2.1 MB save fails with 4001 Save Settings Error and stores nothing; 1.9 MB is saved", async () => {
    const { host } = workbookWith(1);
    const MB = 1024 * 1024;
    const big = host.setSettings({ "commitLevers.big": "x".repeat(Math.round(2.1 * MB)) });
    await expect(big).rejects.toBeInstanceOf(OfficeAsyncError);
    await expect(big).rejects.toMatchObject({ code: CommonApiCodes.saveSettings });
    expect(host.settings.has("commitLevers.big")).toBe(false);
    const fits = "x".repeat(Math.round(1.9 * MB));
    await host.setSettings({ "commitLevers.big": fits });
    expect(await host.getSetting("commitLevers.big")).toBe(fits);
  });
});
