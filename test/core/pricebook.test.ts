import * as core from "../../src/core";
import * as sheet from "../../src/sheet";
import type { PriceRow } from "../../src/core";

const book = core.DEFAULT_PRICE_BOOK;
const find = (name: string) => {
  const row = core.findModel(book, "model", name);
  if (row instanceof core.LeverError) throw new Error(row.message);
  return row;
};
const prices = (r: PriceRow) => [r.input, r.output, r.cacheWrite5m, r.cacheWrite1h, r.cacheRead];

describe("the built-in price book: DOMAIN.md 'Default price book'", () => {
  // USD per MTok: input, output, 5-minute cache write, 1-hour cache write, cache read.
  const expected: [string, number[]][] = [
    // Fable 5.2 from secondary sources only (the stored vendor page predates it): 8 / 40, writes
    // 1.25x and 2x of input (10 / 16), cache read 0.20.
    ["Claude Fable 5.2", [8, 40, 10, 16, 0.2]],
    ["Claude Fable 5.1", [10, 50, 12.5, 20, 0.25]],
    ["Claude Opus 5.5", [4, 20, 5, 8, 0.2]],
    ["Claude Opus 5", [5, 25, 6.25, 10, 0.5]],
    ["Claude Opus 4.8", [5, 25, 6.25, 10, 0.5]],
    ["Claude Opus 4.7", [5, 25, 6.25, 10, 0.5]],
    ["Claude Opus 4.6", [5, 25, 6.25, 10, 0.5]],
    ["Claude Opus 4.5", [5, 25, 6.25, 10, 0.5]],
    ["Claude Opus 4.1", [15, 75, 18.75, 30, 1.5]],
    ["Claude Opus 4", [15, 75, 18.75, 30, 1.5]],
    // The vendor cut Sonnet 5.5's cache read from 0.20 to 0.10 on 2026-10-07; Sonnet 5 stays at 0.20.
    ["Claude Sonnet 5.5", [2, 10, 2.5, 4, 0.1]],
    ["Claude Sonnet 5", [2, 10, 2.5, 4, 0.2]],
    ["Claude Sonnet 4.6", [3, 15, 3.75, 6, 0.3]],
    ["Claude Sonnet 4.5", [3, 15, 3.75, 6, 0.3]],
    ["Claude Sonnet 4", [3, 15, 3.75, 6, 0.3]],
    // Haiku 5.5 (prompts up to 100K tokens): 1.25x / 2x / 0.1x of 0.10 = 0.125 / 0.20 / 0.01.
    ["Claude Haiku 5.5", [0.1, 0.5, 0.125, 0.2, 0.01]],
    // Over 100K tokens the whole request bills at 5x every rate: 0.50 / 2.50 / 0.625 / 1.00 / 0.05.
    ["Claude Haiku 5.5, prompts over 100K tokens", [0.5, 2.5, 0.625, 1, 0.05]],
    ["Claude Haiku 4.5", [1, 5, 1.25, 2, 0.1]],
    ["Claude Haiku 3.5", [0.8, 4, 1, 1.6, 0.08]],
    // OpenAI: GPT-6.2 Sol from its model page (2 / 10, cached 0.10, 30-minute write 2.50, 12-hour 5);
    // 6.1 and 6 Sol secondary; GPT-5.6 Sol's promotional 4 / 20, cached 0.40, no write price (input's).
    ["GPT-6.2 Sol", [2, 10, 2.5, 5, 0.1]],
    ["GPT-6.1 Sol", [2, 10, 2.5, 5, 0.1]],
    ["GPT-6 Sol", [2, 10, 2.5, 5, 0.2]],
    ["GPT-5.6 Sol", [4, 20, 4, 4, 0.4]],
    // Google, secondary only: writes at the fallback 1.25x / 2x of input.
    ["Gemini 4 Neon", [3, 15, 3.75, 6, 0.15]],
    ["Gemini 4 Hydrogen", [1.5, 7.5, 1.875, 3, 0.075]],
  ];

  test("every model, in order, with its five prices", () => {
    expect(book.map((r) => [r.model, prices(r)])).toEqual(expected);
  });
  test("every row: batch at half price, an ISO as-of date, its vendor, and a source: the vendor's page or marked secondary", () => {
    for (const r of book) {
      expect(r.batchMultiplier).toBe(0.5);
      expect(r.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const vendor = r.model.startsWith("Claude") ? "Anthropic" : r.model.startsWith("GPT") ? "OpenAI" : "Google";
      expect([r.model, r.vendor]).toEqual([r.model, vendor]);
      const own =
        r.source.includes("platform.claude.com/docs/en/about-claude/pricing") ||
        r.source.includes("developers.openai.com/api/docs/models");
      expect([r.model, own || r.source.startsWith("SECONDARY SOURCES ONLY")]).toEqual([r.model, true]);
    }
    for (const secondary of ["Fable 5.2", "GPT-6 Sol", "Gemini 4 Neon"])
      expect(find(secondary).source).toMatch(/^SECONDARY/);
  });
  test("Sonnet 5.5 and Haiku 5.5 carry the date their prices changed; the notes are in the source", () => {
    expect(find("Sonnet 5.5").asOf).toBe("2026-10-07");
    expect(find("Sonnet 5.5").source).toMatch(/0\.20 to 0\.10 on 2026-10-07/);
    expect(find("Haiku 5.5").asOf).toBe("2026-10-07");
    expect(find("Haiku 5.5").source).toMatch(/up to 100K tokens.*0\.50 input \/ 2\.50 output/);
    expect(find("Sonnet 4.5").source).toMatch(/over 200K input tokens bill at 6 input \/ 22\.50 output/);
    expect(find("Opus 4.1").source).toMatch(/retired/);
  });
  test("Haiku 5.5's cache prices are the DOMAIN.md fallbacks: 1.25x, 2x and 0.1x of input", () => {
    const haiku = find("Haiku 5.5");
    expect(haiku.cacheWrite5m).toBeCloseTo(1.25 * haiku.input, 12);
    expect(haiku.cacheWrite1h).toBeCloseTo(2 * haiku.input, 12);
    expect(haiku.cacheRead).toBeCloseTo(0.1 * haiku.input, 12);
  });
});

describe("findModel: by id or display name, case-insensitive", () => {
  test("id, display name, with or without Claude, any case", () => {
    for (const name of ["claude-sonnet-4-5", "Sonnet 4.5", "Claude Sonnet 4.5", "SONNET 4.5", "  sonnet-4.5 "]) {
      expect(find(name).model).toBe("Claude Sonnet 4.5");
    }
  });
  test("every row is found by its own id and by its own name", () => {
    for (const r of book) {
      expect(find(r.id!)).toBe(r);
      expect(find(r.model)).toBe(r);
    }
  });
  test("dated snapshots, the .0 alias, the old word order and the [1m] tag", () => {
    expect(find("claude-sonnet-4-5-20250929").model).toBe("Claude Sonnet 4.5");
    expect(find("claude-opus-4-0").model).toBe("Claude Opus 4");
    expect(find("claude-opus-4-20250514").model).toBe("Claude Opus 4");
    expect(find("claude-3-5-haiku-20241022").model).toBe("Claude Haiku 3.5");
    expect(find("claude-3-5-haiku-latest").model).toBe("Claude Haiku 3.5");
    expect(find("claude-sonnet-5-5[1m]").model).toBe("Claude Sonnet 5.5");
  });
  test("a bare family name is the family's newest model", () => {
    expect(find("opus").model).toBe("Claude Opus 5.5");
    expect(find("Sonnet").model).toBe("Claude Sonnet 5.5");
    expect(find("claude haiku").model).toBe("Claude Haiku 5.5");
    expect(find("fable").model).toBe("Claude Fable 5.2");
    // Within its vendor: "gpt" and "gemini" are OpenAI's and Google's newest, the plain line first.
    expect(find("gpt").model).toBe("GPT-6.2 Sol");
    expect(find("gemini").model).toBe("Gemini 4 Neon");
    expect(find("models/gemini-4-hydrogen").model).toBe("Gemini 4 Hydrogen");
    expect(find("haiku").model).toBe("Claude Haiku 5.5");
  });
  test("in a user's book, the family's newest is the highest version listed, wherever it sits", () => {
    const mine = sheet.parsePriceBook("price_book", [
      ["Sonnet 4", 3, 15],
      ["Sonnet 4.6", 2.5, 12],
      ["Sonnet 4.5", 3, 15],
    ]) as PriceRow[];
    expect((core.findModel(mine, "model", "sonnet") as PriceRow).model).toBe("Sonnet 4.6");
  });
  test("an unknown model is #N/A naming the three closest by edit distance", () => {
    // Keys: "sonet 4 5" is 1 edit from "sonnet 4 5" (insert n), 2 from "sonnet 5 5" and "sonnet 4 6"
    // (insert n, change a digit), 3 from "sonnet 5" and "sonnet 4"; ties keep the book's order.
    const e = core.findModel(book, "model", "Sonet 4.5") as core.LeverError;
    expect(e.type).toBe("#N/A");
    expect(e.message).toBe(
      'model: unknown model "Sonet 4.5"; closest: "Claude Sonnet 4.5", "Claude Sonnet 5.5", "Claude Sonnet 4.6"',
    );
  });
  test("the error names the cell when the name came from a range", () => {
    const e = core.findModel(book, "model", "gpt-4o", { row: 3, column: 1 }) as core.LeverError;
    expect(e.message).toMatch(/^model: unknown model "gpt-4o" at row 3, column 1; closest: /);
  });
  test("edit distance: kitten to sitting is 3", () => {
    expect(core.editDistance("kitten", "sitting")).toBe(3);
    expect(core.editDistance("", "abc")).toBe(3);
    expect(core.editDistance("same", "same")).toBe(0);
  });
});

describe("price kinds", () => {
  test("each kind reads its column", () => {
    const sonnet = find("Sonnet 4.5");
    expect(core.PRICE_KINDS.map((k) => core.priceOf(sonnet, k))).toEqual([3, 15, 3.75, 6, 0.3]);
  });
  test("case, spaces and hyphens do not matter; an unknown kind lists the kinds", () => {
    expect(core.parsePriceKind("kind", "Cache Read")).toBe("cache_read");
    expect(core.parsePriceKind("kind", "cache-write-1h")).toBe("cache_write_1h");
    const e = core.parsePriceKind("kind", "batch") as core.LeverError;
    expect([e.type, e.message]).toEqual([
      "#VALUE!",
      'kind: unknown value "batch"; use "input", "output", "cache_write", "cache_write_1h", "cache_read"',
    ]);
  });
});

describe("parsePriceBook: a user's book", () => {
  const parse = (grid: sheet.Grid) => sheet.parsePriceBook("price_book", grid);

  test("PRICE_BOOK's own table reads back as the built-in book", () => {
    const back = parse(sheet.priceBookTable(book)) as PriceRow[];
    expect(back).toEqual(book.map((r) => ({ ...r, id: undefined })));
  });
  test("no header; three columns; blank cache prices fall back to 1.25x / 2x / 0.1x input; batch to 0.5", () => {
    const [row] = parse([["My model", 2, 8]]) as PriceRow[];
    // input 2: 5m write 2.5, 1h write 4, read 0.2.
    expect(row!.cacheWrite5m).toBeCloseTo(2.5, 12);
    expect(row!.cacheWrite1h).toBeCloseTo(4, 12);
    expect(row!.cacheRead).toBeCloseTo(0.2, 12);
    expect(row!.batchMultiplier).toBe(0.5);
    expect([row!.asOf, row!.source]).toEqual(["", ""]);
  });
  test("a 0 cache price or batch multiplier is a blank one (Excel desktop's empty cell, office-js #4702): the fallback", () => {
    // DOMAIN.md "Blank cells inside ranges": input 2 -> 5m write 2.5, 1h write 4, read 0.2, batch 0.5.
    const [desktop] = parse([["My model", 2, 8, 0, 0, 0, 0, 0, 0]]) as PriceRow[];
    expect(prices(desktop!)).toEqual([2, 8, 2.5, 4, expect.closeTo(0.2, 12)]);
    expect([desktop!.batchMultiplier, desktop!.asOf, desktop!.source]).toEqual([0.5, "", ""]);
    expect(parse([["My model", 2, 8, null, null, null, null, null, null]])).toEqual([desktop]);
  });
  test("a row of zeros is skipped; a 0 input or output price is the blank-price error, not a free model", () => {
    expect(
      parse([
        ["A", 1, 2],
        [0, 0, 0],
        ["B", 3, 4],
      ]),
    ).toHaveLength(2);
    for (const cells of [
      ["A", 0, 2],
      ["A", 1, 0],
    ]) {
      const e = parse([cells]) as core.LeverError;
      expect([e.type, e.message]).toEqual(["#N/A", expect.stringMatching(/^price_book: blank at row 1, column [23]/)]);
    }
  });
  test("given cache prices and batch multiplier are kept; an Excel date serial stays a number", () => {
    const [row] = parse([["Mine", 2, 8, 3, 5, 0.1, 0.6, 46319, "contract"]]) as PriceRow[];
    expect(prices(row!)).toEqual([2, 8, 3, 5, 0.1]);
    expect([row!.batchMultiplier, row!.asOf, row!.source]).toEqual([0.6, 46319, "contract"]);
  });
  test("blank rows (a longer range than the data) are skipped", () => {
    const rows = parse([
      ["Model", "Input", "Output"],
      ["A", 1, 2],
      [null, null, null],
      ["", "", ""],
      ["B", 3, 4],
    ]);
    expect((rows as PriceRow[]).map((r) => r.model)).toEqual(["A", "B"]);
  });

  test.each([
    ["a text price", [["A", "three", 15]], "#VALUE!", 'price_book: text "three" at row 1, column 2; expected a number'],
    [
      "a negative price",
      [["A", 3, -15]],
      "#NUM!",
      "price_book: -15 at row 1, column 3 is negative; expected 0 or more",
    ],
    ["a blank input price", [["A", null, 15]], "#N/A", "price_book: blank at row 1, column 2; a value is required"],
    [
      "prices with no model",
      [
        ["Model", "Input", "Output"],
        [null, 3, 15],
      ],
      "#N/A",
      "price_book: blank at row 2, column 1; a value is required",
    ],
    ["a number for a model", [[4, 3, 15]], "#VALUE!", "price_book: 4 at row 1, column 1 is not text"],
    [
      "a whole-percent batch multiplier",
      [["A", 3, 15, null, null, null, 50]],
      "#VALUE!",
      "price_book: 50 at row 1, column 7 looks like a percent typed as a whole number; enter 0.5 (or 50%)",
    ],
    [
      "two columns",
      [["A", 3]],
      "#VALUE!",
      expect.stringMatching(/^price_book: expected 3 to 10 columns \(Model, Input .*\), got 2 columns$/),
    ],
    [
      "eleven columns",
      [["A", 3, 15, 1, 1, 1, 0.5, "", "", "Anthropic", "extra"]],
      "#VALUE!",
      expect.stringMatching(/got 11 columns$/),
    ],
    [
      "only a header",
      [["Model", "Input", "Output"]],
      "#N/A",
      "price_book: no models (expected rows of model, input, output, ...)",
    ],
  ])("%s", (_what, grid, type, message) => {
    const e = parse(grid as sheet.Grid) as core.LeverError;
    expect(e).toBeInstanceOf(core.LeverError);
    expect([e.type, e.message]).toEqual([type, message]);
  });
});
