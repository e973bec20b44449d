/**
 * Set-up handlers: "Build the model" writes exactly `buildModel(...)`'s output through the port, in
 * one batch, under fresh sheet names when the model's sheets are taken and fresh defined names when
 * its names are (`Usage_2`, `Deal_2`, ...), so each copy of the model is self-contained and a second
 * build never re-points or removes a name another copy or the user relies on (Excel refuses
 * `names.add` on an existing name: office-js #2875). "Use my data" names the user's selected usage
 * range and adds the deal, bands and summary sheets around it; used again on the model it made, it
 * re-points that model's own usage names. Nothing the user owns is overwritten: the port refuses,
 * and the refusal's message is returned.
 */
import * as core from "../core";
import { parseUsage, priceBookTable } from "../sheet";
import { buildModel, CellValue as ModelValue, ModelDefinition, ModelSheet, SHEETS } from "../model/definition";
import {
  formatRect,
  freshName,
  freshNameSet,
  parseAddress,
  quoteSheet,
  renameNames,
  renameSheetRefs,
} from "../sheet/a1";
import { lastRows } from "./model";
import { CellWrite, done, Outcome, refuse, WorkbookOp, WorkbookPort } from "./port/port";
import { modelRecord, ModelRecord, nameIn, saveRecord } from "./record";

/** Every name of a copy, as the record keeps them: the model's name -> this copy's. */
function allNames(wanted: readonly string[], renames: ReadonlyMap<string, string>): Record<string, string> {
  return Object.fromEntries(wanted.map((n) => [n, renames.get(n) ?? n]));
}

/** The price book written on the Prices sheet: the built-in book, header first. */
export function defaultPriceBookRows(): ModelValue[][] {
  return priceBookTable(core.DEFAULT_PRICE_BOOK);
}

/** A sheet's cells as one rectangle from A1 (null where the definition has no cell). */
export function sheetGrid(
  sheet: ModelSheet,
  renames: ReadonlyMap<string, string>,
  names: ReadonlyMap<string, string> = new Map(),
): (CellWrite | null)[][] {
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
      cell.formula !== undefined
        ? { formula: renameNames(renameSheetRefs(cell.formula, renames), names) }
        : { value: cell.value ?? null };
    grid[rect.row]![rect.column] = cell.format ? { ...write, format: cell.format } : write;
  }
  return grid;
}

/** The batch that writes `sheets` of a definition under fresh sheet names, its formulas using `names`. */
export function modelOps(
  definition: ModelDefinition,
  taken: readonly string[],
  sheets: readonly string[] = definition.sheets.map((s) => s.name),
  names: ReadonlyMap<string, string> = new Map(),
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
    ops.push({ kind: "write", address: `${quoteSheet(name)}!A1`, cells: sheetGrid(sheet, renames, names) });
    if (sheet.widths) ops.push({ kind: "columnWidths", sheet: name, widths: sheet.widths });
  }
  return { ops, renames };
}

/** "Build the model": every sheet and name of `buildModel`, in one batch. Returns the sheet names used. */
export async function buildModelInto(port: WorkbookPort, sample: boolean): Promise<Outcome<string[]>> {
  const definition = buildModel({ sample, priceBook: defaultPriceBookRows() });
  const names = freshNameSet(
    definition.names.map((n) => n.name),
    await port.nameList(),
  );
  const { ops, renames } = modelOps(definition, await port.sheetNames(), undefined, names);
  for (const n of definition.names)
    ops.push({ kind: "defineName", name: names.get(n.name) ?? n.name, ref: renameSheetRefs(n.ref, renames) });
  const signed = (await modelRecord(port))?.signed;
  const outcome = await port.batch(ops);
  if (!outcome.ok) return outcome;
  const used = definition.sheets.map((s) => renames.get(s.name) ?? s.name);
  const record: ModelRecord = {
    mode: sample ? "sample" : "empty",
    sheets: used,
    names: allNames(
      definition.names.map((n) => n.name),
      names,
    ),
    // A new model is a new draft; the deal signed before is still the one tracked.
    ...(signed ? { signed } : {}),
  };
  await saveRecord(port, record);
  return done(used);
}

/** The sheets "Use my data" adds around the user's usage. */
const AROUND_USAGE = [SHEETS.deal, SHEETS.bands, SHEETS.summary];

/** The names "Use my data" points at the user's range. */
const USAGE_NAMES = ["Usage", "Optimized", "Renewal"] as const;

/**
 * "Use my data": names the used part of the selected range (monthly usage at list, dollars; a
 * header row is left out of the name) `Usage` and `Optimized`, and adds the Deal, Bands and Summary
 * sheets. The `Renewal` name (the horizon the renewal cap is valued over) is the last 12 rows of the
 * range. When the current model is one "Use my data" made and its names are still there, those
 * names are re-pointed instead (no new sheets). A whole-column selection reads only its filled
 * part (Range.getUsedRangeOrNullObject), which keeps the read under Excel on the web's 5 MB.
 */
export async function useMyData(port: WorkbookPort, address?: string): Promise<Outcome<string>> {
  const selected = address ?? (await port.selection());
  if (!parseAddress(selected)) return refuse("invalid", `${selected} is not a range.`);
  const used = await port.usedPart(selected);
  if (!used) {
    return refuse(
      "invalid",
      "The selection is empty. Select your monthly usage (a column of months, or one per model), then try again.",
    );
  }
  const read = await port.readRange(used);
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
  const usage = parseUsage("your selection", values);
  if (usage instanceof core.LeverError)
    return refuse("invalid", `That range cannot be read as usage: ${usage.message}`);

  const usageRef = formatRect(rect, true);
  const renewal = lastRows(rect, 12);
  const plan = await attachPlan(port, { Usage: usageRef, Optimized: usageRef, Renewal: renewal }, usageRef);
  const outcome = await port.batch(plan.ops);
  if (!outcome.ok) return outcome;
  await saveRecord(port, plan.record);
  return done(usageRef);
}

/** Where the usage names point: the usage at list, the same as optimized, and the renewal horizon. */
export type UsageRefs = Readonly<Record<(typeof USAGE_NAMES)[number], string>>;

/**
 * The operations that give the model `refs` as its usage: when the current model is one "Use my
 * data" (or an import) made and its names are still there, those names are re-pointed; otherwise
 * the Deal, Bands and Summary sheets are added under fresh names, with fresh names where taken.
 * `extra` is what the record keeps besides (an import's details).
 */
export async function attachPlan(
  port: WorkbookPort,
  refs: UsageRefs,
  usageRef: string,
  extra: Partial<ModelRecord> = {},
): Promise<{ ops: WorkbookOp[]; record: ModelRecord }> {
  const current = await modelRecord(port);
  const existing = new Set((await port.nameList()).map((n) => n.toLowerCase()));
  const own = current?.mode === "mine" ? USAGE_NAMES.map((n) => nameIn(current, n)) : [];
  if (current && own.length > 0 && own.every((n) => n !== undefined && existing.has(n.toLowerCase()))) {
    return {
      ops: USAGE_NAMES.map((n, i) => ({ kind: "updateName" as const, name: own[i]!, ref: refs[n] })),
      record: { ...current, usage: usageRef, ...extra },
    };
  }

  const definition = buildModel({ sample: false, priceBook: defaultPriceBookRows() });
  const ownSheets = new Set<string>(AROUND_USAGE);
  const wanted = definition.names.filter(
    (n) => (USAGE_NAMES as readonly string[]).includes(n.name) || ownSheets.has(n.ref.split("!")[0]!),
  );
  const names = freshNameSet(
    wanted.map((n) => n.name),
    [...existing],
  );
  const { ops, renames } = modelOps(definition, await port.sheetNames(), AROUND_USAGE, names);
  for (const n of wanted) {
    const ref = (refs as Record<string, string>)[n.name] ?? renameSheetRefs(n.ref, renames);
    ops.push({ kind: "defineName", name: names.get(n.name) ?? n.name, ref });
  }
  const record: ModelRecord = {
    mode: "mine",
    usage: usageRef,
    ...(current?.signed ? { signed: current.signed } : {}),
    sheets: AROUND_USAGE.map((s) => renames.get(s) ?? s),
    names: allNames(
      wanted.map((n) => n.name),
      names,
    ),
    ...extra,
  };
  return { ops, record };
}
