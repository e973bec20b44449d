/**
 * An in-memory workbook behind the port: sheets of cells (values, formulas, number formats),
 * defined names, document settings, charts and change events. Used by the unit tests, the browser
 * test and the pane outside Office (the preview). It has no formula engine of its own: pass a
 * `calculate` function (modelCalc.ts evaluates the model's usage formulas with the core) and every
 * formula cell is recalculated after each change; formulas it cannot evaluate read as "".
 *
 * It refuses what Excel refuses (excelBehaviour.ts has the sources): `names.add` on an existing
 * name, calls in cell-edit mode, a multi-area selection read as one range, payloads above 5 MB on
 * the web, settings saves above 2 MB, a failed sync that leaves the operations before it done. And
 * custom functions are asynchronous: a `LEVERS.*` cell reads as #BUSY! until the calculation step
 * after a change has run (custom-functions-troubleshooting: "While Excel waits for a custom function
 * to complete, it shows #BUSY!"); `calculated()` waits for that step, which then fires a change event
 * as onCalculated does.
 */
import { maxOf } from "../../core/arrays";
import { formatRect, parseAddress, Rect, renameSheetRefs } from "../../sheet/a1";
import { ExcelBehaviour } from "./excelBehaviour";
import { TableSet } from "./tables";
import { CellValue, CellWrite, ChangeEvent, ChartSpec, GuardedPort, RangeData, WorkbookHost, WorkbookOp } from "./port";

interface StoredCell {
  value: CellValue;
  formula?: string;
  format?: string;
}

/** What a formula evaluator may read: a range address or a defined name, as values. */
export interface CalcContext {
  readonly sheet: string;
  read(ref: string): CellValue[][] | undefined;
}

export type Calculate = (formula: string, context: CalcContext) => CellValue;

/** A chart as added, with the values its series had when it was added. */
export interface MemoryChart extends ChartSpec {
  readonly valuesAtCreation: CellValue[];
  readonly categoriesAtCreation: CellValue[];
}

const BUSY = "#BUSY!";

/** Whether a formula calls one of the add-in's functions (asynchronous in Excel). */
export function callsCustomFunction(formula: string): boolean {
  return /LEVERS\./i.test(formula);
}

export class MemoryWorkbook extends ExcelBehaviour implements WorkbookHost {
  private sheets = new Map<string, Map<string, StoredCell>>();
  private names = new Map<string, { name: string; ref: string }>();
  private widths = new Map<string, readonly number[]>();
  /** The workbook's Excel tables (tables.ts: structured references, growth below). */
  readonly tables = new TableSet();
  readonly charts: MemoryChart[] = [];
  private failAfterOps: number | undefined;
  /** How many times `apply` ran (a test counts round trips). */
  applyCount = 0;

  constructor(private readonly calculate?: Calculate) {
    super();
  }

  // --- test and preview helpers -------------------------------------------------------------

  /** Adds an empty sheet directly (as a user would). */
  addUserSheet(name: string): void {
    if (!this.sheets.has(name)) this.sheets.set(name, new Map());
    if (this.selectedAreas.length === 0) this.select(`${name}!A1`);
  }

  /** The user renames a sheet: Excel rewrites the references to it in formulas and names. */
  renameSheet(from: string, to: string): void {
    const cells = this.sheets.get(from);
    if (!cells || this.sheets.has(to)) throw new Error(`cannot rename ${from} to ${to}`);
    const renames = new Map([[from, to]]);
    this.sheets = new Map([...this.sheets].map(([name, c]) => (name === from ? [to, c] : [name, c])));
    for (const sheet of this.sheets.values())
      for (const cell of sheet.values()) if (cell.formula) cell.formula = renameSheetRefs(cell.formula, renames);
    for (const n of this.names.values()) n.ref = renameSheetRefs(n.ref, renames);
    this.recalculate();
  }

  /** The user pastes a block of cells (constants or "=formulas"): no ownership, one change event. */
  paste(address: string, cells: readonly (readonly (CellWrite | null)[])[]): void {
    const events: ChangeEvent[] = [];
    this.applyOne({ kind: "write", address, cells }, events);
    const start = parseAddress(address);
    if (start)
      this.tables.growBelow({ ...start, rows: cells.length, columns: Math.max(1, maxOf(cells.map((r) => r.length))) });
    this.recalculate();
    events.forEach((e) => this.emit(e));
  }

  /** The user defines a name of their own. */
  addUserName(name: string, ref: string): void {
    this.names.set(name.toLowerCase(), { name, ref: ref.replace(/^=/, "") });
    this.recalculate();
  }

  /** Types a value (or a "=formula") into a cell as the user would: no ownership, a change event. */
  edit(address: string, value: CellValue): void {
    const rect = parseAddress(address);
    if (!rect || !this.sheets.has(rect.sheet)) throw new Error(`no such cell ${address}`);
    const cells = this.sheets.get(rect.sheet)!;
    const key = `${rect.row}:${rect.column}`;
    const format = cells.get(key)?.format;
    if (value === null || value === "") {
      if (format) cells.set(key, { value: "", format });
      else cells.delete(key);
    } else if (typeof value === "string" && value.startsWith("=")) {
      cells.set(key, { value: "", formula: value, ...(format ? { format } : {}) });
    } else {
      cells.set(key, { value: ExcelBehaviour.typedValue(value, format), ...(format ? { format } : {}) });
    }
    if (value !== null && value !== "") this.tables.growBelow({ ...rect, rows: 1, columns: 1 });
    this.recalculate();
    this.emit({ sheet: rect.sheet, address: formatRect({ ...rect, rows: 1, columns: 1 }) });
  }

  /** The next `apply` fails after doing `ops` operations, as a failed sync would (the operations before it stay done). */
  failAfter(ops: number): void {
    this.failAfterOps = ops;
  }

  /** One cell as stored: its value, formula and number format. */
  cell(address: string): Readonly<StoredCell> | undefined {
    const rect = parseAddress(address);
    return rect ? this.sheets.get(rect.sheet)?.get(`${rect.row}:${rect.column}`) : undefined;
  }

  /** The defined names and their references. */
  definedNames(): { name: string; ref: string }[] {
    return [...this.names.values()];
  }

  columnWidths(sheet: string): readonly number[] | undefined {
    return this.widths.get(sheet);
  }

  // --- the host -----------------------------------------------------------------------------

  async sheetNames(): Promise<string[]> {
    await this.gate();
    return [...this.sheets.keys()];
  }

  async nameList(): Promise<string[]> {
    await this.gate();
    return [...[...this.names.values()].map((n) => n.name), ...this.tables.names()];
  }

  async nameAddress(name: string): Promise<string | undefined> {
    await this.gate();
    return this.names.get(name.toLowerCase())?.ref.replace(/^=/, "");
  }

  async read(address: string): Promise<RangeData | undefined> {
    await this.gate();
    const data = this.readNow(address);
    if (data) this.checkResponse({ values: data.values, formulas: data.formulas });
    return data;
  }

  async usedPart(address: string): Promise<string | undefined> {
    await this.gate();
    const rect = parseAddress(address);
    const cells = rect && this.sheets.get(rect.sheet);
    if (!rect || !cells) return undefined;
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    for (const [key, cell] of cells) {
      if (cell.formula === undefined && (cell.value === "" || cell.value === null)) continue;
      const [row, column] = key.split(":").map(Number) as [number, number];
      if (row < rect.row || row >= rect.row + rect.rows || column < rect.column || column >= rect.column + rect.columns)
        continue;
      top = Math.min(top, row);
      left = Math.min(left, column);
      bottom = Math.max(bottom, row);
      right = Math.max(right, column);
    }
    if (bottom < 0) return undefined;
    return formatRect(
      { sheet: rect.sheet, row: top, column: left, rows: bottom - top + 1, columns: right - left + 1 },
      true,
    );
  }

  private readNow(address: string, asExcelReads = true): RangeData | undefined {
    const rect = parseAddress(address);
    if (!rect || !this.sheets.has(rect.sheet)) return undefined;
    const cells = this.sheets.get(rect.sheet)!;
    const values: CellValue[][] = [];
    const formulas: CellValue[][] = [];
    for (let r = 0; r < rect.rows; r++) {
      const vRow: CellValue[] = [];
      const fRow: CellValue[] = [];
      for (let c = 0; c < rect.columns; c++) {
        const cell = cells.get(`${rect.row + r}:${rect.column + c}`);
        const busy =
          asExcelReads && this.calculating && cell?.formula !== undefined && callsCustomFunction(cell.formula);
        vRow.push(busy ? BUSY : (cell?.value ?? ""));
        fRow.push(cell?.formula ?? cell?.value ?? "");
      }
      values.push(vRow);
      formulas.push(fRow);
    }
    return { address: formatRect(rect, true), rect, values, formulas };
  }

  /**
   * Applies the operations in order. Like a failed `context.sync()`, a failure leaves the operations
   * before it done (Office.js batches are not transactional); the port removes what it created.
   */
  async apply(ops: readonly WorkbookOp[]): Promise<void> {
    await this.gate();
    this.checkRequest(ops);
    this.applyCount++;
    const failAt = this.failAfterOps;
    this.failAfterOps = undefined;
    const events: ChangeEvent[] = [];
    try {
      ops.forEach((op, i) => {
        if (failAt !== undefined && i >= failAt) throw new Error("simulated sync failure");
        this.applyOne(op, events);
      });
    } finally {
      this.recalculate();
      events.forEach((e) => this.emit(e));
    }
  }

  async remove(created: { readonly sheets: readonly string[]; readonly names: readonly string[] }): Promise<void> {
    await this.gate();
    for (const name of created.names) this.names.delete(name.toLowerCase());
    for (const sheet of created.sheets) {
      this.sheets.delete(sheet);
      this.widths.delete(sheet);
      this.tables.dropSheet(sheet);
    }
    this.recalculate();
  }

  private applyOne(op: WorkbookOp, events: ChangeEvent[]): void {
    switch (op.kind) {
      case "addSheet":
        if (this.sheets.has(op.name)) throw new Error(`sheet ${op.name} exists`);
        this.sheets.set(op.name, new Map());
        break;
      case "columnWidths":
        this.widths.set(op.sheet, op.widths);
        break;
      case "addTable": {
        const rect = parseAddress(op.address);
        if (!rect || !this.sheets.has(rect.sheet)) throw new Error(`no sheet for ${op.address}`);
        this.refuseTableName(op.name, this.names.has(op.name.toLowerCase()) || this.tables.has(op.name));
        this.tables.add(op.name, rect);
        break;
      }
      case "defineName":
        this.refuseExistingName(op.name, this.names.has(op.name.toLowerCase()) || this.tables.has(op.name));
        this.names.set(op.name.toLowerCase(), { name: op.name, ref: op.ref.replace(/^=/, "") });
        break;
      case "updateName": {
        const named = this.names.get(op.name.toLowerCase());
        if (!named) throw new Error(`no name ${op.name}`);
        named.ref = op.ref.replace(/^=/, "");
        break;
      }
      case "write": {
        const start = parseAddress(op.address);
        if (!start || !this.sheets.has(start.sheet)) throw new Error(`no sheet for ${op.address}`);
        const cells = this.sheets.get(start.sheet)!;
        op.cells.forEach((row, r) =>
          row.forEach((w, c) => {
            if (!w) return;
            const key = `${start.row + r}:${start.column + c}`;
            const old = cells.get(key);
            const format = w.format ?? old?.format;
            const next: StoredCell =
              w.formula !== undefined
                ? { value: "", formula: w.formula }
                : { value: ExcelBehaviour.typedValue(w.value ?? old?.value ?? "", format) };
            if (format) next.format = format;
            cells.set(key, next);
          }),
        );
        const rect: Rect = {
          ...start,
          rows: op.cells.length,
          columns: Math.max(1, maxOf(op.cells.map((r) => r.length))),
        };
        events.push({ sheet: start.sheet, address: formatRect(rect) });
        break;
      }
    }
  }

  /** What a formula reads: blank cells as the platform passes them to functions (0 on desktop, null on the web). */
  private readRef(ref: string, sheet: string): CellValue[][] | undefined {
    const named = this.names.get(ref.toLowerCase());
    const address = named ? named.ref : (this.tables.resolve(ref) ?? (ref.includes("!") ? ref : `${sheet}!${ref}`));
    const blank = this.blankForFunctions();
    return this.readNow(address, false)?.values.map((row) => row.map((v) => (v === "" ? blank : v)));
  }

  /** Recomputes every formula cell, in sheet order, twice (enough for the model's dependencies). */
  private recalculate(): void {
    this.startCalculation();
    const calculate = this.calculate;
    if (!calculate) return;
    for (let pass = 0; pass < 2; pass++) {
      for (const [sheet, cells] of this.sheets) {
        for (const cell of cells.values()) {
          if (cell.formula === undefined) continue;
          let value: CellValue;
          try {
            value = calculate(cell.formula, { sheet, read: (ref) => this.readRef(ref, sheet) });
          } catch {
            value = "";
          }
          cell.value = value ?? "";
        }
      }
    }
  }

  protected holdsCustomFunctions(): boolean {
    return [...this.sheets.values()].some((cells) =>
      [...cells.values()].some((c) => c.formula !== undefined && callsCustomFunction(c.formula)),
    );
  }

  async selection(): Promise<string> {
    await this.gate();
    return this.singleSelection(`${[...this.sheets.keys()][0] ?? "Sheet1"}!A1`);
  }

  async addChart(spec: ChartSpec): Promise<void> {
    await this.gate();
    if (!this.sheets.has(spec.sheet)) throw new Error(`no sheet ${spec.sheet}`);
    const column = (address: string) => (this.readNow(address)?.values ?? []).map((row) => row[0] ?? "");
    this.charts.push({ ...spec, valuesAtCreation: column(spec.values), categoriesAtCreation: column(spec.categories) });
  }
}

/** A port over an in-memory workbook (a new, empty one unless given). */
export function memoryPort(workbook: MemoryWorkbook = new MemoryWorkbook()): GuardedPort {
  return new GuardedPort(workbook);
}
