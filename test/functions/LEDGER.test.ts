import "../helpers/customFunctions";
import * as f from "../../src/functions/functions";
import { describeErrors } from "./errorTable";
import * as F from "../../src/catalogue/functions";
import { column, flat, twoYears } from "../helpers/series";

const header = [
  "Period",
  "Months",
  "Commit",
  "Carry in",
  "Drawn",
  "Unused",
  "Carry out",
  "Forfeited",
  "Overage",
  "Billed overage",
];
const close = (rows: number[][]) => rows.map((r) => r.map((v) => expect.closeTo(v, 6)));

describe("LEVERS.LEDGER", () => {
  test("worked example 2 with carryover 0.5: header and two periods", () => {
    const table = f.ledger(1_000_000, column(twoYears), 0.2, 1, 0.5);
    expect(table[0]).toEqual(header);
    expect(table.slice(1)).toEqual(
      close([
        [1, 12, 1_000_000, 0, 768_000, 232_000, 116_000, 116_000, 0, 0],
        [2, 12, 1_000_000, 116_000, 1_152_000, 0, 0, 0, 36_000, 45_000],
      ]),
    );
  });
  test("defaults: overage at list, no carryover, 12-month periods", () => {
    expect(f.ledger(1_000_000, column(twoYears), 0.2)).toEqual(f.ledger(1_000_000, column(twoYears), 0.2, 1, 0, 12));
    expect(f.ledger(1_000_000, column(twoYears), 0.2, null, null, null)).toEqual(
      f.ledger(1_000_000, column(twoYears), 0.2, 1, 0, 12),
    );
  });
  test("a prorated last period shows its months and prorated commit", () => {
    const table = f.ledger(1_200_000, column(flat(18, 100_000)), 0.2);
    expect(table.length).toBe(3);
    expect(table[2]!.slice(0, 3)).toEqual([2, 6, 600_000]);
  });
  test("overage at the committed rate bills what was drawn over", () => {
    const table = f.ledger(1_000_000, column(twoYears), 0.2, "committed");
    expect(table[2]!.slice(8)).toEqual(close([[152_000, 152_000]])[0]);
  });
  describeErrors(f.ledger as (...a: unknown[]) => unknown, F.LEDGER, [1_000_000, column(twoYears), 0.2, 1, 0, 12, 24]);
});
