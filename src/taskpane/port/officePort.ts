/**
 * The workbook port over Office.js. Each call is one `Excel.run` with its loads queued before a
 * `sync`; a batch of model writes is one `Excel.run` too. Batches are not transactional: when a
 * sync fails, the operations queued before the failing one may be done, so the port (port.ts)
 * removes the sheets and names the batch created, and says so. Every `Excel.run` asks to wait while
 * the user edits a cell (delayForCellEdit:
 * https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-delay-in-cell-edit), so a click
 * during an edit runs when the edit ends. Settings go through `Office.context.document.settings`
 * and are saved with `saveAsync`.
 */
import { maxOf } from "../../core/arrays";
import { parseAddress, splitAddress } from "../../sheet/a1";
import { OfficeAsyncError, OfficeCodes, OfficeError } from "./excel";
import { CellValue, CellWrite, ChangeEvent, ChartSpec, GuardedPort, RangeData, WorkbookHost, WorkbookOp } from "./port";

/** Column width: Excel counts characters, Office.js points; about 7 points a character. */
const POINTS_PER_CHARACTER = 7;

function sheetAndLocal(address: string): { sheet: string; local: string } {
  const { sheet, local } = splitAddress(address);
  return { sheet, local: local.replace(/\$/g, "") };
}

/** One Excel.run that waits for the user to leave cell-edit mode instead of failing. */
function run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
  return Excel.run({ delayForCellEdit: true }, batch);
}

export class OfficeWorkbook implements WorkbookHost {
  async sheetNames(): Promise<string[]> {
    return run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load("items/name");
      await context.sync();
      return sheets.items.map((s) => s.name);
    });
  }

  /** Defined names and table names: they share one namespace, so a new name must avoid both. */
  async nameList(): Promise<string[]> {
    return run(async (context) => {
      const names = context.workbook.names;
      const tables = context.workbook.tables;
      names.load("items/name");
      tables.load("items/name");
      await context.sync();
      return [...names.items.map((n) => n.name), ...tables.items.map((t) => t.name)];
    });
  }

  /** Two syncs: a method of a null object is not to be called before its isNullObject is known. */
  async nameAddress(name: string): Promise<string | undefined> {
    return run(async (context) => {
      const item = context.workbook.names.getItemOrNullObject(name);
      await context.sync();
      if (item.isNullObject) return undefined;
      const range = item.getRangeOrNullObject();
      range.load("address");
      await context.sync();
      return range.isNullObject ? undefined : range.address;
    });
  }

  /** Range.getUsedRangeOrNullObject(true): the cells with values (ExcelApi 1.4). */
  async usedPart(address: string): Promise<string | undefined> {
    const { sheet, local } = sheetAndLocal(address);
    return run(async (context) => {
      const ws = context.workbook.worksheets.getItemOrNullObject(sheet);
      await context.sync();
      if (ws.isNullObject) return undefined;
      const used = ws.getRange(local).getUsedRangeOrNullObject(true);
      used.load("address");
      await context.sync();
      return used.isNullObject ? undefined : used.address;
    });
  }

  async read(address: string): Promise<RangeData | undefined> {
    const { sheet, local } = sheetAndLocal(address);
    return run(async (context) => {
      const ws = context.workbook.worksheets.getItemOrNullObject(sheet);
      await context.sync();
      if (ws.isNullObject) return undefined;
      const range = ws.getRange(local);
      range.load(["address", "values", "formulas"]);
      await context.sync();
      const rect = parseAddress(range.address);
      if (!rect) return undefined;
      return {
        address: range.address,
        rect,
        values: range.values as CellValue[][],
        formulas: range.formulas as CellValue[][],
      };
    });
  }

  async apply(ops: readonly WorkbookOp[]): Promise<void> {
    await run(async (context) => {
      const wb = context.workbook;
      for (const op of ops) {
        switch (op.kind) {
          case "addSheet":
            wb.worksheets.add(op.name);
            break;
          case "write": {
            const { sheet, local } = sheetAndLocal(op.address);
            const rows = op.cells.length;
            const columns = Math.max(1, maxOf(op.cells.map((r) => r.length)));
            const range = wb.worksheets
              .getItem(sheet)
              .getRange(local)
              .getCell(0, 0)
              .getResizedRange(rows - 1, columns - 1);
            // Office.js leaves a cell alone where the array holds null.
            const grid = (pick: (c: CellWrite) => unknown) =>
              Array.from({ length: rows }, (_, r) =>
                Array.from({ length: columns }, (_, c) => {
                  const cell = op.cells[r]?.[c];
                  return cell ? pick(cell) : null;
                }),
              );
            // The number format first: Excel converts a value as it is written, by the cell's format
            // then (a date-like text into General becomes a date, office-js #229; with "@" it stays text).
            if (op.cells.some((r) => r.some((c) => c?.format))) {
              range.numberFormat = grid((c) => c.format ?? null);
            }
            range.formulas = grid((c) => (c.formula !== undefined ? c.formula : (c.value ?? "")));
            break;
          }
          case "defineName":
            wb.names.add(op.name, op.ref.startsWith("=") ? op.ref : `=${op.ref}`);
            break;
          case "updateName":
            // NamedItem.formula is settable from ExcelApi 1.7; names.add would fail with ItemAlreadyExists.
            wb.names.getItem(op.name).formula = op.ref.startsWith("=") ? op.ref : `=${op.ref}`;
            break;
          case "addTable": {
            // The name is set after the table is made (excel-add-ins-tables: "To specify a name for
            // a table, you must first create the table and then set its name property").
            const { sheet, local } = sheetAndLocal(op.address);
            const table = wb.worksheets.getItem(sheet).tables.add(local, true);
            table.name = op.name;
            break;
          }
          case "columnWidths": {
            const ws = wb.worksheets.getItem(op.sheet);
            op.widths.forEach((w, i) => {
              ws.getRangeByIndexes(0, i, 1, 1).getEntireColumn().format.columnWidth = w * POINTS_PER_CHARACTER;
            });
            break;
          }
        }
      }
      await context.sync();
    });
  }

  /** Deletes what a failed batch created: its names, then its sheets (each only if it exists). */
  async remove(created: { readonly sheets: readonly string[]; readonly names: readonly string[] }): Promise<void> {
    if (created.sheets.length === 0 && created.names.length === 0) return;
    await run(async (context) => {
      const wb = context.workbook;
      const items = created.names.map((n) => wb.names.getItemOrNullObject(n));
      const wss = created.sheets.map((s) => wb.worksheets.getItemOrNullObject(s));
      await context.sync();
      items.forEach((item) => {
        if (!item.isNullObject) item.delete();
      });
      wss.forEach((ws) => {
        if (!ws.isNullObject) ws.delete();
      });
      await context.sync();
    });
  }

  /**
   * The selected range. getSelectedRange "will throw an error" on a multi-area selection (Workbook
   * docs) with no documented code, so where ExcelApi 1.9 is there the areas are counted first
   * (getSelectedRanges, RangeAreas.areaCount) and several give InvalidSelection, which the pane words.
   */
  async selection(): Promise<string> {
    return run(async (context) => {
      if (Office.context.requirements.isSetSupported("ExcelApi", "1.9")) {
        const areas = context.workbook.getSelectedRanges();
        areas.load(["areaCount", "address"]);
        await context.sync();
        if (areas.areaCount > 1) {
          throw new OfficeError(OfficeCodes.invalidSelection, `Several areas are selected: ${areas.address}.`);
        }
      }
      const range = context.workbook.getSelectedRange();
      range.load("address");
      await context.sync();
      return range.address;
    });
  }

  getSetting(key: string): Promise<unknown> {
    return Promise.resolve(Office.context.document.settings.get(key) as unknown);
  }

  setSettings(entries: Readonly<Record<string, unknown>>): Promise<void> {
    const settings = Office.context.document.settings;
    for (const [k, v] of Object.entries(entries)) settings.set(k, v);
    return new Promise((resolve, reject) =>
      settings.saveAsync((result) =>
        // Office.Error's code (4001 "Save Settings Error": Office Common API error codes) is kept for the pane's words.
        result.status === Office.AsyncResultStatus.Failed
          ? reject(new OfficeAsyncError(result.error.code, result.error.name, result.error.message))
          : resolve(),
      ),
    );
  }

  /**
   * A line chart of one series built explicitly (ChartSeriesCollection.add, ChartSeries.setValues and
   * setXAxisValues, ExcelApi 1.7) on the data rows: charts.add over a range would guess which row is
   * the header and which column the categories. The chart starts from the values range (charts.add
   * needs one), its guessed series are deleted, and the one series is added by hand.
   */
  async addChart(spec: ChartSpec): Promise<void> {
    await run(async (context) => {
      const ws = context.workbook.worksheets.getItem(spec.sheet);
      const values = ws.getRange(sheetAndLocal(spec.values).local);
      const categories = ws.getRange(sheetAndLocal(spec.categories).local);
      const type = spec.kind === "column" ? Excel.ChartType.columnClustered : Excel.ChartType.line;
      const chart = ws.charts.add(type, values, Excel.ChartSeriesBy.columns);
      chart.series.load("items");
      await context.sync();
      chart.series.items.forEach((s) => s.delete());
      // Each series added by hand over its data rows (ChartSeriesCollection.add, ChartSeries.setValues and
      // setXAxisValues: ExcelApi 1.7), so no header row becomes a point.
      for (const { name, values: address } of [{ name: spec.seriesName, values: spec.values }, ...(spec.more ?? [])]) {
        const series = chart.series.add(name);
        series.setValues(address === spec.values ? values : ws.getRange(sheetAndLocal(address).local));
        series.setXAxisValues(categories);
      }
      chart.title.text = spec.title;
      chart.legend.visible = (spec.more ?? []).length > 0;
      chart.setPosition(spec.anchor);
      await context.sync();
    });
  }

  async onChange(listener: (event: ChangeEvent) => void): Promise<() => Promise<void>> {
    const names = new Map<string, string>();
    return run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load("items/name,items/id");
      await context.sync();
      for (const s of sheets.items) names.set(s.id, s.name);
      const handler = async (event: Excel.WorksheetChangedEventArgs) => {
        let sheet = names.get(event.worksheetId);
        if (sheet === undefined) {
          // A sheet added since we subscribed: look its name up once (an event handler must not reject).
          sheet = await run(async (ctx) => {
            const ws = ctx.workbook.worksheets.getItem(event.worksheetId);
            ws.load("name");
            await ctx.sync();
            return ws.name;
          }).catch(() => "");
          if (sheet) names.set(event.worksheetId, sheet);
        }
        listener({ sheet, address: event.address });
      };
      const registration = sheets.onChanged.add(handler);
      // Custom functions calculate after the edit that triggered them (#BUSY! first): a finished
      // calculation is a change too, or the pane would keep the figures it read mid-calculation.
      const calculated = sheets.onCalculated.add(async (event: Excel.WorksheetCalculatedEventArgs) => {
        listener({ sheet: names.get(event.worksheetId) ?? "", address: "" });
        return Promise.resolve();
      });
      await context.sync();
      return async () => {
        await Excel.run(registration.context, async (ctx) => {
          registration.remove();
          calculated.remove();
          await ctx.sync();
        });
      };
    });
  }
}

/** The port the pane uses inside Excel. */
export function officePort(): GuardedPort {
  return new GuardedPort(new OfficeWorkbook());
}
