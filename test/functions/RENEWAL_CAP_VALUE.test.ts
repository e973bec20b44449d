import "../helpers/customFunctions";
import * as f from "../helpers/single";
import { describeErrors } from "./errorTable";
import * as F from "../../src/catalogue/functions";
import { column, flat } from "../helpers/series";

const year = column(flat(12, 100_000));

describe("LEVERS.RENEWAL_CAP_VALUE", () => {
  test("a 5% cap on a 20% discount: 1,200,000 x (1 - 0.8 x 1.05) = 192,000", () => {
    expect(f.renewalCapValue(year, 0.2, 0.05)).toBeCloseTo(192_000, 6);
  });
  test("a zero cap keeps the whole discount: 240,000", () => {
    expect(f.renewalCapValue(year, 0.2, 0)).toBeCloseTo(240_000, 6);
  });
  test("a cap that lets the rate rise past list is worth nothing", () => {
    expect(f.renewalCapValue(year, 0.2, 0.25)).toBe(0);
    expect(f.renewalCapValue(year, 0.2, 0.3)).toBe(0);
  });
  test("renewal usage across several model columns is summed", () => {
    expect(f.renewalCapValue([[50_000, 50_000]], 0.2, 0)).toBeCloseTo(20_000, 6);
    expect(
      f.renewalCapValue(
        flat(12, 0).map(() => [60_000, 40_000]),
        0.2,
        0.05,
      ),
    ).toBeCloseTo(192_000, 6);
  });
  describeErrors(f.renewalCapValue, F.RENEWAL_CAP_VALUE, [year, 0.2, 0.05]);
});
