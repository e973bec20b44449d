/**
 * What Excel really hands a custom function, beyond plain numbers and text (issue "Behave like real
 * Excel", findings 2 to 4):
 *   - errors as inputs, once functions.json allows them (custom-functions-errors, "Errors as custom
 *     function inputs"): as `CustomFunctions.Error`-like objects or, with custom data types on, as an
 *     ErrorCellValue `{ type: "Error", basicValue: "#N/A" }`;
 *   - data-type cells (custom-functions-data-types-concepts): a formatted number as
 *     `{ type: "FormattedNumber", basicValue: 5 }`, an entity with `basicType: "Error"`;
 *   - #NAME? and #REF! arrive but cannot be returned (CustomFunctions.ErrorCode docs);
 *   - a blank cell as 0 on Excel desktop (office-js #4702, #5262).
 */
import { StubExcelError, excelError } from "../helpers/customFunctions";
import * as f from "../helpers/single";
import * as p from "../../src/functions/pricing";
import { column, flat } from "../helpers/series";

const year = column(flat(12, 100_000));
const formatted = (n: number) => ({
  type: "FormattedNumber",
  basicValue: n,
  basicType: "Double",
  numberFormat: "$#,##0",
});
const entity = { type: "Entity", text: "Microsoft", basicType: "Error", basicValue: "#VALUE!", properties: {} };
const errorValue = (code: string) => ({
  type: "Error",
  basicType: "Error",
  basicValue: code,
  errorType: "NotAvailable",
});

describe("data-type cells are read as Excel's arithmetic reads them", () => {
  test("a formatted-number commit and usage cells give worked example 1: waste 40,000", () => {
    const usage = year.map(([v]) => [formatted(v as number)]);
    expect(f.commitWaste(formatted(1_000_000), usage, { type: "Double", basicValue: 0.2 })).toBeCloseTo(40_000, 6);
  });
  test("an entity (Stocks, Currencies) has no single number: #VALUE! naming the argument and the cell", () => {
    const single = excelError(() => f.commitWaste(entity, year, 0.2));
    expect([single.code, single.message]).toEqual([
      "#VALUE!",
      "commit: an Entity data type has no single value; point at one of its fields",
    ]);
    const inRange = excelError(() => f.commitWaste(1_000_000, [[1], [entity], [3]], 0.2));
    expect(inRange.message).toBe(
      "usage: an Entity data type at row 2, column 1 has no single value; point at one of its fields",
    );
  });
  test("an entity inside an element-by-element range errors its own cell only", () => {
    const out = p.listCost([["Sonnet 4.5"], [entity]], [[10]], [[2]]) as unknown[][];
    expect(out[0]![0]).toBe(60);
    expect(out[1]![0]).toMatchObject({
      code: "#VALUE!",
      message: expect.stringMatching(/^model: an Entity data type at row 2/),
    });
  });
});

describe("errors as inputs", () => {
  test("an ErrorCellValue #N/A inside usage comes back as #N/A", () => {
    const e = excelError(() => f.totalCost(1_000_000, [[1], [errorValue("#N/A")]], 0.2));
    expect(e.code).toBe("#N/A");
  });
  test("an #N/A in one cell of a LIST_COST range errors that cell only; the others compute", () => {
    const na = new StubExcelError("#N/A");
    const out = p.listCost([["Sonnet 4.5"]], [[10], [na], [errorValue("#DIV/0!")]], [[2]]) as unknown[][];
    expect(out[0]![0]).toBe(60);
    expect(out[1]![0]).toBe(na);
    expect(out[2]![0]).toMatchObject({ code: "#DIV/0!" });
  });
  test.each(["#REF!", "#NAME?", "#SPILL!", "#CALC!"])(
    "%s cannot be returned by a custom function: #VALUE! that names it",
    (code) => {
      const e = excelError(() => f.commitWaste(new StubExcelError(code), year, 0.2));
      expect([e.code, e.message]).toEqual(["#VALUE!", `commit: the cell holds ${code}; fix that cell`]);
      const inRange = excelError(() => f.commitWaste(1, [[1], [errorValue(code)]], 0.2));
      expect(inRange.message).toBe(`usage: the cell at row 2, column 1 holds ${code}; fix that cell`);
    },
  );
});

describe("a blank model cell is the same on every platform", () => {
  test("inside a range, desktop's 0 and the web's null both say 'blank at row 2'", () => {
    const desktop = p.listCost([["Sonnet 4.5"], [0]], [[10]], [[2]]) as unknown[][];
    const web = p.listCost([["Sonnet 4.5"], [null]], [[10]], [[2]]) as unknown[][];
    expect(desktop[1]![0]).toEqual(web[1]![0]);
    expect(web[1]![0]).toMatchObject({ code: "#N/A", message: "model: blank at row 2, column 1; a value is required" });
  });
});
