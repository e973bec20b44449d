/**
 * What would close the gap to the native twin: one call per column instead of one per cell. A
 * bench-only HyperFormula function, BENCH.LEDGER_ROWS(commits, usage, discount, overage_rate,
 * carryover, period_months), spills waste, overage billed and total cost for every commit of a
 * range, reading its inputs with the add-in's own readers (the sheet layer's usage reader, the core's
 * money check) and running the core's ledger once per commit over usage gathered into periods once.
 * Not shipped and not a LEVERS function: it measures the design, and is checked like the others.
 */
import { ArraySize, CellError, ErrorType, FunctionArgumentType, FunctionPlugin, HyperFormula } from "hyperformula";
import { SimpleRangeValue } from "hyperformula";
import { ledgerOverPeriods, LeverError, periodize } from "../src/core";
import { parseMoney } from "../src/sheet";
import { arg } from "../src/sheet/readers";
import { ROWS } from "./workload";

const NAME = "BENCH.LEDGER_ROWS";

/** An engine cell as the add-in reads it: numbers plain, empty as null. */
function plain(value: unknown): unknown {
  if (typeof value === "object" && value !== null && "val" in value) return value.val;
  return typeof value === "symbol" ? null : value;
}

class LedgerRows extends FunctionPlugin {
  static implementedFunctions = {
    [NAME]: {
      method: "ledgerRows",
      sizeOfResultArrayMethod: "ledgerRowsSize",
      vectorizationForbidden: true,
      parameters: [
        { argumentType: FunctionArgumentType.RANGE },
        { argumentType: FunctionArgumentType.RANGE },
        { argumentType: FunctionArgumentType.NUMBER },
        { argumentType: FunctionArgumentType.NUMBER },
        { argumentType: FunctionArgumentType.NUMBER },
        { argumentType: FunctionArgumentType.NUMBER },
      ],
    },
  };

  ledgerRows(ast: { args: unknown[] }, state: unknown): unknown {
    return this.runFunction(
      ast.args as never,
      state as never,
      this.metadata(NAME),
      (commits: SimpleRangeValue, usage: SimpleRangeValue, discount: number, m: number, k: number, p: number) => {
        const series = arg.usage().read(
          "usage",
          usage.rawData().map((row) => row.map(plain)),
        );
        if (series instanceof LeverError) return new CellError(ErrorType.VALUE, series.message);
        const deal = { commit: 0, discount, overageRate: m, carryover: k, periodMonths: p };
        const periods = periodize(series, deal);
        const rows: number[][] = [];
        const cells = commits.rawData();
        for (let r = 0; r < cells.length; r++) {
          const commit = parseMoney("commits", plain(cells[r]![0]) as number, { row: r + 1, column: 1 });
          if (commit instanceof LeverError) return new CellError(ErrorType.NUM, commit.message);
          const run = ledgerOverPeriods(periods, { ...deal, commit });
          rows.push([run.forfeited, run.billedOverage, run.totalCost]);
        }
        return SimpleRangeValue.onlyNumbers(rows);
      },
    );
  }

  /** The spill's size: three figures for each of the workload's rows (a prototype knows its sheet). */
  ledgerRowsSize(): ArraySize {
    return new ArraySize(3, ROWS);
  }
}

let registered = false;

/** Registers BENCH.LEDGER_ROWS with HyperFormula (once). */
export function registerLedgerRows(): void {
  if (registered) return;
  const names = { [NAME]: NAME };
  HyperFormula.registerFunctionPlugin(LedgerRows, { enGB: names, enUS: names });
  registered = true;
}
