/**
 * An in-memory workbook behind the port: sheets of cells (values, formulas, number formats),
 * defined names, document settings, charts and change events. Used by the unit tests, the browser
 * test and the pane outside Office (the preview). It has no formula engine of its own: pass a
 * `calculate` function (modelCalc.ts evaluates the model's usage formulas with the core) and every
 * formula cell is recalculated after each change; formulas it cannot evaluate read as "".
 */
import { formatRect, parseAddress, Rect } from "./a1";
import { CellValue, ChangeEvent, ChartSpec, GuardedPort, RangeData, WorkbookHost, WorkbookOp } from "./port";

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

interface Snapshot {
  sheets: [string, Map<string, StoredCell>][];
  names: [string, { name: string; ref: string }][];
  widths: [string, readonly number[]][];
}

export class MemoryWorkbook implements WorkbookHost {
  readonly kind = "memory" as const;
  private sheets = new Map<string, Map<string, StoredCell>>();
  private names = new Map<string, { name: string; ref: string }>();
  private widths = new Map<string, readonly number[]>();
  readonly settings = new Map<string, unknown>();
  readonly charts: ChartSpec[] = [];
  private listeners = new Set<(e: ChangeEvent) => void>();
  private selected = "";
  private failAfterOps: number | undefined;
  /** How many times `apply` ran (a test counts round trips). */
  applyCount = 0;

  constructor(private readonly calculate?: Calculate) {}

  // --- test and preview helpers -------------------------------------------------------------

  /** Adds an empty sheet directly (as a user would). */
  addUserSheet(name: string): void {
    if (!this.sheets.has(name)) this.sheets.set(name, new Map());
    if (!this.selected) this.selected = `${name}!A1`;
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
      cells.set(key, { value, ...(format ? { format } : {}) });
    }
    this.recalculate();
    this.emit({ sheet: rect.sheet, address: formatRect({ ...rect, rows: 1, columns: 1 }) });
  }

  /** Selects a range (sheet-qualified). */
  select(address: string): void {
    this.selected = address;
  }

  /** The next `apply` fails after doing `ops` operations (and then rolls back), as a failed sync would. */
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

  sheetNames(): Promise<string[]> {
    return Promise.resolve([...this.sheets.keys()]);
  }

  nameAddress(name: string): Promise<string | undefined> {
    return Promise.resolve(this.names.get(name.toLowerCase())?.ref.replace(/^=/, ""));
  }

  read(address: string): Promise<RangeData | undefined> {
    return Promise.resolve(this.readNow(address));
  }

  private readNow(address: string): RangeData | undefined {
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
        vRow.push(cell?.value ?? "");
        fRow.push(cell?.formula ?? cell?.value ?? "");
      }
      values.push(vRow);
      formulas.push(fRow);
    }
    return { address: formatRect(rect, true), rect, values, formulas };
  }

  private snapshot(): Snapshot {
    return {
      sheets: [...this.sheets].map(([name, cells]) => [
        name,
        new Map([...cells].map(([k, v]) => [k, { ...v }] as [string, StoredCell])),
      ]),
      names: [...this.names],
      widths: [...this.widths],
    };
  }

  private restore(s: Snapshot): void {
    this.sheets = new Map(s.sheets);
    this.names = new Map(s.names);
    this.widths = new Map(s.widths);
  }

  apply(ops: readonly WorkbookOp[]): Promise<void> {
    this.applyCount++;
    const before = this.snapshot();
    const failAt = this.failAfterOps;
    this.failAfterOps = undefined;
    const events: ChangeEvent[] = [];
    try {
      ops.forEach((op, i) => {
        if (failAt !== undefined && i >= failAt) throw new Error("simulated sync failure");
        this.applyOne(op, events);
      });
    } catch (e) {
      this.restore(before);
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
    this.recalculate();
    events.forEach((e) => this.emit(e));
    return Promise.resolve();
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
      case "defineName":
        this.names.set(op.name.toLowerCase(), { name: op.name, ref: op.ref.replace(/^=/, "") });
        break;
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
              w.formula !== undefined ? { value: "", formula: w.formula } : { value: w.value ?? old?.value ?? "" };
            if (format) next.format = format;
            cells.set(key, next);
          }),
        );
        const rect: Rect = {
          ...start,
          rows: op.cells.length,
          columns: Math.max(1, ...op.cells.map((r) => r.length)),
        };
        events.push({ sheet: start.sheet, address: formatRect(rect) });
        break;
      }
    }
  }

  private readRef(ref: string, sheet: string): CellValue[][] | undefined {
    const named = this.names.get(ref.toLowerCase());
    const address = named ? named.ref : ref.includes("!") ? ref : `${sheet}!${ref}`;
    return this.readNow(address)?.values;
  }

  /** Recomputes every formula cell, in sheet order, twice (enough for the model's dependencies). */
  private recalculate(): void {
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

  selection(): Promise<string> {
    return Promise.resolve(this.selected || `${[...this.sheets.keys()][0] ?? "Sheet1"}!A1`);
  }

  getSetting(key: string): Promise<unknown> {
    const value = this.settings.get(key);
    // Settings round-trip through JSON in Office: so do they here.
    return Promise.resolve(value === undefined ? undefined : JSON.parse(JSON.stringify(value)));
  }

  setSettings(entries: Readonly<Record<string, unknown>>): Promise<void> {
    for (const [k, v] of Object.entries(entries)) this.settings.set(k, JSON.parse(JSON.stringify(v)));
    return Promise.resolve();
  }

  addChart(spec: ChartSpec): Promise<void> {
    if (!this.sheets.has(spec.sheet)) return Promise.reject(new Error(`no sheet ${spec.sheet}`));
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

  private emit(event: ChangeEvent): void {
    for (const l of [...this.listeners]) l(event);
  }
}

/** A port over an in-memory workbook (a new, empty one unless given). */
export function memoryPort(workbook: MemoryWorkbook = new MemoryWorkbook()): GuardedPort {
  return new GuardedPort(workbook);
}
