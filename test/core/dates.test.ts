/** Calendar days and Excel's date serials (src/core/dates.ts): the one conversion between the two. */
import fc from "fast-check";
import * as core from "../../src/core";

describe("Excel date serials", () => {
  test("2026-10-01 is serial 46,296: 25,569 days from Excel's day 0 (1899-12-30) to 1970-01-01, then 20,727", () => {
    const day = core.dayNumber(2026, 10, 1);
    expect(day).toBe(20_727);
    expect(core.excelSerial(day)).toBe(46_296);
    expect(core.msOfExcelSerial(46_296)).toBe(Date.UTC(2026, 9, 1));
  });
  test("serial 25,569 is 1970-01-01 at midnight UTC; a fraction is the time of day", () => {
    expect(core.msOfExcelSerial(25_569)).toBe(0);
    expect(core.msOfExcelSerial(46_296.5)).toBe(Date.UTC(2026, 9, 1, 12));
  });
  test("property: a date cell holding a day's serial reads as that day", () => {
    fc.assert(
      fc.property(fc.integer({ min: core.dayNumber(2000, 1, 1), max: core.dayNumber(2100, 12, 31) }), (day) => {
        expect(core.readDate(core.excelSerial(day), "calendar")).toEqual({ day });
      }),
    );
  });
});
