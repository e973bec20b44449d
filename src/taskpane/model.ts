/**
 * Reading the model the pane works on out of the workbook, through the port: the usage (list
 * dollars), the optimized usage, the deal terms table, the bands and the assumptions, all found by
 * their defined names so the user's own layout (or a renamed sheet) works the same.
 */
import { TERMS, TermKey } from "../catalogue/terms";
import * as core from "../core";
import { parseBands, parseTerms, parseUsage, Terms } from "../sheet";
import { OPTIMIZATION } from "../model/definition";
import { cellAddress, quoteSheet, Rect } from "../sheet/a1";
import { CellValue, RangeData, refuse, WorkbookPort } from "./port/port";
import { ImportedUsage, modelRecord, nameIn } from "./record";

/** The names the pane reads; Usage, Deal and Bands are required. */
export const ASSUMPTION_NAMES = OPTIMIZATION.map((o) => o.name);
export type AssumptionName = (typeof ASSUMPTION_NAMES)[number];

export interface ModelData {
  /** Monthly usage at list, dollars. */
  readonly usage: number[];
  /** Monthly usage after the optimization levers (the usage itself when there are no token counts). */
  readonly optimized: number[];
  /** Whether `Optimized` is a separate range (token counts and optimization assumptions are present). */
  readonly hasOptimization: boolean;
  /** Whether the model has the Scenarios sheet's `Horizon` (the usage, then its projection). */
  readonly hasHorizon: boolean;
  /** Usage per column (model) over the term, list dollars, with its header when there is one. */
  readonly mix: { label: string; list: number; mtok: number | undefined }[];
  readonly usageRange: RangeData;
  readonly dealRange: RangeData;
  readonly terms: Terms<TermKey>;
  readonly bands: core.Band[];
  readonly assumptions: Partial<Record<AssumptionName, { value: number; address: string }>>;
  /** The export the usage was imported from, when it was ("Bring your usage"). */
  readonly imported?: ImportedUsage;
  /** The model's defined names as this copy has them (Usage -> Usage_2 in a second copy). */
  readonly names: ReadonlyMap<string, string>;
}

export type ModelRead =
  | { readonly kind: "missing"; readonly message: string }
  | { readonly kind: "invalid"; readonly message: string; readonly dealRange?: RangeData }
  | { readonly kind: "ready"; readonly data: ModelData };

/** The absolute, sheet-qualified address of the cell holding `key`'s draft or ask in the Deal range. */
export function dealCellAddress(deal: RangeData, key: string, column: "draft" | "ask"): string | undefined {
  const r = deal.values.findIndex((row) => typeof row[0] === "string" && row[0].trim().toLowerCase() === key);
  if (r < 0) return undefined;
  return `${quoteSheet(deal.rect.sheet)}!${cellAddress(deal.rect.row + r, deal.rect.column + (column === "draft" ? 1 : 2), true)}`;
}

/** The value shown in the Deal range for a key ("" when the key is missing). */
export function dealValue(deal: RangeData, key: string, column: "draft" | "ask"): CellValue {
  const row = deal.values.find((v) => typeof v[0] === "string" && v[0].trim().toLowerCase() === key);
  return row?.[column === "draft" ? 1 : 2] ?? "";
}

/** The last `months` rows of a range, as an absolute address (the renewal horizon of RENEWAL_CAP_VALUE). */
export function lastRows(rect: Rect, months: number): string {
  const rows = Math.min(months, rect.rows);
  const top = rect.row + rect.rows - rows;
  const a = cellAddress(top, rect.column, true);
  const b = cellAddress(rect.row + rect.rows - 1, rect.column + rect.columns - 1, true);
  return `${quoteSheet(rect.sheet)}!${a}:${b}`;
}

function sumColumn(values: CellValue[][], c: number, rows: number): number {
  let s = 0;
  for (let r = 0; r < rows; r++) {
    const v = values[r]?.[c];
    if (typeof v === "number") s += v;
  }
  return s;
}

/**
 * Reads everything the steps need, by the names of the model the settings record (the latest copy
 * the pane built). `missing` when the workbook has no model yet.
 */
export async function readModel(port: WorkbookPort): Promise<ModelRead> {
  const record = await modelRecord(port);
  const read = (n: string) => {
    const name = nameIn(record, n);
    return name === undefined ? Promise.resolve(refuse("not-found", `This model has no ${n}.`)) : port.readName(name);
  };
  const [usage, optimized, deal, bands, tokens, horizon, ...assumptions] = await Promise.all([
    read("Usage"),
    read("Optimized"),
    read("Deal"),
    read("Bands"),
    read("Tokens"),
    read("Horizon"),
    ...ASSUMPTION_NAMES.map((n) => read(n)),
  ]);
  if (!usage.ok || !deal.ok || !bands.ok) {
    return {
      kind: "missing",
      message: "This workbook has no Commit Levers model yet: build one, or name your usage range.",
    };
  }
  const series = parseUsage("Usage", usage.value.values);
  if (series instanceof core.LeverError) return { kind: "invalid", message: series.message, dealRange: deal.value };
  const opt = optimized.ok ? parseUsage("Optimized", optimized.value.values) : series;
  if (opt instanceof core.LeverError) return { kind: "invalid", message: opt.message, dealRange: deal.value };
  const terms = parseTerms("Deal", deal.value.values, TERMS);
  if (terms instanceof core.LeverError) return { kind: "invalid", message: terms.message, dealRange: deal.value };
  const parsedBands = parseBands("Bands", bands.value.values);
  if (parsedBands instanceof core.LeverError) {
    return { kind: "invalid", message: parsedBands.message, dealRange: deal.value };
  }

  const found: Partial<Record<AssumptionName, { value: number; address: string }>> = {};
  ASSUMPTION_NAMES.forEach((name, i) => {
    const read = assumptions[i];
    if (!read?.ok) return;
    const v = read.value.values[0]?.[0];
    found[name] = { value: typeof v === "number" ? v : 0, address: read.value.address };
  });

  // The model mix: one column per model; token counts (input, output per model) when Tokens exists.
  const u = usage.value;
  const months = series.length;
  const header = (c: number) => `Column ${c + 1}`;
  const mix = Array.from({ length: u.rect.columns }, (_, c) => {
    const tokenCols = tokens.ok ? tokens.value.values : undefined;
    const mtok =
      tokenCols && tokenCols[0] && tokenCols[0].length >= 2 * u.rect.columns
        ? sumColumn(tokenCols, 2 * c, months) + sumColumn(tokenCols, 2 * c + 1, months)
        : undefined;
    return { label: header(c), list: sumColumn(u.values, c, months), mtok };
  });
  const labels = await port.readRange(
    `${quoteSheet(u.rect.sheet)}!${cellAddress(Math.max(0, u.rect.row - 1), u.rect.column)}:${cellAddress(Math.max(0, u.rect.row - 1), u.rect.column + u.rect.columns - 1)}`,
  );
  if (labels.ok && u.rect.row > 0) {
    labels.value.values[0]?.forEach((v, c) => {
      if (typeof v === "string" && v.trim() !== "" && mix[c]) mix[c].label = v.replace(/\s*list \$$/i, "").trim();
    });
  }

  return {
    kind: "ready",
    data: {
      usage: series,
      optimized: opt,
      hasOptimization: optimized.ok && tokens.ok,
      hasHorizon: horizon.ok,
      mix,
      usageRange: u,
      dealRange: deal.value,
      terms,
      bands: parsedBands,
      assumptions: found,
      names: new Map(Object.entries(record?.names ?? {}).filter(([from, to]) => from !== to)),
      ...(record?.imported ? { imported: record.imported } : {}),
    },
  };
}

/** Whether a read found the model still calculating (a cell showing #BUSY! or #GETTING_DATA). */
export function isBusy(read: ModelRead): boolean {
  return read.kind === "invalid" && /#BUSY!|#GETTING_DATA/.test(read.message);
}
