/**
 * An in-memory workbook behind the port: sheets of cells (values, formulas, number formats),
 * defined names, document settings, charts and change events. Used by the unit tests, the browser
 * test and the pane outside Office (the preview). It has no formula engine of its own: pass a
 * `calculate` function (modelCalc.ts evaluates the model's usage formulas with the core) and every
 * formula cell is recalculated after each change; formulas it cannot evaluate read as "". The
 * recalculation is incremental: a formula is evaluated again only when something it read (a range,
 * a defined name, a table) changed since it was last evaluated, which gives the values a full
 * recalculation would (the evaluation is deterministic) at a cost that does not grow with the
 * workbook (the fuzz builds dozens of model copies).
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
import { WHOLE_SHEET } from "./dependents";
import { MemoryCells, StoredCell } from "./memoryCells";
import { CellValue, CellWrite, ChangeEvent, ChartSpec, GuardedPort, RangeData, WorkbookHost, WorkbookOp } from "./port";

export { callsCustomFunction, type Calculate, type CalcContext } from "./memoryCells";

/** A chart as added, with the values its series had when it was added. */
export interface MemoryChart extends ChartSpec {
  readonly valuesAtCreation: CellValue[];
  readonly categoriesAtCreation: CellValue[];
}

export class MemoryWorkbook extends MemoryCells implements WorkbookHost {
  readonly charts: MemoryChart[] = [];
  private failAfterOps: number | undefined;
  /** How many times `apply` ran (a test counts round trips). */
  applyCount = 0;
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
    // What read either name now reads something else; a formula rewritten, or on the renamed sheet, is evaluated again.
    this.deps.changed(from, WHOLE_SHEET);
    this.deps.changed(to, WHOLE_SHEET);
    this.sheets = new Map([...this.sheets].map(([name, c]) => (name === from ? [to, c] : [name, c])));
    for (const [name, sheet] of this.sheets)
      for (const cell of sheet.values()) {
        if (!cell.formula) continue;
        const formula = renameSheetRefs(cell.formula, renames);
        if (formula !== cell.formula || name === to) this.deps.stale.add(cell);
        cell.formula = formula;
      }
    for (const n of this.names.values()) n.ref = renameSheetRefs(n.ref, renames);
    this.recalculate();
  }

  /** The user pastes a block of cells (constants or "=formulas"): no ownership, one change event. */
  paste(address: string, cells: readonly (readonly (CellWrite | null)[])[]): void {
    const events: ChangeEvent[] = [];
    this.applyOne({ kind: "write", address, cells }, events);
    const start = parseAddress(address);
    if (start)
      this.growTables({ ...start, rows: cells.length, columns: Math.max(1, maxOf(cells.map((r) => r.length))) });
    this.recalculate();
    events.forEach((e) => this.emit(e));
  }

  /** The user defines a name of their own. */
  addUserName(name: string, ref: string): void {
    this.names.set(name.toLowerCase(), { name, ref: ref.replace(/^=/, "") });
    this.deps.changedSymbol(name);
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
      if (format) this.put(cells, key, { value: "", format });
      else this.put(cells, key, undefined);
    } else if (typeof value === "string" && value.startsWith("=")) {
      this.put(cells, key, { value: "", formula: value, ...(format ? { format } : {}) });
    } else {
      this.put(cells, key, { value: ExcelBehaviour.typedValue(value, format), ...(format ? { format } : {}) });
    }
    this.deps.changed(rect.sheet, { ...rect, rows: 1, columns: 1 });
    if (value !== null && value !== "") this.growTables({ ...rect, rows: 1, columns: 1 });
    this.recalculate();
    this.emit({ sheet: rect.sheet, address: formatRect({ ...rect, rows: 1, columns: 1 }) });
  }

  /** The next `apply` fails after doing `ops` operations, as a failed sync would (the operations before it stay done). */
  failAfter(ops: number): void {
    this.failAfterOps = ops;
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
    for (const name of created.names) {
      this.names.delete(name.toLowerCase());
      this.deps.changedSymbol(name);
    }
    for (const sheet of created.sheets) {
      for (const table of this.tables.names())
        if (this.tables.get(table)?.rect.sheet === sheet) this.deps.changedSymbol(table);
      for (const cell of this.sheets.get(sheet)?.values() ?? []) this.deps.forget(cell);
      this.sheets.delete(sheet);
      this.widths.delete(sheet);
      this.tables.dropSheet(sheet);
      this.deps.changed(sheet, WHOLE_SHEET);
    }
    this.recalculate();
  }

  private applyOne(op: WorkbookOp, events: ChangeEvent[]): void {
    switch (op.kind) {
      case "addSheet":
        if (this.sheets.has(op.name)) throw new Error(`sheet ${op.name} exists`);
        this.sheets.set(op.name, new Map());
        this.deps.changed(op.name, WHOLE_SHEET);
        break;
      case "columnWidths":
        this.widths.set(op.sheet, op.widths);
        break;
      case "addTable": {
        const rect = parseAddress(op.address);
        if (!rect || !this.sheets.has(rect.sheet)) throw new Error(`no sheet for ${op.address}`);
        this.refuseTableName(op.name, this.names.has(op.name.toLowerCase()) || this.tables.has(op.name));
        this.tables.add(op.name, rect);
        this.deps.changedSymbol(op.name);
        break;
      }
      case "defineName":
        this.refuseExistingName(op.name, this.names.has(op.name.toLowerCase()) || this.tables.has(op.name));
        this.names.set(op.name.toLowerCase(), { name: op.name, ref: op.ref.replace(/^=/, "") });
        this.deps.changedSymbol(op.name);
        break;
      case "updateName": {
        const named = this.names.get(op.name.toLowerCase());
        if (!named) throw new Error(`no name ${op.name}`);
        named.ref = op.ref.replace(/^=/, "");
        this.deps.changedSymbol(op.name);
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
            this.put(cells, key, next);
          }),
        );
        const rect: Rect = {
          ...start,
          rows: op.cells.length,
          columns: Math.max(1, maxOf(op.cells.map((r) => r.length))),
        };
        this.deps.changed(start.sheet, rect);
        events.push({ sheet: start.sheet, address: formatRect(rect) });
        break;
      }
    }
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
