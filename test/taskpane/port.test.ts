/** Addresses, ownership records and the memory workbook's basics. */
import { formatRect, freshName, parseAddress, renameSheetRefs } from "../../src/sheet/a1";
import { formatMoney, formatPercent, parseMoneyText, parsePercentText } from "../../src/taskpane/format";
import { MemoryWorkbook, memoryPort } from "../../src/taskpane/port/memoryPort";
import { Ownership } from "../../src/taskpane/port/port";

describe("A1 addresses", () => {
  it("parses and formats sheet-qualified ranges, quoting names that need it", () => {
    expect(parseAddress("'Deal (2)'!$B$2:$C$12")).toEqual({
      sheet: "Deal (2)",
      row: 1,
      column: 1,
      rows: 11,
      columns: 2,
    });
    expect(formatRect({ sheet: "Deal (2)", row: 1, column: 1, rows: 1, columns: 1 }, true)).toBe("'Deal (2)'!$B$2");
    expect(formatRect({ sheet: "Usage", row: 1, column: 7, rows: 24, columns: 3 })).toBe("Usage!H2:J25");
    expect(parseAddress("Usage")).toBeUndefined();
  });

  it("renames sheet references in formulas without touching names or text", () => {
    const renames = new Map([["Deal", "Deal (2)"]]);
    expect(renameSheetRefs("=LEVERS.TOTAL_COST(Deal!$B$2,Usage,Deal!$B$3)", renames)).toBe(
      "=LEVERS.TOTAL_COST('Deal (2)'!$B$2,Usage,'Deal (2)'!$B$3)",
    );
    expect(renameSheetRefs("=MyDeal!A1+Deal", renames)).toBe("=MyDeal!A1+Deal");
  });

  it("finds a fresh sheet name", () => {
    expect(freshName("Deal", ["Usage"])).toBe("Deal");
    expect(freshName("Deal", ["deal", "Deal (2)"])).toBe("Deal (3)");
  });
});

describe("formats", () => {
  it("shows money to the dollar and rates as percents", () => {
    expect(formatMoney(1234567.4)).toBe("$1,234,567");
    expect(formatMoney(-52941.2)).toBe("-$52,941");
    expect(formatMoney(-0.2)).toBe("$0");
    expect(formatPercent(0.15)).toBe("15%");
    expect(formatPercent(0.125)).toBe("12.5%");
    expect(parseMoneyText("$3,000,000")).toBe(3_000_000);
    expect(parseMoneyText("2.5m")).toBe(2_500_000);
    expect(parsePercentText("15%")).toBe(0.15);
    expect(parsePercentText("0.15")).toBe(0.15);
    expect(parsePercentText("15")).toBe(0.15);
  });
});

describe("ownership", () => {
  it("round-trips through a compact settings record", () => {
    const owned = new Ownership();
    for (let c = 0; c < 5; c++) owned.addCell("Deal", 1, c);
    owned.addCell("Deal", 1, 9);
    owned.addName("Usage");
    const record = owned.toRecord();
    expect(record).toEqual({ rects: { Deal: ["1:0:1:5", "1:9:1:1"] }, names: ["usage"] });
    const back = Ownership.from(JSON.parse(JSON.stringify(record)));
    expect(back.ownsCell("Deal", 1, 4)).toBe(true);
    expect(back.ownsCell("Deal", 1, 5)).toBe(false);
    expect(back.ownsName("USAGE")).toBe(true);
    expect(Ownership.from("garbage").ownsName("x")).toBe(false);
  });

  it("reads a record saved before rectangles (row runs)", () => {
    const back = Ownership.from({ cells: { Deal: ["1:0:4", "3:2:2"] }, names: [] });
    expect(back.ownsCell("Deal", 1, 0)).toBe(true);
    expect(back.ownsCell("Deal", 1, 4)).toBe(true);
    expect(back.ownsCell("Deal", 3, 2)).toBe(true);
    expect(back.ownsCell("Deal", 2, 2)).toBe(false);
    expect(back.toRecord().rects).toEqual({ Deal: ["1:0:1:5", "3:2:1:1"] });
  });

  it("keeps a million written rows as one rectangle, not a million runs, and leaves out cells it only formatted", () => {
    const owned = new Ownership();
    const row = [{ value: "2026-10-01" }, { value: 1.5 }, null, { format: "@" }, { formula: "=1" }];
    const chunk = Array.from({ length: 100_000 }, () => row);
    // Ten chunks written one below the other, as the raw rows go in.
    for (let i = 0; i < 10; i++) owned.addWrite("Usage export", i * 100_000, 0, chunk);
    const record = owned.toRecord();
    // Columns A:B in one rectangle and E in another; C (left alone) and D (a format only) are not the pane's.
    expect(record.rects).toEqual({ "Usage export": ["0:0:1000000:2", "0:4:1000000:1"] });
    expect(JSON.stringify(record).length).toBeLessThan(100);
    expect(owned.ownsCell("Usage export", 999_999, 1)).toBe(true);
    expect(owned.ownsCell("Usage export", 500_000, 2)).toBe(false);
    expect(owned.ownsCell("Usage export", 500_000, 3)).toBe(false);
    expect(owned.ownsCell("Usage export", 1_000_000, 0)).toBe(false);
  });
});

describe("memory workbook", () => {
  it("adds sheets under fresh names and reports changes", async () => {
    const workbook = new MemoryWorkbook();
    workbook.addUserSheet("Deal");
    const port = memoryPort(workbook);
    const events: unknown[] = [];
    const stop = await port.onChange((e) => events.push(e));
    expect(await port.addSheet("Deal")).toEqual({ ok: true, value: "Deal (2)" });
    await port.write("'Deal (2)'!B2", [[{ value: 5 }]]);
    workbook.edit("Deal!A1", "x");
    expect(events).toEqual([
      { sheet: "Deal (2)", address: "'Deal (2)'!B2" },
      { sheet: "Deal", address: "Deal!A1" },
    ]);
    await stop();
    workbook.edit("Deal!A1", "y");
    expect(events).toHaveLength(2);
    expect(await port.readRange("Nowhere!A1")).toMatchObject({ ok: false, code: "not-found" });
    expect(await port.readName("Usage")).toMatchObject({ ok: false, code: "not-found" });
    expect(
      await port.addChart({ sheet: "Nope", title: "", seriesName: "s", categories: "", values: "", anchor: "A1" }),
    ).toMatchObject({
      ok: false,
    });
  });
});

describe("the memory workbook refuses and converts what Excel does", () => {
  it("turns a date-like string written as a value into a date serial unless the cell is text (office-js #229)", async () => {
    const workbook = new MemoryWorkbook();
    const port = memoryPort(workbook);
    await port.addSheet("S");
    await port.write("S!A1", [[{ value: "2026-10-01" }, { value: "2026-10-01", format: "@" }, { value: "Opus" }]]);
    // 2026-10-01 is 46,296 days after Excel's day 0 (1899-12-30): 25,569 to 1970-01-01 plus 20,727.
    expect(workbook.cell("S!A1")?.value).toBe(46296);
    expect(workbook.cell("S!B1")?.value).toBe("2026-10-01");
    expect(workbook.cell("S!C1")?.value).toBe("Opus");
  });

  it("makes a table, lists it with the names, refuses a taken table name, and grows it when the user types below", async () => {
    const workbook = new MemoryWorkbook();
    const port = memoryPort(workbook);
    await port.addSheet("S");
    await port.write("S!A1", [
      [{ value: "Month" }, { value: "List" }],
      [{ value: 1 }, { value: 2 }],
    ]);
    expect(await port.batch([{ kind: "addTable", name: "T", address: "S!A1:B2" }])).toEqual({
      ok: true,
      value: undefined,
    });
    expect(await port.nameList()).toContain("T");
    const again = await port.batch([{ kind: "addTable", name: "T", address: "S!D1:E2" }]);
    expect(again).toMatchObject({ ok: false, code: "occupied" });
    expect(workbook.tables.resolve("T[#All]")).toBe("S!$A$1:$B$2");
    workbook.edit("S!B3", 5);
    expect(workbook.tables.resolve("T[#All]")).toBe("S!$A$1:$B$3");
    expect(workbook.tables.resolve("T")).toBe("S!$A$2:$B$3");
    // Two rows below the table is not "directly below": it does not grow.
    workbook.edit("S!A5", 1);
    expect(workbook.tables.resolve("T[#All]")).toBe("S!$A$1:$B$3");
  });
});
