/**
 * The price book (DOMAIN.md "Usage and optimization", "Default price book"): list prices in USD per
 * MTok, one row per model, in the column order the vendor's pricing page and the established LLM
 * price schemas use. The built-in book is the vendor's public list price, each row with the date it
 * was read and where; a user overrides it with a range of the same shape (PRICE_BOOK's spill, edited).
 */
import { CellAt, Errors, isLeverError, LeverError, wordIn } from "./errors";

/** One model's list prices, USD per MTok. */
export interface PriceRow {
  /** The name shown in the book (the vendor's display name, e.g. "Claude Sonnet 4.5"). */
  readonly model: string;
  /** The API id (e.g. "claude-sonnet-4-5"), when known. Matching works on either. */
  readonly id?: string;
  readonly input: number;
  readonly output: number;
  /** 5-minute cache write. */
  readonly cacheWrite5m: number;
  /** 1-hour cache write. */
  readonly cacheWrite1h: number;
  /** Cache hits and refreshes. */
  readonly cacheRead: number;
  /** Price of batch traffic as a multiple of the price above (0.5 = half price). */
  readonly batchMultiplier: number;
  /** When the row's prices were read: an ISO date (yyyy-mm-dd), or whatever a user's book holds. */
  readonly asOf: string | number;
  /** Where the prices come from. */
  readonly source: string;
  /** Who sells the model ("Anthropic", "OpenAI", "Google"); "" when a user's book does not say. */
  readonly vendor?: string;
}

export type PriceBook = readonly PriceRow[];

/** The price kinds PRICE accepts, in the book's column order. */
export const PRICE_KINDS = ["input", "output", "cache_write", "cache_write_1h", "cache_read"] as const;
export type PriceKind = (typeof PRICE_KINDS)[number];

/** PRICE_BOOK's header row: the columns a user's book has, in this order (the header is optional). */
export const PRICE_BOOK_HEADER = [
  "Model",
  "Input $/MTok",
  "Output $/MTok",
  "Cache write 5m $/MTok",
  "Cache write 1h $/MTok",
  "Cache read $/MTok",
  "Batch multiplier",
  "As of",
  "Source",
  "Vendor",
] as const;

/** A blank cache price is this multiple of the input price (DOMAIN.md). */
export const CACHE_FALLBACK = { cacheWrite5m: 1.25, cacheWrite1h: 2, cacheRead: 0.1 } as const;
/** A blank batch multiplier: the Batch API's 50% off. */
export const DEFAULT_BATCH_MULTIPLIER = 0.5;

const PRICING_PAGE = "Claude pricing page, platform.claude.com/docs/en/about-claude/pricing";
/** The date the vendor's pricing page was last seen with these rates unchanged. */
const CHECKED = "2026-10-24";
/** Sonnet 5.5's cache-read cut and Haiku 5.5's listing took effect on this date. */
const OCTOBER_CHANGE = "2026-10-07";

/**
 * The API ids that are not the model's name in lower case with hyphens for spaces (and, in
 * Anthropic's ids, for dots: "Claude Opus 4.5" is claude-opus-4-5, "GPT-6.2 Sol" gpt-6.2-sol).
 */
const API_IDS: Readonly<Record<string, string>> = {
  "Claude Opus 4": "claude-opus-4-0",
  "Claude Sonnet 4": "claude-sonnet-4-0",
  "Claude Haiku 5.5, prompts over 100K tokens": "claude-haiku-5-5-over-100k",
  "Claude Haiku 3.5": "claude-3-5-haiku",
};

function listed(
  model: string,
  [input, output, cacheWrite5m, cacheWrite1h, cacheRead]: readonly [number, number, number, number, number],
  asOf: string,
  note?: string,
  page: string = PRICING_PAGE,
  vendor = "Anthropic",
): PriceRow {
  const source = note ? `${page}; ${note}` : page;
  const name = model.toLowerCase().replace(/ /g, "-");
  return {
    model,
    id: API_IDS[model] ?? (vendor === "Anthropic" ? name.replace(/\./g, "-") : name),
    input,
    output,
    cacheWrite5m,
    cacheWrite1h,
    cacheRead,
    batchMultiplier: DEFAULT_BATCH_MULTIPLIER,
    asOf,
    source,
    vendor,
  };
}

/** A row whose only source is secondary: said first in its source, so nobody takes it for the vendor's page. */
const SECONDARY = "SECONDARY SOURCES ONLY (verify against the vendor's page)";
const FABLE_5_2 = `${SECONDARY}: two tools' release notes citing the Claude pricing page, checked 2026-12-01, and a reseller's announcement of 2026-11-09; the stored copy of the vendor's page predates the model`;
const HAIKU_5_5_LONG =
  "models/haiku-5-5 overview: a prompt over 100K tokens bills the whole request at 5x every rate (cache read from secondary sources)";

const OPENAI = "OpenAI model page, developers.openai.com/api/docs/models";
/** OpenAI caches automatically: its write columns hold the 30-minute and 12-hour cache-write prices where the page lists them. */
const OPENAI_WRITES = "cache writes: 30-minute in the 5m column, 12-hour in the 1h column";
const GEMINI = `${SECONDARY}: no stored copy of Google's Gemini API pricing page; TokenMeter 0.17 release notes`;

const OPUS_4_5_TO_5 = [5, 25, 6.25, 10, 0.5] as const;
const OPUS_4 = [15, 75, 18.75, 30, 1.5] as const;
const SONNET_4 = [3, 15, 3.75, 6, 0.3] as const;
const SONNET_4_LONG = "requests over 200K input tokens bill at 6 input / 22.50 output";

/**
 * The built-in book: the vendor's public list prices (Batch API: 50% off input and output, stacking
 * with the cache prices). Newest model of each family first.
 */
export const DEFAULT_PRICE_BOOK: PriceBook = [
  listed("Claude Fable 5.2", [8, 40, 10, 16, 0.2], "2026-12-01", undefined, FABLE_5_2),
  listed("Claude Fable 5.1", [10, 50, 12.5, 20, 0.25], CHECKED),
  listed("Claude Opus 5.5", [4, 20, 5, 8, 0.2], CHECKED),
  listed("Claude Opus 5", OPUS_4_5_TO_5, CHECKED),
  listed("Claude Opus 4.8", OPUS_4_5_TO_5, CHECKED),
  listed("Claude Opus 4.7", OPUS_4_5_TO_5, CHECKED),
  listed("Claude Opus 4.6", OPUS_4_5_TO_5, CHECKED),
  listed("Claude Opus 4.5", OPUS_4_5_TO_5, CHECKED),
  listed("Claude Opus 4.1", OPUS_4, CHECKED, "retired, except on Bedrock and Google Cloud"),
  listed("Claude Opus 4", OPUS_4, CHECKED, "retired, except on Google Cloud"),
  listed("Claude Sonnet 5.5", [2, 10, 2.5, 4, 0.1], OCTOBER_CHANGE, "cache read cut from 0.20 to 0.10 on 2026-10-07"),
  listed(
    "Claude Sonnet 5",
    [2, 10, 2.5, 4, 0.2],
    "2026-12-01",
    "models/sonnet-5 overview (Legacy, after Sonnet 5.5) still lists 2 / 10: the move to 3 / 15 announced for 2026-09-01 did not happen",
  ),
  listed("Claude Sonnet 4.6", SONNET_4, CHECKED),
  listed("Claude Sonnet 4.5", SONNET_4, CHECKED, SONNET_4_LONG),
  listed("Claude Sonnet 4", SONNET_4, CHECKED, SONNET_4_LONG),
  listed(
    "Claude Haiku 5.5",
    [0.1, 0.5, 0.125, 0.2, 0.01],
    OCTOBER_CHANGE,
    "models/haiku-5-5 overview; prompts up to 100K tokens (over 100K: 0.50 input / 2.50 output / 0.625 / 1.00 / 0.05)",
  ),
  listed("Claude Haiku 5.5, prompts over 100K tokens", [0.5, 2.5, 0.625, 1, 0.05], OCTOBER_CHANGE, HAIKU_5_5_LONG),
  listed("Claude Haiku 4.5", [1, 5, 1.25, 2, 0.1], CHECKED),
  listed("Claude Haiku 3.5", [0.8, 4, 1, 1.6, 0.08], CHECKED),
  // OpenAI: list prices of its models' own pages, Batch API 50% off; requests over 272K input
  // tokens bill more (not modelled here).
  listed("GPT-6.2 Sol", [2, 10, 2.5, 5, 0.1], "2026-12-01", OPENAI_WRITES, `${OPENAI}/gpt-6.2-sol`, "OpenAI"),
  listed(
    "GPT-6.1 Sol",
    [2, 10, 2.5, 5, 0.1],
    "2026-12-01",
    "release notes citing the OpenAI model page",
    SECONDARY,
    "OpenAI",
  ),
  listed("GPT-6 Sol", [2, 10, 2.5, 5, 0.2], "2026-12-01", "two secondary pricing articles", SECONDARY, "OpenAI"),
  listed(
    "GPT-5.6 Sol",
    [4, 20, 4, 4, 0.4],
    "2026-11-21",
    "promotional price 'at least until Nov 21, 2026' (may have gone back to 5 / 30); no cache-write price listed, shown at the input price",
    `${OPENAI}/gpt-5.6-sol`,
    "OpenAI",
  ),
  // Google: Batch 50% off (Gemini API optimization page); context-cache writes not found: the fallback 1.25x / 2x of input.
  listed("Gemini 4 Neon", [3, 15, 3.75, 6, 0.15], "2026-12-01", "implicit caching only", GEMINI, "Google"),
  listed("Gemini 4 Hydrogen", [1.5, 7.5, 1.875, 3, 0.075], "2026-12-01", "implicit caching only", GEMINI, "Google"),
];

/** Each price kind's field in a row. */
const PRICE_FIELDS = {
  input: "input",
  output: "output",
  cache_write: "cacheWrite5m",
  cache_write_1h: "cacheWrite1h",
  cache_read: "cacheRead",
} as const satisfies Record<PriceKind, keyof PriceRow>;

/** A row's price of one kind, USD per MTok. */
export function priceOf(row: PriceRow, kind: PriceKind): number {
  return row[PRICE_FIELDS[kind]];
}

/** PRICE: a model named in a book, its price of one kind. */
export function priceIn(book: PriceBook, model: string, kind: PriceKind): number | LeverError {
  const row = findModel(book, "model", model);
  return isLeverError(row) ? row : priceOf(row, kind);
}

/** A kind word as typed: case and spaces or hyphens do not matter ("Cache Read" = "cache_read"). */
export function parsePriceKind(arg: string, word: string): PriceKind | LeverError {
  return wordIn(
    PRICE_KINDS,
    arg,
    word,
    word
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, "_"),
  );
}

/**
 * Words that name nothing about the model itself: the vendor's name, a rolling alias, the Gemini
 * API's "models/" prefix.
 */
const NOISE = new Set(["claude", "latest", "models"]);

/**
 * The words of a model name, in a canonical order: lower case, punctuation and the words "claude"
 * and "latest" dropped, a dated snapshot suffix (20250929) and a "[1m]" context tag dropped, the
 * family words first and the version numbers after (so "claude-3-5-haiku" = "Claude Haiku 3.5"),
 * and a trailing ".0" dropped ("claude-opus-4-0" = "Opus 4").
 */
function nameTokens(name: string): { words: string[]; version: number[] } {
  const tokens = name
    .toLowerCase()
    .replace(/\([^)]*\)|\[[^\]]*\]/g, " ")
    .split(/[^a-z0-9]+/)
    .filter((t) => t !== "" && !NOISE.has(t) && !/^\d{8}$/.test(t));
  const words = tokens.filter((t) => !/^\d+$/.test(t));
  const version = tokens.filter((t) => /^\d+$/.test(t)).map(Number);
  while (version.length > 1 && version[version.length - 1] === 0) version.pop();
  return { words, version };
}

/** The canonical key a name is matched by: "claude-sonnet-4-5", "Sonnet 4.5" and "Claude Sonnet 4.5" share one. */
export function modelKey(name: string): string {
  const { words, version } = nameTokens(name);
  return [...words, ...version].join(" ");
}

function newer(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return false;
}

/** Levenshtein distance: edits (insert, delete, substitute) to turn `a` into `b`. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitute = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitute));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** How many near names an unknown-model message suggests. */
const SUGGESTIONS = 3;

/**
 * The book's row for a model name, matched case-insensitively by id or display name (with or
 * without "Claude"); a bare family name ("sonnet") is that family's newest model in the book.
 * An unknown name is #N/A naming the closest models in the book.
 */
export function findModel(book: PriceBook, arg: string, name: string, at?: CellAt): PriceRow | LeverError {
  const key = modelKey(name);
  const keyOf = (row: PriceRow) => modelKey(row.model);
  const exact = book.find((row) => keyOf(row) === key || (row.id !== undefined && modelKey(row.id) === key));
  if (exact) return exact;
  const query = nameTokens(name);
  if (query.words.length === 1 && query.version.length === 0) {
    // A bare family name is the family's newest model, within the vendor whose family it is (a
    // family word belongs to one vendor: "sonnet", "gpt", "gemini"); the family's own line first
    // ("gpt" is GPT-5.1, not GPT-5.1 mini), its variants only when the book has no plain one.
    let best: { row: PriceRow; version: number[]; plain: boolean } | undefined;
    for (const row of book) {
      const tokens = nameTokens(row.model);
      if (tokens.words[0] !== query.words[0]) continue;
      const plain = tokens.words.length === 1;
      const better = !best || (plain && !best.plain) || (plain === best.plain && newer(tokens.version, best.version));
      if (better) best = { row, version: tokens.version, plain };
    }
    if (best) return best.row;
  }
  const closest = book
    .map((row, i) => ({ model: row.model, distance: editDistance(key, keyOf(row)), i }))
    .sort((a, b) => a.distance - b.distance || a.i - b.i)
    .map((c) => c.model)
    .filter((m, i, all) => all.indexOf(m) === i)
    .slice(0, SUGGESTIONS);
  return Errors.unknownModel(arg, name, closest, at);
}
