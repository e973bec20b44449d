/**
 * A model-based fuzz of the task pane over the Excel-faithful in-memory workbook (issue "Behave like
 * real Excel", item 3). Random sequences of what a person does: Build the model, Use my data (one
 * range, a whole column, several areas), edits anywhere, renaming sheets, defining names, Write the
 * brief, inputs and Insert formula, with injected sync failures and cell-edit mode, on the desktop or
 * the web. After every step:
 *   1. no cell or name the user owns changed;
 *   2. every model copy is whole: each LEVERS.* formula names only that copy's own defined names, and
 *      they all exist; each copy's list dollars equal the core's (tokens x the built-in price book);
 *   3. no unhandled rejection;
 *   4. the pane shows figures or a message (never "Reading the workbook…" once Excel has settled);
 *   5. every `recalculationEvery` steps (when given), every formula holds what evaluating it afresh
 *      gives: the in-memory workbook recalculates incrementally (memoryPort.ts), and this checks
 *      that it missed no change (a full evaluation, too slow for every step of a long run).
 * `runPaneFuzz` returns the steps it ran; a broken invariant throws with the seed and the steps so far.
 */
import * as core from "../../src/core";
import { MODELS } from "../../src/model/definition";
import { cellAddress, parseAddress, quoteSheet, renameSheetRefs } from "../../src/sheet/a1";
import { Platform } from "../../src/taskpane/port/excel";
import { callsCustomFunction, MemoryWorkbook, memoryPort } from "../../src/taskpane/port/memoryPort";
import { calculateModelFormula } from "../../src/taskpane/port/modelCalc";
import { Pane } from "../../src/taskpane/pane";
import { CellValue } from "../../src/taskpane/port/port";
import { ModelRecord, MODEL_SETTING } from "../../src/taskpane/record";
import { STEPS, STEP_IDS } from "../../src/taskpane/steps";
import { mulberry32 } from "../../bench/exportsGen";

/** mulberry32 (the bench's seeded generator), so a failing run replays from its seed. */
const random = mulberry32;

const USER_VALUES: readonly CellValue[] = [42, 0, -3.5, "note", "=SUM(1,2)", true, 1e15, "<b>x</b>"];
const INPUT_TEXTS = ["$2,000,000", "15%", "0", "", "none", "committed", "yes", "abc", "12", "150%", "-5"];

interface Copy {
  readonly sheets: readonly string[];
  readonly names: ReadonlyMap<string, string>;
  readonly mode: ModelRecord["mode"];
}

export interface FuzzOptions {
  /** Check invariant 5 (the incremental recalculation) after every this many steps; never when 0 or left out. */
  readonly recalculationEvery?: number;
}

export interface FuzzResult {
  readonly steps: number;
  readonly actions: Readonly<Record<string, number>>;
}

/** The names the model defines (Usage, Deal_2, PriceBook, ...): a formula naming one that is not defined is broken. */
const MODEL_NAME = /^(usage|deal|bands|optimized|renewal|tokens|pricebook)/;

/** The words (name-like tokens outside quotes) of a formula, with their lower case; the same formulas are checked after every step. */
const WORDS = new Map<string, readonly (readonly [string, string])[]>();
function wordsOf(formula: string): readonly (readonly [string, string])[] {
  let words = WORDS.get(formula);
  if (!words) {
    words = (
      formula.replace(/"[^"]*"|'[^']*'/g, "").match(/(?<![A-Za-z0-9_.$!])[A-Za-z_][A-Za-z0-9_]*(?![A-Za-z0-9_.!(])/g) ??
      []
    ).map((word) => [word, word.toLowerCase()] as const);
    if (WORDS.size > 100_000) WORDS.clear();
    WORDS.set(formula, words);
  }
  return words;
}

const settle = async (workbook: MemoryWorkbook): Promise<void> => {
  for (let i = 0; i < 3; i++) {
    await workbook.calculated();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
};

/** Runs `steps` random steps on `platform` from `seed`. */
export async function runPaneFuzz(
  steps: number,
  seed: number,
  platform: Platform,
  options: FuzzOptions = {},
): Promise<FuzzResult> {
  const rand = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const unhandled: unknown[] = [];
  const onUnhandled = (e: unknown) => unhandled.push(e);
  process.on("unhandledRejection", onUnhandled);

  const workbook = new MemoryWorkbook(calculateModelFormula);
  workbook.platform = platform;
  let userSheet = "Mine";
  workbook.addUserSheet(userSheet);
  /** The user's own cells, by row:column on the user's sheet, and the user's own names. */
  const userCells = new Map<string, CellValue>();
  const userNames = new Map<string, string>();
  const type = (row: number, column: number, value: CellValue) => {
    workbook.edit(`${quoteSheet(userSheet)}!${cellAddress(row, column)}`, value);
    if (value === null || value === "") userCells.delete(`${row}:${column}`);
    else userCells.set(`${row}:${column}`, value);
  };
  // Twelve months of usage for two models, with a header: what "Use my data" reads.
  type(0, 0, "Opus $");
  type(0, 1, "Sonnet $");
  for (let r = 1; r <= 12; r++) {
    type(r, 0, 100_000 + 1_000 * r);
    type(r, 1, 50_000 + 500 * r);
  }
  const copies: Copy[] = [];
  /** The built-in price book's row for each model: the core's list prices (a constant, looked up once). */
  const prices = MODELS.map((m) => core.findModel(core.DEFAULT_PRICE_BOOK, "model", m.name) as core.PriceRow);
  const pane = new Pane(memoryPort(workbook), { debounceMs: 0 });
  pane.chartWaitMs = 200;
  await pane.start();
  const log: string[] = [];
  const actions: Record<string, number> = {};

  /** Sheets the user renamed, from -> to: the pane's record keeps the names a copy was built with. */
  const renamed = new Map<string, string>();
  const current = (sheet: string): string => {
    let name = sheet;
    for (let hops = 0; renamed.has(name) && hops < 1000; hops++) name = renamed.get(name)!;
    return name;
  };
  const recordCopy = async () => {
    const record = (await memoryPort(workbook).getSetting(MODEL_SETTING)) as ModelRecord | undefined;
    if (!record) return;
    // A record written before a rename names the sheet as it was; a sheet of that name now is a new one.
    const existing = await workbook.sheetNames();
    const sheets = record.sheets.map((sheet) => (existing.includes(sheet) ? sheet : current(sheet)));
    const key = JSON.stringify(sheets);
    if (copies.some((c) => JSON.stringify(c.sheets) === key)) return;
    copies.push({ sheets, names: new Map(Object.entries(record.names ?? {})), mode: record.mode });
  };

  const renameInCopies = (from: string, to: string) => {
    copies.forEach((c, i) => {
      if (c.sheets.includes(from)) copies[i] = { ...c, sheets: c.sheets.map((s) => (s === from ? to : s)) };
    });
  };

  /** The first steps walk every kind of action once (build, use my data, brief, rename, failure, cell edit). */
  const prologue = [0.05, 0.1, 0.5, 0.38, 0.8, 0.86];
  const step = async (done: number): Promise<string> => {
    const roll = done <= prologue.length ? prologue[done - 1]! : rand();
    const sheets = await workbook.sheetNames();
    if (roll < 0.08 && copies.length < 4) {
      const sample = rand() < 0.8;
      const built = await pane.buildModel(sample);
      if (built.ok) await recordCopy();
      return `build(${sample}) ${built.ok ? "ok" : built.message}`;
    }
    if (roll < 0.14 && copies.length < 4) {
      const address = pick([
        `${quoteSheet(userSheet)}!A1:B13`,
        `${quoteSheet(userSheet)}!A:B`,
        `${quoteSheet(userSheet)}!A1:A13,${quoteSheet(userSheet)}!B1:B13`,
        `${quoteSheet(userSheet)}!A2:B7`,
      ]);
      workbook.select(address);
      const used = await pane.useMyData();
      if (used.ok) await recordCopy();
      return `useMyData(${address}) ${used.ok ? "ok" : used.message}`;
    }
    if (roll < 0.34) {
      // An edit anywhere: the user's own sheet, or a model copy's usage and deal cells.
      if (rand() < 0.4 || copies.length === 0) {
        const row = 14 + Math.floor(rand() * 10);
        const column = Math.floor(rand() * 6);
        const value = pick(USER_VALUES);
        type(row, column, value);
        return `user edit ${userSheet}!${cellAddress(row, column)} = ${String(value)}`;
      }
      const copy = pick(
        copies.filter((c) => c.mode !== "mine").length ? copies.filter((c) => c.mode !== "mine") : copies,
      );
      const sheet = copy.sheets[0]!;
      if (!sheets.includes(sheet)) return "edit skipped (sheet gone)";
      const address = `${quoteSheet(sheet)}!${cellAddress(1 + Math.floor(rand() * 24), 1 + Math.floor(rand() * 6))}`;
      const value = pick([0, 1, 500, 12_000, null, "n/a"]);
      try {
        workbook.edit(address, value);
      } catch {
        return `edit skipped (${address})`;
      }
      return `model edit ${address} = ${String(value)}`;
    }
    if (roll < 0.4) {
      const model = copies.map((c) => c.sheets).flat();
      const candidates = [userSheet, ...model.filter((s) => sheets.includes(s))];
      const from = pick(candidates);
      const to = `${from.replace(/ \(\d+\)$/, "")} r${Math.floor(rand() * 1000)}`;
      if (sheets.includes(to)) return "rename skipped";
      workbook.renameSheet(from, to);
      renamed.set(from, to);
      if (from === userSheet) userSheet = to;
      // Excel rewrites references to a renamed sheet in every formula, the user's included.
      for (const [key, value] of userCells) {
        if (typeof value === "string" && value.startsWith("="))
          userCells.set(key, renameSheetRefs(value, new Map([[from, to]])));
      }
      renameInCopies(from, to);
      for (const [name, ref] of userNames) {
        const renamed = ref.replace(`${quoteSheet(from)}!`, `${quoteSheet(to)}!`);
        userNames.set(name, renamed);
      }
      return `rename ${from} -> ${to}`;
    }
    if (roll < 0.44) {
      const name = pick(["Usage", "Deal", "Bands", "MyTotal", "Usage_2", "Deal_3"]);
      if ((await workbook.nameList()).some((n) => n.toLowerCase() === name.toLowerCase())) return "name skipped";
      const ref = `${quoteSheet(userSheet)}!$A$2:$B$13`;
      workbook.addUserName(name, ref);
      userNames.set(name, ref);
      return `user name ${name}`;
    }
    if (roll < 0.49) {
      const brief = await pane.writeBrief();
      return `brief ${brief.ok ? "ok" : brief.message}`;
    }
    if (roll < 0.52) {
      // After signing: sign (again, or not), a month of actuals, the threshold, the renewal brief.
      const what = pick(["sign", "actual", "threshold", "renewal"] as const);
      const outcome =
        what === "sign"
          ? await pane.signDeal({ commit: pick(["", "1000000", "lots"]) }, pick(["", "$5,000", "-1"]), rand() < 0.5)
          : what === "actual"
            ? await pane.addActualMonth(pick(["100000", "0", "n/a", "$2,500"]))
            : what === "threshold"
              ? await pane.setThreshold(pick(["", "10000", "x"]))
              : await pane.writeRenewalBrief();
      return `${what} ${outcome.ok ? "ok" : outcome.message}`;
    }
    if (roll < 0.66) {
      const input = pick(STEPS.flatMap((s) => s.inputs));
      let text = pick(INPUT_TEXTS);
      let typed = "";
      if (rand() < 0.5) {
        // As a person types: the text is a draft first, a refresh comes between typing and leaving the
        // field (a recalculation, a co-author), and the draft must be there, as typed, to apply.
        pane.type(input.id, text);
        await pane.refresh();
        const draft = pane.state.drafts[input.id];
        if (draft !== text)
          throw new Error(`the draft of ${input.id} was "${text}", after a refresh "${String(draft)}"`);
        text = draft;
        typed = " (typed, refreshed)";
      }
      const outcome = await pane.setInput(input.id, text);
      if (outcome.ok && pane.state.drafts[input.id] !== undefined)
        throw new Error(`${input.id} applied, but its draft "${pane.state.drafts[input.id]}" stayed`);
      return `input ${input.id} = "${text}"${typed} ${outcome.ok ? "ok" : outcome.message}`;
    }
    if (roll < 0.74) {
      const row = 14 + Math.floor(rand() * 10);
      workbook.select(`${quoteSheet(userSheet)}!${cellAddress(row, Math.floor(rand() * 6))}`);
      const outcome = await pane.insertFormula(pick(STEP_IDS));
      if (outcome.ok) {
        const at = parseAddress(outcome.value)!;
        userCells.set(`${at.row}:${at.column}`, workbook.cell(outcome.value)?.formula ?? null);
      }
      return `insert ${outcome.ok ? outcome.value : outcome.message}`;
    }
    if (roll < 0.84) {
      // A failed call before the batch (any of the reads), or a sync that fails part-way through the
      // batch, leaving the operations before it done (Office.js batches are not transactional).
      const partWay = rand() < 0.6;
      const at = Math.floor(rand() * 12);
      if (partWay) workbook.failAfter(at);
      else workbook.failNextCalls(1 + Math.floor(rand() * 3));
      const action = pick(["build", "brief", "useMyData"] as const);
      const outcome =
        action === "build"
          ? await pane.buildModel(true)
          : action === "brief"
            ? await pane.writeBrief()
            : await pane.useMyData(`${quoteSheet(userSheet)}!A1:B13`);
      workbook.failNextCalls(0);
      workbook.failAfter(Number.MAX_SAFE_INTEGER);
      if (outcome.ok && action !== "brief") await recordCopy();
      return `failing ${action} ${partWay ? `after ${at} operations` : "call"}: ${outcome.ok ? "ok" : outcome.message}`;
    }
    if (roll < 0.9) {
      const honours = rand() < 0.5;
      workbook.honoursDelayForCellEdit = honours;
      workbook.enterCellEdit();
      const outcome = await Promise.race([
        pane.setInput("carryover.ask", "40%"),
        new Promise((resolve) => setTimeout(() => resolve("waiting"), 5)),
      ]);
      workbook.leaveCellEdit();
      await settle(workbook);
      workbook.honoursDelayForCellEdit = true;
      return `cell edit (delay honoured: ${String(honours)}) ${typeof outcome === "string" ? outcome : "answered"}`;
    }
    if (pane.state.message?.retry) {
      await pane.retry();
      await recordCopy();
      return "retry";
    }
    await pane.refresh();
    return "refresh";
  };

  const check = async (done: number): Promise<void> => {
    const fail = (why: string) => {
      throw new Error(`pane fuzz (seed ${seed}, ${platform}), step ${done}: ${why}\n${log.slice(-25).join("\n")}`);
    };
    // 1. the user's cells and names
    for (const [key, value] of userCells) {
      const [row, column] = key.split(":").map(Number) as [number, number];
      const cell = workbook.cellAt(userSheet, row, column);
      const entered = cell?.formula ?? cell?.value;
      if (entered !== value)
        fail(`user cell ${userSheet}!${cellAddress(row, column)}: ${String(value)} -> ${String(entered)}`);
    }
    const names = new Map(workbook.definedNames().map((n) => [n.name.toLowerCase(), n.ref]));
    for (const [name, ref] of userNames) {
      if (names.get(name.toLowerCase()) !== ref) fail(`user name ${name}: ${ref} -> ${names.get(name.toLowerCase())}`);
    }
    // 2. every model copy is whole
    const sheets = await workbook.sheetNames();
    for (const copy of copies) {
      const own = new Set([...copy.names.values()].map((n) => n.toLowerCase()));
      const foreign = new Set(
        copies.filter((c) => c !== copy).flatMap((c) => [...c.names.values()].map((n) => n.toLowerCase())),
      );
      for (const sheet of copy.sheets) {
        if (!sheets.includes(sheet)) fail(`model sheet ${sheet} is gone`);
        // Every formula in the sheet's first 60 rows and 14 columns (A1:N60), read from the stored cells.
        for (const [key, cell] of workbook.storedCells(sheet) ?? []) {
          const formula = cell.formula;
          if (!formula || !callsCustomFunction(formula)) continue;
          const [r, c] = key.split(":").map(Number) as [number, number];
          if (r >= 60 || c >= 14) continue;
          for (const [word, lower] of wordsOf(formula)) {
            if (!names.has(lower) && (own.has(lower) || foreign.has(lower) || MODEL_NAME.test(lower)))
              fail(`${sheet}!${cellAddress(r, c)} names ${word}, which is not defined`);
            if (foreign.has(lower) && !own.has(lower))
              fail(`${sheet}!${cellAddress(r, c)} names another copy's ${word}`);
          }
        }
      }
      if (copy.mode !== "mine") {
        // The copy's list dollars: tokens x the built-in list prices (DOMAIN.md "Usage and optimization").
        const usageSheet = copy.sheets[0]!;
        for (let t = 0; t < 24; t++) {
          for (let m = 0; m < MODELS.length; m++) {
            const tokens = [1 + 2 * m, 2 + 2 * m].map((c) => workbook.cellAt(usageSheet, t + 1, c)?.value);
            const list = workbook.cellAt(usageSheet, t + 1, 7 + m)?.value;
            if (!tokens.every((v) => typeof v === "number")) continue;
            const row = prices[m]!;
            const want = (tokens[0] as number) * row.input + (tokens[1] as number) * row.output;
            if (typeof list !== "number" || Math.abs(list - want) > 1e-6 * Math.max(1, want))
              fail(`${usageSheet}!${cellAddress(t + 1, 7 + m)}: ${String(list)}, the core says ${want}`);
          }
        }
      }
    }
    // 3. no unhandled rejection
    if (unhandled.length > 0) fail(`unhandled rejection: ${String(unhandled[0])}`);
    // 4. figures or a message
    const s = pane.state;
    const shows =
      (s.phase === "ready" && s.figures !== undefined) ||
      (s.phase !== "loading" && s.phase !== "ready" && (s.problem ?? "") !== "") ||
      (s.message?.text ?? "") !== "";
    if (!shows) fail(`the pane shows neither figures nor a message (phase ${s.phase})`);
    // 5. the incremental recalculation missed no change
    const every = options.recalculationEvery ?? 0;
    if (every > 0 && done % every === 0) {
      const wrong = workbook.unrecalculated();
      if (wrong.length > 0) fail(`formulas not recalculated after a change: ${wrong.slice(0, 5).join(", ")}`);
    }
  };

  try {
    for (let done = 1; done <= steps; done++) {
      const what = await step(done);
      log.push(`${done}: ${what}`);
      actions[what.split(/[ (]/)[0]!] = (actions[what.split(/[ (]/)[0]!] ?? 0) + 1;
      await settle(workbook);
      await check(done);
    }
  } finally {
    await pane.dispose();
    process.off("unhandledRejection", onUnhandled);
  }
  return { steps, actions };
}
