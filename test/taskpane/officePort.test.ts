/**
 * The Office.js adapter against stubs of the calls it makes: one Excel.run and one sync for a batch,
 * what a failed sync leaves to remove, names.add and re-pointing, onChanged registration,
 * settings with saveAsync, the chart: plain stubs of exactly the calls it makes.
 */
import { OfficeWorkbook, officePort } from "../../src/taskpane/port/officePort";

type Calls = string[];

/** A tiny Excel object model that records what the adapter asks for. */
function fakeExcel(options: { failSync?: number } = {}) {
  const calls: Calls = [];
  let syncs = 0;
  const ranges: Record<string, unknown>[] = [];
  const range = (label: string): Record<string, unknown> => {
    const r: Record<string, unknown> = {
      label,
      getCell: () => range(`${label}.cell`),
      getResizedRange: (rows: number, cols: number) => range(`${label}+${rows}x${cols}`),
      getEntireColumn: () => range(`${label}.column`),
      format: {},
      load: (what: unknown) => calls.push(`load ${label} ${JSON.stringify(what)}`),
      address: "Deal!A1:C2",
      values: [[1, 2]],
    };
    // Setting formulas and number formats is recorded in order: a format must be set first (office-js #229).
    const stored: Record<string, unknown> = { formulas: [[1, "=A1"]] };
    for (const key of ["formulas", "numberFormat"]) {
      Object.defineProperty(r, key, {
        enumerable: true,
        get: () => stored[key],
        set: (v: unknown) => {
          calls.push(`set ${key} ${label}`);
          stored[key] = v;
        },
      });
    }
    ranges.push(r);
    return r;
  };
  const chart = {
    title: {} as { text?: string },
    legend: {} as { visible?: boolean },
    series: {
      load: (what: string) => calls.push(`load series ${what}`),
      items: [{ delete: () => calls.push("delete guessed series") }],
      add: (name: string) => {
        calls.push(`series.add ${name}`);
        return {
          setValues: (r: { label: string }) => calls.push(`values ${r.label}`),
          setXAxisValues: (r: { label: string }) => calls.push(`x ${r.label}`),
        };
      },
    },
    setPosition: (a: string) => calls.push(`position ${a}`),
  };
  const sheet = (name: string) => ({
    name,
    getRange: (a: string) => range(`${name}!${a}`),
    getRangeByIndexes: (r: number, c: number) => range(`${name}!R${r}C${c}`),
    charts: {
      add: (type: string, r: { label: string }, by: string) => (calls.push(`chart ${type} ${r.label} ${by}`), chart),
    },
    isNullObject: false,
    delete: () => calls.push(`delete sheet ${name}`),
  });
  let changed: ((e: unknown) => Promise<void>) | undefined;
  let calculated: ((e: unknown) => Promise<void>) | undefined;
  const context = {
    workbook: {
      worksheets: {
        add: (name: string) => calls.push(`add ${name}`),
        getItem: (name: string) => sheet(name),
        getItemOrNullObject: (name: string) => sheet(name),
        load: (what: string) => calls.push(`load sheets ${what}`),
        items: [
          { name: "Usage", id: "{1}" },
          { name: "Deal", id: "{2}" },
        ],
        onCalculated: {
          add: (handler: (e: unknown) => Promise<void>) => {
            calls.push("onCalculated.add");
            calculated = handler;
            return { context: "ctx", remove: () => calls.push("onCalculated.remove") };
          },
        },
        onChanged: {
          add: (handler: (e: unknown) => Promise<void>) => {
            calls.push("onChanged.add");
            changed = handler;
            return { context: "ctx", remove: () => calls.push("onChanged.remove") };
          },
        },
      },
      tables: { load: (what: string) => calls.push(`load tables ${what}`), items: [{ name: "Sales" }] },
      names: {
        add: (name: string, ref: string) => calls.push(`name ${name} ${ref}`),
        load: (what: string) => calls.push(`load names ${what}`),
        items: [{ name: "Usage" }],
        getItem: (name: string) => ({
          set formula(f: string) {
            calls.push(`formula ${name} ${f}`);
          },
        }),
        getItemOrNullObject: (name: string) => ({
          isNullObject: false,
          delete: () => calls.push(`delete name ${name}`),
        }),
      },
    },
    sync: () => {
      syncs++;
      calls.push("sync");
      return options.failSync === syncs ? Promise.reject(new Error("sync failed")) : Promise.resolve();
    },
  };
  const Excel = {
    ChartType: { line: "Line", columnClustered: "ColumnClustered" },
    ChartSeriesBy: { columns: "Columns" },
    run: async (...args: unknown[]) => {
      calls.push(args.length > 1 ? `run ${JSON.stringify(args[0])}` : "run");
      const fn = args[args.length - 1] as (c: typeof context) => Promise<unknown>;
      return fn(context);
    },
  };
  return {
    Excel,
    calls,
    ranges,
    chart,
    fire: (e: unknown) => changed!(e),
    calculate: (e: unknown) => calculated!(e),
    syncs: () => syncs,
  };
}

const g = globalThis as unknown as { Excel: unknown; Office: unknown };

describe("OfficeWorkbook", () => {
  it("applies a whole batch in one Excel.run with one sync", async () => {
    const fake = fakeExcel();
    g.Excel = fake.Excel;
    await new OfficeWorkbook().apply([
      { kind: "addSheet", name: "Deal (2)" },
      {
        kind: "write",
        address: "'Deal (2)'!A1",
        cells: [
          [{ value: "Key" }, { formula: "=1+1", format: "0%" }],
          [null, { value: 3 }],
        ],
      },
      { kind: "defineName", name: "Deal", ref: "'Deal (2)'!$A$1:$C$12" },
      { kind: "columnWidths", sheet: "Deal (2)", widths: [18] },
    ]);
    // One run, asking Excel to wait while the user edits a cell (excel-add-ins-delay-in-cell-edit).
    expect(fake.calls.filter((c) => c.startsWith("run"))).toEqual(['run {"delayForCellEdit":true}']);
    expect(fake.syncs()).toBe(1);
    expect(fake.calls).toEqual(expect.arrayContaining(["add Deal (2)", "name Deal ='Deal (2)'!$A$1:$C$12"]));
    const written = fake.ranges.find((r) => r.label === "Deal (2)!A1.cell+1x1")!;
    expect(written.formulas).toEqual([
      ["Key", "=1+1"],
      [null, 3],
    ]);
    expect(written.numberFormat).toEqual([
      [null, "0%"],
      [null, null],
    ]);
    // The format first: a value written into a General cell is converted (a date-like text becomes a
    // date, office-js #229) before a later "@" could keep it text.
    expect(fake.calls.filter((c) => c.startsWith("set "))).toEqual([
      "set numberFormat Deal (2)!A1.cell+1x1",
      "set formulas Deal (2)!A1.cell+1x1",
    ]);
    const column = fake.ranges.find((r) => r.label === "Deal (2)!R0C0.column")!;
    expect((column.format as { columnWidth: number }).columnWidth).toBe(126);
  });

  it("a failed sync rejects and deletes nothing itself; remove() deletes exactly what it is given", async () => {
    const fake = fakeExcel({ failSync: 1 });
    g.Excel = fake.Excel;
    await expect(
      new OfficeWorkbook().apply([
        { kind: "addSheet", name: "Usage" },
        { kind: "defineName", name: "Usage", ref: "Usage!$H$2:$J$25" },
      ]),
    ).rejects.toThrow("sync failed");
    expect(fake.calls.filter((c) => c.startsWith("delete"))).toEqual([]);
    await new OfficeWorkbook().remove({ sheets: ["Usage (2)"], names: ["Usage_2"] });
    expect(fake.calls.filter((c) => c.startsWith("delete"))).toEqual(["delete name Usage_2", "delete sheet Usage (2)"]);
  });

  it("refuses a failed build through the port with a message, and removes only what the batch created", async () => {
    const settings = { get: () => undefined, set: jest.fn(), saveAsync: jest.fn() };
    g.Office = { context: { document: { settings } }, AsyncResultStatus: { Failed: "failed" } };
    const port = officePort();
    // sheetNames and nameList are the first two syncs: let them pass, fail the batch's sync.
    const fake = fakeExcel({ failSync: 3 });
    g.Excel = fake.Excel;
    const outcome = await port.batch([
      { kind: "addSheet", name: "Summary" },
      { kind: "defineName", name: "Deal_2", ref: "Summary!$A$1" },
    ]);
    expect(outcome).toMatchObject({
      ok: false,
      code: "failed",
      message: "Excel could not finish: sync failed. The sheets and names it had added were removed again.",
    });
    // The workbook's existing name Usage is not touched (the old rollback deleted every name of the batch).
    expect(fake.calls.filter((c) => c.startsWith("delete"))).toEqual(["delete name Deal_2", "delete sheet Summary"]);
    expect(settings.saveAsync).not.toHaveBeenCalled();
  });

  it("re-points a name it owns by setting its formula (names.add would fail: ItemAlreadyExists)", async () => {
    const fake = fakeExcel();
    g.Excel = fake.Excel;
    await new OfficeWorkbook().apply([{ kind: "updateName", name: "Usage", ref: "Spend!$A$2:$B$25" }]);
    expect(fake.calls).toContain("formula Usage =Spend!$A$2:$B$25");
    expect(fake.calls.some((c) => c.startsWith("name "))).toBe(false);
  });

  it("reads a range with one load of address, values and formulas", async () => {
    const fake = fakeExcel();
    g.Excel = fake.Excel;
    const read = await new OfficeWorkbook().read("Deal!$A$1:$C$2");
    expect(fake.calls).toContain('load Deal!A1:C2 ["address","values","formulas"]');
    expect(read?.rect).toEqual({ sheet: "Deal", row: 0, column: 0, rows: 2, columns: 3 });
    expect(read?.formulas).toEqual([[1, "=A1"]]);
  });

  it("subscribes to worksheet changes and reports the sheet by name", async () => {
    const fake = fakeExcel();
    g.Excel = fake.Excel;
    const seen: unknown[] = [];
    const stop = await new OfficeWorkbook().onChange((e) => seen.push(e));
    expect(fake.calls).toContain("onChanged.add");
    await fake.fire({ worksheetId: "{2}", address: "B2" });
    expect(seen).toEqual([{ sheet: "Deal", address: "B2" }]);
    // A finished calculation (custom functions leaving #BUSY!) counts as a change.
    await fake.calculate({ worksheetId: "{1}" });
    expect(seen).toEqual([
      { sheet: "Deal", address: "B2" },
      { sheet: "Usage", address: "" },
    ]);
    await stop();
    expect(fake.calls).toEqual(expect.arrayContaining(["onChanged.remove", "onCalculated.remove"]));
  });

  it("adds a line chart over the values with the commits as categories", async () => {
    const fake = fakeExcel();
    g.Excel = fake.Excel;
    await new OfficeWorkbook().addChart({
      sheet: "Brief",
      title: "Expected cost",
      seriesName: "Expected cost over the term",
      categories: "Brief!A20:A45",
      values: "Brief!C20:C45",
      anchor: "J4",
    });
    // The guessed series go; one series is added by hand over the data rows (ChartSeries API, ExcelApi 1.7).
    expect(fake.calls.filter((c) => /^(chart|delete guessed|series|values|x |position)/.test(c))).toEqual([
      "chart Line Brief!C20:C45 Columns",
      "delete guessed series",
      "series.add Expected cost over the term",
      "values Brief!C20:C45",
      "x Brief!A20:A45",
      "position J4",
    ]);
    expect(fake.chart.title.text).toBe("Expected cost");
  });

  it("adds a clustered column chart of several series over the same categories, with a legend", async () => {
    const fake = fakeExcel();
    g.Excel = fake.Excel;
    await new OfficeWorkbook().addChart({
      sheet: "Tracking",
      title: "Burn-down",
      kind: "column",
      seriesName: "Commit",
      categories: "Tracking!$F$11:$F$12",
      values: "Tracking!$H$11:$H$12",
      more: [
        { name: "Drawn to date", values: "Tracking!$J$11:$J$12" },
        { name: "Projected drawn", values: "Tracking!$N$11:$N$12" },
      ],
      anchor: "F15",
    });
    expect(fake.calls.filter((c) => /^(chart|series|values|x )/.test(c))).toEqual([
      "chart ColumnClustered Tracking!H11:H12 Columns",
      "series.add Commit",
      "values Tracking!H11:H12",
      "x Tracking!F11:F12",
      "series.add Drawn to date",
      "values Tracking!J11:J12",
      "x Tracking!F11:F12",
      "series.add Projected drawn",
      "values Tracking!N11:N12",
      "x Tracking!F11:F12",
    ]);
    expect(fake.chart.legend.visible).toBe(true);
  });

  it("keeps settings in the document and saves them with saveAsync", async () => {
    const store = new Map<string, unknown>();
    const settings = {
      get: (k: string) => store.get(k),
      set: (k: string, v: unknown) => store.set(k, v),
      saveAsync: jest.fn((cb: (r: { status: string; error?: { message: string } }) => void) =>
        cb({ status: "succeeded" }),
      ),
    };
    g.Office = { context: { document: { settings } }, AsyncResultStatus: { Failed: "failed" } };
    const wb = new OfficeWorkbook();
    await wb.setSettings({ "commitLevers.status": { size: "done" } });
    expect(settings.saveAsync).toHaveBeenCalledTimes(1);
    expect(await wb.getSetting("commitLevers.status")).toEqual({ size: "done" });
    settings.saveAsync.mockImplementationOnce((cb) => cb({ status: "failed", error: { message: "read-only" } }));
    await expect(wb.setSettings({ a: 1 })).rejects.toThrow("read-only");
  });

  it("loads the selection's address before reading it", async () => {
    const loaded: string[] = [];
    const range = {
      load: (what: string) => loaded.push(what),
      get address() {
        if (!synced) throw new Error("address read before sync");
        return "Summary!D3";
      },
    };
    let synced = false;
    let areaCount = 1;
    const areas = {
      load: () => undefined,
      address: "",
      get areaCount() {
        return areaCount;
      },
    };
    g.Office = { context: { requirements: { isSetSupported: () => true } } };
    g.Excel = {
      run: async (_options: unknown, fn: (c: unknown) => Promise<unknown>) =>
        fn({
          workbook: { getSelectedRange: () => range, getSelectedRanges: () => areas },
          sync: () => {
            synced = true;
            return Promise.resolve();
          },
        }),
    };
    expect(await new OfficeWorkbook().selection()).toBe("Summary!D3");
    expect(loaded).toEqual(["address"]);
    // Several areas: getSelectedRange would throw with no documented code; the adapter says InvalidSelection.
    areaCount = 2;
    await expect(new OfficeWorkbook().selection()).rejects.toMatchObject({ code: "InvalidSelection" });
  });
});
