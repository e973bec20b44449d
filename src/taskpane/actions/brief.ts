/**
 * "Write the negotiation brief": a new sheet with the ranked asks, a live COMMIT_CURVE and a chart
 * of it; and adding a chart once the formula it draws has calculated (the tracking sheet's too).
 */
import * as F from "../../catalogue/functions";
import { formula } from "../../catalogue/formula";
import { freshName, quoteSheet, renameNames } from "../../sheet/a1";
import { gainsSentence } from "../steps";
import { briefLayout } from "../../model/brief";
import { ChartSpec, done, Outcome, refuse } from "../port/port";
import { again } from "../state";
import { delay, localDate, Store } from "./store";

export function writeBrief(store: Store): Promise<Outcome<string>> {
  return store.act(() => writeBriefNow(store), again("writeBrief"));
}

async function writeBriefNow(store: Store): Promise<Outcome<string>> {
  const { figures, data } = store.state;
  if (!figures || !data) return refuse("not-found", "Build the model first.");
  // The sheet and its cells go in one batch, so a failed sync leaves neither behind.
  const sheet = freshName("Brief", await store.port.sheetNames());
  const { rows, all, draftCost, yardstick } = figures.summary;
  const curve = figures.steps.size.formulas.find((f) => f.id === "curve")!;
  const brief = briefLayout({
    sheet,
    date: localDate(),
    draftCost,
    rows,
    all,
    ...(yardstick ? { yardstick } : {}),
    curveFormula: curve.formula,
    // The spill's size is known from the core: header + one row per commit on the curve.
    curvePoints: figures.steps.size.curve?.rows.length ?? 25,
    ...(figures.summary.uncertainty
      ? {
          uncertainty: {
            sentence: gainsSentence(figures.summary),
            riskFormula: figures.steps.size.formulas.find((f) => f.id === "risk")!.formula,
            leverFormula: renameNames(
              formula(F.LEVER_VALUES, {
                usage: "Usage",
                terms: "Deal",
                volatility: "Volatility",
                growth_volatility: "GrowthVolatility",
              }),
              data.names,
            ),
          },
        }
      : {}),
  });
  const q = quoteSheet(sheet);
  const written = await store.port.batch([
    { kind: "addSheet", name: sheet },
    { kind: "write", address: `${q}!A1`, cells: brief.grid.map((row) => [...row]) },
  ]);
  if (!written.ok) {
    store.say(written, "", again("writeBrief"));
    return written;
  }
  const wrote = `Wrote the negotiation brief on sheet ${sheet}.`;
  return addChart(
    store,
    brief.curveCell,
    { sheet, ...brief.chart },
    {
      done: wrote,
      notYet: `Wrote the negotiation brief on sheet ${sheet}, but its curve has not calculated yet, so the chart was not added.`,
    },
    sheet,
  );
}

/**
 * Adds a chart once the formula at `cell` has calculated (custom functions show #BUSY! first:
 * custom-functions-troubleshooting); `words.done` is what to say then. When it has not calculated in
 * time, or Excel refuses the chart, the sheets stay written and "Try again" retries the chart alone.
 */
export async function addChart(
  store: Store,
  cell: string,
  spec: ChartSpec,
  words: { readonly done: string; readonly notYet: string },
  value: string,
): Promise<Outcome<string>> {
  const retry = again("addChart", cell, spec, words, value);
  return store.act(async () => {
    if (!(await waitForCalculation(store, cell))) {
      return store.offer(`${words.notYet} Check that the add-in is running, then try again.`, retry);
    }
    const chart = await store.port.addChart(spec);
    store.say(chart, words.done, retry);
    return chart.ok ? done(value) : chart;
  }, retry);
}

/** Polls a formula cell until it no longer reads #BUSY!, for at most the store's `chartWaitMs`. */
async function waitForCalculation(store: Store, address: string): Promise<boolean> {
  const deadline = Date.now() + store.chartWaitMs;
  for (let wait = 25; ; wait = Math.min(wait * 2, 500)) {
    const read = await store.port.readRange(address).catch(() => refuse("failed", "read failed"));
    if (read.ok && !isBusyValue(read.value.values[0]?.[0])) return true;
    if (Date.now() + wait > deadline) return false;
    await delay(wait);
  }
}

/** A value Excel shows while a custom function is still computing. */
export function isBusyValue(value: unknown): boolean {
  return value === "#BUSY!" || value === "#GETTING_DATA";
}
