/**
 * The workbook port over Office.js. Each call is one `Excel.run` with its loads queued before a
 * single `sync`; a batch of model writes is one `Excel.run` too, and when its sync fails the sheets
 * and names it added are deleted again, so a failed build leaves nothing half-written. Settings go
 * through `Office.context.document.settings` and are saved with `saveAsync`.
 */
import { parseAddress, splitAddress } from "./a1";
import { CellValue, CellWrite, ChangeEvent, ChartSpec, GuardedPort, RangeData, WorkbookHost, WorkbookOp } from "./port";

/** Column width: Excel counts characters, Office.js points; about 7 points a character. */
const POINTS_PER_CHARACTER = 7;

function sheetAndLocal(address: string): { sheet: string; local: string } {
  const { sheet, local } = splitAddress(address);
  return { sheet, local: local.replace(/\$/g, "") };
}

export class OfficeWorkbook implements WorkbookHost {
  readonly kind = "office" as const;

  async sheetNames(): Promise<string[]> {
    return Excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load("items/name");
      await context.sync();
      return sheets.items.map((s) => s.name);
    });
  }

  async nameAddress(name: string): Promise<string | undefined> {
    return Excel.run(async (context) => {
      const item = context.workbook.names.getItemOrNullObject(name);
      const range = item.getRangeOrNullObject();
      range.load("address");
      await context.sync();
      return item.isNullObject || range.isNullObject ? undefined : range.address;
    });
  }

  async read(address: string): Promise<RangeData | undefined> {
    const { sheet, local } = sheetAndLocal(address);
    return Excel.run(async (context) => {
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
    const added = ops.filter((o) => o.kind === "addSheet").map((o) => o.name);
    const named = ops.filter((o) => o.kind === "defineName").map((o) => o.name);
    try {
      await Excel.run(async (context) => {
        const wb = context.workbook;
        for (const op of ops) {
          switch (op.kind) {
            case "addSheet":
              wb.worksheets.add(op.name);
              break;
            case "write": {
              const { sheet, local } = sheetAndLocal(op.address);
              const rows = op.cells.length;
              const columns = Math.max(1, ...op.cells.map((r) => r.length));
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
              range.formulas = grid((c) => (c.formula !== undefined ? c.formula : (c.value ?? "")));
              if (op.cells.some((r) => r.some((c) => c?.format))) {
                range.numberFormat = grid((c) => c.format ?? null);
              }
              break;
            }
            case "defineName":
              wb.names.add(op.name, op.ref.startsWith("=") ? op.ref : `=${op.ref}`);
              break;
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
    } catch (e) {
      await this.rollBack(added, named);
      throw e;
    }
  }

  /** Deletes what a failed batch added: its names, then its sheets. */
  private async rollBack(sheets: readonly string[], names: readonly string[]): Promise<void> {
    if (sheets.length === 0 && names.length === 0) return;
    try {
      await Excel.run(async (context) => {
        const wb = context.workbook;
        const items = names.map((n) => wb.names.getItemOrNullObject(n));
        const wss = sheets.map((s) => wb.worksheets.getItemOrNullObject(s));
        await context.sync();
        items.forEach((item) => {
          if (!item.isNullObject) item.delete();
        });
        wss.forEach((ws) => {
          if (!ws.isNullObject) ws.delete();
        });
        await context.sync();
      });
    } catch {
      // The workbook may be gone or read-only; the original error is what the user needs to see.
    }
  }

  async selection(): Promise<string> {
    return Excel.run(async (context) => {
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
        result.status === Office.AsyncResultStatus.Failed ? reject(new Error(result.error.message)) : resolve(),
      ),
    );
  }

  async addChart(spec: ChartSpec): Promise<void> {
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(spec.sheet);
      const values = ws.getRange(sheetAndLocal(spec.values).local);
      const chart = ws.charts.add("Line", values, "Columns");
      chart.title.text = spec.title;
      chart.legend.visible = false;
      chart.series.getItemAt(0).setXAxisValues(ws.getRange(sheetAndLocal(spec.categories).local));
      chart.setPosition(spec.anchor);
      await context.sync();
    });
  }

  async onChange(listener: (event: ChangeEvent) => void): Promise<() => Promise<void>> {
    const names = new Map<string, string>();
    return Excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load("items/name,items/id");
      await context.sync();
      for (const s of sheets.items) names.set(s.id, s.name);
      const handler = async (event: Excel.WorksheetChangedEventArgs) => {
        let sheet = names.get(event.worksheetId);
        if (sheet === undefined) {
          // A sheet added since we subscribed: look its name up once.
          sheet = await Excel.run(async (ctx) => {
            const ws = ctx.workbook.worksheets.getItem(event.worksheetId);
            ws.load("name");
            await ctx.sync();
            return ws.name;
          });
          names.set(event.worksheetId, sheet);
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
