/**
 * LEVERS.OBSERVED_DISCOUNT (DOMAIN.md "Usage from a vendor's export"): 1 - paid / list over the usage
 * rows that carry both, paid being what the usage cost at the negotiated terms (FOCUS EffectiveCost,
 * Console cost_usd, the APIs' billed amounts). Through the shipped bundle, goldens by hand from the
 * fixtures' rows.
 */
import { ensureBundle } from "../helpers/ensureBundle";
import { fixtureTable, thrown } from "../helpers/exportFixtures";
import { loadBundle } from "../helpers/loadBundle";

const csv = fixtureTable;
let observed: (exp: unknown) => number;

beforeAll(() => {
  ensureBundle();
  observed = loadBundle().get("OBSERVED_DISCOUNT") as typeof observed;
}, 300_000);

describe("OBSERVED_DISCOUNT: 1 - billed / list where the export carries both", () => {
  test("Console cost CSV: billed 23.80 of list 28.00 is 15% off", () => {
    // 8.50 + 12.75 + 1.70 + 0.85 = 23.80; 10 + 15 + 2 + 1 = 28; 1 - 23.8 / 28 = 0.15.
    expect(observed(csv("anthropic-console-cost.csv"))).toBeCloseTo(0.15, 12);
  });
  test("Analytics cost: 85% of list billed, fractional cents included", () => {
    // billed 85,000.425 + 42,500 + 850 = 128,350.425 cents of 151,000.5 list: 0.85 of it.
    expect(observed(csv("anthropic-analytics-cost.csv"))).toBeCloseTo(0.15, 12);
  });
  test("FOCUS: the usage rows only", () => {
    // billed 80 + 40 + 160 = 280 of list 100 + 50 + 200 = 350: 1 - 0.8.
    expect(observed(csv("focus.csv"))).toBeCloseTo(0.2, 12);
  });
  test.each([
    "anthropic-console-cost-older.csv",
    "anthropic-cost-report.csv",
    "openai-costs.csv",
    "plain.csv",
    "anthropic-console-usage.csv",
  ])("%s has not both amounts: #N/A saying so", (file) => {
    const e = thrown(() => observed(csv(file)));
    expect(e.code).toBe("#N/A");
    expect(e.message).toMatch(/^export: this .* does not carry both a list and a billed amount$/);
  });
});

describe("OBSERVED_DISCOUNT: which rows and which amounts", () => {
  test("OBSERVED_DISCOUNT counts only rows that carry both amounts, and needs the billed column in the file", () => {
    // Rows: list 10 billed 8; list 10 billed blank (not carried): 1 - 8 / 10 = 0.2, not 1 - 8 / 20.
    const rows = [
      ["usage_date_utc", "model", "cost_usd", "list_price_usd"],
      ["2026-10-01", "Opus", 8, 10],
      ["2026-10-02", "Opus", null, 10],
    ];
    expect(observed(rows)).toBeCloseTo(0.2, 12);
    // A FOCUS file without BilledCost carries no billed amount at all: #N/A, not a 100% discount.
    const focus = [
      ["ChargePeriodStart", "ChargeCategory", "ListCost", "ResourceName"],
      ["2026-10-01", "Usage", 100, "claude-sonnet-4-5"],
    ];
    expect(thrown(() => observed(focus)).code).toBe("#N/A");
  });

  test("FOCUS: paid is EffectiveCost, not BilledCost (0 for usage drawn from a prepayment)", () => {
    // EffectiveCost 80 + 40 of ListCost 100 + 50: 1 - 120 / 150 = 20%. BilledCost would say 100%.
    const focus = [
      ["ChargePeriodStart", "ChargeCategory", "ListCost", "EffectiveCost", "BilledCost", "ResourceName"],
      ["2026-10-01", "Usage", 100, 80, 0, "claude-sonnet-4-5"],
      ["2026-10-02", "Usage", 50, 40, 0, "claude-haiku-4-5"],
      ["2026-10-31", "Tax", 0, 12, 12, ""],
    ];
    expect(observed(focus)).toBeCloseTo(0.2, 12);
  });

  test("a JSON response as the pane flattens it: Analytics cost, two pages pasted together, 15% off", () => {
    expect(observed(csv("anthropic-analytics-cost.json"))).toBeCloseTo(0.15, 12);
  });

  test("the pane's monthly table: List $ and Paid $ columns", () => {
    // 2 + 25 + 1 = 28 list, 1.70 + 21.25 + 0.85 = 23.80 paid: 15% off, as the export it came from.
    const table = [
      ["Month", "Model", "List $", "Paid $", "Rows", "Provisional"],
      ["2026-09", "Claude Haiku 4.5", 2, 1.7, 1, ""],
      ["2026-09", "Claude Sonnet 4.5", 25, 21.25, 2, ""],
      ["2026-11", "Claude Sonnet 4.5", 1, 0.85, 1, "provisional"],
    ];
    expect(observed(table)).toBeCloseTo(0.15, 12);
  });
});
