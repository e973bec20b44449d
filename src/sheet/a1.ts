/**
 * A1 addresses: parsing "Sheet!$B$2:$C$5" into sheet and rectangle, and back. Sheet names with
 * spaces or punctuation are quoted as Excel writes them ('Deal (2)'!A1).
 */

/** A rectangle of cells on one sheet; rows and columns are 0-based. */
export interface Rect {
  readonly sheet: string;
  readonly row: number;
  readonly column: number;
  readonly rows: number;
  readonly columns: number;
}

/** "A" -> 0, "AA" -> 26. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** 0 -> "A", 26 -> "AA". */
export function columnLetter(index: number): string {
  let s = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A sheet name as it must appear in a reference: quoted unless it is a plain word. */
export function quoteSheet(sheet: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
}

/** Splits "Sheet!A1:B2" (or "'My sheet'!A1") into sheet and local address; no sheet gives `fallbackSheet`. */
export function splitAddress(address: string, fallbackSheet = ""): { sheet: string; local: string } {
  const bang = address.lastIndexOf("!");
  if (bang < 0) return { sheet: fallbackSheet, local: address };
  let sheet = address.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, local: address.slice(bang + 1) };
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d+)$/;

/** "B12" (or "$B$12") -> { row: 11, column: 1 }, 0-based; undefined when it is no one cell's address. */
export function parseCell(text: string): { row: number; column: number } | undefined {
  const m = CELL.exec(text.trim());
  if (!m) return undefined;
  return { column: columnIndex(m[1]!), row: Number(m[2]) - 1 };
}

/** Excel's grid: 1,048,576 rows by 16,384 columns (XFD). */
export const EXCEL_ROWS = 1_048_576;
export const EXCEL_COLUMNS = 16_384;

const COLUMN = /^\$?([A-Za-z]{1,3})$/;
const ROW = /^\$?(\d+)$/;

/** The corners of a whole-column ("B:D") or whole-row ("2:5") reference. */
function wholeLines(first: string, second: string) {
  const c1 = COLUMN.exec(first.trim());
  const c2 = COLUMN.exec(second.trim());
  if (c1 && c2) {
    return [
      { row: 0, column: columnIndex(c1[1]!) },
      { row: EXCEL_ROWS - 1, column: columnIndex(c2[1]!) },
    ];
  }
  const r1 = ROW.exec(first.trim());
  const r2 = ROW.exec(second.trim());
  if (r1 && r2) {
    return [
      { row: Number(r1[1]) - 1, column: 0 },
      { row: Number(r2[1]) - 1, column: EXCEL_COLUMNS - 1 },
    ];
  }
  return undefined;
}

/** Parses an address (a cell, a range, whole columns or rows) into a rectangle; undefined otherwise. */
export function parseAddress(address: string, fallbackSheet = ""): Rect | undefined {
  const { sheet, local } = splitAddress(address, fallbackSheet);
  const [first, second] = local.split(":");
  const lines = first !== undefined && second !== undefined ? wholeLines(first, second) : undefined;
  const a = lines ? lines[0] : first === undefined ? undefined : parseCell(first);
  const b = lines ? lines[1] : second === undefined ? a : parseCell(second);
  if (!a || !b) return undefined;
  const row = Math.min(a.row, b.row);
  const column = Math.min(a.column, b.column);
  return {
    sheet,
    row,
    column,
    rows: Math.abs(a.row - b.row) + 1,
    columns: Math.abs(a.column - b.column) + 1,
  };
}

/** A1 text of one cell, relative ("B2") or absolute ("$B$2"). */
export function cellAddress(row: number, column: number, absolute = false): string {
  const d = absolute ? "$" : "";
  return `${d}${columnLetter(column)}${d}${row + 1}`;
}

/** The rectangle as "Sheet!A1:B2" (absolute with `absolute`); one cell as "Sheet!A1". */
export function formatRect(rect: Rect, absolute = false): string {
  const start = cellAddress(rect.row, rect.column, absolute);
  const end = cellAddress(rect.row + rect.rows - 1, rect.column + rect.columns - 1, absolute);
  const local = rect.rows === 1 && rect.columns === 1 ? start : `${start}:${end}`;
  return rect.sheet ? `${quoteSheet(rect.sheet)}!${local}` : local;
}

/** Rewrites sheet references in a formula or a name's reference: `Deal!$B$2` -> `'Deal (2)'!$B$2` (quoted names too). */
export function renameSheetRefs(text: string, renames: ReadonlyMap<string, string>): string {
  if (renames.size === 0) return text;
  return text.replace(
    /(^|[^A-Za-z0-9_.'])(?:'((?:[^']|'')+)'|([A-Za-z_][A-Za-z0-9_.]*))!/g,
    (whole, before: string, quoted: string | undefined, plain: string | undefined) => {
      const sheet = quoted !== undefined ? quoted.replace(/''/g, "'") : plain!;
      const to = renames.get(sheet);
      return to === undefined ? whole : `${before}${quoteSheet(to)}!`;
    },
  );
}

/**
 * Rewrites defined names in a formula: `=LEVERS.TOTAL_COST(B2,Usage,B3)` -> `...,Usage_2,...`. A name
 * is a whole identifier outside string literals, not a sheet (`Usage!`), a function (`SUM(`) or a
 * part of a dotted name (`LEVERS.X`).
 */
export function renameNames(formula: string, renames: ReadonlyMap<string, string>): string {
  if (renames.size === 0) return formula;
  const lower = new Map([...renames].map(([from, to]) => [from.toLowerCase(), to]));
  return formula
    .split(/("(?:[^"]|"")*"|'(?:[^']|'')*')/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(/(?<![A-Za-z0-9_.$!])([A-Za-z_][A-Za-z0-9_]*)(?![A-Za-z0-9_.!(])/g, (whole, name: string) => {
            return lower.get(name.toLowerCase()) ?? whole;
          }),
    )
    .join("");
}

/**
 * Fresh names for one copy of the model: the names as they are when none is taken, otherwise every
 * name with the first suffix `_2`, `_3`, ... under which none of them is taken (so a copy's names
 * stay recognisable as one set). Returns the names that change.
 */
export function freshNameSet(wanted: readonly string[], taken: readonly string[]): Map<string, string> {
  const lower = new Set(taken.map((t) => t.toLowerCase()));
  const free = (suffix: string) => wanted.every((n) => !lower.has(`${n}${suffix}`.toLowerCase()));
  let suffix = "";
  for (let i = 2; !free(suffix); i++) suffix = `_${i}`;
  return new Map(suffix === "" ? [] : wanted.map((n) => [n, `${n}${suffix}`]));
}

/** The first name not in `taken` (case-insensitive): "Deal", then "Deal (2)", "Deal (3)", ... */
export function freshName(wanted: string, taken: readonly string[]): string {
  const lower = new Set(taken.map((t) => t.toLowerCase()));
  if (!lower.has(wanted.toLowerCase())) return wanted;
  for (let i = 2; ; i++) {
    const candidate = `${wanted} (${i})`;
    if (!lower.has(candidate.toLowerCase())) return candidate;
  }
}
