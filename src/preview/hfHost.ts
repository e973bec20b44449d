/**
 * The task pane's workbook port over the HyperFormula-backed model workbook: the pane reads and
 * writes the same cells the preview grid shows, and hears a change event whenever the grid is edited.
 */
import { DetailedCellError, RawCellContent } from "hyperformula";
import { parseAddress, quoteSheet } from "../taskpane/a1";
import { CellValue, ChangeEvent, ChartSpec, GuardedPort, RangeData, WorkbookHost, WorkbookOp } from "../taskpane/port";
import { ModelWorkbook, cellName } from "./modelWorkbook";

/** A computed value as Office.js reads it: errors as their text ("#VALUE!"), empty as "". */
export function officeValue(value: unknown): CellValue {
  if (value instanceof DetailedCellError) return value.value;
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  return "";
}

export class HyperFormulaHost implements WorkbookHost {
  readonly kind = "memory" as const;
  readonly settings = new Map<string, unknown>();
  readonly charts: ChartSpec[] = [];
  readonly widths = new Map<string, readonly number[]>();
  private readonly listeners = new Set<(event: ChangeEvent) => void>();
  selected = "Summary!B3";

  constructor(readonly workbook: ModelWorkbook) {}

  /** Tells the pane that cells changed (the grid calls this after an edit). */
  emit(event: ChangeEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }

  sheetNames(): Promise<string[]> {
    return Promise.resolve(this.workbook.engine.getSheetNames());
  }

  nameAddress(name: string): Promise<string | undefined> {
    return Promise.resolve(this.workbook.nameRef(name));
  }

  read(address: string): Promise<RangeData | undefined> {
    const rect = parseAddress(address, this.selected.split("!")[0]);
    if (!rect || this.workbook.engine.getSheetId(rect.sheet) === undefined) return Promise.resolve(undefined);
    const values: CellValue[][] = [];
    const formulas: CellValue[][] = [];
    for (let r = 0; r < rect.rows; r++) {
      const valueRow: CellValue[] = [];
      const formulaRow: CellValue[] = [];
      for (let c = 0; c < rect.columns; c++) {
        const a1 = cellName(rect.row + r, rect.column + c);
        const value = officeValue(this.workbook.value(rect.sheet, a1));
        valueRow.push(value);
        formulaRow.push(this.workbook.formula(rect.sheet, a1) ?? value);
      }
      values.push(valueRow);
      formulas.push(formulaRow);
    }
    const first = cellName(rect.row, rect.column);
    const last = cellName(rect.row + rect.rows - 1, rect.column + rect.columns - 1);
    const local = first === last ? abs(first) : `${abs(first)}:${abs(last)}`;
    return Promise.resolve({ address: `${quoteSheet(rect.sheet)}!${local}`, rect, values, formulas });
  }

  apply(ops: readonly WorkbookOp[]): Promise<void> {
    for (const op of ops) {
      switch (op.kind) {
        case "addSheet":
          this.workbook.addSheet(op.name);
          break;
        case "defineName":
          this.workbook.defineName(op.name, op.ref);
          break;
        case "columnWidths":
          this.widths.set(op.sheet, op.widths);
          break;
        case "write": {
          const rect = parseAddress(op.address);
          if (!rect) throw new Error(`${op.address} is not an address`);
          const contents = op.cells.map((row) =>
            row.map((cell): RawCellContent | undefined => (cell ? (cell.formula ?? cell.value ?? null) : undefined)),
          );
          this.workbook.write(rect.sheet, cellName(rect.row, rect.column), contents);
          op.cells.forEach((row, r) =>
            row.forEach((cell, c) => {
              if (cell?.format)
                this.workbook.formats.set(`${rect.sheet}!${cellName(rect.row + r, rect.column + c)}`, cell.format);
            }),
          );
          break;
        }
      }
    }
    return Promise.resolve();
  }

  selection(): Promise<string> {
    return Promise.resolve(this.selected);
  }

  getSetting(key: string): Promise<unknown> {
    return Promise.resolve(this.settings.get(key));
  }

  setSettings(entries: Readonly<Record<string, unknown>>): Promise<void> {
    for (const [key, value] of Object.entries(entries)) this.settings.set(key, value);
    return Promise.resolve();
  }

  addChart(spec: ChartSpec): Promise<void> {
    this.charts.push(spec);
    return Promise.resolve();
  }

  onChange(listener: (event: ChangeEvent) => void): Promise<() => Promise<void>> {
    this.listeners.add(listener);
    return Promise.resolve(() => {
      this.listeners.delete(listener);
      return Promise.resolve();
    });
  }
}

function abs(a1: string): string {
  return a1.replace(/^([A-Z]+)(\d+)$/, "$$$1$$$2");
}

/** The pane's port over a HyperFormula-backed workbook. */
export function hyperFormulaPort(workbook: ModelWorkbook): { port: GuardedPort; host: HyperFormulaHost } {
  const host = new HyperFormulaHost(workbook);
  return { port: new GuardedPort(host), host };
}
