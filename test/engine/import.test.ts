/**
 * "Bring your usage" on a real formula engine: the pane reads a picked export as a stream and sums it
 * (sheet/stream.ts, the core's one aggregator), then writes its monthly totals into a HyperFormula
 * workbook (the preview's host, with Excel's refusals) as a small table, whose MONTHLY_USAGE spill the
 * shipped functions bundle computes; the model's Usage, Summary and renewal horizon follow it, also
 * when the user types next month's row below the table. Goldens are worked by hand from the fixtures
 * (test/fixtures/exports/README.md).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { LeversPlugin } from "../../src/preview/leversPlugin";
import { ModelWorkbook } from "../../src/preview/modelWorkbook";
import { hyperFormulaPort } from "../../src/preview/hfHost";
import { CHUNK_BYTES, rawChunks, writeMonthly } from "../../src/taskpane/importer";
import { readModel } from "../../src/taskpane/model";
import { modelRecord } from "../../src/taskpane/record";
import { payloadBytes } from "../../src/taskpane/port/excel";
import { summaryCell } from "../../src/model/definition";
import { Pane } from "../../src/taskpane/pane";
import { MemoryWorkbook, memoryPort } from "../../src/taskpane/port/memoryPort";
import { calculateModelFormula } from "../../src/taskpane/port/modelCalc";
import type { GuardedPort } from "../../src/taskpane/port/port";
import { ByteSource, FileRead, readExportStream } from "../../src/sheet/stream";
import { LeverError } from "../../src/core";
import { ROOT } from "../helpers/loadBundle";
import { BUILD_TIMEOUT_MS, bundlePlugin } from "./bundle";

const FIXTURES = join(ROOT, "test", "fixtures", "exports");

/** A file as the pane's picker hands it: a name, a size and a stream of its bytes. */
export function fileOf(name: string, content: string | Uint8Array<ArrayBuffer>): ByteSource {
  const blob = new Blob([content]);
  return { name, size: blob.size, stream: () => blob.stream() };
}
const fixture = (name: string) => fileOf(name, new Uint8Array(readFileSync(join(FIXTURES, name))));

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

async function readOf(file: ByteSource): Promise<FileRead> {
  const read = await readExportStream(file);
  if (read instanceof LeverError || read === "cancelled") throw new Error(read === "cancelled" ? read : read.message);
  return read;
}

/** Imports a file through the pane (read on this thread, as the tests run it), as a user picks it. */
async function imported(port: ReturnType<typeof userWorkbook>["port"], file: ByteSource, keepRaw?: boolean) {
  const pane = new Pane(port, { debounceMs: 0 });
  if (keepRaw !== undefined) pane.setKeepRaw(keepRaw);
  const outcome = await pane.importUsage(file);
  if (!outcome.ok) throw new Error(outcome.message);
  await pane.dispose();
  return { pane, result: outcome.value, record: outcome.value.imported };
}

async function usage(port: Parameters<typeof readModel>[0]): Promise<number[]> {
  const read = await readModel(port);
  if (read.kind !== "ready") throw new Error(`the model reads ${read.kind}: ${"message" in read ? read.message : ""}`);
  return read.data.usage;
}

describe("importing an export into the workbook: its monthly totals, not its rows", () => {
  test("the Console cost CSV: a monthly table on a new sheet, its MONTHLY_USAGE spill, and Usage pointed at it", async () => {
    const { wb, port, host } = userWorkbook();
    const { record, result } = await imported(port, fixture("anthropic-console-cost.csv"));
    await host.calculated();
    expect(record).toMatchObject({ sheet: "Usage by month", table: "UsageMonthly", rows: 4, columns: 6 });
    expect(result).toMatchObject({ months: 2, models: 2, unchanged: false });
    // By hand, per month and model: September Haiku 2.00 list, 1.70 paid (1 row); September Sonnet
    // 10.00 + 15.00 list, 8.50 + 12.75 paid (2 rows); November Sonnet 1.00 and 0.85 (1 row), which ended
    // less than 30 days before the newest date (2026-11-02), so the vendor may still revise it.
    const table = ["A", "B", "C", "D", "E", "F"];
    // An empty cell reads as null here, "" in Excel: either is blank.
    const row = (r: number) => table.map((c) => wb.value("Usage by month", `${c}${r}`) ?? "");
    expect(row(1)).toEqual(["Month", "Model", "List $", "Paid $", "Rows", "Provisional"]);
    expect(row(2)).toEqual(["2026-09", "Claude Haiku 4.5", 2, 1.7, 1, ""]);
    expect(row(3)).toEqual(["2026-09", "Claude Sonnet 4.5", 25, 21.25, 2, ""]);
    expect(row(4)).toEqual(["2026-11", "Claude Sonnet 4.5", 1, 0.85, 1, "provisional"]);
    expect(wb.tables.get("UsageMonthly")?.rect).toMatchObject({ row: 0, column: 0, rows: 4, columns: 6 });
    expect(wb.formula("Usage by month", "H1")).toBe("=LEVERS.MONTHLY_USAGE(UsageMonthly[#All])");
    // September 25 + 2; October nothing (a month without rows is 0); November 1.
    expect(await usage(port)).toEqual([27, 0, 1]);
    const [sheet, a1] = summaryCell("usage_list").split("!") as [string, string];
    expect(wb.value(sheet, a1)).toBeCloseTo(28, 9);
    // Paid 8.50 + 12.75 + 1.70 + 0.85 = 23.80 of list 28.00: 15% off.
    expect(record.observedDiscount).toBeCloseTo(0.15, 12);
    expect(record.provisional).toEqual(["2026-11"]);
    // 4 rows is under 20,000: the raw rows are kept too, as the file has them (dates stay text), read by no formula.
    expect(record).toMatchObject({ rawSheet: "Usage export", rawTable: "UsageExport" });
    expect(wb.value("Usage export", "A2")).toBe("2026-09-03");
    expect(wb.value("Usage export", "H2")).toBe(8.5);
    expect(wb.tables.get("UsageExport")?.rect).toMatchObject({ row: 0, column: 0, rows: 5, columns: 12 });
    expect(wb.value("Budget", "A1")).toBe("my numbers");
  });

  test("next month's row typed below the monthly table grows it, and Usage and the renewal horizon follow", async () => {
    const { wb, port, host } = userWorkbook();
    await imported(port, fixture("anthropic-console-cost.csv"), false);
    ["2026-12", "Claude Haiku 4.5", 4, 3.4, 1].forEach((v, c) => wb.set("Usage by month", `${"ABCDE"[c]}5`, v));
    host.emit({ sheet: "Usage by month", address: "A5:E5" });
    await host.calculated();
    expect(wb.tables.get("UsageMonthly")?.rect.rows).toBe(5);
    expect(await usage(port)).toEqual([27, 0, 1, 4]);
    const renewal = await port.readName("Renewal");
    if (!renewal.ok) throw new Error(renewal.message);
    const sums = renewal.value.values.map((r) => r.reduce<number>((s, v) => s + (typeof v === "number" ? v : 0), 0));
    expect(sums.slice(0, 5)).toEqual([27, 0, 1, 4, 0]);
  });

  test("importing the same file twice changes nothing", async () => {
    const { port } = userWorkbook();
    await imported(port, fixture("anthropic-console-cost.csv"));
    const sheets = await port.sheetNames();
    const before = await modelRecord(port);
    const again = await imported(port, fixture("anthropic-console-cost.csv"));
    expect(again.result.unchanged).toBe(true);
    expect(again.pane.state.message?.text).toBe(
      "Nothing changed: every month of anthropic-console-cost.csv is already in the table UsageMonthly on sheet Usage by month as it stands.",
    );
    expect(await port.sheetNames()).toEqual(sheets);
    expect((await modelRecord(port))?.names).toEqual(before?.names);
  });

  test("a newer export replaces the months it covers and keeps the others", async () => {
    const { wb, port, host } = userWorkbook();
    await imported(port, fixture("anthropic-console-cost.csv"), false);
    // November revised (2.00 list, not 1.00) and December new (5.00): September stays as it was.
    const newer = [
      "usage_date_utc,model,cost_usd,list_price_usd",
      "2026-11-02,Claude Sonnet 4.5,1.70,2.00",
      "2026-12-10,Claude Sonnet 4.5,4.25,5.00",
    ].join("\n");
    const { result, pane } = await imported(port, fileOf("newer.csv", newer), false);
    expect(result).toMatchObject({ replaced: 1, kept: 1, unchanged: false });
    expect(pane.state.message?.text).toContain("It replaced 1 month of the earlier import and kept 1.");
    await host.calculated();
    expect(await usage(port)).toEqual([27, 0, 2, 5]);
    const sheet = result.imported.sheet;
    expect(sheet).toBe("Usage by month (2)");
    expect(wb.value(sheet, "A2")).toBe("2026-09");
    expect(wb.value(sheet, "A5")).toBe("2026-12");
    // The sheet before stays as it was, the record of what the numbers were.
    expect(wb.value("Usage by month", "C4")).toBe(1);
  });

  test("a kept month's provisional flag is judged again against the newer export's date", async () => {
    const { wb, port } = userWorkbook();
    await imported(port, fixture("anthropic-console-cost.csv"), false);
    expect(wb.value("Usage by month", "F4")).toBe("provisional"); // 2026-11, newest 2026-11-02
    // A newer export of January only: November ended 46 days before 2027-01-15, so it is final now.
    const newer = "usage_date_utc,model,cost_usd,list_price_usd\n2027-01-15,Claude Sonnet 4.5,4.25,5.00\n";
    const { result } = await imported(port, fileOf("newer.csv", newer), false);
    const sheet = result.imported.sheet;
    expect(wb.value(sheet, "A4")).toBe("2026-11");
    expect(wb.value(sheet, "F4") ?? "").toBe("");
    expect(wb.value(sheet, "F5")).toBe("provisional");
    expect(result.imported.provisional).toEqual(["2027-01"]);
  });

  test("a note the user wrote below the monthly table stays out of the next import's table", async () => {
    const { wb, port, host } = userWorkbook();
    await imported(port, fixture("anthropic-console-cost.csv"), false);
    wb.set("Usage by month", "A7", "Note: October had the migration spike");
    host.emit({ sheet: "Usage by month", address: "A7" });
    const newer = "usage_date_utc,model,cost_usd,list_price_usd\n2026-12-10,Claude Sonnet 4.5,4.25,5.00\n";
    const { result } = await imported(port, fileOf("newer.csv", newer), false);
    await host.calculated();
    expect(result).toMatchObject({ replaced: 0, kept: 2 });
    expect(await usage(port)).toEqual([27, 0, 1, 5]);
  });

  test("a file whose models sort differently by locale and by code unit is still unchanged when imported again", async () => {
    const { port } = userWorkbook();
    await imported(port, fixture("anthropic-cost-report.csv"), false);
    const sheets = await port.sheetNames();
    const again = await imported(port, fixture("anthropic-cost-report.csv"), false);
    expect(again.result.unchanged).toBe(true);
    expect(await port.sheetNames()).toEqual(sheets);
  });

  test("the pane's observed discount is the one OBSERVED_DISCOUNT gives over the table it wrote", async () => {
    const { wb, port, host } = userWorkbook();
    // One month: list 10 paid 8, and list 10 paid 0 (not carried as a row): over the month's totals,
    // 1 - 8 / 20 = 60%, which is what the formula over the monthly table computes.
    const csv = "usage_date_utc,model,cost_usd,list_price_usd\n2026-10-01,Opus,8,10\n2026-10-02,Opus,0,10\n";
    const { record } = await imported(port, fileOf("mixed.csv", csv), false);
    expect(record.observedDiscount).toBeCloseTo(0.6, 12);
    wb.set("Usage by month", "Z1", "=LEVERS.OBSERVED_DISCOUNT(UsageMonthly[#All])");
    await host.calculated();
    expect(wb.value("Usage by month", "Z1")).toBeCloseTo(0.6, 12);
  });

  test("taken sheet and table names get fresh ones; the user's sheets are never written", async () => {
    const { wb, port, host } = userWorkbook(["Usage by month", "Usage export"]);
    wb.defineName("UsageMonthly", "Budget!$A$1");
    const { record } = await imported(port, fixture("plain.csv"));
    await host.calculated();
    expect(record).toMatchObject({
      sheet: "Usage by month (2)",
      table: "UsageMonthly_2",
      rawSheet: "Usage export (2)",
    });
    expect(wb.value("Usage by month", "A1")).toBeNull();
    expect(wb.value("Usage export", "A1")).toBeNull();
    expect(wb.formula("Usage by month (2)", "G1")).toBe("=LEVERS.MONTHLY_USAGE(UsageMonthly_2[#All])");
  });

  test("a billed-only export: a Paid $ column and no List $, and MONTHLY_USAGE says billed", async () => {
    const { wb, port, host } = userWorkbook();
    const { record } = await imported(port, fixture("openai-costs.csv"), false);
    await host.calculated();
    expect(record.billedOnly).toBe(true);
    expect(wb.value("Usage by month", "C1")).toBe("Paid $");
    // Both rows in 2026-10 (Unix seconds 1790812800 is 2026-10-01): 0.1234567890123 + 2.5, one column per line item.
    const spill = wb.value("Usage by month", "G1");
    expect(spill).toBe("Month");
    expect(String(wb.value("Usage by month", "H1"))).toMatch(/\(billed\)$/);
    expect(await usage(port)).toHaveLength(1);
    expect((await usage(port))[0]).toBeCloseTo(2.6234567890123, 12);
  });
});

/** A port over each stand-in, with the user's own sheet Budget: the refusals must hold on both. */
const STAND_INS: [string, () => { port: GuardedPort }][] = [
  ["the HyperFormula workbook", () => userWorkbook()],
  [
    "the in-memory workbook",
    () => {
      const workbook = new MemoryWorkbook(calculateModelFormula);
      workbook.addUserSheet("Budget");
      return { port: memoryPort(workbook) };
    },
  ],
];

describe.each(STAND_INS)("nothing is written before the read succeeds, on %s", (_, make) => {
  async function refused(file: ByteSource) {
    const { port } = make();
    const pane = new Pane(port, { debounceMs: 0 });
    await pane.start();
    const outcome = await pane.importUsage(file);
    expect(outcome.ok).toBe(false);
    expect(pane.state.message?.kind).toBe("error");
    expect(await port.sheetNames()).toEqual(["Budget"]);
    await pane.dispose();
    return pane.state.message!.text;
  }

  test("a file that is no export: its columns and the formats known", async () => {
    const text = await refused(fileOf("notes.csv", "when,what\n2026-01-01,lunch\n"));
    expect(text).toMatch(
      /^notes\.csv: a header of 2 columns \("when", "what"\) is no export this reads; it reads: .*FOCUS/,
    );
    expect(text).toMatch(/Nothing was written\.$/);
  });

  test("a bad amount: its row and column, and not half imported", async () => {
    const text = readFileSync(join(FIXTURES, "anthropic-console-cost.csv"), "utf8").replace("0.85,1.00", "0.85,n/a");
    expect(await refused(fileOf("costs.csv", text))).toBe(
      'costs.csv: row 5, list_price_usd: "n/a" is not an amount. Nothing was written.',
    );
  });

  test("a bad date: its row and column", async () => {
    const text = "Month,Model,List $\n2026-01,Opus,5\nnext Tuesday,Opus,6\n";
    expect(await refused(fileOf("plain.csv", text))).toMatch(/^plain\.csv: row 3, Month: "next Tuesday" is not a date/);
  });

  test("a workbook or a zip: not a CSV or JSON export, before any parse", async () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]);
    expect(await refused(fileOf("usage.xlsx", zip))).toMatch(/^usage\.xlsx: this is not a CSV or JSON export/);
  });

  test("an empty file, a header only, a file of only tax rows: said in words", async () => {
    expect(await refused(fileOf("empty.csv", ""))).toBe("empty.csv: the file is empty. Nothing was written.");
    expect(await refused(fileOf("header.csv", "usage_date_utc,model,cost_usd,list_price_usd\n"))).toBe(
      "header.csv: no usage rows in this Anthropic Console cost CSV. Nothing was written.",
    );
    const tax = "ChargePeriodStart,ChargeCategory,ListCost,BilledCost\n2026-10-01,Tax,0,12\n2026-11-01,Tax,0,13\n";
    expect(await refused(fileOf("tax.csv", tax))).toBe(
      "tax.csv: no usage rows in this FOCUS cost and usage CSV (2 rows of other charges skipped). Nothing was written.",
    );
  });

  test("Cancel while reading: nothing written, and said", async () => {
    const { port } = make();
    const pane = new Pane(port, { debounceMs: 0 });
    await pane.start();
    // A stream that never ends until cancelled: the read waits on it, Cancel stops it.
    const endless: ByteSource = {
      name: "slow.csv",
      size: 1e9,
      stream: () =>
        new ReadableStream<Uint8Array>({
          pull: (c) =>
            new Promise((resolve) =>
              setTimeout(() => {
                try {
                  c.enqueue(new TextEncoder().encode("2026-10-01,Opus,1\n"));
                } catch {
                  // cancelled: the stream is closed
                }
                resolve();
              }, 5),
            ),
          start: (c) => c.enqueue(new TextEncoder().encode("Month,Model,List $\n")),
        }),
    };
    const running = pane.importUsage(endless);
    await new Promise((r) => setTimeout(r, 50));
    expect(pane.state.importing?.phase).toBe("reading");
    pane.cancelImport();
    const outcome = await running;
    expect(outcome.ok).toBe(false);
    expect(pane.state.importing).toBeUndefined();
    expect(pane.state.message?.text).toBe("Import of slow.csv cancelled: nothing was written.");
    expect(await port.sheetNames()).toEqual(["Budget"]);
    await pane.dispose();
  });
});

describe("the raw rows, only on request", () => {
  test("an export over 5 MB goes in chunks under Excel on the web's limit, and a failed chunk says how far it got", async () => {
    const { wb, port, host } = userWorkbook();
    // 84,000 rows of a plain table: 2026-01 .. 2026-12, 7,000 rows a month of $1.25.
    const lines = ["Month,Model,List $"];
    for (let i = 0; i < 84_000; i++) lines.push(`2026-${String((i % 12) + 1).padStart(2, "0")}-15,Opus 4.5,1.25`);
    const file = fileOf("big.csv", lines.join("\n"));
    const read = await readOf(file);
    const chunks: number[] = [];
    await rawChunks(file, read, (rows) => {
      chunks.push(payloadBytes(rows));
      return Promise.resolve(true);
    });
    expect(chunks.length).toBeGreaterThanOrEqual(2);
    for (const bytes of chunks) expect(bytes).toBeLessThanOrEqual(CHUNK_BYTES);
    host.platform = "web";
    // Monthly totals only (the default past 20,000 rows): no raw sheet.
    const monthly = await imported(port, file);
    expect(monthly.record.rawSheet).toBeUndefined();
    await host.calculated();
    // 7,000 rows of $1.25 a month: $8,750 in each of the 12 months.
    expect(await usage(port)).toEqual(new Array(12).fill(8750));
    // Kept on request, in another workbook: the second raw request fails as a failed sync would; the
    // message says how far it got.
    const other = userWorkbook();
    other.host.platform = "web";
    const port2 = other.port;
    let calls = 0;
    const batch = port2.batch.bind(port2);
    port2.batch = async (ops) => (++calls === 3 ? (other.host.failNextCalls(1), batch(ops)) : batch(ops));
    const pane = new Pane(port2, { debounceMs: 0 });
    pane.setKeepRaw(true);
    const outcome = await pane.importUsage(file);
    expect(outcome.ok).toBe(true);
    expect(pane.state.message?.text).toMatch(
      /^Imported 84,000 rows .* The raw rows stopped: .* rows are on sheet Usage export\. The monthly totals are in\.$/,
    );
    // "Try again" writes them again, on a fresh sheet (the part-written one stays as it is).
    expect(pane.state.message?.retry).toMatchObject({ action: "keepRawRows" });
    await pane.retry();
    // The failed attempt made no table, so the name is free: the table on the fresh sheet takes it.
    expect(pane.state.message?.text).toMatch(
      /The raw rows are in the table UsageExport on sheet Usage export \(2\)\.$/,
    );
    expect(other.wb.tables.get("UsageExport")?.rect).toMatchObject({ sheet: "Usage export (2)", rows: 84_001 });
    expect(other.wb.tables.get("UsageMonthly")).toBeDefined();
    expect(wb.tables.get("UsageExport")).toBeUndefined();
    await pane.dispose();
  }, 120_000);

  test("writeMonthly is one small request, whatever the size of the file", async () => {
    const { port } = userWorkbook();
    const lines = ["Month,Model,List $"];
    for (let i = 0; i < 50_000; i++) lines.push(`2026-${String((i % 12) + 1).padStart(2, "0")}-15,Opus 4.5,1.25`);
    const read = await readOf(fileOf("big.csv", lines.join("\n")));
    const sent: number[] = [];
    const batch = port.batch.bind(port);
    port.batch = async (ops) => (sent.push(payloadBytes(ops)), batch(ops));
    const outcome = await writeMonthly(port, read);
    expect(outcome.ok).toBe(true);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toBeLessThan(100_000);
  });
});
