/**
 * The task pane's workbook port over the HyperFormula-backed model workbook: the pane reads and
 * writes the same cells the preview grid shows, and hears a change event whenever the grid is edited.
 * It refuses what Excel refuses, through the same ExcelBehaviour as the in-memory workbook (names
 * that exist, cell-edit mode, multi-area selections, 5 MB on the web, settings over 2 MB, #BUSY!
 * until calculated).
 */
import { DetailedCellError, RawCellContent } from "hyperformula";
import { cellAddress, formatRect, parseAddress } from "../sheet/a1";
import { ExcelBehaviour } from "../taskpane/port/excelBehaviour";
import { callsCustomFunction } from "../taskpane/port/memoryPort";
import {
  CellValue,
  ChangeEvent,
  ChartSpec,
  GuardedPort,
  RangeData,
  WorkbookHost,
  WorkbookOp,
} from "../taskpane/port/port";
import { CALC, isCalcError } from "./leversPlugin";
import { ModelWorkbook } from "./modelWorkbook";

/**
 * A computed value as Office.js reads it: errors as their text ("#VALUE!"; #CALC!, which the engine
 * has no type for, as the plugin marks it), empty as "".
 */
export function officeValue(value: unknown): CellValue {
  if (value instanceof DetailedCellError) return isCalcError(value) ? CALC : value.value;
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  return "";
}

export class HyperFormulaHost extends ExcelBehaviour implements WorkbookHost {
  readonly charts: ChartSpec[] = [];
  readonly widths = new Map<string, readonly number[]>();
  /** Called after the pane's writes (the preview redraws its tabs and grid: new sheets appear). */
  onApplied: () => void = () => undefined;

  constructor(readonly workbook: ModelWorkbook) {
    super();
    this.select("Summary!B3");
  }

  /** The selected range's first area, for the preview's formula bar. */
  get selected(): string {
    return this.selectedAreas[0] ?? "Summary!B3";
  }

  /** Tells the pane that cells changed (the grid calls this after an edit); LEVERS.* cells calculate next. */
  override emit(event: ChangeEvent): void {
    this.startCalculation();
    super.emit(event);
  }

  async sheetNames(): Promise<string[]> {
    await this.gate();
    return this.workbook.engine.getSheetNames();
  }

  async nameList(): Promise<string[]> {
    await this.gate();
    return [...this.workbook.engine.listNamedExpressions(), ...this.workbook.tables.names()];
  }

  async nameAddress(name: string): Promise<string | undefined> {
    await this.gate();
    return this.workbook.nameRef(name);
  }

  /** Like Range.getUsedRangeOrNullObject: only an address comes back, so a whole column is no 5 MB read. */
  async usedPart(address: string): Promise<string | undefined> {
    const whole = parseAddress(address, this.selected.split("!")[0]);
    const id = whole && this.workbook.engine.getSheetId(whole.sheet);
    if (!whole || id === undefined) return undefined;
    const { width, height } = this.workbook.engine.getSheetDimensions(id);
    const rows = Math.min(whole.rows, height - whole.row);
    const columns = Math.min(whole.columns, width - whole.column);
    if (rows <= 0 || columns <= 0) return undefined;
    const data = await this.readUnchecked(formatRect({ ...whole, rows, columns }));
    if (!data) return undefined;
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    data.formulas.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v === "" || v === null) return;
        top = Math.min(top, r);
        left = Math.min(left, c);
        bottom = Math.max(bottom, r);
        right = Math.max(right, c);
      }),
    );
    if (bottom < 0) return undefined;
    const { rect } = data;
    return formatRect(
      {
        sheet: rect.sheet,
        row: rect.row + top,
        column: rect.column + left,
        rows: bottom - top + 1,
        columns: right - left + 1,
      },
      true,
    );
  }

  async read(address: string): Promise<RangeData | undefined> {
    const data = await this.readUnchecked(address);
    if (data) this.checkResponse({ values: data.values, formulas: data.formulas });
    return data;
  }

  private async readUnchecked(address: string): Promise<RangeData | undefined> {
    await this.gate();
    const rect = parseAddress(address, this.selected.split("!")[0]);
    if (!rect || this.workbook.engine.getSheetId(rect.sheet) === undefined) return undefined;
    const values: CellValue[][] = [];
    const formulas: CellValue[][] = [];
    for (let r = 0; r < rect.rows; r++) {
      const valueRow: CellValue[] = [];
      const formulaRow: CellValue[] = [];
      for (let c = 0; c < rect.columns; c++) {
        const a1 = cellAddress(rect.row + r, rect.column + c);
        const value = officeValue(this.workbook.value(rect.sheet, a1));
        const formula = this.workbook.formula(rect.sheet, a1);
        const busy = this.calculating && formula !== undefined && callsCustomFunction(formula);
        valueRow.push(busy ? "#BUSY!" : value);
        formulaRow.push(formula ?? value);
      }
      values.push(valueRow);
      formulas.push(formulaRow);
    }
    return { address: formatRect(rect, true), rect, values, formulas };
  }

  /** In order; a failure leaves the operations before it done, as a failed sync does. */
  async apply(ops: readonly WorkbookOp[]): Promise<void> {
    await this.gate();
    this.checkRequest(ops);
    try {
      for (const op of ops) this.applyOne(op);
    } finally {
      this.startCalculation();
      this.onApplied();
    }
  }

  async remove(created: { readonly sheets: readonly string[]; readonly names: readonly string[] }): Promise<void> {
    await this.gate();
    for (const name of created.names) this.workbook.removeName(name);
    for (const sheet of created.sheets) this.workbook.removeSheet(sheet);
  }

  private applyOne(op: WorkbookOp): void {
    switch (op.kind) {
      case "addSheet":
        this.workbook.addSheet(op.name);
        break;
      case "defineName":
        this.refuseExistingName(
          op.name,
          this.workbook.nameRef(op.name) !== undefined || this.workbook.tables.has(op.name),
        );
        this.workbook.defineName(op.name, op.ref);
        break;
      case "updateName":
        this.workbook.defineName(op.name, op.ref);
        break;
      case "addTable": {
        const rect = parseAddress(op.address);
        if (!rect || this.workbook.engine.getSheetId(rect.sheet) === undefined)
          throw new Error(`no sheet for ${op.address}`);
        this.refuseTableName(
          op.name,
          this.workbook.nameRef(op.name) !== undefined || this.workbook.tables.has(op.name),
        );
        this.workbook.addTable(op.name, rect);
        break;
      }
      case "columnWidths":
        this.widths.set(op.sheet, op.widths);
        break;
      case "write": {
        const rect = parseAddress(op.address);
        if (!rect) throw new Error(`${op.address} is not an address`);
        const contents = op.cells.map((row) =>
          row.map((cell): RawCellContent | undefined =>
            cell ? (cell.formula ?? engineValue(cell.value ?? null, cell.format)) : undefined,
          ),
        );
        this.workbook.write(rect.sheet, cellAddress(rect.row, rect.column), contents);
        op.cells.forEach((row, r) =>
          row.forEach((cell, c) => {
            if (cell?.format)
              this.workbook.formats.set(`${rect.sheet}!${cellAddress(rect.row + r, rect.column + c)}`, cell.format);
          }),
        );
        break;
      }
    }
  }

  async selection(): Promise<string> {
    await this.gate();
    return this.singleSelection("Summary!B3");
  }

  async addChart(spec: ChartSpec): Promise<void> {
    await this.gate();
    this.charts.push(spec);
  }
}

/**
 * A written value as the engine should hold it: a string Excel would read as a date becomes the
 * date (office-js #229), and a text-formatted ("@") string stays text, which HyperFormula keeps
 * from its own parsing by a leading apostrophe.
 */
function engineValue(value: CellValue, format: string | undefined): RawCellContent {
  const typed = ExcelBehaviour.typedValue(value, format);
  if (typeof typed === "string" && format === "@") return `'${typed}`;
  return typed;
}

/** The pane's port over a HyperFormula-backed workbook. */
export function hyperFormulaPort(workbook: ModelWorkbook): { port: GuardedPort; host: HyperFormulaHost } {
  const host = new HyperFormulaHost(workbook);
  return { port: new GuardedPort(host), host };
}
