import "../helpers/customFunctions";
import * as p from "../../src/functions/pricing";

/** As Excel calls it: a word argument arrives as whatever the cell holds. */
const price = p.price as (...a: unknown[]) => number;

describe("LEVERS.PRICE_BOOK", () => {
  test("worked example: a header, then Sonnet 4.5 at 3 / 15 / 3.75 / 6 / 0.30, batch 0.5, dated and sourced", () => {
    const table = p.priceBook();
    expect(table[0]).toEqual([
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
    ]);
    const sonnet = table.find((r) => r[0] === "Claude Sonnet 4.5")!;
    expect(sonnet.slice(0, 8)).toEqual(["Claude Sonnet 4.5", 3, 15, 3.75, 6, 0.3, 0.5, "2026-10-24"]);
    expect(sonnet[8]).toMatch(/^Claude pricing page, platform\.claude\.com\/docs\/en\/about-claude\/pricing/);
    // The Vendor column is last, so every earlier column keeps its position.
    expect(sonnet[9]).toBe("Anthropic");
  });
  test("defaults: it takes no arguments; one row per model (25: 19 Anthropic, 4 OpenAI, 2 Google) under the header, 10 columns each", () => {
    const table = p.priceBook();
    expect(table.length).toBe(26);
    for (const row of table) expect(row.length).toBe(10);
    const vendors = table.slice(1).map((r) => r[9]);
    expect([
      vendors.filter((v) => v === "Anthropic").length,
      vendors.filter((v) => v === "OpenAI").length,
      vendors.filter((v) => v === "Google").length,
    ]).toEqual([19, 4, 2]);
  });
  test("every row carries an ISO as-of date and a source: the vendor's own page, or marked secondary", () => {
    for (const row of p.priceBook().slice(1)) {
      expect(row[7]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(row[8]).toMatch(/platform\.claude\.com|developers\.openai\.com|^SECONDARY SOURCES ONLY/);
    }
  });
  test("the spill pasted back as price_book prices the same; an edited copy overrides", () => {
    const table = p.priceBook();
    expect(price("Sonnet 4.5", "output", table)).toBe(15);
    const edited = table.map((r) =>
      r[0] === "Claude Sonnet 4.5" ? [r[0], 2.4, 12, null, null, null, null, "2026-11-01", "our contract"] : r,
    );
    expect(price("Sonnet 4.5", "input", edited)).toBe(2.4);
    // Blank cache prices fall back to multiples of the new input: 1.25 * 2.4 = 3
    expect(price("Sonnet 4.5", "cache_write", edited)).toBeCloseTo(3, 12);
    expect(price("Opus 4.5", "input", edited)).toBe(5);
  });
  test("errors: none; a call with no arguments cannot fail", () => {
    expect(() => p.priceBook()).not.toThrow();
  });
});
