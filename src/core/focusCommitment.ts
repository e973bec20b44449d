/**
 * A signed deal as a FOCUS 1.3 ContractCommitment dataset, and back (EXPORTS.md "FOCUS
 * ContractCommitment (out)"): one row per commit period. The columns, as FOCUS 1.3 defines them
 * (FinOps-Open-Cost-and-Usage-Spec/FOCUS_Spec, specification/datasets/contract_commitment/):
 *
 * - BillingCurrency: the currency the costs are in; here always "USD".
 * - ContractCommitmentCategory: not null, one of "Spend" (a predetermined amount of spend) or
 *   "Usage" (of usage). A committed-spend deal is "Spend".
 * - ContractCommitmentCost: Decimal, the monetary value of the commitment, in BillingCurrency; must
 *   not be null when the category is "Spend". Here the period's commit (prorated, stepped up).
 * - ContractCommitmentDescription: String, "the self-contained summary of the contract commitment's
 *   terms", which the other columns may not describe: the terms FOCUS has no column for go here.
 * - ContractCommitmentId: not null, unique across the dataset, with exactly one parent ContractId.
 * - ContractCommitmentPeriodStart / End: Date/Time, the inclusive start and the exclusive end
 *   bound of the commitment's period.
 * - ContractCommitmentQuantity / Unit: an amount in a provider's unit; Quantity may be null when
 *   Cost is not, and Unit must be null when Quantity is. A spend commitment leaves both null.
 * - ContractCommitmentType: not null, a provider-assigned readable display name.
 * - ContractId: not null, the contract. ContractPeriodStart / End: the contract's whole term.
 * - Date/Time columns (the DateTimeFormat attribute): UTC, ISO 8601 'YYYY-MM-DDTHH:mm:ssZ'.
 *
 * Null is an empty field; fields are quoted as RFC 4180 says. Pure: text in and out, no DOM.
 */
import { LeverError } from "./errors";
import type { FullDeal } from "./ledger";
import type { DealTerm, TermValue } from "./terms";

/** The 13 columns of a FOCUS 1.3 ContractCommitment dataset, in the order the file writes them. */
export const CONTRACT_COMMITMENT_COLUMNS = [
  "BillingCurrency",
  "ContractCommitmentCategory",
  "ContractCommitmentCost",
  "ContractCommitmentDescription",
  "ContractCommitmentId",
  "ContractCommitmentPeriodEnd",
  "ContractCommitmentPeriodStart",
  "ContractCommitmentQuantity",
  "ContractCommitmentType",
  "ContractCommitmentUnit",
  "ContractId",
  "ContractPeriodEnd",
  "ContractPeriodStart",
] as const;

/** What ContractCommitmentType says of a committed-spend deal. */
export const COMMITMENT_TYPE = "Committed spend";
/** Where the terms start in a description: `key=value` pairs after it, separated by "; ". */
export const TERMS_MARK = "Commit Levers terms: ";
/** The key of the day signed among the terms of a description. */
export const SIGNED_ON_KEY = "signed_on";

/** Each deal term's key in a description, by field (the terms table's keys: commit, overage_rate, ...). */
export type TermNames = Readonly<Record<DealTerm, string>>;

/** A signed deal, as a ContractCommitment file holds it. */
export interface SignedContract {
  readonly deal: FullDeal;
  /** Months of the term as signed. */
  readonly termMonths: number;
  /** The day signed, yyyy-mm-dd. */
  readonly signedOn: string;
  readonly contractId: string;
}

/** A calendar day, UTC. */
interface Day {
  readonly y: number;
  readonly m: number; // 1..12
  readonly d: number;
}

const two = (n: number) => String(n).padStart(2, "0");
const iso = (day: Day) => `${day.y}-${two(day.m)}-${two(day.d)}`;
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** yyyy-mm-dd (optionally followed by a time, as FOCUS writes it) as a real calendar day, else undefined. */
function parseDay(text: string): Day | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z)?$/.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo) ? { y, m: mo, d } : undefined;
}

/** `day` plus `months` calendar months (the day clamped to the month's last). */
function addMonths(day: Day, months: number): Day {
  const index = day.y * 12 + (day.m - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return { y, m, d: Math.min(day.d, daysIn(y, m)) };
}

/** Whether text is a real day written yyyy-mm-dd. */
export const isDay = (text: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(text) && parseDay(text) !== undefined;

/**
 * The day the term starts, from the day signed: the first of the next month, or the day itself
 * when signed on the first (month 1 of the actuals is then a whole calendar month).
 */
export function termStart(signedOn: string): string {
  const day = parseDay(signedOn);
  if (!day) return signedOn;
  return iso(day.d === 1 ? day : addMonths({ ...day, d: 1 }, 1));
}

/** `start` (yyyy-mm-dd) plus `months` calendar months, yyyy-mm-dd. */
export function monthsAfter(start: string, months: number): string {
  const day = parseDay(start);
  return day ? iso(addMonths(day, months)) : start;
}

/** A day as FOCUS writes a Date/Time: midnight UTC. */
const focusTime = (day: string) => `${day}T00:00:00Z`;

/** A field as RFC 4180 writes it: quoted when it holds a comma, a quote or a line break. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A term's value as a description writes it: numbers in full, yes / no, none for no cap, committed. */
export function termValueText(value: TermValue): string {
  if (value === undefined) return "none";
  if (typeof value === "boolean") return value ? "yes" : "no";
  return String(value);
}

/** A description's value back: the inverse of `termValueText`; undefined when it is none of those. */
export function termValueOf(text: string): { readonly value: TermValue } | undefined {
  const t = text.trim();
  if (t === "none") return { value: undefined };
  if (t === "yes" || t === "no") return { value: t === "yes" };
  if (t === "committed") return { value: "committed" };
  const n = decimalOf(t);
  return n === undefined ? undefined : { value: n };
}

/** The commit of each period (C stepped up each period, prorated in a short last one), as the ledger runs it. */
export function periodCommits(deal: FullDeal, termMonths: number): { months: number; commit: number }[] {
  const P = deal.periodMonths;
  const out: { months: number; commit: number }[] = [];
  let full = deal.commit;
  for (let k = 0; k * P < termMonths; k++) {
    if (k > 0) full *= 1 + deal.stepUp;
    const months = Math.min(P, termMonths - k * P);
    out.push({ months, commit: (full * months) / P });
  }
  return out;
}

/** The ContractCommitment file of a signed deal: a header line, then one row per commit period. */
export function contractCommitmentCsv(contract: SignedContract, names: TermNames): string {
  const { deal, termMonths, signedOn, contractId } = contract;
  const start = termStart(signedOn);
  const periods = periodCommits(deal, termMonths);
  const terms = (Object.keys(names) as DealTerm[]).map((field) => `${names[field]}=${termValueText(deal[field])}`);
  terms.push(`${SIGNED_ON_KEY}=${signedOn}`);
  const lines = [CONTRACT_COMMITMENT_COLUMNS.join(",")];
  periods.forEach(({ months, commit }, k) => {
    const from = k * deal.periodMonths;
    const row: Record<(typeof CONTRACT_COMMITMENT_COLUMNS)[number], string> = {
      BillingCurrency: "USD",
      ContractCommitmentCategory: "Spend",
      ContractCommitmentCost: String(commit),
      ContractCommitmentDescription:
        `Period ${k + 1} of ${periods.length} (${months} months): commit ${commit} USD, drawn at committed rates. ` +
        `${TERMS_MARK}${terms.join("; ")}`,
      ContractCommitmentId: `${contractId}-P${k + 1}`,
      ContractCommitmentPeriodEnd: focusTime(monthsAfter(start, from + months)),
      ContractCommitmentPeriodStart: focusTime(monthsAfter(start, from)),
      ContractCommitmentQuantity: "",
      ContractCommitmentType: COMMITMENT_TYPE,
      ContractCommitmentUnit: "",
      ContractId: contractId,
      ContractPeriodEnd: focusTime(monthsAfter(start, termMonths)),
      ContractPeriodStart: focusTime(start),
    };
    lines.push(CONTRACT_COMMITMENT_COLUMNS.map((c) => csvField(row[c])).join(","));
  });
  return `${lines.join("\r\n")}\r\n`;
}

/** A ContractCommitment file read back. */
export interface ReadContract {
  readonly contractId: string;
  /** The day the term starts (ContractPeriodStart), yyyy-mm-dd. */
  readonly start: string;
  /** Whole months from ContractPeriodStart to ContractPeriodEnd. */
  readonly termMonths: number;
  readonly periods: number;
  /**
   * The terms the file states: every term a Commit Levers description names; from another's file,
   * the commit, the period and the term read off the columns.
   */
  readonly terms: Partial<Record<DealTerm, TermValue>>;
  readonly signedOn?: string;
  readonly source: "commit-levers" | "columns";
}

/** Whole calendar months from one day to another (a part month rounds to the nearest). */
function monthsBetween(from: Day, to: Day): number {
  return (to.y - from.y) * 12 + (to.m - from.m) + Math.round((to.d - from.d) / 30);
}

const refusal = (text: string) => new LeverError("#VALUE!", `The file ${text}`);

/**
 * Reads a ContractCommitment file's records (a header, then one record per commitment), split as
 * CSV. Refuses, in words, a file that is not a ContractCommitment dataset, a commitment that is not
 * spend in US dollars, rows of several contracts, and terms that cannot be read.
 */
export function readContractCommitment(
  records: readonly (readonly string[])[],
  names: TermNames,
): ReadContract | LeverError {
  const header = (records[0] ?? []).map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, "") : h).trim());
  const missing = CONTRACT_COMMITMENT_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    return refusal(
      missing.length === CONTRACT_COMMITMENT_COLUMNS.length
        ? "is not a FOCUS ContractCommitment file: its header has none of the 13 ContractCommitment columns (BillingCurrency, ContractCommitmentCategory, ContractCommitmentCost, ...)."
        : `is not a whole FOCUS ContractCommitment file: its header lacks ${missing.join(", ")}.`,
    );
  }
  const at = (row: readonly string[], c: (typeof CONTRACT_COMMITMENT_COLUMNS)[number]) =>
    (row[header.indexOf(c)] ?? "").trim();
  const rows = records.slice(1).filter((r) => r.some((f) => f.trim() !== ""));
  if (rows.length === 0) return refusal("has the ContractCommitment header but no commitment rows.");
  const first = rows[0]!;
  const contractId = at(first, "ContractId");
  for (const [i, row] of rows.entries()) {
    const where = `row ${i + 2}`;
    if (at(row, "ContractCommitmentCategory") !== "Spend")
      return refusal(
        `holds a "${at(row, "ContractCommitmentCategory")}" commitment at ${where}; only "Spend" commitments are deals this signs.`,
      );
    if (at(row, "BillingCurrency") !== "USD")
      return refusal(`is in "${at(row, "BillingCurrency")}" at ${where}; Commit Levers works in US dollars (USD).`);
    if (at(row, "ContractId") !== contractId)
      return refusal(
        `holds more than one contract (${contractId}, ${at(row, "ContractId")}); save one contract's commitments.`,
      );
  }
  const start = parseDay(at(first, "ContractPeriodStart"));
  const end = parseDay(at(first, "ContractPeriodEnd"));
  if (!start || !end || monthsBetween(start, end) < 1)
    return refusal(
      `has no readable contract term: ContractPeriodStart "${at(first, "ContractPeriodStart")}", ContractPeriodEnd "${at(first, "ContractPeriodEnd")}" (dates like 2027-01-01T00:00:00Z).`,
    );
  const termMonths = monthsBetween(start, end);
  const base = { contractId, start: iso(start), termMonths, periods: rows.length };

  // Every commitment's cost and period, in date order (a file need not list them in order).
  const periods: CommitmentRow[] = [];
  for (const [i, row] of rows.entries()) {
    const cost = decimalOf(at(row, "ContractCommitmentCost"));
    const from = parseDay(at(row, "ContractCommitmentPeriodStart"));
    const to = parseDay(at(row, "ContractCommitmentPeriodEnd"));
    if (cost === undefined || cost < 0 || !from || !to || monthsBetween(from, to) < 1)
      return refusal(`has a commitment with no readable cost or period at row ${i + 2}.`);
    periods.push({ row: i + 2, cost, from, months: monthsBetween(from, to) });
  }
  periods.sort((x, y) => iso(x.from).localeCompare(iso(y.from)));

  const description = at(first, "ContractCommitmentDescription");
  const mark = description.indexOf(TERMS_MARK);
  if (mark >= 0) {
    const byKey = new Map<string, string>();
    for (const pair of description.slice(mark + TERMS_MARK.length).split(";")) {
      const eq = pair.indexOf("=");
      if (eq > 0) byKey.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    const terms: Partial<Record<DealTerm, TermValue>> = {};
    for (const field of Object.keys(names) as DealTerm[]) {
      const text = byKey.get(names[field]);
      if (text === undefined) continue;
      const read = termValueOf(text);
      if (!read) return refusal(`gives ${names[field]} as "${text}", which is no value of a term.`);
      terms[field] = read.value;
    }
    // The columns must say what the terms say: a cost edited in the file would otherwise be lost unseen.
    const edited = columnsDisagree(periods, terms, termMonths);
    if (edited) return refusal(edited);
    const signedOn = byKey.get(SIGNED_ON_KEY);
    return { ...base, terms, source: "commit-levers", ...(signedOn && isDay(signedOn) ? { signedOn } : {}) };
  }
  // Another tool's file: the commit, its period and any step-up read off the columns.
  return fromColumns(periods, termMonths, base);
}

/** One commitment row of a file: its record number, cost and period. */
interface CommitmentRow {
  readonly row: number;
  readonly cost: number;
  readonly from: Day;
  readonly months: number;
}

/** A decimal number as a CSV writes one ("1000000", "-2.5", "5e-324"; not "0x10", "Infinity" or ""), else undefined. */
function decimalOf(text: string): number | undefined {
  return /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(text.trim()) ? Number(text) : undefined;
}

/** Whether two dollar amounts are the same to the cent (and to 1e-9 of the larger). */
const sameDollars = (a: number, b: number) => Math.abs(a - b) <= Math.max(0.005, 1e-9 * Math.max(a, b));

/**
 * Where a Commit Levers file's columns say other than its terms (cost, period length, count):
 * the words to refuse it with, or undefined when they agree.
 */
function columnsDisagree(
  periods: readonly CommitmentRow[],
  terms: Partial<Record<DealTerm, TermValue>>,
  termMonths: number,
): string | undefined {
  const { commit, periodMonths, stepUp } = terms;
  if (typeof commit !== "number" || typeof periodMonths !== "number" || periodMonths < 1) return undefined;
  const deal = { commit, periodMonths, stepUp: typeof stepUp === "number" ? stepUp : 0 } as FullDeal;
  const expected = periodCommits(deal, typeof terms.termMonths === "number" ? terms.termMonths : termMonths);
  if (expected.length !== periods.length)
    return `has ${periods.length} commitment rows, but its terms make ${expected.length} periods: was it edited? Change the terms in the form instead.`;
  for (const [k, period] of periods.entries()) {
    const want = expected[k]!;
    if (period.months !== want.months || !sameDollars(period.cost, want.commit))
      return `says ${period.cost} USD over ${period.months} months at row ${period.row}, but its terms give ${want.commit} USD over ${want.months}: was it edited? Change the terms in the form instead.`;
  }
  return undefined;
}

/**
 * Another tool's ContractCommitment file: the period is the first commitment's length, the commit
 * its cost, scaled to a whole period when it is short (prorated); later whole periods may grow by
 * one constant step-up (period k = commit x (1 + s)^(k - 1), as the ledger steps up). Commits that
 * follow no such rule cannot be one deal's, and the file says so.
 */
function fromColumns(
  periods: readonly CommitmentRow[],
  termMonths: number,
  base: Omit<ReadContract, "terms" | "source">,
): ReadContract | LeverError {
  const periodMonths = Math.max(periods[0]!.months, periods[1]?.months ?? 0);
  const first = periods[0]!;
  const commit = (first.cost * periodMonths) / first.months;
  const second = periods[1];
  // Read to 10 decimal places: 440,000 / 400,000 - 1 is 0.10000000000000009 in floating point.
  const stepUp =
    second && commit > 0 ? Math.round(((second.cost * periodMonths) / second.months / commit - 1) * 1e10) / 1e10 : 0;
  const deal = { commit, periodMonths, stepUp } as FullDeal;
  const expected = periodCommits(deal, termMonths);
  const off = periods.findIndex(
    (p, k) => expected[k] === undefined || p.months !== expected[k].months || !sameDollars(p.cost, expected[k].commit),
  );
  if (off >= 0 || expected.length !== periods.length) {
    const at = off >= 0 ? ` (row ${periods[off]!.row})` : "";
    return refusal(
      `has commitments that are not one commit of ${periodMonths} months${stepUp !== 0 ? ` stepping up ${Number((stepUp * 100).toFixed(4))}% a period` : ""} over its ${termMonths}-month term${at}; Commit Levers signs one commit per period, optionally stepped up by a constant share.`,
    );
  }
  const terms: Partial<Record<DealTerm, TermValue>> = { commit, periodMonths, termMonths };
  if (stepUp !== 0) terms.stepUp = stepUp;
  // The contract's start stands for the day signed: signing on it starts the term there when it is a 1st.
  return { ...base, terms, source: "columns", signedOn: base.start };
}
