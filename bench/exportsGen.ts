/**
 * A year of synthetic vendor exports in the documented shapes (docs/EXPORTS.md), for the
 * bench's import section and for tests that need a large file: the Anthropic Console cost CSV and
 * a FOCUS 1.2/1.3 cost-and-usage CSV. Seeded (mulberry32, no Math.random) and built from integer
 * arithmetic only, so the same seed and row count give the same bytes on every machine.
 *
 * Each generator returns its header and a `lines()` iterable that yields one data row at a time
 * (no line ending), so a 1,000,000-row file can be streamed to disk, or into a reader, without
 * being held whole; `writeExport` writes one to a path.
 *
 * Money is generated in micro-dollars (integers) and written with up to 6 decimals, so every
 * amount in a file is exact and a reference sum can be exact too.
 */
import { createWriteStream } from "node:fs";
import { dayLabel, dayNumber } from "../src/core/dates";

/** A deterministic 32-bit PRNG: floats in [0, 1) from a seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type ExportKind = "console" | "focus";

export interface ExportGenerator {
  readonly kind: ExportKind;
  /** A file name for it, e.g. "console-cost-1000000.csv". */
  readonly name: string;
  /** Data rows (the header not counted). */
  readonly rows: number;
  readonly header: string;
  /** The data rows in order, each without its line ending; every call starts again from the seed. */
  lines(): Iterable<string>;
}

export interface GeneratorOptions {
  readonly rows: number;
  readonly seed?: number;
}

/** The year of usage: 2025-12-01 to 2026-11-30. */
const FIRST_DAY = dayNumber(2025, 12, 1);
export const YEAR_DAYS = 365;

/** ISO days of the year, computed once (Date formatting per row would dominate generation). */
const DAYS: readonly string[] = Array.from({ length: YEAR_DAYS + 1 }, (_, d) => dayLabel(FIRST_DAY + d));

/** The day index (0 to 364) of row `i` of `rows`: the rows spread evenly over the year, in date order. */
export const dayOfRow = (i: number, rows: number) => Math.floor((i * YEAR_DAYS) / rows);

/** Micro-dollars as decimal text with up to 6 decimals, trailing zeros dropped ("12.5", "0.000123", "-3"). */
export function microText(micro: number): string {
  const sign = micro < 0 ? "-" : "";
  const m = Math.abs(micro);
  const whole = Math.floor(m / 1e6);
  const frac = m - whole * 1e6;
  if (frac === 0) return `${sign}${whole}`;
  return `${sign}${whole}.${String(frac).padStart(6, "0").replace(/0+$/, "")}`;
}

/** An index into `weights` (which need not sum to 1), drawn with `r` in [0, 1). */
function pick(weights: readonly number[], total: number, r: number): number {
  let x = r * total;
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i]!;
    if (x < 0) return i;
  }
  return weights.length - 1;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** Token kinds in the Console's token_type order, with their price per MTok in milli-dollars for each model. */
const TOKEN_TYPES = [
  "input_no_cache",
  "output",
  "input_cache_read",
  "input_cache_write_5m",
  "input_cache_write_1h",
] as const;
const TOKEN_WEIGHTS = [30, 30, 25, 10, 5];

interface Model {
  readonly display: string;
  readonly id: string;
  readonly weight: number;
  /** USD per MTok in milli-dollars, by TOKEN_TYPES: input, output, cache read, 5-minute write, 1-hour write. */
  readonly prices: readonly [number, number, number, number, number];
}

const MODELS: readonly Model[] = [
  { display: "Claude Sonnet 4.5", id: "claude-sonnet-4-5", weight: 40, prices: [3000, 15000, 300, 3750, 6000] },
  { display: "Claude Haiku 4.5", id: "claude-haiku-4-5", weight: 25, prices: [1000, 5000, 100, 1250, 2000] },
  { display: "Claude Opus 4.1", id: "claude-opus-4-1", weight: 8, prices: [15000, 75000, 1500, 18750, 30000] },
  { display: "Claude Opus 4.5", id: "claude-opus-4-5", weight: 12, prices: [5000, 25000, 500, 6250, 10000] },
  { display: "Claude Sonnet 4", id: "claude-sonnet-4", weight: 10, prices: [3000, 15000, 300, 3750, 6000] },
  { display: "Claude Haiku 3.5", id: "claude-3-5-haiku", weight: 5, prices: [800, 4000, 80, 1000, 1600] },
];
const MODEL_WEIGHTS = MODELS.map((m) => m.weight);
const MODEL_TOTAL = sum(MODEL_WEIGHTS);
const TOKEN_TOTAL = sum(TOKEN_WEIGHTS);

const WORKSPACES = ["Default", "Research Team", "Customer Support", "Search Ranking", "Batch Jobs"] as const;
const API_KEYS = ["prod-backend", "ci-runner", "dev-laptop", "etl-nightly", "eval-harness", "support-bot"] as const;

/**
 * A token count drawn for one row: multiples of 1,000 from 1,000 to about 20 million, most of them
 * small (cubed uniform), so a row's dollars run from a fraction of a cent to a few hundred dollars.
 */
function thousandsOfTokens(r: number): number {
  return 1 + Math.floor(r * r * r * 20_000);
}

/** The Console's newest cost CSV header (EXPORTS.md "Anthropic: Console CSV exports"). */
export const CONSOLE_HEADER =
  "usage_date_utc,model,workspace,api_key,usage_type,context_window,token_type,cost_usd,list_price_usd,cost_type,inference_geo,speed";

/** The discount off list the Console file's cost_usd carries: cost_usd = list_price_usd × (1 − 0.15). */
export const CONSOLE_DISCOUNT = 0.15;

/**
 * The Anthropic Console cost CSV (newest header): a year of daily rows by model, workspace, API key,
 * usage type and token type; cost_usd is list_price_usd less 15%, rounded to 6 decimals. About 118
 * bytes a row.
 */
export function consoleCostExport(options: GeneratorOptions): ExportGenerator {
  const rows = options.rows;
  const seed = options.seed ?? 1;
  return {
    kind: "console",
    name: `console-cost-${rows}.csv`,
    rows,
    header: CONSOLE_HEADER,
    *lines() {
      const r = mulberry32(seed);
      for (let i = 0; i < rows; i++) {
        const model = MODELS[pick(MODEL_WEIGHTS, MODEL_TOTAL, r())]!;
        const token = pick(TOKEN_WEIGHTS, TOKEN_TOTAL, r());
        const workspace = WORKSPACES[Math.floor(r() * WORKSPACES.length)]!;
        const key = API_KEYS[Math.floor(r() * API_KEYS.length)]!;
        const batch = r() < 0.1;
        // Batch is half price; the list price of a batch row is the batch list price.
        const listMicro = (thousandsOfTokens(r()) * model.prices[token]!) / (batch ? 2 : 1);
        const list = Math.round(listMicro);
        // cost = list × 0.85 to the micro-dollar, half up, in integers.
        const cost = Math.floor((list * 85 + 50) / 100);
        const geo = r() < 0.8 ? "us" : "global";
        yield `${DAYS[dayOfRow(i, rows)]},${model.display},${workspace},${key},${batch ? "batch" : "standard"},≤ 200k,${TOKEN_TYPES[token]},${microText(cost)},${microText(list)},tokens,${geo},standard`;
      }
    },
  };
}

/** The FOCUS columns written, in order (FOCUS 1.2 names, also valid 1.3). */
export const FOCUS_COLUMNS = [
  "BilledCost",
  "BillingAccountId",
  "BillingCurrency",
  "BillingPeriodEnd",
  "BillingPeriodStart",
  "ChargeCategory",
  "ChargeClass",
  "ChargeDescription",
  "ChargeFrequency",
  "ChargePeriodEnd",
  "ChargePeriodStart",
  "CommitmentDiscountCategory",
  "CommitmentDiscountId",
  "CommitmentDiscountStatus",
  "ConsumedQuantity",
  "ConsumedUnit",
  "ContractedCost",
  "EffectiveCost",
  "ListCost",
  "ListUnitPrice",
  "PricingCategory",
  "PricingQuantity",
  "PricingUnit",
  "ResourceName",
  "ServiceName",
  "ServiceProviderName",
  "SkuId",
  "SkuPriceDetails",
  "SubAccountId",
  "Tags",
] as const;

export const FOCUS_HEADER = FOCUS_COLUMNS.join(",");

/** One FOCUS row by column name; columns left out are blank. Values are written as given (already CSV fields). */
type FocusRow = Partial<Record<(typeof FOCUS_COLUMNS)[number], string>>;

/** A FOCUS row of `day` (index into the year): the billing period is its month, the charge period the day, unless given. */
function focusLine(row: FocusRow, day: number): string {
  const month = monthOfDayIndex(day);
  const full: FocusRow = {
    BillingAccountId: ACCOUNT,
    BillingCurrency: "USD",
    BillingPeriodEnd: ts(MONTH_STARTS[month + 1]!),
    BillingPeriodStart: ts(MONTH_STARTS[month]!),
    ChargePeriodEnd: ts(day + 1),
    ChargePeriodStart: ts(day),
    ServiceName: "Claude",
    ServiceProviderName: "Anthropic",
    ...row,
  };
  return FOCUS_COLUMNS.map((c) => full[c] ?? "").join(",");
}

/** The commitment in the FOCUS file: $1,000,000 over the year, bought on its first day. */
export const FOCUS_COMMITMENT = 1_000_000;
/** EffectiveCost (and ContractedCost) of usage: ListCost × 0.8. */
export const FOCUS_RATE = 0.8;
/** Credits in the FOCUS file (one a month). */
export const FOCUS_CREDITS = 12;

const DIRECTIONS = ["Input", "Output", "Input", "Input", "Input"] as const;
const TOKEN_LABELS = ["input", "output", "cache read", "cache write 5m", "cache write 1h"] as const;
const TOKEN_CODES = ["IN", "OUT", "CR", "CW5", "CW1"] as const;
const SUB_ACCOUNTS = ["ws-default", "ws-research", "ws-support", "ws-search"] as const;
const TAGS = ['"{""team"":""search""}"', '"{""team"":""support"",""env"":""prod""}"'] as const;

/** A CSV field holding JSON, quoted with its quotes doubled (RFC 4180). */
const quotedJson = (json: string) => `"${json.replace(/"/g, '""')}"`;

/** SkuPriceDetails by model and token kind, as written: a quoted JSON object. */
const SKU_DETAILS: readonly (readonly string[])[] = MODELS.map((m) =>
  TOKEN_TYPES.map((_, t) => quotedJson(JSON.stringify({ ModelId: m.id, TokenDirection: DIRECTIONS[t] }))),
);
/** SkuId by model and token kind: "SON45-OUT". */
const SKU_IDS: readonly (readonly string[])[] = MODELS.map((m) =>
  TOKEN_CODES.map(
    (t) =>
      `${m.display
        .replace(/^Claude /, "")
        .slice(0, 3)
        .toUpperCase()}${m.display.replace(/\D/g, "")}-${t}`,
  ),
);
const DESCRIPTIONS: readonly (readonly string[])[] = MODELS.map((m) =>
  TOKEN_LABELS.map((t) => `${m.display.replace(/^Claude /, "")} ${t}`),
);

const ts = (day: number) => `${DAYS[day]}T00:00:00Z`;
const ACCOUNT = "acct-0042";
const COMMITMENT_ID = "cd-2025";
/** The first day (index into the year) of each month of the year, and the day after the year. */
const MONTH_STARTS: readonly number[] = DAYS.flatMap((d, i) => (d.endsWith("-01") ? [i] : []));
const monthOfDayIndex = (day: number) => {
  let m = 0;
  while (MONTH_STARTS[m + 1]! <= day) m++;
  return m;
};
/** BillingPeriodEnd,BillingPeriodStart and ChargePeriodEnd,ChargePeriodStart of each day, as written in a usage row. */
const BILLING: readonly string[] = DAYS.map((_, d) => {
  const m = monthOfDayIndex(Math.min(d, YEAR_DAYS - 1));
  return `${ts(MONTH_STARTS[m + 1]!)},${ts(MONTH_STARTS[m]!)}`;
});
const PERIOD: readonly string[] = DAYS.map((_, d) => `${ts(Math.min(d + 1, YEAR_DAYS))},${ts(d)}`);

/**
 * A FOCUS 1.2/1.3 cost-and-usage CSV for one year of a $1,000,000 spend commitment. Row 0 is the
 * commitment's Purchase (CommitmentDiscountCategory Spend, BilledCost 1000000, One-Time,
 * 2025-12-01 to 2026-12-01); the last row is the end-of-term unused-commitment fee (ChargeCategory
 * Usage, ChargeFrequency One-Time); one row in 100 is Tax and one a month a Credit (both with a
 * ListCost, so a reader that does not filter counts them); every other row is Usage-Based usage
 * drawn from the commitment: BilledCost 0, EffectiveCost = ContractedCost = ListCost × 0.8, and
 * ListCost = PricingQuantity (MTok) × ListUnitPrice exactly. About 314 bytes a row.
 */
export function focusExport(options: GeneratorOptions): ExportGenerator {
  const rows = options.rows;
  const seed = options.seed ?? 2;
  // Which rows are credits: one in the middle of each month's share of the rows.
  const credits = new Set<number>();
  for (let k = 0; k < FOCUS_CREDITS; k++) credits.add(Math.floor(((k + 0.5) * rows) / FOCUS_CREDITS));
  return {
    kind: "focus",
    name: `focus-${rows}.csv`,
    rows,
    header: FOCUS_HEADER,
    *lines() {
      const r = mulberry32(seed);
      for (let i = 0; i < rows; i++) {
        const day = dayOfRow(i, rows);
        if (i === 0) {
          const amount = microText(FOCUS_COMMITMENT * 1e6);
          yield focusLine(
            {
              BilledCost: amount,
              ChargeCategory: "Purchase",
              ChargeDescription: "Annual spend commitment",
              ChargeFrequency: "One-Time",
              ChargePeriodStart: ts(0),
              ChargePeriodEnd: ts(YEAR_DAYS),
              CommitmentDiscountCategory: "Spend",
              CommitmentDiscountId: COMMITMENT_ID,
              ContractedCost: amount,
              EffectiveCost: "0",
              ListCost: amount,
              PricingCategory: "Standard",
              PricingQuantity: "1",
              PricingUnit: "Commitment",
              SkuId: "commit-spend",
            },
            day,
          );
        } else if (i === rows - 1) {
          // The end-of-term fee: Usage by category, but One-Time, so it is no consumption.
          const fee = microText(Math.round(r() * 50_000e6) + 1);
          yield focusLine(
            {
              BilledCost: fee,
              ChargeCategory: "Usage",
              ChargeDescription: "Unused commitment fee (shortfall at the end of the term)",
              ChargeFrequency: "One-Time",
              CommitmentDiscountCategory: "Spend",
              CommitmentDiscountId: COMMITMENT_ID,
              CommitmentDiscountStatus: "Unused",
              ContractedCost: fee,
              EffectiveCost: fee,
              ListCost: fee,
              PricingCategory: "Standard",
              PricingQuantity: "1",
              PricingUnit: "Fee",
              SkuId: "commit-shortfall",
            },
            day,
          );
        } else if (credits.has(i)) {
          const credit = microText(-(Math.round(r() * 5_000e6) + 1));
          yield focusLine(
            {
              BilledCost: credit,
              ChargeCategory: "Credit",
              ChargeDescription: "Promotional credit",
              ChargeFrequency: "One-Time",
              ContractedCost: credit,
              EffectiveCost: credit,
              ListCost: credit,
              PricingCategory: "Standard",
              SkuId: "credit",
            },
            day,
          );
        } else if (i % 100 === 50) {
          const tax = microText(Math.round(r() * 900e6) + 1);
          yield focusLine(
            {
              BilledCost: tax,
              ChargeCategory: "Tax",
              ChargeDescription: "Sales tax",
              ChargeFrequency: "Usage-Based",
              ContractedCost: tax,
              EffectiveCost: tax,
              ListCost: tax,
              PricingCategory: "Standard",
              SkuId: "tax",
            },
            day,
          );
        } else {
          // The common row, written as one template (building it by column costs ten times as long).
          const m = pick(MODEL_WEIGHTS, MODEL_TOTAL, r());
          const model = MODELS[m]!;
          const t = pick(TOKEN_WEIGHTS, TOKEN_TOTAL, r());
          const k = thousandsOfTokens(r());
          const unit = model.prices[t]!; // milli-dollars per MTok
          const list = k * unit; // micro-dollars: (k × 1000 / 1e6 MTok) × (unit / 1000 $)
          const effective = microText(Math.round((list * 4) / 5));
          const sub = SUB_ACCOUNTS[Math.floor(r() * SUB_ACCOUNTS.length)]!;
          const tags = r() < 0.1 ? TAGS[Math.floor(r() * TAGS.length)]! : "";
          yield `0,${ACCOUNT},USD,${BILLING[day]},Usage,,${DESCRIPTIONS[m]![t]},Usage-Based,${PERIOD[day]},Spend,${COMMITMENT_ID},Used,${k * 1000},Tokens,${effective},${effective},${microText(list)},${microText(unit * 1000)},Committed,${microText(k * 1000)},1M Tokens,,Claude,Anthropic,${SKU_IDS[m]![t]},${SKU_DETAILS[m]![t]},${sub},${tags}`;
        }
      }
    },
  };
}

export function exportOf(kind: ExportKind, options: GeneratorOptions): ExportGenerator {
  return kind === "console" ? consoleCostExport(options) : focusExport(options);
}

export interface Written {
  readonly path: string;
  readonly bytes: number;
  readonly rows: number;
}

/**
 * Writes an export to `path` through a write stream, about 1 MB at a time (waiting when the stream
 * asks), never holding the file whole. Lines end in "\n" (`eol` for "\r\n"); `bom` starts the file
 * with a UTF-8 byte-order mark, as a file saved from Excel does.
 */
export async function writeExport(
  path: string,
  gen: ExportGenerator,
  options: { readonly eol?: string; readonly bom?: boolean } = {},
): Promise<Written> {
  const eol = options.eol ?? "\n";
  const out = createWriteStream(path);
  const failed = new Promise<never>((_, reject) => out.on("error", reject));
  failed.catch(() => undefined);
  let bytes = 0;
  let rows = 0;
  let parts: string[] = [`${options.bom ? "\uFEFF" : ""}${gen.header}${eol}`];
  let pending = parts[0]!.length;
  const flush = async () => {
    const text = parts.join("");
    parts = [];
    pending = 0;
    bytes += Buffer.byteLength(text);
    if (!out.write(text))
      await Promise.race([new Promise<void>((resolve) => out.once("drain", () => resolve())), failed]);
  };
  for (const line of gen.lines()) {
    parts.push(line, eol);
    pending += line.length + eol.length;
    rows++;
    if (pending >= 1 << 20) await flush();
  }
  await flush();
  await Promise.race([new Promise<void>((resolve) => out.end(resolve)), failed]);
  return { path, bytes, rows };
}

/**
 * An export as a byte stream, made as it is read (about 64 KB a chunk), for feeding a reader
 * without a file: a test can read 1,000,000 rows this way holding only a chunk.
 */
export function exportStream(
  gen: ExportGenerator,
  options: { readonly eol?: string; readonly bom?: boolean } = {},
): ReadableStream<Uint8Array> {
  const eol = options.eol ?? "\n";
  const encoder = new TextEncoder();
  let lines: Iterator<string> | undefined;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      let text = "";
      if (!lines) {
        lines = gen.lines()[Symbol.iterator]();
        text = `${options.bom ? "\uFEFF" : ""}${gen.header}${eol}`;
      }
      while (text.length < 1 << 16) {
        const next = lines.next();
        if (next.done) {
          if (text !== "") controller.enqueue(encoder.encode(text));
          controller.close();
          return;
        }
        text += next.value + eol;
      }
      controller.enqueue(encoder.encode(text));
    },
  });
}

/**
 * An export as a picked file looks to a reader (a name, a size and a stream()), without a file.
 * The size costs one pass over the rows, made here.
 */
export function exportSource(
  gen: ExportGenerator,
  options: { readonly eol?: string; readonly bom?: boolean } = {},
): { readonly name: string; readonly size: number; stream(): ReadableStream<Uint8Array> } {
  const eol = options.eol ?? "\n";
  let size = Buffer.byteLength(`${options.bom ? "\uFEFF" : ""}${gen.header}${eol}`);
  for (const line of gen.lines()) size += Buffer.byteLength(line) + eol.length;
  return { name: gen.name, size, stream: () => exportStream(gen, options) };
}
