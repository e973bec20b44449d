/**
 * MONTHLY_USAGE's spill: an export's rows, as the core aggregated them (core/aggregate.ts), laid out
 * as the table Excel shows, a month a row and a model a column, with the header that says what its
 * dollars are.
 */
import {
  billedOnly,
  dollarsOf,
  Errors,
  ExportAggregate,
  isLeverError,
  LeverError,
  monthLabel,
  MonthlyBy,
  NO_MODEL,
  PriceBook,
} from "../core";

/**
 * Monthly dollars: a header row (`Month`, then one column per model, largest total first, or one
 * `Total` column), then one row per calendar month from the first to the last, no gaps. List
 * dollars where the export has them; otherwise billed, and every column says so. A row's
 * unreadable amount is the error of its own month's cell; a model the book does not know errors its
 * whole column.
 */
export function monthlyUsageTable(
  read: ExportAggregate,
  by: MonthlyBy,
  book: PriceBook,
): (string | number | LeverError)[][] | LeverError {
  if (read.rows === 0) return Errors.exportNoUsage("export", read.format.label, read.skipped);
  const dollars = dollarsOf(read, book);
  const first = read.totals[0]!.month;
  const last = read.totals[read.totals.length - 1]!.month;
  const columnTotals = new Map<string, number>();
  const unknown = new Map<string, LeverError>();
  const amounts = read.totals.map((m) => {
    const key = by === "total" ? "Total" : m.model;
    const amount = dollars(m);
    columnTotals.set(key, (columnTotals.get(key) ?? 0) + (isLeverError(amount) ? 0 : amount));
    // A model the book does not know (not a row's own bad count, not a row naming no model).
    if (isLeverError(amount) && read.format.tokens && !m.listError && m.model !== NO_MODEL) unknown.set(key, amount);
    return amount;
  });
  const columns = [...columnTotals.keys()].sort(
    (a, b) => columnTotals.get(b)! - columnTotals.get(a)! || a.localeCompare(b, "en"),
  );
  const col = new Map(columns.map((c, i) => [c, i]));
  const cells: (number | LeverError)[][] = Array.from({ length: last - first + 1 }, () =>
    new Array<number | LeverError>(columns.length).fill(0),
  );
  read.totals.forEach((m, i) => {
    const line = cells[m.month - first]!;
    const c = col.get(by === "total" ? "Total" : m.model)!;
    const sofar = line[c]!;
    if (isLeverError(sofar)) return; // the first bad row of a cell is the one it names
    const amount = amounts[i]!;
    line[c] = isLeverError(amount) ? amount : sofar + amount;
  });
  // A model the book does not know errors its whole column (every month), not only its own rows.
  if (by === "model") for (const [name, error] of unknown) for (const line of cells) line[col.get(name)!] = error;
  const suffix = (billedOnly(read.format) ? " (billed)" : "") + (read.format.note ?? "");
  const header: string[] = ["Month"];
  for (const c of columns) header.push(`${c}${suffix}`);
  const out: (string | number | LeverError)[][] = [header];
  cells.forEach((line, i) => {
    const row: (string | number | LeverError)[] = [monthLabel(first + i)];
    for (const v of line) row.push(v);
    out.push(row);
  });
  return out;
}
