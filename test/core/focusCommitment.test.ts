/**
 * A signed deal as a FOCUS 1.3 ContractCommitment file and back (src/core/focusCommitment.ts,
 * EXPORTS.md "FOCUS ContractCommitment (out)"): the 13 columns, one row per commit period with
 * figures worked by hand, RFC 4180 quoting, the terms round-tripping through the description (a
 * property over valid deals), and the refusals of files that are not ContractCommitment files.
 */
import fc from "fast-check";
import * as core from "../../src/core";
import { TERM_KEYS, TERMS } from "../../src/catalogue/terms";
import { CsvSplitter, delimiterOf } from "../../src/sheet/csv";
import { fullDeal } from "../helpers/deals";

/** Each term's key, by field: the names the description writes. */
const NAMES = Object.fromEntries(TERM_KEYS.map((key) => [TERMS[key].field, key])) as core.TermNames;

/** A CSV's records, split by the project's splitter. */
function records(text: string): string[][] {
  const out: string[][] = [];
  const splitter = new CsvSplitter(delimiterOf(text.slice(0, text.indexOf("\n"))));
  splitter.push(text, (r) => out.push([...r]));
  splitter.end((r) => out.push([...r]));
  return out;
}

const read = (text: string) => core.readContractCommitment(records(text), NAMES);

/** Two years at 1,000,000 a year with a 10% true-forward step-up, signed mid-November 2026. */
const TWO_YEARS: core.SignedContract = {
  deal: fullDeal({ overageRate: "committed", carryover: 0.5, stepUp: 0.1, renewalCap: 0.05, termMonths: 24 }),
  termMonths: 24,
  signedOn: "2026-11-14",
  contractId: "commit-levers-2026-11-14",
};

describe("writing the ContractCommitment file", () => {
  const text = core.contractCommitmentCsv(TWO_YEARS, NAMES);
  const [header, ...rows] = records(text);

  test("the header is FOCUS 1.3's 13 ContractCommitment columns, in order", () => {
    expect(header).toEqual([
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
    ]);
    expect(text.split("\r\n")[0]).toBe(header!.join(","));
  });

  test("one row per period: signed 2026-11-14, the term starts 2026-12-01; year 2 steps up 10%", () => {
    // Period 1: 1,000,000 from 2026-12-01 to 2027-12-01 (exclusive end); period 2: 1,000,000 x 1.1.
    expect(rows).toHaveLength(2);
    const col = (r: string[], name: string) => r[header!.indexOf(name)];
    expect(rows.map((r) => col(r, "ContractCommitmentCost"))).toEqual(["1000000", "1100000"]);
    expect(rows.map((r) => col(r, "ContractCommitmentPeriodStart"))).toEqual([
      "2026-12-01T00:00:00Z",
      "2027-12-01T00:00:00Z",
    ]);
    expect(rows.map((r) => col(r, "ContractCommitmentPeriodEnd"))).toEqual([
      "2027-12-01T00:00:00Z",
      "2028-12-01T00:00:00Z",
    ]);
    for (const r of rows) {
      expect(col(r, "BillingCurrency")).toBe("USD");
      expect(col(r, "ContractCommitmentCategory")).toBe("Spend");
      expect([col(r, "ContractCommitmentQuantity"), col(r, "ContractCommitmentUnit")]).toEqual(["", ""]);
      expect(col(r, "ContractCommitmentType")).toBe("Committed spend");
      expect(col(r, "ContractId")).toBe("commit-levers-2026-11-14");
      expect([col(r, "ContractPeriodStart"), col(r, "ContractPeriodEnd")]).toEqual([
        "2026-12-01T00:00:00Z",
        "2028-12-01T00:00:00Z",
      ]);
    }
    expect(rows.map((r) => col(r, "ContractCommitmentId"))).toEqual([
      "commit-levers-2026-11-14-P1",
      "commit-levers-2026-11-14-P2",
    ]);
  });

  test("the description reads as words, then every term as key=value", () => {
    const description = rows[0]![header!.indexOf("ContractCommitmentDescription")]!;
    expect(description).toBe(
      "Period 1 of 2 (12 months): commit 1000000 USD, drawn at committed rates. Commit Levers terms: " +
        "commit=1000000; discount=0.2; overage_rate=committed; carryover=0.5; period_months=12; uplift=0; " +
        "step_up=0.1; ratchet=no; excluded_share=0; renewal_cap=0.05; renewal_months=12; carryover_cap=none; " +
        "term_months=24; signed_on=2026-11-14",
    );
  });

  test("a short last period is prorated; signed on the 1st, the term starts that day", () => {
    // 30 months of 1,200,000 a year: periods of 12, 12 and 6 months; the last 1,200,000 x 6 / 12 = 600,000.
    const csv = core.contractCommitmentCsv(
      { deal: fullDeal({ commit: 1_200_000 }), termMonths: 30, signedOn: "2027-01-01", contractId: "c" },
      NAMES,
    );
    const [h, ...r] = records(csv);
    const col = (row: string[], name: string) => row[h!.indexOf(name)];
    expect(r.map((row) => col(row, "ContractCommitmentCost"))).toEqual(["1200000", "1200000", "600000"]);
    expect(col(r[2]!, "ContractCommitmentPeriodStart")).toBe("2029-01-01T00:00:00Z");
    expect(col(r[2]!, "ContractCommitmentPeriodEnd")).toBe("2029-07-01T00:00:00Z");
    expect(col(r[0]!, "ContractPeriodEnd")).toBe("2029-07-01T00:00:00Z");
  });

  test("RFC 4180: a field holding a comma or a quote is quoted, its quotes doubled", () => {
    expect(core.csvField("plain")).toBe("plain");
    expect(core.csvField('a "b", c')).toBe('"a ""b"", c"');
    const csv = core.contractCommitmentCsv({ ...TWO_YEARS, contractId: 'Acme, "AI" deal' }, NAMES);
    expect(csv).toContain('"Acme, ""AI"" deal-P1"');
    expect(records(csv)[1]![10]).toBe('Acme, "AI" deal');
  });
});

describe("reading it back", () => {
  test("the terms, the day signed, the start and the term come back", () => {
    const back = read(core.contractCommitmentCsv(TWO_YEARS, NAMES));
    expect(back).toEqual({
      contractId: "commit-levers-2026-11-14",
      start: "2026-12-01",
      termMonths: 24,
      periods: 2,
      terms: TWO_YEARS.deal,
      signedOn: "2026-11-14",
      source: "commit-levers",
    });
  });

  test("property: any valid deal goes out and comes back the same", () => {
    const rate = fc.double({ min: 0, max: 0.99, noNaN: true });
    const deal = fc.record({
      commit: fc.double({ min: 0, max: 1e9, noNaN: true }),
      discount: rate,
      overageRate: fc.oneof(fc.constant("committed" as const), fc.double({ min: 0, max: 3, noNaN: true })),
      carryover: fc.double({ min: 0, max: 1, noNaN: true }),
      periodMonths: fc.integer({ min: 1, max: 36 }),
      uplift: rate,
      // -0 writes as "0" and reads as 0: the same step-up.
      stepUp: fc.double({ min: -0.5, max: 1, noNaN: true }).map((x) => x + 0),
      ratchet: fc.boolean(),
      excludedShare: fc.double({ min: 0, max: 1, noNaN: true }),
      carryoverCap: fc.option(rate, { nil: undefined }),
      renewalCap: fc.option(rate, { nil: undefined }),
      renewalMonths: fc.integer({ min: 1, max: 60 }),
      termMonths: fc.option(fc.integer({ min: 1, max: 120 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(deal, fc.integer({ min: 1, max: 120 }), (d: core.FullDeal, months) => {
        const termMonths = d.termMonths ?? months;
        const back = read(
          core.contractCommitmentCsv({ deal: d, termMonths, signedOn: "2026-02-28", contractId: "x" }, NAMES),
        );
        if (back instanceof core.LeverError) throw new Error(back.message);
        expect(back.terms).toEqual(d);
        expect([back.termMonths, back.periods, back.start]).toEqual([
          termMonths,
          Math.ceil(termMonths / d.periodMonths),
          "2026-03-01",
        ]);
      }),
    );
  });

  test("another tool's file, without our description: the commit, the period and the term off the columns", () => {
    const csv = [
      core.CONTRACT_COMMITMENT_COLUMNS.join(","),
      "USD,Spend,500000,Annual minimum,C-1-Y1,2028-01-01T00:00:00Z,2027-01-01T00:00:00Z,,Minimum spend,,C-1,2029-01-01T00:00:00Z,2027-01-01T00:00:00Z",
      "USD,Spend,500000,Annual minimum,C-1-Y2,2029-01-01T00:00:00Z,2028-01-01T00:00:00Z,,Minimum spend,,C-1,2029-01-01T00:00:00Z,2027-01-01T00:00:00Z",
    ].join("\n");
    expect(read(csv)).toEqual({
      contractId: "C-1",
      start: "2027-01-01",
      termMonths: 24,
      periods: 2,
      terms: { commit: 500_000, periodMonths: 12, termMonths: 24 },
      source: "columns",
      // The contract's start stands for the day signed (a 1st: the term starts on it).
      signedOn: "2027-01-01",
    });
  });

  /** Another tool's file: a row per (cost, period start, period end), contract 2027-01-01 to `end`. */
  const otherTool = (end: string, rows: [number, string, string][]) =>
    [
      core.CONTRACT_COMMITMENT_COLUMNS.join(","),
      ...rows.map(
        ([cost, from, to], k) =>
          `USD,Spend,${cost},Annual minimum,C-2-Y${k + 1},${to}T00:00:00Z,${from}T00:00:00Z,,Minimum spend,,C-2,${end}T00:00:00Z,2027-01-01T00:00:00Z`,
      ),
    ].join("\n");

  test("another tool's rising commits: a constant step-up read off them, in any row order", () => {
    // 500,000, then 550,000 (500,000 x 1.1), then 605,000 (550,000 x 1.1): a step-up of 10% a period.
    const rising = otherTool("2030-01-01", [
      [605_000, "2029-01-01", "2030-01-01"],
      [500_000, "2027-01-01", "2028-01-01"],
      [550_000, "2028-01-01", "2029-01-01"],
    ]);
    const back = read(rising);
    if (back instanceof core.LeverError) throw new Error(back.message);
    expect(back.terms).toEqual({ commit: 500_000, periodMonths: 12, termMonths: 36, stepUp: expect.closeTo(0.1, 12) });
  });

  test("another tool's file with a short last period: prorated, as the ledger prorates it", () => {
    // 18 months of 12-month periods: 400,000, then 6 months at 400,000 x 6 / 12 = 200,000.
    const back = read(
      otherTool("2028-07-01", [
        [400_000, "2027-01-01", "2028-01-01"],
        [200_000, "2028-01-01", "2028-07-01"],
      ]),
    );
    if (back instanceof core.LeverError) throw new Error(back.message);
    expect(back.terms).toEqual({ commit: 400_000, periodMonths: 12, termMonths: 18 });
  });

  test("another tool's commits that follow no one step-up are refused, naming the row", () => {
    // 500,000 -> 600,000 is +20%; 600,000 x 1.2 = 720,000, not 800,000.
    const back = read(
      otherTool("2030-01-01", [
        [500_000, "2027-01-01", "2028-01-01"],
        [600_000, "2028-01-01", "2029-01-01"],
        [800_000, "2029-01-01", "2030-01-01"],
      ]),
    );
    expect(back instanceof core.LeverError && back.message).toMatch(
      /not one commit of 12 months stepping up 20% a period over its 36-month term \(row 4\)/,
    );
  });

  test("a Commit Levers file whose cost was edited is refused: the terms would silently win", () => {
    const text = core.contractCommitmentCsv(TWO_YEARS, NAMES);
    const rows = records(text);
    const cost = rows[0]!.indexOf("ContractCommitmentCost");
    rows[2]![cost] = String(Number(rows[2]![cost]) + 1000);
    const back = core.readContractCommitment(rows, NAMES);
    expect(back instanceof core.LeverError && back.message).toMatch(/at row 3, but its terms give .*was it edited\?/);
  });

  test("the header's order and a byte-order mark do not matter", () => {
    const [h, ...r] = records(core.contractCommitmentCsv(TWO_YEARS, NAMES));
    const order = h!.map((_, i) => i).reverse();
    const flipped = [order.map((i) => h![i]!), ...r.map((row) => order.map((i) => row[i]!))];
    flipped[0]![0] = `\uFEFF${flipped[0]![0]!}`;
    const back = core.readContractCommitment(flipped, NAMES);
    expect(back).toMatchObject({ terms: TWO_YEARS.deal, termMonths: 24 });
  });
});

describe("refusing what is not a ContractCommitment file, in words", () => {
  const message = (text: string) => {
    const back = read(text);
    return back instanceof core.LeverError ? back.message : "read";
  };
  const good = core.contractCommitmentCsv(TWO_YEARS, NAMES);

  test("a usage export", () => {
    expect(message("usage_date_utc,model,cost_usd\n2026-01-01,claude,5\n")).toMatch(
      /is not a FOCUS ContractCommitment file: its header has none of the 13 ContractCommitment columns/,
    );
  });
  test("a header missing columns names them", () => {
    expect(message(good.replace("ContractCommitmentUnit", "Unit"))).toMatch(/lacks ContractCommitmentUnit/);
  });
  test("a header with no rows", () => {
    expect(message(`${core.CONTRACT_COMMITMENT_COLUMNS.join(",")}\n`)).toMatch(/no commitment rows/);
  });
  test("a usage commitment, another currency, two contracts", () => {
    expect(message(good.replace(/^USD,Spend/m, "USD,Usage"))).toMatch(/"Usage" commitment at row 2; only "Spend"/);
    expect(message(good.replace(/\nUSD,/, "\nEUR,"))).toMatch(
      /is in "EUR" at row 2; Commit Levers works in US dollars/,
    );
    const lines = good.split("\r\n");
    lines[2] = lines[2]!.replace(/,commit-levers-2026-11-14,/, ",other,");
    expect(message(lines.join("\r\n"))).toMatch(/more than one contract \(commit-levers-2026-11-14, other\)/);
  });
  test("a term that is no value", () => {
    expect(message(good.replace("discount=0.2", "discount=lots"))).toMatch(/gives discount as "lots"/);
  });
  test("no readable term", () => {
    expect(message(good.replace(/2028-12-01T00:00:00Z,2026-12-01T00:00:00Z/g, "soon,later"))).toMatch(
      /no readable contract term/,
    );
  });
});

describe("days", () => {
  test("the term starts on the first of the month after signing, or on the day signed if it is the 1st", () => {
    expect(["2026-11-14", "2026-12-31", "2027-01-01", "2024-02-29"].map(core.termStart)).toEqual([
      "2026-12-01",
      "2027-01-01",
      "2027-01-01",
      "2024-03-01",
    ]);
  });
  test("months after a day; a day that does not exist is not a day", () => {
    expect(core.monthsAfter("2026-12-01", 14)).toBe("2028-02-01");
    expect(core.monthsAfter("2027-01-31", 1)).toBe("2027-02-28");
    expect([core.isDay("2027-02-29"), core.isDay("2028-02-29"), core.isDay("2028-2-1")]).toEqual([false, true, false]);
  });
});
