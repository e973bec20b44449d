/**
 * Set-up handlers: "Build the model" writes exactly `buildModel(...)`'s output through the port, in
 * one batch, under fresh sheet names when the model's names are taken; "Use my data" names the
 * user's selected usage range `Usage` and adds the deal, bands and summary sheets around it.
 * Nothing the user owns is overwritten: the port refuses, and the refusal's message is returned.
 */
import * as core from "../core";
import { buildModel, CellValue as ModelValue, ModelDefinition, ModelSheet, SHEETS } from "../model/definition";
import { formatRect, freshName, parseAddress, quoteSheet, renameSheetRefs } from "./a1";
import { lastRows } from "./model";
import { CellWrite, done, Outcome, refuse, WorkbookOp, WorkbookPort } from "./port";

/** The settings key recording which sheets the pane built. */
export const MODEL_SETTING = "commitLevers.model";

/** The price book written on the Prices sheet: the built-in book, header first. */
export function defaultPriceBookRows(): ModelValue[][] {
  return core.priceBookTable(core.DEFAULT_PRICE_BOOK);
}

/** A sheet's cells as one rectangle from A1 (null where the definition has no cell). */
export function sheetGrid(sheet: ModelSheet, renames: ReadonlyMap<string, string>): (CellWrite | null)[][] {
  let rows = 0;
  let columns = 0;
  const placed = sheet.cells.map((cell) => {
    const rect = parseAddress(cell.address)!;
    rows = Math.max(rows, rect.row + 1);
    columns = Math.max(columns, rect.column + 1);
    return { rect, cell };
  });
  const grid: (CellWrite | null)[][] = Array.from({ length: rows }, () =>
    new Array<CellWrite | null>(columns).fill(null),
  );
  for (const { rect, cell } of placed) {
    const write: CellWrite =
      cell.formula !== undefined ? { formula: renameSheetRefs(cell.formula, renames) } : { value: cell.value ?? null };
    grid[rect.row]![rect.column] = cell.format ? { ...write, format: cell.format } : write;
  }
  return grid;
}

/** The batch that writes `sheets` and `names` of a definition under fresh sheet names. */
export function modelOps(
  definition: ModelDefinition,
  taken: readonly string[],
  sheets: readonly string[] = definition.sheets.map((s) => s.name),
): { ops: WorkbookOp[]; renames: Map<string, string> } {
  const renames = new Map<string, string>();
  const used = [...taken];
  for (const name of sheets) {
    const fresh = freshName(name, used);
    used.push(fresh);
    if (fresh !== name) renames.set(name, fresh);
  }
  const ops: WorkbookOp[] = [];
  for (const sheet of definition.sheets.filter((s) => sheets.includes(s.name))) {
    const name = renames.get(sheet.name) ?? sheet.name;
    ops.push({ kind: "addSheet", name });
    ops.push({ kind: "write", address: `${quoteSheet(name)}!A1`, cells: sheetGrid(sheet, renames) });
    if (sheet.widths) ops.push({ kind: "columnWidths", sheet: name, widths: sheet.widths });
  }
  return { ops, renames };
}

/** "Build the model": every sheet and name of `buildModel`, in one batch. Returns the sheet names used. */
export async function buildModelInto(port: WorkbookPort, sample: boolean): Promise<Outcome<string[]>> {
  const definition = buildModel({ sample, priceBook: defaultPriceBookRows() });
  const { ops, renames } = modelOps(definition, await port.sheetNames());
  for (const n of definition.names)
    ops.push({ kind: "defineName", name: n.name, ref: renameSheetRefs(n.ref, renames) });
  const outcome = await port.batch(ops);
  if (!outcome.ok) return outcome;
  const used = definition.sheets.map((s) => renames.get(s.name) ?? s.name);
  await port.setSettings({ [MODEL_SETTING]: { mode: sample ? "sample" : "empty", sheets: used } });
  return done(used);
}

/** The sheets "Use my data" adds around the user's usage. */
const AROUND_USAGE = [SHEETS.deal, SHEETS.bands, SHEETS.summary];

/**
 * "Use my data": names the selected range (monthly usage at list, dollars; a header row is left
 * out of the name) `Usage` and `Optimized`, and adds the Deal, Bands and Summary sheets. The
 * `Renewal` name (the horizon the renewal cap is valued over) is the last 12 rows of the range.
 */
export async function useMyData(port: WorkbookPort, address?: string): Promise<Outcome<string>> {
  const selected = address ?? (await port.selection());
  const read = await port.readRange(selected);
  if (!read.ok) return read;
  let rect = read.value.rect;
  let values = read.value.values;
  const headerRow = values[0]?.every((v) => typeof v === "string" && v.trim() !== "" && Number.isNaN(Number(v)));
  if (headerRow && rect.rows > 1) {
    rect = { ...rect, row: rect.row + 1, rows: rect.rows - 1 };
    values = values.slice(1);
  }
  if (rect.rows * rect.columns < 2) {
    return refuse(
      "invalid",
      "Select your monthly usage first: a column of months (or one column per model), then try again.",
    );
  }
  const usage = core.parseUsage("your selection", values);
  if (usage instanceof core.LeverError)
    return refuse("invalid", `That range cannot be read as usage: ${usage.message}`);

  const definition = buildModel({ sample: false, priceBook: defaultPriceBookRows() });
  const usageRef = formatRect(rect, true);
  const renewal = lastRows(rect, 12);
  const { ops, renames } = modelOps(definition, await port.sheetNames(), AROUND_USAGE);
  const ownSheets = new Set<string>(AROUND_USAGE);
  for (const n of definition.names) {
    if (n.name === "Usage" || n.name === "Optimized") {
      ops.push({ kind: "defineName", name: n.name, ref: usageRef });
    } else if (n.name === "Renewal") {
      ops.push({ kind: "defineName", name: n.name, ref: renewal });
    } else if (ownSheets.has(n.ref.split("!")[0]!)) {
      ops.push({ kind: "defineName", name: n.name, ref: renameSheetRefs(n.ref, renames) });
    }
  }
  const outcome = await port.batch(ops);
  if (!outcome.ok) return outcome;
  await port.setSettings({
    [MODEL_SETTING]: { mode: "mine", usage: usageRef, sheets: AROUND_USAGE.map((s) => renames.get(s) ?? s) },
  });
  return done(usageRef);
}
