/** The pane's handlers over the in-memory port: figures, inputs, formulas, status, live refresh, the brief. */
import "../helpers/customFunctions";
import { FUNCTIONS as CATALOGUE, FunctionId } from "../../src/catalogue/functions";
import { run } from "../../src/functions/runner";
import * as sizing from "../../src/functions/sizing";
import { DEAL_TERMS, dealCell, sampleTokens } from "../../src/model/definition";
import { calculateModelFormula, parseCall } from "../../src/taskpane/port/modelCalc";
import { Pane, STATUS_SETTING } from "../../src/taskpane/pane";
import { memoryPort, MemoryWorkbook } from "../../src/taskpane/port/memoryPort";
import type { GuardedPort } from "../../src/taskpane/port/port";
import { STEP_IDS } from "../../src/taskpane/steps";
import { memoryPane, samplePane } from "./helpers";
import { expectedFigures, sampleUsage } from "./sampleGoldens";

/** Evaluates one `=LEVERS.X(...)` through the real functions layer, reading refs from the workbook. */
async function viaFunctions(port: GuardedPort, formula: string): Promise<number> {
  // Each adapter is one `run` of its catalogue entry: call the runner on the entry the formula names.
  const runAny = run as (entry: unknown, ...args: unknown[]) => unknown;
  const table =
    (name: string) =>
    (...args: unknown[]) =>
      runAny(CATALOGUE[name.replace(/^LEVERS\./, "") as FunctionId], ...args);
  // A difference of two calls (the term step): evaluate each side.
  const split = formula.indexOf(")-LEVERS.");
  if (split > 0)
    return (
      (await viaFunctions(port, formula.slice(0, split + 1))) -
      (await viaFunctions(port, `=${formula.slice(split + 2)}`))
    );
  const call = parseCall(formula)!;
  const names = new Set((await port.nameList()).map((n) => n.toLowerCase()));
  const args = await Promise.all(
    call.args.map(async (a) => {
      if (a.kind === "number") return a.value;
      if (a.kind === "text") return a.text;
      if (a.kind === "array") return a.values;
      const named = names.has(a.ref.toLowerCase());
      const read = named ? await port.readName(a.ref) : await port.readRange(a.ref);
      if (!read.ok) throw new Error(`cannot read ${a.ref}: ${read.message}`);
      // As Excel passes them: an empty cell is null, a one-cell reference a single value.
      const cleaned = read.value.values.map((row) => row.map((v) => (v === "" ? null : v)));
      return cleaned.length === 1 && cleaned[0]!.length === 1 && !named ? cleaned[0]![0] : cleaned;
    }),
  );
  const result = table(call.name)(...args);
  // A lifted function (DOMAIN.md "Arrays in, arrays out") returns a 1x1 array for single values.
  if (!Array.isArray(result)) return result as number;
  const grid = result as unknown[][];
  expect([grid.length, grid[0]!.length]).toEqual([1, 1]);
  return grid[0]![0] as number;
}

describe("figures", () => {
  it("shows, for every step and the summary, the core's figures for the sample model", async () => {
    const { pane } = await samplePane();
    const { usage, optimized } = sampleUsage();
    const expected = expectedFigures(usage, optimized);
    const figures = pane.state.figures!;
    STEP_IDS.forEach((id, i) => expect(figures.steps[id].headline.value).toBeCloseTo(expected.steps[i]!, 6));
    expect(figures.summary.rows.map((r) => r.value)).toEqual(expected.levers.map((v) => expect.closeTo(v, 6)));
    expect(figures.summary.all.value).toBeCloseTo(expected.total, 6);
    expect(figures.summary.rows.filter((r) => r.vendorCost === "low").map((r) => r.key)).toEqual(
      expect.arrayContaining(["overage_rate", "renewal_cap", "carryover"]),
    );
  });

  it("gives the same figure as each inserted LEVERS.* formula, evaluated by the functions layer", async () => {
    const { pane, port } = await samplePane();
    let checked = 0;
    for (const id of STEP_IDS) {
      for (const f of pane.state.figures!.steps[id].formulas) {
        if (f.value === undefined || !f.formula.startsWith("=LEVERS.")) continue;
        expect(await viaFunctions(port, f.formula)).toBeCloseTo(f.value, 4);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(9);
    // With the commit above usage, periods go unused and each clause's cost depends on every term
    // the formula passes (and on none it does not): the figures must still be the formulas'.
    await pane.setInput("commit.draft", "$6,000,000");
    for (const id of STEP_IDS) {
      for (const f of pane.state.figures!.steps[id].formulas) {
        if (f.value === undefined || !f.formula.startsWith("=LEVERS.")) continue;
        expect([f.label, await viaFunctions(port, f.formula)]).toEqual([f.label, expect.closeTo(f.value, 4)]);
      }
    }
    // The summary ranks what LEVER_VALUES(Usage, Deal) spills.
    const usage = await port.readName("Usage");
    const deal = await port.readName("Deal");
    if (!usage.ok || !deal.ok) throw new Error("the sample model has Usage and Deal");
    const blanks = (values: unknown[][]) => values.map((r) => r.map((v) => (v === "" ? null : v)));
    const spilled = sizing.leverValues(blanks(usage.value.values), blanks(deal.value.values));
    const rows = pane.state.figures!.summary.rows;
    const asks = spilled.slice(1, -1).filter((r) => r[5] !== "yardstick");
    expect(asks.map((r) => r[3])).toEqual(rows.map((r) => expect.closeTo(r.value, 6)));
    // The summary's yardstick is LEVER_VALUES's yardstick row.
    const yardstick = spilled.find((r) => r[5] === "yardstick")!;
    expect(yardstick[3]).toBeCloseTo(pane.state.figures!.summary.yardstick!.value, 6);
  });

  it("warns when the commit is above the optimized baseline and the next band cannot be filled", async () => {
    const { pane } = await samplePane();
    const size = pane.state.figures!.steps.size;
    expect(size.warnings.join(" ")).toMatch(/above your optimized baseline/);
    expect(size.warnings.join(" ")).toMatch(/next band \(\$5,000,000 for 20%\) is out of reach/);
    expect(size.curve?.rows.length).toBeGreaterThan(20);
    // At a small commit the next band is within reach: leverage, not a warning.
    await pane.setInput("commit.draft", "$900,000");
    const small = pane.state.figures!.steps.size;
    expect(small.warnings.join(" ")).not.toMatch(/above your optimized baseline/);
    expect(small.notes.join(" ")).toMatch(/Leverage: your optimized usage fills the next band/);
  });
});

describe("inputs bound to the deal cells", () => {
  it("writes the cell and refreshes; a cell edit shows in the input", async () => {
    const { pane, workbook } = await samplePane();
    const commit = {
      id: "commit.draft",
      label: "",
      kind: "money",
      target: { deal: "commit", column: "draft" },
    } as const;
    expect(pane.inputText(commit)).toBe("$3,000,000");
    expect(pane.inputCell(commit)).toBe("Deal!$B$2");
    expect(await pane.setInput("commit.draft", "$2,500,000")).toEqual({ ok: true, value: undefined });
    expect(workbook.cell("Deal!B2")?.value).toBe(2_500_000);
    const { usage, optimized } = sampleUsage();
    expect(pane.state.figures!.steps.overage.headline.value).toBeCloseTo(
      expectedFigures(usage, optimized, 2_500_000).steps[3]!,
      6,
    );
    workbook.edit("Deal!B2", 2_000_000);
    await pane.refresh();
    expect(pane.inputText(commit)).toBe("$2,000,000");
    expect(await pane.setInput("discount.ask", "20%")).toMatchObject({ ok: true });
    expect(workbook.cell("Deal!C3")?.value).toBe(0.2);
    // No cap is the word "none" (a blank cell is 0 on Excel desktop: DOMAIN.md "Blank cells inside ranges").
    expect(await pane.setInput("renewal_cap.draft", "")).toMatchObject({ ok: true });
    expect(workbook.cell(dealCell("renewal_cap", "draft").replace(/\$/g, ""))?.value).toBe("none");
    expect(await pane.setInput("ratchet.ask", "yes")).toMatchObject({ ok: true });
    expect(workbook.cell("Deal!C9")?.value).toBe(1);
    expect(await pane.setInput("overage_rate.draft", "committed")).toMatchObject({ ok: true });
    expect(await pane.setInput("CacheHit", "40%")).toMatchObject({ ok: true });
    // CacheHit is the first assumption, two rows below the terms table.
    expect(workbook.cell(`Deal!B${DEAL_TERMS.length + 4}`)?.value).toBe(0.4);
  });

  it("refuses text it cannot read and values the core rejects, and writes nothing", async () => {
    const { pane, workbook } = await samplePane();
    expect(await pane.setInput("commit.draft", "lots")).toMatchObject({
      ok: false,
      message: expect.stringContaining("not an amount"),
    });
    expect(await pane.setInput("discount.draft", "100%")).toMatchObject({
      ok: false,
      message: expect.stringContaining("outside [0, 1)"),
    });
    expect(workbook.cell("Deal!B3")?.value).toBe(0.15);
    expect(pane.state.message?.kind).toBe("error");
  });

  it("keeps the shorter term to compare in the settings", async () => {
    const { pane, workbook } = await samplePane();
    await pane.setInput("termOption", "18");
    expect(workbook.settings.get("commitLevers.termOption")).toBe(18);
    const { usage, optimized } = sampleUsage();
    expect(pane.state.figures!.steps.term.headline.value).toBeCloseTo(
      expectedFigures(usage, optimized, undefined, 18).steps[6]!,
      6,
    );
  });
});

describe("Insert formula", () => {
  it("writes the step's formula at an empty selection", async () => {
    const { pane, workbook } = await samplePane();
    workbook.select("Summary!D3");
    const inserted = await pane.insertFormula("overage");
    expect(inserted).toEqual({ ok: true, value: "Summary!D3" });
    expect(workbook.cell("Summary!D3")?.formula).toBe(
      "=LEVERS.OVERAGE_VALUE(Deal!$B$2,Usage,Deal!$B$3,Deal!$B$4,Deal!$B$5,Deal!$B$6)",
    );
  });

  it("refuses a non-empty cell, the user's or the model's, with a message", async () => {
    const { pane, workbook } = await samplePane();
    workbook.select("Deal!B2");
    expect(await pane.insertFormula("overage")).toEqual({
      ok: false,
      code: "occupied",
      message: "Deal!B2 is not empty. Select an empty cell and try again; nothing was written.",
    });
    expect(workbook.cell("Deal!B2")?.value).toBe(3_000_000);
    workbook.addUserSheet("Mine");
    workbook.edit("Mine!A1", 42);
    workbook.select("Mine!A1");
    expect((await pane.insertFormula("size")).ok).toBe(false);
    expect(workbook.cell("Mine!A1")?.value).toBe(42);
  });

  it("never writes into a non-empty user cell, but may rewrite its own", async () => {
    const { port, workbook } = await samplePane();
    workbook.addUserSheet("Mine");
    workbook.edit("Mine!B2", "keep me");
    const refused = await port.write("Mine!A1", [
      [{ value: 1 }, { value: 2 }],
      [{ value: 3 }, { value: 4 }],
    ]);
    expect(refused).toEqual({
      ok: false,
      code: "occupied",
      message: "Mine!B2 already holds your data, so Commit Levers did not write there. Clear it or pick another place.",
    });
    expect(workbook.cell("Mine!A1")).toBeUndefined();
    // A null entry leaves its cell alone, so writing around the user's cell is fine.
    expect(
      (
        await port.write("Mine!A1", [
          [{ value: 1 }, { value: 2 }],
          [{ value: 3 }, null],
        ])
      ).ok,
    ).toBe(true);
    expect((await port.write("Mine!A1", [[{ value: 10 }]])).ok).toBe(true);
    expect(workbook.cell("Mine!A1")?.value).toBe(10);
  });
});

describe("done / skip status", () => {
  it("survives reopening: it is kept in the document settings", async () => {
    const { pane, workbook } = await samplePane();
    await pane.setStatus("overage", "done");
    await pane.setStatus("term", "skipped");
    expect(workbook.settings.get(STATUS_SETTING)).toMatchObject({ overage: "done", term: "skipped" });
    await pane.dispose();
    // Reopen: a new port and pane over the same document.
    const reopened = new Pane(memoryPort(workbook));
    await reopened.start();
    expect(reopened.state.statuses).toMatchObject({ overage: "done", term: "skipped", optimize: "open" });
    // Ownership survives too: the reopened pane may still edit its own deal cells.
    expect((await reopened.setInput("commit.draft", "2000000")).ok).toBe(true);
    await reopened.dispose();
  });
});

describe("live refresh", () => {
  afterEach(() => jest.useRealTimers());

  it("refreshes once, 300 ms after a burst of usage changes, with the core's new figures", async () => {
    const { pane, workbook } = await samplePane();
    jest.useFakeTimers();
    const refresh = jest.spyOn(pane, "refresh");
    workbook.edit("Usage!B2", 20_000);
    jest.advanceTimersByTime(100);
    workbook.edit("Usage!B2", 36_000);
    expect(pane.refreshPending).toBe(true);
    jest.advanceTimersByTime(299);
    expect(refresh).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(refresh).toHaveBeenCalledTimes(1);
    await refresh.mock.results[0]!.value;
    const tokens = sampleTokens(24);
    tokens[0]![0] = { ...tokens[0]![0]!, input: 36_000 };
    const { usage, optimized } = sampleUsage(tokens);
    expect(pane.state.figures!.steps.overage.headline.value).toBeCloseTo(
      expectedFigures(usage, optimized).steps[3]!,
      6,
    );
    await pane.dispose();
  });

  it("waits and looks again while Excel is still calculating (#BUSY!)", async () => {
    const workbook = new MemoryWorkbook(calculateModelFormula);
    // A long debounce: no change-event refresh overlaps the one under test.
    const pane = new Pane(memoryPort(workbook), { debounceMs: 60_000 });
    await pane.start();
    expect((await pane.buildModel(true)).ok).toBe(true);
    await workbook.calculated();
    workbook.edit("Usage!H2", "#BUSY!");
    await workbook.calculated();
    await pane.refresh();
    expect(pane.state.phase).toBe("loading");
    expect(pane.refreshPending).toBe(true);
    await pane.dispose();
  });

  it("stops listening after dispose", async () => {
    const { pane, workbook } = await samplePane();
    await pane.dispose();
    workbook.edit("Usage!B2", 20_000);
    expect(pane.refreshPending).toBe(false);
  });
});

describe("Write the negotiation brief", () => {
  it("adds a sheet with the ranked asks as values, a live COMMIT_CURVE and a line chart over it", async () => {
    const { pane, workbook } = await samplePane();
    const brief = await pane.writeBrief();
    expect(brief).toEqual({ ok: true, value: "Brief" });
    const rows = pane.state.figures!.summary.rows;
    expect(workbook.cell("Brief!B4")?.value).toBe("Ask");
    rows.forEach((r, i) => {
      expect(workbook.cell(`Brief!B${5 + i}`)?.value).toBe(r.lever);
      expect(workbook.cell(`Brief!E${5 + i}`)?.value).toBe(r.value);
      expect(workbook.cell(`Brief!E${5 + i}`)?.formula).toBeUndefined();
      expect(workbook.cell(`Brief!H${5 + i}`)?.value).toBe(r.vendorCost === "low" ? "yes" : "");
    });
    // Below the asks, unranked: the yardstick (one point of headline discount), then all asks together.
    const yardstick = pane.state.figures!.summary.yardstick!;
    expect(workbook.cell(`Brief!A${5 + rows.length}`)?.value ?? "").toBe("");
    expect(workbook.cell(`Brief!B${5 + rows.length}`)?.value).toBe("One point of headline discount");
    expect(workbook.cell(`Brief!E${5 + rows.length}`)?.value).toBe(yardstick.value);
    expect(workbook.cell(`Brief!B${6 + rows.length}`)?.value).toBe("All asks together");
    const curveRow = 5 + rows.length + 5;
    expect(workbook.cell(`Brief!A${curveRow}`)?.formula).toBe(
      "=LEVERS.COMMIT_CURVE(Optimized,Bands,Deal!$B$4,Deal!$B$5,Deal!$B$6,Volatility,,GrowthVolatility)",
    );
    const n = pane.state.figures!.steps.size.curve!.rows.length;
    // One series on the spill's data rows only: the header row is not a point (issue finding 5).
    expect(workbook.charts).toEqual([
      expect.objectContaining({
        sheet: "Brief",
        seriesName: "Expected cost over the term",
        categories: `Brief!A${curveRow + 1}:A${curveRow + n}`,
        values: `Brief!C${curveRow + 1}:C${curveRow + n}`,
      }),
    ]);
    // Added after the curve calculated: the COMMIT_CURVE cell no longer read #BUSY! (custom functions are asynchronous).
    expect(workbook.charts[0]!.valuesAtCreation).not.toContain("#BUSY!");
    expect((await pane.writeBrief()).ok && (await workbook.sheetNames()).includes("Brief (2)")).toBe(true);
  });

  it("needs a model first", async () => {
    const { pane } = memoryPane();
    await pane.start();
    expect(await pane.writeBrief()).toMatchObject({ ok: false, code: "not-found" });
  });
});

describe("when Excel refuses or fails (the faithful host)", () => {
  it("a click while a cell is being edited waits for the edit to end (delayForCellEdit), then runs", async () => {
    const { pane, workbook } = await samplePane();
    workbook.enterCellEdit();
    const writing = pane.setInput("commit.draft", "$2,500,000");
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(workbook.cell("Deal!B2")?.value).toBe(3_000_000);
    workbook.leaveCellEdit();
    expect(await writing).toMatchObject({ ok: true });
    expect(workbook.cell("Deal!B2")?.value).toBe(2_500_000);
    await pane.dispose();
  });

  it("an Excel that ignores delayForCellEdit: the pane says to finish the edit, and Try again works", async () => {
    const { pane, workbook } = await samplePane();
    workbook.honoursDelayForCellEdit = false;
    workbook.enterCellEdit();
    const refused = await pane.setInput("commit.draft", "$2,500,000");
    expect(refused).toMatchObject({ ok: false, code: "failed" });
    expect(pane.state.message).toEqual({
      kind: "error",
      text: "Excel is editing a cell. Press Enter or Esc to finish the edit, then try again.",
      retry: { action: "setInput", args: ["commit.draft", "$2,500,000"] },
    });
    expect(workbook.cell("Deal!B2")?.value).toBe(3_000_000);
    workbook.leaveCellEdit();
    await pane.retry();
    expect(workbook.cell("Deal!B2")?.value).toBe(2_500_000);
    expect(pane.state.message).toBeUndefined();
    await pane.dispose();
  });

  it("Excel.run failing on start: the pane shows why in words with Try again, never 'Reading…' for ever", async () => {
    const workbook = new MemoryWorkbook();
    const pane = new Pane(memoryPort(workbook));
    // Registering the change handlers fails (an Excel.run like any other).
    workbook.failNextCalls(1);
    await expect(pane.start()).resolves.toBeUndefined();
    expect(pane.state.phase).toBe("failed");
    expect(pane.state.problem).toBe(
      "Excel could not finish: There was an internal error while processing the request.",
    );
    expect(pane.state.message?.retry).toEqual({ action: "start", args: [] });
    await pane.retry();
    expect(pane.state.phase).toBe("setup");
    await pane.dispose();
  });

  it("a refresh that fails keeps the figures and offers Try again; no unhandled rejection", async () => {
    const { pane, workbook } = await samplePane();
    const figures = pane.state.figures;
    workbook.failNextCalls(1);
    await expect(pane.refresh()).resolves.toBeUndefined();
    expect(pane.state.figures).toBe(figures);
    expect(pane.state.message).toMatchObject({ kind: "error", retry: { action: "refresh", args: [] } });
    await pane.retry();
    expect(pane.state.phase).toBe("ready");
    await pane.dispose();
  });

  it("the brief's chart waits for its COMMIT_CURVE spill: none while #BUSY!, and says so", async () => {
    const { pane, workbook } = await samplePane();
    workbook.calculationDelayMs = 60_000;
    pane.chartWaitMs = 100;
    const brief = await pane.writeBrief();
    expect(brief).toMatchObject({ ok: false, code: "failed" });
    expect(pane.state.message?.text).toMatch(/its curve has not calculated yet, so the chart was not added/);
    expect(workbook.charts).toEqual([]);
    // Try again adds the chart to the brief already written: no second Brief sheet.
    workbook.finishCalculation();
    await pane.retry();
    expect(workbook.charts).toHaveLength(1);
    expect((await workbook.sheetNames()).filter((s) => s.startsWith("Brief"))).toEqual(["Brief"]);
    expect(pane.state.message?.text).toBe("Wrote the negotiation brief on sheet Brief.");
    await pane.dispose();
  });
});

describe("the pane's workbook work starts when it is shown (shared runtime)", () => {
  it("hidden at load: nothing runs until shown; hidden again stops; shown again starts", async () => {
    const { whileShown } = await import("../../src/taskpane/taskpane");
    const calls: string[] = [];
    let listener: (shown: boolean) => void = () => undefined;
    whileShown(
      { shown: () => false, onChange: (l) => (listener = l) },
      () => Promise.resolve(void calls.push("start")),
      () => Promise.resolve(void calls.push("stop")),
    );
    expect(calls).toEqual([]);
    listener(true);
    listener(true);
    listener(false);
    listener(true);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(calls).toEqual(["start", "stop", "start"]);
  });
});
