/**
 * MONTHLY_USAGE on one hand-written fixture per export format (OBSERVED_DISCOUNT has its own spec)
 * (test/fixtures/exports, shapes from docs/EXPORTS.md), through the shipped bundle as Excel
 * calls them. Every golden below is worked out by hand from the fixture's rows.
 */
import { LeverError } from "../../src/core";
import { tableFromFile } from "../../src/sheet";
import { ensureBundle } from "../helpers/ensureBundle";
import { fixtureTable, thrown } from "../helpers/exportFixtures";
import { CustomFunctionsError, loadBundle } from "../helpers/loadBundle";

const csv = fixtureTable;
const file = fixtureTable;

type Out = (string | number | CustomFunctionsError)[][];
let monthly: (exp: unknown, by?: unknown, book?: unknown) => Out;

beforeAll(() => {
  ensureBundle();
  const fns = loadBundle();
  monthly = fns.get("MONTHLY_USAGE") as typeof monthly;
}, 300_000);

/** Expects a spill: text exactly, numbers to 1e-9. */
function expectTable(got: Out, want: (string | number)[][]): void {
  expect(got.length).toBe(want.length);
  want.forEach((row, r) => {
    expect(got[r]!.length).toBe(row.length);
    row.forEach((v, c) => {
      if (typeof v === "number") expect(got[r]![c]).toBeCloseTo(v, 9);
      else expect(got[r]![c]).toBe(v);
    });
  });
}

describe("MONTHLY_USAGE: each format's fixture gives its hand-worked monthly list dollars", () => {
  test("Anthropic Console cost CSV (newest, byte-order mark): list_price_usd, by model, no month left out", () => {
    // September: Sonnet 10.00 + 15.00 = 25.00, Haiku 2.00; October: nothing; November: Sonnet 1.00.
    // Sonnet's 26.00 is the larger total, so it comes first.
    expectTable(monthly(csv("anthropic-console-cost.csv"), null, null), [
      ["Month", "Claude Sonnet 4.5", "Claude Haiku 4.5"],
      ["2026-09", 25, 2],
      ["2026-10", 0, 0],
      ["2026-11", 1, 0],
    ]);
    expectTable(monthly(csv("anthropic-console-cost.csv"), "total", null), [
      ["Month", "Total"],
      ["2026-09", 27],
      ["2026-10", 0],
      ["2026-11", 1],
    ]);
  });

  test("Anthropic Console cost CSV, older: billed only, and the header says so", () => {
    // August: 40.00 + 10.00; September: 5.00.
    expectTable(monthly(csv("anthropic-console-cost-older.csv")), [
      ["Month", "Claude Opus 4.5 (billed)"],
      ["2026-08", 50],
      ["2026-09", 5],
    ]);
  });

  test("Analytics cost report: list_amount in cents, divided by 100", () => {
    // October: (100,000.5 + 50,000) cents = 1,500.005 dollars; November none; December 1,000 cents = 10.
    expectTable(monthly(csv("anthropic-analytics-cost.csv")), [
      ["Month", "claude-opus-4-5", "claude-haiku-4-5"],
      ["2026-10", 1500.005, 0],
      ["2026-11", 0, 0],
      ["2026-12", 0, 10],
    ]);
  });

  test("Admin API cost report: billed cents strings; a row without a model goes by its description", () => {
    // 1,000 cents = 10.00 of web search; "123.45" cents = 1.2345 dollars of Sonnet 4 input.
    expectTable(monthly(csv("anthropic-cost-report.csv")), [
      ["Month", "Web search (billed)", "claude-sonnet-4 (billed)"],
      ["2026-10", 10, 1.2345],
    ]);
  });

  test("OpenAI costs: Unix seconds, long decimal dollars, billed", () => {
    // 1790812800 and 1790899200 are 2026-10-01 and 2026-10-02 UTC.
    expectTable(monthly(csv("openai-costs.csv")), [
      ["Month", "gpt-5, output (billed)", "gpt-5, input (billed)"],
      ["2026-10", 2.5, 0.1234567890123],
    ]);
  });

  test("FOCUS: ListCost of Usage rows by ChargePeriodStart, the model from SkuPriceDetails; tax and credit skipped", () => {
    // October: Sonnet 100, Haiku 50 (its ResourceName); the Tax and Credit rows are not usage;
    // 2026-11-30T23:00Z is still November in UTC: Sonnet 200 (ModelId, not its ResourceName).
    expectTable(monthly(csv("focus.csv")), [
      ["Month", "claude-sonnet-4-5", "claude-haiku-4-5"],
      ["2026-10", 100, 50],
      ["2026-11", 200, 0],
    ]);
  });

  test("a plain table: Excel date serials and ISO text, headers with stray spaces, '1,250' as text", () => {
    // 46213 is 2026-07-10 and 46270 is 2026-09-05: July Opus 1,000; August nothing; September
    // Opus 500 and Sonnet 1,250. Opus (1,500) before Sonnet (1,250).
    expectTable(monthly(csv("plain.csv")), [
      ["Month", "Opus", "Sonnet"],
      ["2026-07", 1000, 0],
      ["2026-08", 0, 0],
      ["2026-09", 500, 1250],
    ]);
  });
});

describe("MONTHLY_USAGE: token-only exports priced with the built-in price book, per token kind", () => {
  // Book, USD per MTok (input, 5-minute write, 1-hour write, cache read, output; batch x 0.5):
  // Sonnet 4.5: 3, 3.75, 6, 0.3, 15; Haiku 4.5: 1, 1.25, 2, 0.1, 5; Opus 4.5: 5, 6.25, 10, 0.5, 25.
  test("Console usage CSV: every token kind, and a batch row at half price", () => {
    // October, Sonnet: 1 MTok x 3 + 0.2 x 3.75 + 0.1 x 6 + 2 x 0.3 + 0.5 x 15 = 3 + 0.75 + 0.6 + 0.6 + 7.5 = 12.45;
    // Haiku, batch: (4 x 1 + 1 x 5) x 0.5 = 4.5. November, Sonnet: 2 x 3 = 6.
    expectTable(monthly(csv("anthropic-console-usage.csv")), [
      ["Month", "claude-sonnet-4-5-20250929", "claude-haiku-4-5"],
      ["2026-10", 12.45, 4.5],
      ["2026-11", 6, 0],
    ]);
  });

  test("Console usage CSV, older: the one cache-write column priced as 5-minute writes", () => {
    // Opus: 1 x 5 + 0.4 x 6.25 + 0.1 x 25 = 5 + 2.5 + 2.5 = 10.
    expectTable(monthly(csv("anthropic-console-usage-older.csv")), [
      ["Month", "claude-opus-4-5 (cache writes at the 5-minute rate)"],
      ["2026-09", 10],
    ]);
  });

  test("Analytics usage: 1-hour writes at the 1-hour rate, the batch tier at half", () => {
    // December, Sonnet: 1 x 3 + 1 x 6 = 9, and batch output 2 x 15 x 0.5 = 15: 24.
    expectTable(monthly(csv("anthropic-analytics-usage.csv")), [
      ["Month", "claude-sonnet-4-5"],
      ["2026-12", 24],
    ]);
  });

  test("Admin usage report: a model the book does not know is #N/A naming it in its column; the others compute", () => {
    // October, Haiku: 2 x 1 + 1 x 1.25 + 0.5 x 2 + 10 x 0.1 + 1 x 5 = 10.25, and batch 2 x 1 x 0.5 = 1: 11.25.
    const out = monthly(csv("anthropic-usage-report.csv"));
    expect(out[0]).toEqual(["Month", "claude-haiku-4-5", "claude-mystery-9"]);
    expect(out.map((r) => r[0])).toEqual(["Month", "2026-10", "2026-11"]);
    expect(out[1]![1]).toBeCloseTo(11.25, 9);
    expect(out[2]![1]).toBe(0);
    for (const row of out.slice(1)) {
      const e = row[2] as CustomFunctionsError;
      expect(e.code).toBe("#N/A");
      expect(e.message).toMatch(/^export: unknown model "claude-mystery-9"; closest: /);
    }
  });

  test("OpenAI completions usage with the built-in book's GPT-6 Sol (2 in, 0.20 cached, 10 out)", () => {
    // 0.8 MTok uncached x 2 + 0.2 cached x 0.2 + 0.1 output x 10 = 1.6 + 0.04 + 1 = 2.64.
    expectTable(monthly(csv("openai-usage.csv")), [
      ["Month", "gpt-6-sol"],
      ["2026-10", 2.64],
    ]);
  });

  test("OpenAI completions usage with a book that has the model: cached tokens taken out of input", () => {
    // input_tokens 1,000,000 counts the 200,000 cached ones: 0.8 MTok x 2 + 0.2 x 0.2 (cache read)
    // + 0.1 x 10 (output) = 1.6 + 0.04 + 1 = 2.64.
    const book = [
      ["Model", "Input", "Output", "Cache write 5m", "Cache write 1h", "Cache read"],
      ["gpt-6-sol", 2, 10, 2, 2, 0.2],
    ];
    expectTable(monthly(csv("openai-usage.csv"), null, book), [
      ["Month", "gpt-6-sol"],
      ["2026-10", 2.64],
    ]);
  });

  test("a user's price book prices the tokens", () => {
    // Opus at 10 in / 50 out: 1 x 10 + 0.1 x 50 = 15, and the 0.4 MTok of writes at the fallback
    // 1.25 x input = 12.5: 5. Total 20.
    const book = [
      ["Model", "Input", "Output"],
      ["Claude Opus 4.5", 10, 50],
    ];
    expectTable(monthly(csv("anthropic-console-usage-older.csv"), null, book), [
      ["Month", "claude-opus-4-5 (cache writes at the 5-minute rate)"],
      ["2026-09", 20],
    ]);
  });
});

describe("a JSON response, as the pane flattens it, gives the same months as its rows", () => {
  test("Analytics cost, two pages pasted one after the other: the goldens of its rows above", () => {
    expectTable(monthly(file("anthropic-analytics-cost.json")), [
      ["Month", "claude-opus-4-5", "claude-haiku-4-5"],
      ["2026-10", 1500.005, 0],
      ["2026-11", 0, 0],
      ["2026-12", 0, 10],
    ]);
  });
  test("Admin usage report: one row per bucket result, the bucket's starting_at beside it", () => {
    const table = file("anthropic-usage-report.json");
    expect(table[0]).toEqual([
      "starting_at",
      "ending_at",
      "model",
      "service_tier",
      "context_window",
      "uncached_input_tokens",
      "cache_creation.ephemeral_5m_input_tokens",
      "cache_creation.ephemeral_1h_input_tokens",
      "cache_read_input_tokens",
      "output_tokens",
    ]);
    expect(table).toHaveLength(4);
    const out = monthly(table);
    expect(out[1]![1]).toBeCloseTo(11.25, 9);
    expect((out[1]![2] as CustomFunctionsError).code).toBe("#N/A");
  });
  test("OpenAI costs, an array of pages: amount.value by start_time, billed", () => {
    expectTable(monthly(file("openai-costs.json")), [
      ["Month", "gpt-5, output (billed)", "gpt-5, input (billed)"],
      ["2026-10", 2.5, 0.1234567890123],
    ]);
  });
  test("CSV as Excel opens it: CRLF, a quoted line break and doubled quotes, ids with leading zeros kept as text", () => {
    const table = tableFromFile("x.csv", 'a,b,c\r\n"two\nlines","say ""hi""",0012\r\n1.5,,-2\r\n');
    expect(table).toEqual([
      ["a", "b", "c"],
      ["two\nlines", 'say "hi"', "0012"],
      [1.5, null, -2],
    ]);
  });
  test("text that is no JSON response: a message, not a crash", () => {
    const bad = tableFromFile("costs.json", '{"data": [');
    expect(bad).toBeInstanceOf(LeverError);
    expect((bad as LeverError).message).toMatch(/^file: not a JSON response with records/);
  });
});

describe("bad exports get a clear error, never a silent zero", () => {
  test("an unrecognized header: #VALUE! naming the columns it read and the formats it knows", () => {
    const e = thrown(() =>
      monthly([
        ["When", "Spend"],
        ["2026-10-01", 5],
      ]),
    );
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toContain('export: a header of 2 columns ("When", "Spend") is no export this reads; it reads: ');
    expect(e.message).toContain("FOCUS cost and usage CSV");
  });

  test("an unreadable amount errors its own month's cell, naming the row; other cells still compute", () => {
    const rows = csv("anthropic-console-cost.csv");
    rows[3]![8] = "n/a"; // the Haiku row of September (row 4 of the range)
    const out = monthly(rows);
    expect(out[1]![1]).toBeCloseTo(25, 9); // Sonnet, September
    const cell = out[1]![2] as CustomFunctionsError;
    expect(cell.code).toBe("#VALUE!");
    expect(cell.message).toBe('export: row 4, list_price_usd: "n/a" is not an amount');
    expect(out[3]![1]).toBeCloseTo(1, 9);
  });

  test("an unreadable date fails the call, naming the row (its month is unknown)", () => {
    const rows = csv("plain.csv");
    rows[2]![0] = "next Tuesday";
    const e = thrown(() => monthly(rows));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toBe(
      'export: row 3, Date: "next Tuesday" is not a date (ISO text, a date-time or an Excel date)',
    );
  });

  test("only rows of other charges: #N/A counting them", () => {
    const rows = csv("focus.csv").filter((r, i) => i === 0 || r[1] !== "Usage");
    const e = thrown(() => monthly(rows));
    expect(e.code).toBe("#N/A");
    expect(e.message).toBe("export: no usage rows in this FOCUS cost and usage CSV (2 rows of other charges skipped)");
  });

  test.each([
    ["an OpenAI time in milliseconds", "openai", 1790812800000],
    ["a month number alone", "plain", 3],
    ["a day that does not exist", "plain", "2026-02-30"],
  ])("%s is a date error naming the row, not a month far away", (_what, kind, value) => {
    const rows =
      kind === "openai"
        ? [
            ["start_time", "amount.value", "line_item"],
            [value, 1, "gpt-5, input"],
          ]
        : [
            ["Month", "Model", "List"],
            [value, "Opus", 1],
          ];
    const e = thrown(() => monthly(rows));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toMatch(/^export: row 2, .* is not a date/);
  });

  test('an amount with a decimal comma ("0,85") is an error, not 85; thousands separators are read', () => {
    const rows = [
      ["Month", "Model", "List"],
      ["2026-10", "Opus", "0,85"],
      ["2026-10", "Sonnet", "1,250.50"],
    ];
    const out = monthly(rows);
    expect((out[1]![2] as CustomFunctionsError).message).toBe('export: row 2, List: "0,85" is not an amount');
    expect(out[1]![1]).toBeCloseTo(1250.5, 9);
  });

  test("headers written with spaces (Charge Period Start, List Cost) are the same columns", () => {
    const rows = [
      ["Charge Period Start", "Charge Category", "List Cost", "Billed Cost", "Resource Name"],
      ["2026-10-01", "Usage", 100, 80, "claude-sonnet-4-5"],
    ];
    expectTable(monthly(rows), [
      ["Month", "claude-sonnet-4-5"],
      ["2026-10", 100],
    ]);
  });

  test("token rows without a model (a report not grouped by model) say so, not 'unknown model'", () => {
    const rows = [
      ["starting_at", "uncached_input_tokens", "output_tokens"],
      ["2026-10-01T00:00:00Z", 1000000, 0],
    ];
    const e = monthly(rows)[1]![1] as CustomFunctionsError;
    expect(e.code).toBe("#N/A");
    expect(e.message).toBe("export: these rows name no model; export the report grouped by model");
  });

  test("a header with a byte-order mark is named without it in messages", () => {
    const rows = [
      ["\uFEFFusage_date_utc", "model", "cost_usd", "list_price_usd"],
      ["someday", "Opus", 1, 1],
    ];
    expect(thrown(() => monthly(rows)).message).toMatch(/^export: row 2, usage_date_utc: "someday"/);
  });

  test("by must be model or total", () => {
    expect(thrown(() => monthly(csv("plain.csv"), "month")).code).toBe("#VALUE!");
  });
});
