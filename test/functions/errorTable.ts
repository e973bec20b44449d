/**
 * The error rows of DOMAIN.md "Errors", applied to every argument a function has, by the
 * argument's kind. Each function's spec calls `describeErrors` with a good call to perturb.
 */
import type { FunctionEntry } from "../../src/catalogue/functions";
import { run } from "../../src/functions/runner";
import { StubExcelError, excelError } from "../helpers/customFunctions";
import { column, flat } from "../helpers/series";

type Fn = (...args: unknown[]) => unknown;
export type Kind =
  "money" | "usage" | "discount" | "share" | "cap" | "change" | "overage" | "listMultiple" | "months" | "volatility";

interface Row {
  readonly what: string;
  readonly value: unknown;
  readonly code: string;
  /** Words the message must contain, besides the argument's name. */
  readonly says: RegExp;
}

const passedIn = new StubExcelError("#N/A", "from a lookup");

function numberRows(kind: Kind, lifts: boolean): Row[] {
  const rows: Row[] = [
    kind === "overage"
      ? { what: "text", value: "n/a", code: "#VALUE!", says: /unknown value "n\/a"; use "committed"/ }
      : kind === "cap"
        ? { what: "text", value: "n/a", code: "#VALUE!", says: /unknown value "n\/a"; use "none"/ }
        : { what: "text", value: "n/a", code: "#VALUE!", says: /text "n\/a"/ },
    { what: "a boolean", value: true, code: "#VALUE!", says: /TRUE/ },
  ];
  // A lifted argument takes a range (DOMAIN.md "Arrays in, arrays out"): see describeErrors.
  if (!lifts) rows.push({ what: "a two-cell range", value: [[1], [2]], code: "#VALUE!", says: /single value/ });
  if (kind !== "change") rows.push({ what: "a negative number", value: -1, code: "#NUM!", says: /-1/ });
  if (kind === "discount") {
    rows.push({ what: "a whole percent (15)", value: 15, code: "#VALUE!", says: /0\.15/ });
    rows.push({ what: "exactly 1", value: 1, code: "#NUM!", says: /\[0, 1\)/ });
  }
  if (kind === "volatility") rows.push({ what: "a whole percent (30)", value: 30, code: "#VALUE!", says: /0\.3/ });
  if (kind === "share" || kind === "cap" || kind === "change") {
    rows.push({ what: "a whole percent (50)", value: 50, code: "#VALUE!", says: /0\.5/ });
    rows.push({ what: "above 100", value: 150, code: "#NUM!", says: /150/ });
  }
  if (kind === "change") rows.push({ what: "-1 or less", value: -1, code: "#NUM!", says: /\(-1, 1\]/ });
  if (kind === "overage" || kind === "listMultiple") {
    rows.push({ what: "a whole percent (80)", value: 80, code: "#VALUE!", says: /0\.8/ });
  }
  if (kind === "months") {
    rows.push({ what: "zero", value: 0, code: "#NUM!", says: /whole number/ });
    rows.push({ what: "a fraction", value: 1.5, code: "#NUM!", says: /whole number/ });
  }
  if (kind === "money") rows.push({ what: "a huge number", value: 1e300, code: "#NUM!", says: /more than/ });
  return rows;
}

const usageRows: Row[] = [
  {
    what: "text in a cell",
    value: column([1, 2, 3, 4, 5, 6, "n/a"]),
    code: "#VALUE!",
    says: /"n\/a" at row 7, column 1/,
  },
  {
    what: "text in the second column",
    value: [
      [1, 2],
      [3, "x"],
    ],
    code: "#VALUE!",
    says: /"x" at row 2, column 2/,
  },
  { what: "a boolean", value: column([1, false]), code: "#VALUE!", says: /FALSE at row 2, column 1/ },
  { what: "a negative month", value: column([1, -5]), code: "#NUM!", says: /-5 at row 2, column 1 is negative/ },
  { what: "all blank", value: column([null, null, ""]), code: "#N/A", says: /no usage/ },
  { what: "all zero", value: column(flat(12, 0)), code: "#N/A", says: /no usage/ },
];

/** The error rows by what a parameter's reader reads (its catalogue kind); other kinds have their own tests. */
const KINDS: Readonly<Record<string, Kind>> = {
  money: "money",
  usage: "usage",
  discount: "discount",
  share: "share",
  cap: "cap",
  change: "change",
  overage: "overage",
  listMultiple: "listMultiple",
  months: "months",
  volatility: "volatility",
};

/** A lifted entry run on raw arguments: its spilled grid. */
function runById(entry: FunctionEntry, args: readonly unknown[]): unknown[][] {
  return (run as (e: FunctionEntry, ...a: unknown[]) => unknown[][])(entry, ...args);
}

/**
 * For each argument, each bad value gives its documented error with a message that names the
 * argument; an Excel error passed in comes back unchanged. The arguments' names and kinds are the
 * catalogue entry's (src/catalogue/functions.ts); what each kind's bad values give is this file's.
 * Arguments read as tables (bands, terms, a price book) or words have their own tests.
 */
export function describeErrors(fn: Fn, entry: FunctionEntry, good: readonly unknown[]) {
  describe("errors", () => {
    test("the good call has one value per parameter", () => expect(good.length).toBe(entry.params.length));
    entry.params.forEach(({ name, param }, i) => {
      const kind = KINDS[param.kind];
      if (!kind) return;
      const lifts = entry.lifts === true && "cell" in param;
      const rows = kind === "usage" ? usageRows : numberRows(kind, lifts);
      test.each(rows)(`${name}: $what gives $code`, ({ value, code, says }) => {
        const args = [...good];
        args[i] = value;
        const error = excelError(() => fn(...args));
        expect(error.code).toBe(code);
        expect(error.message).toMatch(new RegExp(`^${name}: `));
        expect(error.message).toMatch(says);
      });
      test(`${name}: an Excel error passed in comes back unchanged`, () => {
        const args = [...good];
        args[i] = kind === "usage" ? column([1, passedIn, 3]) : passedIn;
        expect(excelError(() => fn(...args))).toBe(passedIn);
      });
      if (!lifts) return;
      test(`${name}: a column of two lifts, and a bad element errors its own cell only`, () => {
        const single = fn(...good);
        const args: unknown[] = [...good];
        args[i] = [[good[i] ?? null], ["n/a"]];
        const grid = runById(entry, args);
        expect(grid.length).toBe(2);
        expect(grid[0]).toEqual([single]);
        const bad = grid[1]![0] as { code: string; message: string };
        expect(bad.code).toBe("#VALUE!");
        expect(bad.message).toMatch(new RegExp(`^${name}: .*"n/a" at row 2, column 1`));
      });
    });
  });
}
