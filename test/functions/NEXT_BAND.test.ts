import "../helpers/customFunctions";
import * as s from "../../src/functions/sizing";
import { excelError } from "../helpers/customFunctions";
import { describeErrors } from "./errorTable";
import * as F from "../../src/catalogue/functions";

const bands = [
  [250_000, 0.05],
  [1_000_000, 0.12],
  [5_000_000, 0.2],
];

describe("LEVERS.NEXT_BAND", () => {
  test("from 800,000 the next band is 1M, 200,000 away, at 12%", () => {
    expect(s.nextBand(800_000, bands)).toEqual([[1_000_000, 200_000, 0.12]]);
  });
  test("on a threshold, the next band is the one above", () => {
    expect(s.nextBand(1_000_000, bands)).toEqual([[5_000_000, 4_000_000, 0.2]]);
    expect(s.nextBand(0, bands)).toEqual([[250_000, 250_000, 0.05]]);
  });
  test("in the top band: #N/A with a message", () => {
    const error = excelError(() => s.nextBand(6_000_000, bands));
    expect([error.code, error.message]).toEqual(["#N/A", "commit: 6000000 is already in the top band"]);
  });
  describeErrors(s.nextBand as (...a: unknown[]) => unknown, F.NEXT_BAND, [800_000, bands]);
});
