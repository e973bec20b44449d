import fc from "fast-check";
import * as core from "../../src/core";
import type { Optimization, PriceRow } from "../../src/core";

const row = (name: string): PriceRow => core.findModel(core.DEFAULT_PRICE_BOOK, "model", name) as PriceRow;
const sonnet = row("Sonnet 4.5"); // 3 in, 15 out, 3.75 write 5m, 0.30 read, batch 0.5
const haiku = row("Haiku 4.5"); // 1 in, 5 out, 1.25 write 5m, 0.10 read, batch 0.5
const none: Optimization = { cacheHit: 0, cacheWriteShare: 0, batchShare: 0, routeShare: 0 };
const cost = (r: PriceRow, input: number, output: number, levers: Partial<Optimization>) =>
  core.optimizedCost(r, input, output, { ...none, ...levers });

describe("listCost", () => {
  test("Sonnet 4.5: 10 MTok in, 2 MTok out = 10 * 3 + 2 * 15 = 60", () => {
    expect(core.listCost(sonnet, 10, 2)).toBe(60);
  });
});

describe("optimizedCost: DOMAIN.md 'Usage and optimization'", () => {
  test("worked example: every lever at once", () => {
    // Sonnet 4.5, 10 in, 2 out; h = 0.6, w = 0.1, b = 0.5, 20% routed to Haiku 4.5.
    // Sonnet: 10 * (0.3 * 3 + 0.6 * 0.30 + 0.1 * 3.75) = 14.55, + 2 * 15 = 44.55; batch x (1 - 0.5 + 0.25) = 33.4125
    // Haiku: 10 * (0.3 * 1 + 0.6 * 0.10 + 0.1 * 1.25) = 4.85, + 2 * 5 = 14.85; x 0.75 = 11.1375
    // 0.8 * 33.4125 + 0.2 * 11.1375 = 26.73 + 2.2275 = 28.9575
    const levers = { cacheHit: 0.6, cacheWriteShare: 0.1, batchShare: 0.5, routeTo: haiku, routeShare: 0.2 };
    expect(cost(sonnet, 10, 2, levers)).toBeCloseTo(28.9575, 9);
  });
  test("no levers: list", () => {
    expect(cost(sonnet, 10, 2, {})).toBe(60);
  });
  test("caching: 90% read from cache = 10 * (0.1 * 3 + 0.9 * 0.30) = 5.7 on input", () => {
    expect(cost(sonnet, 10, 0, { cacheHit: 0.9 })).toBeCloseTo(5.7, 12);
  });
  test("cache writes: all input written to the 5-minute cache = 10 * 3.75 = 37.5", () => {
    expect(cost(sonnet, 10, 0, { cacheWriteShare: 1 })).toBeCloseTo(37.5, 12);
  });
  test("batch: a share b costs (1 - b + b * 0.5) of the rest; 40% in batch = 0.8 * 60 = 48", () => {
    expect(cost(sonnet, 10, 2, { batchShare: 0.4 })).toBeCloseTo(48, 12);
  });
  test("batch applies to cache prices too: all cached, all batch = 10 * 0.30 * 0.5 = 1.5", () => {
    expect(cost(sonnet, 10, 0, { cacheHit: 1, batchShare: 1 })).toBeCloseTo(1.5, 12);
  });
  test("routing everything to Haiku 4.5 = its list: 10 * 1 + 2 * 5 = 20", () => {
    expect(cost(sonnet, 10, 2, { routeTo: haiku, routeShare: 1 })).toBeCloseTo(20, 12);
  });
  test("a route with share 0 changes nothing; hit + write share of exactly 1 is allowed", () => {
    expect(cost(sonnet, 10, 2, { routeTo: haiku, routeShare: 0 })).toBe(60);
    // 10 * (0.7 * 0.30 + 0.3 * 3.75) = 10 * (0.21 + 1.125) = 13.35
    expect(cost(sonnet, 10, 0, { cacheHit: 0.7, cacheWriteShare: 0.3 })).toBeCloseTo(13.35, 12);
  });
  test("hit + write share over 1 is #NUM!; a route share with no route is #N/A", () => {
    const over = cost(sonnet, 10, 2, { cacheHit: 0.8, cacheWriteShare: 0.3 }) as core.LeverError;
    expect([over.type, over.message]).toEqual([
      "#NUM!",
      "cache_write_share: cache_hit 0.8 + cache_write_share 0.3 is more than 1",
    ]);
    const route = cost(sonnet, 10, 2, { routeShare: 0.5 }) as core.LeverError;
    expect([route.type, route.message]).toEqual([
      "#N/A",
      "route_to: a value is required when route_share is more than 0",
    ]);
  });

  const models = fc.constantFrom(...core.DEFAULT_PRICE_BOOK);
  const mtok = fc.double({ min: 0, max: 1e6, noNaN: true });
  const share = fc.double({ min: 0, max: 1, noNaN: true });
  test("property: with every share 0 the optimized cost is the list cost", () => {
    fc.assert(fc.property(models, mtok, mtok, (r, i, o) => cost(r, i, o, {}) === core.listCost(r, i, o)));
  });
  test("property: batch_share 1 halves the cost, whatever the caching", () => {
    fc.assert(
      fc.property(models, mtok, mtok, share, (r, i, o, h) => {
        const full = cost(r, i, o, { cacheHit: h }) as number;
        const batched = cost(r, i, o, { cacheHit: h, batchShare: 1 }) as number;
        return Math.abs(batched - full / 2) <= 1e-9 * Math.max(1, full);
      }),
    );
  });
  test("property: routing to the same model changes nothing", () => {
    fc.assert(
      fc.property(models, mtok, mtok, share, share, (r, i, o, b, s) => {
        const own = cost(r, i, o, { batchShare: b }) as number;
        const routed = cost(r, i, o, { batchShare: b, routeTo: r, routeShare: s }) as number;
        return Math.abs(routed - own) <= 1e-9 * Math.max(1, own);
      }),
    );
  });
});

describe("effectiveDiscount and effectiveRate", () => {
  test("spend-weighted: 600 at 20% and 400 at 10% = (120 + 40) / 1,000 = 0.16", () => {
    expect(core.effectiveDiscount([600, 400], [0.2, 0.1])).toBeCloseTo(0.16, 12);
  });
  test("no spend at all is #N/A", () => {
    const e = core.effectiveDiscount([0, 0], [0.2, 0.1]) as core.LeverError;
    expect([e.type, e.message]).toEqual(["#N/A", "spend: total spend is 0; there is no mix to weight by"]);
  });
  test("rate: 1,000 dollars for 100 MTok at 20% off = 1,000 * 0.8 / 100 = 8 per MTok", () => {
    expect(core.effectiveRate(1000, 100, 0.2)).toBeCloseTo(8, 12);
  });
  test("no tokens is #N/A (no #DIV/0! in DOMAIN.md's error table)", () => {
    const e = core.effectiveRate(1000, 0, 0, { row: 2, column: 1 }) as core.LeverError;
    expect([e.type, e.message]).toEqual(["#N/A", "mtok: no tokens at row 2, column 1; a rate per MTok needs tokens"]);
  });
});
