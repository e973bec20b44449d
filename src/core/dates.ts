/**
 * Calendar days and months as the exports count them (UTC), Excel's date serials, and a date cell
 * of an export read into a day (DOMAIN.md "Usage from a vendor's export": months are calendar
 * months in UTC). Days are counted from 1970-01-01; a month is year * 12 + month - 1.
 */

/** How an export writes its dates: calendar dates (ISO text, date-time text, Excel serials) or Unix seconds. */
export type DateKind = "calendar" | "unixSeconds";

/** The years an export's dates may fall in. */
const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;

const DAY_MS = 86_400_000;

/**
 * Excel's date serials count days since 1899-12-30, so 25,569 is 1970-01-01 (Excel's 1900 leap-year
 * bug only moves serials before March 1900, long before any usage); serials are UTC here.
 */
const SERIAL_OF_1970 = 25_569;

/** The Excel date serial of a day count (days since 1970-01-01, UTC): what Excel stores for that date. */
export function excelSerial(day: number): number {
  return day + SERIAL_OF_1970;
}

/** The UTC instant, in milliseconds since 1970, of an Excel date serial (its fraction is the time of day). */
export function msOfExcelSerial(serial: number): number {
  return Math.round((serial - SERIAL_OF_1970) * DAY_MS);
}

/** A UTC calendar day as a count of days since 1970-01-01. */
export function dayNumber(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

/** A month count (year * 12 + month - 1) of a day count. */
export function monthOfDay(day: number): number {
  const d = new Date(day * DAY_MS);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/** The day count of a month's last day. */
export function lastDayOfMonth(month: number): number {
  return dayNumber(Math.floor(month / 12), (month % 12) + 2, 1) - 1;
}

/** An ISO day ("2026-10-31") of a day count. */
export function dayLabel(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * A date cell read: the UTC day, or a short date (`4/1/25`, `01.04.2025`) whose order (day or
 * month first) the column decides, or undefined when it is no date.
 */
export type DateCell =
  | { readonly day: number }
  | { readonly first: number; readonly second: number; readonly year: number; readonly dots: boolean };

/** A short date as Excel saves a CSV: d/m/yy, m/d/yyyy, dd.mm.yyyy, optionally followed by a time. */
const SHORT_DATE =
  /^(\d{1,2})([/.])(\d{1,2})\2(\d{4}|\d{2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s?[AaPp][Mm])?)?$/;

/** A whole number in text: an Excel serial or Unix time read from a CSV. */
const WHOLE = /^\d+(\.\d+)?$/;

/** A UTC day of a date in milliseconds, when it falls in the years usage does. */
function dayOfMs(ms: number): { day: number } | undefined {
  if (!Number.isFinite(ms)) return undefined;
  const year = new Date(ms).getUTCFullYear();
  // Usage is of this century: a month number (3 is an Excel date in 1900) or milliseconds taken
  // for seconds land far outside it, and are no date.
  if (!Number.isFinite(year) || year < FIRST_YEAR || year > LAST_YEAR) return undefined;
  return { day: Math.floor(ms / DAY_MS) };
}

/** Whether a year, month and day are a real day of the years usage falls in. */
function realDay(y: number, m: number, d: number): boolean {
  if (y < FIRST_YEAR || y > LAST_YEAR || m < 1 || m > 12 || d < 1) return false;
  const check = new Date(Date.UTC(y, m - 1, d));
  return check.getUTCFullYear() === y && check.getUTCMonth() === m - 1 && check.getUTCDate() === d;
}

/** A date cell: ISO text, a date-time, an Excel serial, Unix seconds, or a short date (DOMAIN.md). */
export function readDate(value: unknown, kind: DateKind): DateCell | undefined {
  if (kind === "unixSeconds") {
    const seconds = typeof value === "number" ? value : typeof value === "string" ? Number(value.trim()) : NaN;
    if (!Number.isFinite(seconds) || seconds <= 0) return undefined;
    return dayOfMs(seconds * 1000);
  }
  if (typeof value === "string" && WHOLE.test(value.trim())) value = Number(value.trim());
  if (typeof value === "number") {
    // An Excel date serial, from 1 (1900-01-01) to 9999-12-31.
    if (!Number.isFinite(value) || value < 1 || value >= 2_958_466) return undefined;
    return dayOfMs(msOfExcelSerial(value));
  }
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  const month = /^(\d{4})-(\d{2})$/.exec(text);
  if (month) {
    // A month alone stands for its last day, so a month table's last month is its newest date.
    const y = Number(month[1]);
    const m = Number(month[2]);
    return realDay(y, m, 1) ? { day: lastDayOfMonth(y * 12 + m - 1) } : undefined;
  }
  const short = SHORT_DATE.exec(text);
  if (short) {
    const first = Number(short[1]);
    const second = Number(short[3]);
    // Two-digit years as Excel reads them: 00-29 are 2000-2029, 30-99 the 1900s (outside usage).
    const year = short[4]!.length === 2 ? Number(short[4]) + (Number(short[4]) < 30 ? 2000 : 1900) : Number(short[4]);
    const dots = short[2] === ".";
    if (!realDay(year, first, second) && !realDay(year, second, first)) return undefined;
    return { first, second, year, dots };
  }
  const day = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!day) return undefined;
  // A day that does not exist (2026-02-30) is no date, not the 2nd of March.
  if (!realDay(Number(day[1]), Number(day[2]), Number(day[3]))) return undefined;
  // A date or date-time without an offset is UTC (the exports' own convention: usage_date_utc, ...Z).
  const iso = text.replace(" ", "T");
  const withZone = /T.*([zZ]|[+-]\d{2}:?\d{2})$/.test(iso) || !iso.includes("T") ? iso : `${iso}Z`;
  return dayOfMs(Date.parse(iso.includes("T") ? withZone : `${iso}T00:00:00Z`));
}

/** The day of a short date in the order its column was read in, or undefined when that order makes it no day. */
export function shortDay(
  date: { readonly first: number; readonly second: number; readonly year: number },
  dayFirst: boolean,
): number | undefined {
  const [d, m] = dayFirst ? [date.first, date.second] : [date.second, date.first];
  return realDay(date.year, m, d) ? dayNumber(date.year, m, d) : undefined;
}

/** The label a month count shows as: ISO year-month text ("2026-10"), which no usage reader sums. */
export function monthLabel(month: number): string {
  const year = Math.floor(month / 12);
  return `${year}-${String((month % 12) + 1).padStart(2, "0")}`;
}
