/**
 * The port the pane uses: a host (Office.js, memory, HyperFormula) plus the ownership rule. A write
 * into a non-empty cell the pane did not write itself is refused with a message.
 */
import { cellAddress, formatRect, freshName, parseAddress, Rect } from "../../sheet/a1";
import { describeFailure, sentence } from "./failures";
import { OWNED_SETTING, Ownership } from "./ownership";
import type {
  CellValue,
  CellWrite,
  ChangeEvent,
  ChartSpec,
  Outcome,
  RangeData,
  WorkbookHost,
  WorkbookOp,
  WorkbookPort,
  WriteOptions,
} from "./types";
import { done, refuse } from "./types";

/** A read of `part` (inside `whole`) as rows of `whole`, "" outside the part. */
function shiftInto(cells: CellValue[][], part: Rect, whole: Rect): CellValue[][] {
  return Array.from({ length: whole.rows }, (_, r) =>
    Array.from({ length: whole.columns }, (_, c) => {
      const pr = whole.row + r - part.row;
      const pc = whole.column + c - part.column;
      return cells[pr]?.[pc] ?? "";
    }),
  );
}

function isEmpty(cell: CellValue | undefined): boolean {
  return cell === null || cell === undefined || cell === "";
}

/** The host plus the ownership rule: the port the pane uses. */
export class GuardedPort implements WorkbookPort {
  private owned: Ownership | undefined;
  private readonly saveListeners: ((message: string) => void)[] = [];

  onSaveFailure(listener: (message: string) => void): void {
    this.saveListeners.push(listener);
  }

  constructor(private readonly host: WorkbookHost) {}

  private async ownership(): Promise<Ownership> {
    this.owned ??= Ownership.from(await this.host.getSetting(OWNED_SETTING));
    return this.owned;
  }

  sheetNames(): Promise<string[]> {
    return this.host.sheetNames();
  }

  nameList(): Promise<string[]> {
    return this.host.nameList();
  }

  usedPart(address: string): Promise<string | undefined> {
    return this.host.usedPart(address);
  }

  async readName(name: string): Promise<Outcome<RangeData>> {
    const address = await this.host.nameAddress(name);
    if (!address) return refuse("not-found", `There is no range named ${name} in this workbook.`);
    return this.readRange(address);
  }

  async readRange(address: string): Promise<Outcome<RangeData>> {
    if (!parseAddress(address)) return refuse("invalid", `${address} is not a cell or range address.`);
    const data = await this.host.read(address);
    return data ? done(data) : refuse("not-found", `The range ${address} does not exist.`);
  }

  /** The first occupied cell a write would overwrite without owning it, as a refusal. */
  private async check(address: string, cells: readonly (readonly (CellWrite | null)[])[], onlyEmpty: boolean) {
    const start = parseAddress(address);
    if (!start || !start.sheet) return refuse("invalid", `${address} is not a sheet-qualified cell address.`);
    const rows = cells.length;
    let columns = 0;
    for (const r of cells) columns = Math.max(columns, r.length);
    if (rows === 0 || columns === 0) return done(start);
    const rect: Rect = { ...start, rows, columns };
    // Only the part that holds anything is read: a large write over empty cells reads nothing, so
    // the check never makes a response past Excel on the web's 5 MB (getUsedRangeOrNullObject).
    const used = await this.host.usedPart(formatRect(rect));
    const usedRect = used ? parseAddress(used) : undefined;
    const read = usedRect ? await this.host.read(formatRect(usedRect)) : undefined;
    const existing = read && usedRect ? { formulas: shiftInto(read.formulas, usedRect, rect) } : undefined;
    const owned = await this.ownership();
    if (existing) {
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < columns; c++) {
          if (!cells[r]?.[c]) continue;
          if (isEmpty(existing.formulas[r]?.[c])) continue;
          const row = rect.row + r;
          const column = rect.column + c;
          if (!onlyEmpty && owned.ownsCell(rect.sheet, row, column)) continue;
          const cell = `${rect.sheet}!${cellAddress(row, column)}`;
          return refuse(
            "occupied",
            onlyEmpty
              ? `${cell} is not empty. Select an empty cell and try again; nothing was written.`
              : `${cell} already holds your data, so Commit Levers did not write there. Clear it or pick another place.`,
          );
        }
      }
    }
    return done(rect);
  }

  private async record(ops: readonly WorkbookOp[]): Promise<void> {
    const owned = await this.ownership();
    for (const op of ops) {
      if (op.kind === "write") {
        const start = parseAddress(op.address)!;
        owned.addWrite(start.sheet, start.row, start.column, op.cells);
      } else if (op.kind === "defineName" || op.kind === "updateName" || op.kind === "addTable") {
        owned.addName(op.name);
      }
    }
    await this.host.setSettings({ [OWNED_SETTING]: owned.toRecord() });
  }

  async write(
    address: string,
    cells: readonly (readonly (CellWrite | null)[])[],
    options: WriteOptions = {},
  ): Promise<Outcome> {
    return this.batch([{ kind: "write", address, cells }], options);
  }

  async addSheet(name: string): Promise<Outcome<string>> {
    const fresh = freshName(name, await this.host.sheetNames());
    const outcome = await this.batch([{ kind: "addSheet", name: fresh }]);
    return outcome.ok ? done(fresh) : outcome;
  }

  async defineName(name: string, ref: string): Promise<Outcome> {
    return this.batch([{ kind: "defineName", name, ref }]);
  }

  async batch(ops: readonly WorkbookOp[], options: WriteOptions = {}): Promise<Outcome> {
    const adding = new Set(ops.filter((o) => o.kind === "addSheet").map((o) => o.name.toLowerCase()));
    const existing = (await this.host.sheetNames()).map((s) => s.toLowerCase());
    const names = new Set((await this.host.nameList()).map((n) => n.toLowerCase()));
    const owned = await this.ownership();
    for (const op of ops) {
      if (op.kind === "addSheet" && existing.includes(op.name.toLowerCase())) {
        return refuse("invalid", `A sheet named ${op.name} already exists.`);
      }
      // names.add on an existing name fails in Excel (office-js #2875): never try. A copy of the
      // model picks fresh names; a name the pane owns is re-pointed with updateName.
      if (op.kind === "defineName" && names.has(op.name.toLowerCase())) {
        return refuse("occupied", `The name ${op.name} is already defined in this workbook, so nothing was written.`);
      }
      if (op.kind === "addTable" && names.has(op.name.toLowerCase())) {
        return refuse("occupied", `The name ${op.name} is already used in this workbook, so no table was made.`);
      }
      if (op.kind === "updateName" && !(names.has(op.name.toLowerCase()) && owned.ownsName(op.name))) {
        return refuse("occupied", `The name ${op.name} is not one Commit Levers made, so it was left alone.`);
      }
      if (op.kind === "write") {
        const target = parseAddress(op.address);
        // Cells on a sheet this batch adds are empty: no need to read them.
        if (target && adding.has(target.sheet.toLowerCase())) continue;
        const checked = await this.check(op.address, op.cells, options.onlyEmpty ?? false);
        if (!checked.ok) return checked;
      }
    }
    // A re-pointed name is put back if the batch fails: its old reference, read first.
    const previous: { readonly kind: "updateName"; readonly name: string; readonly ref: string }[] = [];
    for (const op of ops) {
      if (op.kind !== "updateName") continue;
      const ref = await this.host.nameAddress(op.name);
      if (ref) previous.push({ kind: "updateName", name: op.name, ref });
    }
    try {
      await this.host.apply(ops);
    } catch (e) {
      const created = {
        sheets: ops.filter((o) => o.kind === "addSheet").map((o) => o.name),
        names: ops.filter((o) => o.kind === "defineName").map((o) => o.name),
      };
      const removed = await this.host.remove(created).then(
        () => true,
        () => false,
      );
      const restored =
        previous.length === 0 ||
        (await this.host.apply(previous).then(
          () => true,
          () => false,
        ));
      const wroteExisting = ops.some(
        (o) => o.kind === "write" && !adding.has(parseAddress(o.address)?.sheet.toLowerCase() ?? ""),
      );
      const notes = [
        created.sheets.length + created.names.length === 0
          ? ""
          : removed
            ? "The sheets and names it had added were removed again."
            : "Some sheets or names it added may remain: delete them, or undo.",
        previous.length === 0
          ? ""
          : restored
            ? "The names it was moving point where they did before."
            : `The names ${previous.map((p) => p.name).join(", ")} may point at the new range: check them in the Name Manager.`,
        wroteExisting ? "A cell it was writing may already hold the new value." : "",
      ].filter((n) => n !== "");
      return refuse("failed", [sentence(describeFailure(e)), ...notes].join(" "));
    }
    // The change is in the workbook: a failed save of what the pane owns must not turn it into a
    // failure, but the pane says so (settings saves fail past about 2 MB: office-js #3957, #621).
    await this.record(ops).catch((e: unknown) => {
      for (const l of this.saveListeners) l(describeFailure(e));
    });
    return done(undefined);
  }

  selection(): Promise<string> {
    return this.host.selection();
  }

  getSetting(key: string): Promise<unknown> {
    return this.host.getSetting(key);
  }

  setSettings(entries: Readonly<Record<string, unknown>>): Promise<void> {
    return this.host.setSettings(entries);
  }

  async addChart(spec: ChartSpec): Promise<Outcome> {
    try {
      await this.host.addChart(spec);
      return done(undefined);
    } catch (e) {
      return refuse("failed", `The chart could not be added. ${describeFailure(e)}`);
    }
  }

  onChange(listener: (event: ChangeEvent) => void): Promise<() => Promise<void>> {
    return this.host.onChange(listener);
  }
}
