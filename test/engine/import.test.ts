/**
 * "Bring your usage" on a real formula engine: the pane's importer writes a picked export into a
 * HyperFormula workbook (the preview's host, with Excel's refusals), the shipped functions bundle
 * computes its MONTHLY_USAGE spill, and the model's Usage, Summary and renewal horizon follow it,
 * also when the user types next month's row below the table. Goldens are worked by hand from the
 * fixtures (test/fixtures/exports/README.md).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { LeversPlugin } from "../../src/preview/leversPlugin";
import { ModelWorkbook } from "../../src/preview/modelWorkbook";
import { hyperFormulaPort } from "../../src/preview/hfHost";
import { CHUNK_BYTES, UsageImport } from "../../src/taskpane/importer";
import { readModel } from "../../src/taskpane/model";
import { modelRecord } from "../../src/taskpane/setup";
import { payloadBytes } from "../../src/taskpane/port/excelBehaviour";
import { SHEETS, summaryCell } from "../../src/model/definition";
import { Pane } from "../../src/taskpane/pane";
import { ROOT } from "../helpers/loadBundle";
import { BUILD_TIMEOUT_MS, bundlePlugin } from "./bundle";

const FIXTURES = join(ROOT, "test", "fixtures", "exports");
const fixture = (name: string) => ({ name, text: readFileSync(join(FIXTURES, name), "utf8") });

let plugin: LeversPlugin;
beforeAll(() => {
  plugin = bundlePlugin();
}, BUILD_TIMEOUT_MS);

/** A workbook with the user's own sheet (a value in A1) and nothing else. */
function userWorkbook(extraSheets: string[] = []) {
  const wb = new ModelWorkbook(
    { sheets: [{ name: "Budget", cells: [{ address: "A1", value: "my numbers" }] }], names: [] },
    plugin,
  );
  for (const s of extraSheets) wb.addSheet(s);
  return { wb, ...hyperFormulaPort(wb) };
}

async function imported(port: Parameters<typeof UsageImport.plan>[0], name: string) {
  const plan = await UsageImport.plan(port, fixture(name));
  if (!plan.ok) throw new Error(plan.message);
  const run = await plan.value.run(port);
  if (!run.ok) throw new Error(run.message);
  return { plan: plan.value, record: run.value };
}

async function usage(port: Parameters<typeof readModel>[0]): Promise<number[]> {
  const read = await readModel(port);
  if (read.kind !== "ready") throw new Error(`the model reads ${read.kind}: ${"message" in read ? read.message : ""}`);
  return read.data.usage;
}

describe("importing an export into the workbook", () => {
  test("the Console cost CSV: a table on a new sheet, the monthly spill, and Usage pointed at it", async () => {
    const { wb, port, host } = userWorkbook();
    const { record } = await imported(port, "anthropic-console-cost.csv");
    await host.calculated();
    expect(record).toMatchObject({
      sheet: "Usage export",
      table: "UsageExport",
      monthlySheet: "Monthly usage",
      rows: 4,
    });
    // The rows as the file has them: dates stay text (a value written as "2026-09-03" would turn into a date).
    expect(wb.value("Usage export", "A2")).toBe("2026-09-03");
    expect(wb.value("Usage export", "H2")).toBe(8.5);
    expect(wb.tables.get("UsageExport")?.rect).toMatchObject({ row: 0, column: 0, rows: 5, columns: 12 });
    expect(wb.formula("Monthly usage", "A1")).toBe("=LEVERS.MONTHLY_USAGE(UsageExport[#All])");
    // By hand: September Sonnet 10.00 + 15.00 and Haiku 2.00; October nothing; November Sonnet 1.00.
    expect(await usage(port)).toEqual([27, 0, 1]);
    // The Summary's list usage over the term recalculated from it: 27 + 0 + 1.
    const [sheet, a1] = summaryCell("usage_list").split("!") as [string, string];
    expect(wb.value(sheet, a1)).toBeCloseTo(28, 9);
    // Billed 8.50 + 12.75 + 1.70 + 0.85 = 23.80 of list 28.00: 15% off.
    expect(record.observedDiscount).toBeCloseTo(0.15, 12);
    expect(record.billedOnly).toBe(false);
    // The user's own sheet is as it was.
    expect(wb.value("Budget", "A1")).toBe("my numbers");
  });

  test("next month's row typed below the table grows it, and Usage and the renewal horizon follow", async () => {
    const { wb, port, host } = userWorkbook();
    await imported(port, "anthropic-console-cost.csv");
    const row = ["2026-12-01", "Claude Haiku 4.5", "Default", "key-b", "standard", "≤ 200k", "output", 3.4, 4];
    // Typed as a user types: the date becomes a date (an Excel serial), which MONTHLY_USAGE reads too.
    row.forEach((v, c) => wb.set("Usage export", `${"ABCDEFGHI"[c]}6`, v));
    host.emit({ sheet: "Usage export", address: "A6:I6" });
    await host.calculated();
    expect(wb.tables.get("UsageExport")?.rect.rows).toBe(6);
    expect(await usage(port)).toEqual([27, 0, 1, 4]);
    // The renewal horizon is the last 12 months: all four, then nothing (trailing blank rows are no months).
    const renewal = await port.readName("Renewal");
    if (!renewal.ok) throw new Error(renewal.message);
    const sums = renewal.value.values.map((r) => r.reduce<number>((s, v) => s + (typeof v === "number" ? v : 0), 0));
    expect(sums.slice(0, 5)).toEqual([27, 0, 1, 4, 0]);
  });

  test("taken sheet and table names get fresh ones; the user's sheets are never written", async () => {
    const { wb, port, host } = userWorkbook(["Usage export", "Monthly usage"]);
    wb.defineName("UsageExport", "Budget!$A$1");
    const { record } = await imported(port, "plain.csv");
    await host.calculated();
    expect(record).toMatchObject({
      sheet: "Usage export (2)",
      monthlySheet: "Monthly usage (2)",
      table: "UsageExport_2",
    });
    expect(wb.value("Usage export", "A1")).toBeNull();
    expect(wb.value("Monthly usage", "A1")).toBeNull();
    expect(wb.formula("Monthly usage (2)", "A1")).toBe("=LEVERS.MONTHLY_USAGE(UsageExport_2[#All])");
  });

  test("a second import re-points the model it made instead of adding another", async () => {
    const { port, host } = userWorkbook();
    await imported(port, "anthropic-console-cost.csv");
    const first = await modelRecord(port);
    await imported(port, "plain.csv");
    await host.calculated();
    const second = await modelRecord(port);
    expect(second?.sheets).toEqual(first?.sheets);
    expect(second?.imported?.sheet).toBe("Usage export (2)");
    expect(await port.sheetNames()).toEqual(
      expect.arrayContaining([SHEETS.deal, SHEETS.bands, SHEETS.summary, "Usage export (2)"]),
    );
    expect(await port.sheetNames()).not.toContain(`${SHEETS.deal} (2)`);
  });

  test("a file that is no export is refused before anything is written, with the function's message", async () => {
    const { port } = userWorkbook();
    const plan = await UsageImport.plan(port, { name: "notes.csv", text: "when,what\n2026-01-01,lunch\n" });
    expect(plan.ok).toBe(false);
    if (!plan.ok) expect(plan.message).toMatch(/^notes\.csv: export: .*when.*what/i);
    expect(await port.sheetNames()).toEqual(["Budget"]);
  });

  test("an export over 5 MB goes in chunks under Excel on the web's limit; a failed chunk resumes where it stopped", async () => {
    const { wb, port, host } = userWorkbook();
    // 84,000 rows of a plain table: 2026-01 .. 2026-12, 7,000 rows a month of $1.25.
    const lines = ["Month,Model,List $"];
    for (let i = 0; i < 84_000; i++) lines.push(`2026-${String((i % 12) + 1).padStart(2, "0")}-15,Opus 4.5,1.25`);
    const plan = await UsageImport.plan(port, { name: "big.csv", text: lines.join("\n") });
    if (!plan.ok) throw new Error(plan.message);
    const requests = plan.value.requests;
    expect(requests.length).toBeGreaterThanOrEqual(3);
    for (const r of requests) expect(payloadBytes(r)).toBeLessThanOrEqual(CHUNK_BYTES + 1024);
    expect(payloadBytes(requests.flat())).toBeGreaterThan(5 * 1024 * 1024);
    host.platform = "web";
    const seen: number[] = [];
    // The second request fails as a failed sync would.
    let calls = 0;
    const batch = port.batch.bind(port);
    port.batch = async (ops) => (++calls === 2 ? (host.failNextCalls(1), batch(ops)) : batch(ops));
    const first = await plan.value.run(port, (written) => seen.push(written));
    expect(first.ok).toBe(false);
    if (!first.ok) expect(first.message).toMatch(/rows are on sheet Usage export; try again to go on from there\.$/);
    const again = await plan.value.run(port, (written) => seen.push(written));
    expect(again.ok ? "ok" : again.message).toBe("ok");
    expect(seen[seen.length - 1]).toBe(84_001);
    await host.calculated();
    // 7,000 rows of $1.25 a month: $8,750 in each of the 12 months.
    expect(await usage(port)).toEqual(new Array(12).fill(8750));
    expect(wb.tables.get("UsageExport")?.rect.rows).toBe(84_001);
  }, 120_000);

  test("the pane's import: its message, the usage step's figures, and the observed discount as the draft's", async () => {
    const { wb, port, host } = userWorkbook();
    const pane = new Pane(port, { debounceMs: 0 });
    await pane.start();
    expect(pane.state.phase).toBe("setup");
    const outcome = await pane.importUsage(fixture("anthropic-console-cost.csv"));
    expect(outcome.ok).toBe(true);
    expect(pane.state.message?.text).toBe(
      "Imported 4 rows of anthropic-console-cost.csv (Anthropic Console cost CSV) into the table UsageExport on sheet Usage export. " +
        "Usage is now its 3 months of 2 models, from MONTHLY_USAGE on sheet Monthly usage.",
    );
    await host.calculated();
    await pane.refresh();
    expect(pane.state.phase).toBe("ready");
    const step = pane.state.figures!.steps.usage;
    expect(step.headline.value).toBeCloseTo(28, 9);
    expect(step.formulas.map((f) => f.formula)).toEqual([
      "=LEVERS.MONTHLY_USAGE(UsageExport[#All])",
      "=LEVERS.OBSERVED_DISCOUNT(UsageExport[#All])",
    ]);
    expect(await pane.useObservedDiscount()).toEqual({ ok: true, value: undefined });
    const deal = await port.readName("Deal");
    if (!deal.ok) throw new Error(deal.message);
    const row = deal.value.values.find((r) => r[0] === "discount")!;
    expect(row[1]).toBeCloseTo(0.15, 12);
    expect(wb.value("Budget", "A1")).toBe("my numbers");
    await pane.dispose();
  });

  test("the pane refuses a file that is no export, says why, and writes nothing", async () => {
    const { port } = userWorkbook();
    const pane = new Pane(port, { debounceMs: 0 });
    await pane.start();
    const outcome = await pane.importUsage({ name: "empty.csv", text: "" });
    expect(outcome.ok).toBe(false);
    expect(pane.state.message?.kind).toBe("error");
    expect(pane.state.message?.text).toMatch(/^empty\.csv: /);
    expect(await port.sheetNames()).toEqual(["Budget"]);
    await pane.dispose();
  });
});
