/**
 * The model's actions: build it, point it at the user's data, edit an input's cell, insert a step's
 * formula, mark a step, and take a figure the import found into the draft.
 */
import * as core from "../../core";
import { formatRect, parseAddress } from "../../sheet/a1";
import { formatMoney, formatPercent } from "../format";
import { checkInput, inputCell, isRefusal, parseInput } from "../inputs";
import { done, Outcome, refuse } from "../port/port";
import { STATUS_SETTING, StepStatus, TERM_SETTING } from "../record";
import { buildModelInto, useMyData as useMyDataIn } from "../setup";
import { again, withoutDrafts } from "../state";
import { StepId, STEPS } from "../steps";
import type { Store } from "./store";

/** "Build the model" (with sample usage or empty rows). */
export async function buildModel(store: Store, sample: boolean): Promise<Outcome<string[]>> {
  const retry = again("buildModel", sample);
  const outcome = await store.act(() => buildModelInto(store.port, sample), retry);
  store.say(outcome, outcome.ok ? `Model built on sheets ${outcome.value.join(", ")}.` : "", retry);
  if (outcome.ok) await store.refresh();
  return outcome;
}

/** "Use my data": names the selected usage range and adds the model around it. */
export async function useMyData(store: Store, address?: string): Promise<Outcome<string>> {
  const retry = again("useMyData", address);
  const outcome = await store.act(() => useMyDataIn(store.port, address), retry);
  store.say(
    outcome,
    outcome.ok
      ? `Your usage is ${outcome.value} (the filled part of the selection); the deal, bands and summary read it.`
      : "",
    retry,
  );
  if (outcome.ok) await store.refresh();
  return outcome;
}

/**
 * Applies an input: parses the text, writes its cell (or setting) and refreshes. Applied, the input's
 * draft goes (it shows its cell again); refused, the text stays in the input as typed.
 */
export function setInput(store: Store, id: string, text: string): Promise<Outcome> {
  return store.act(() => setInputNow(store, id, text), again("setInput", id, text));
}

async function setInputNow(store: Store, id: string, text: string): Promise<Outcome> {
  const input = STEPS.flatMap((s) => s.inputs).find((i) => i.id === id);
  if (!input) return refuse("invalid", `No input ${id}.`);
  const refused = (text0: string, outcome: Outcome) => {
    store.set({ message: { kind: "error", text: text0 }, drafts: { ...store.state.drafts, [id]: text } });
    return outcome;
  };
  const value = parseInput(input, text);
  if (isRefusal(value)) return refused(value.message, value);
  if ("setting" in input.target) {
    const months = value as number;
    await store.port.setSettings({ [TERM_SETTING]: months });
    store.set({ termOption: months, message: undefined, drafts: withoutDrafts(store.state, [id]) });
    await store.refresh();
    return done(undefined);
  }
  const cell = inputCell(store.state, input);
  if (!cell) return refuse("not-found", `The model has no cell for ${input.label}.`);
  const problem = checkInput(store.state, input, value);
  if (problem) return refused(problem, refuse("invalid", problem));
  const outcome = await store.port.write(cell, [[{ value }]]);
  if (!outcome.ok) return refused(outcome.message, outcome);
  store.set({ message: undefined, drafts: withoutDrafts(store.state, [id]) });
  await store.refresh();
  return outcome;
}

/** Writes a step's formula at the selection, refusing a non-empty cell. Returns the address. */
export function insertFormula(store: Store, step: StepId, index = 0): Promise<Outcome<string>> {
  return store.act(() => insertFormulaNow(store, step, index), again("insertFormula", step, index));
}

async function insertFormulaNow(store: Store, step: StepId, index: number): Promise<Outcome<string>> {
  const formula = store.state.figures?.steps[step].formulas[index];
  if (!formula) return refuse("not-found", "Build the model first: there is no formula to insert yet.");
  const selected = parseAddress(await store.port.selection());
  if (!selected) return refuse("invalid", "Select a cell first.");
  const target = formatRect({ ...selected, rows: 1, columns: 1 });
  const outcome = await store.port.write(target, [[{ formula: formula.formula }]], { onlyEmpty: true });
  store.say(outcome, `Inserted ${formula.label.toLowerCase()} at ${target}.`, again("insertFormula", step, index));
  return outcome.ok ? done(target) : outcome;
}

/** Marks a step done, skipped or open; kept in the document settings. */
export async function setStatus(store: Store, step: StepId, status: StepStatus): Promise<void> {
  const statuses = { ...store.state.statuses, [step]: status };
  await store.act(
    async () => {
      await store.port.setSettings({ [STATUS_SETTING]: statuses });
      store.set({ statuses });
      return done(undefined);
    },
    again("setStatus", step, status),
  );
}

/**
 * Puts the commitment the export states (a FOCUS Purchase of a Spend commitment) in the Deal's
 * draft commit, per 12 months: the amount over its own months, times 12.
 */
export async function useStatedCommitment(store: Store): Promise<Outcome> {
  const c = store.state.importReport?.read.commitment ?? store.state.data?.imported?.commitment;
  if (!c) return refuse("not-found", "The imported export states no spend commitment.");
  const perYear = (c.amount * 12) / c.months;
  const outcome = await setInput(store, "commit.draft", String(perYear));
  if (outcome.ok) {
    store.set({
      message: {
        kind: "info",
        text: `The draft's commit is now ${formatMoney(perYear)} a year, the commitment your export states (${formatMoney(c.amount)} over ${c.months} months).`,
      },
    });
  }
  return outcome;
}

/** Puts the imported export's observed discount (OBSERVED_DISCOUNT) in the Deal's draft discount. */
export async function useObservedDiscount(store: Store): Promise<Outcome> {
  const observed = store.state.data?.imported?.observedDiscount;
  if (observed === undefined)
    return refuse("not-found", "The imported export has no list and billed amounts to compare.");
  const outcome = await setInput(store, "discount.draft", String(observed));
  if (outcome.ok) {
    store.set({
      message: {
        kind: "info",
        text: `The draft's discount is now ${formatPercent(observed)}, the discount your export shows you already get.`,
      },
    });
  }
  return outcome;
}

/**
 * "Use my history's uncertainty": puts USAGE_VOLATILITY of the model's usage in the Volatility and
 * GrowthVolatility cells (the uncertainty the history itself leaves; the user may type larger ones).
 */
export async function useHistoryUncertainty(store: Store): Promise<Outcome> {
  const usage = store.state.data?.usage;
  if (!usage) return refuse("not-found", "Build the model first.");
  const history = core.usageVolatility(usage);
  if (history instanceof core.LeverError) return store.refuseSaying(`Your usage: ${history.message}.`);
  const level = await setInput(store, "Volatility", String(history.volatility));
  if (!level.ok) return level;
  const growth = await setInput(store, "GrowthVolatility", String(history.growthVolatility));
  if (growth.ok) {
    store.set({
      message: {
        kind: "info",
        text: `From your history: volatility ${formatPercent(history.volatility)} and growth volatility ${formatPercent(history.growthVolatility)}, the uncertainty your usage so far leaves. Type larger ones if the future may vary more.`,
      },
    });
  }
  return growth;
}
