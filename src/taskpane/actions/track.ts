/**
 * After you sign: "Sign this deal" freezes the terms and the plan on new sheets and starts tracking;
 * then the warning threshold, each month's actuals, and the renewal brief.
 */
import { TERM_KEYS, TermKey } from "../../catalogue/terms";
import { isDay } from "../../core";
import { SIGNED_ON_FIELD } from "../focus";
import { renewalLayout } from "../../model/tracking";
import { formatRect, freshName, parseAddress, quoteSheet } from "../../sheet/a1";
import { formatMoney } from "../format";
import { askValue, isRefusal, parseDollars, parseSigned } from "../inputs";
import { CellValue, ChartSpec, describeFailure, done, Outcome, refuse } from "../port/port";
import { MODEL_SETTING, ModelRecord, modelRecord } from "../record";
import { again, Retry, signFieldId, withoutDrafts } from "../state";
import { planSigning, signedTerms, toWrites } from "../tracking";
import { addChart } from "./brief";
import { localDate, Store } from "./store";

/** The sign form's field ids (each term the pane shows, then the threshold), for `again` or not. */
export function signFields(again0: boolean): string[] {
  return [...TERM_KEYS.map((key) => signFieldId(again0, key)), signFieldId(again0, "threshold")];
}

/**
 * "Sign this deal": freezes the terms as signed (each the ask unless typed otherwise) and the plan
 * (the model's monthly usage, whose length is the term) into a new Signed sheet, and adds a
 * Tracking sheet with an Actuals table, a live BURNDOWN and SHORTFALL and a burn-down chart. A
 * workbook with a signed deal is not signed again unless `again0` (the user confirmed): the first
 * deal's sheets stay as they are, and the pane tracks the new one. `signedOn` (yyyy-mm-dd), when a
 * FOCUS file gave it, is the day signed; otherwise today.
 */
export function signDeal(
  store: Store,
  typed: Readonly<Partial<Record<TermKey, string>>> = {},
  threshold = "",
  again0 = false,
  signedOn?: string,
): Promise<Outcome<string>> {
  return store.act(
    () => signDealNow(store, typed, threshold, again0, signedOn),
    signRetry(typed, threshold, again0, signedOn),
  );
}

/** What "Try again" repeats of a signing: a day signed only when a file gave one (else the four arguments). */
function signRetry(
  typed: Readonly<Partial<Record<TermKey, string>>>,
  threshold: string,
  again0: boolean,
  signedOn: string | undefined,
): Retry {
  return signedOn === undefined
    ? again("signDeal", typed, threshold, again0)
    : again("signDeal", typed, threshold, again0, signedOn);
}

async function signDealNow(
  store: Store,
  typed: Readonly<Partial<Record<TermKey, string>>>,
  thresholdText: string,
  again0: boolean,
  signedOn?: string,
): Promise<Outcome<string>> {
  const data = store.state.data;
  if (!data) return refuse("not-found", "Build the model first: there is no deal to sign yet.");
  const record = await modelRecord(store.port);
  if (record?.signed && !again0) {
    return store.refuseSaying(
      `This workbook already has a signed deal, on sheet ${record.signed.signed}. Sign again to track a new one: the first one's sheets stay as they are.`,
    );
  }
  const fallback = Object.fromEntries(TERM_KEYS.map((key) => [key, askValue(store.state, key)])) as Record<
    TermKey,
    CellValue
  >;
  const terms = signedTerms(typed, fallback, parseSigned);
  if ("message" in terms && typeof terms.message === "string") return store.refuseSaying(terms.message);
  const limit = parseDollars("Warning threshold", thresholdText, "$25,000", 0);
  if (isRefusal(limit)) return store.refuseSaying(limit.message);
  const day = signedOn?.trim() || localDate();
  if (!isDay(day)) return store.refuseSaying(`Signed on: "${signedOn}" is not a day written like 2026-11-14.`);
  const plan = await planSigning(store.port, {
    terms: terms as Record<TermKey, CellValue>,
    plan: data.usage,
    threshold: limit,
    date: day,
  });
  const written = await store.port.batch(plan.ops);
  if (!written.ok) {
    store.say(written, "", signRetry(typed, thresholdText, again0, signedOn));
    return written;
  }
  // Signed: the form's drafts are spent (a new sign form starts from the asks again).
  store.set({
    drafts: withoutDrafts(store.state, [...signFields(again0), signFieldId(again0, SIGNED_ON_FIELD)]),
    open: { ...store.state.open, "sign-again": false },
  });
  const chart = plan.chart;
  const spec: ChartSpec = {
    sheet: plan.places.tracking,
    title: chart.title,
    kind: "column",
    categories: chart.categories,
    seriesName: chart.series[0]!.name,
    values: chart.series[0]!.values,
    more: chart.series.slice(1),
    anchor: chart.anchor,
  };
  return keepSigned(store, { ...(record ?? { mode: "found", sheets: [] }), signed: plan.places }, spec);
}

/**
 * Keeps where the signed deal is (the model record), then shows it and adds its chart. The sheets
 * are in the workbook already, so a failed save is said, with "Try again" saving it again (and
 * going on to the chart): without the record the pane would not track them.
 */
export async function keepSigned(store: Store, record: ModelRecord, spec: ChartSpec): Promise<Outcome<string>> {
  const places = record.signed!;
  try {
    await store.port.setSettings({ [MODEL_SETTING]: record });
  } catch (e) {
    return store.offer(
      `Signed on sheets ${places.signed} and ${places.tracking}, but the pane could not keep where they are, so it cannot track them yet: ${describeFailure(e)}`,
      again("keepSigned", record, spec),
    );
  }
  store.set({ view: "track" });
  await store.refresh();
  const signed = `Signed: the terms are on sheet ${places.signed}, frozen; type each month's actuals on sheet ${places.tracking}.`;
  return addChart(
    store,
    places.burndown,
    spec,
    { done: signed, notYet: `${signed} The burn-down has not calculated yet, so its chart was not added.` },
    places.tracking,
  );
}

/** The warning threshold: the projected forfeit of the current period above which the view warns. */
export function setThreshold(store: Store, text: string): Promise<Outcome> {
  return store.act(() => setThresholdNow(store, text), again("setThreshold", text));
}

async function setThresholdNow(store: Store, text: string): Promise<Outcome> {
  const places = store.state.tracking?.data.places;
  if (!places) return refuse("not-found", "Sign the deal first.");
  const value = parseDollars("Warning threshold", text, "$25,000", 0);
  if (isRefusal(value)) return store.refuseSaying(value.message);
  const outcome = await store.port.write(places.threshold, [[{ value }]]);
  store.say(outcome, `The view now warns when this period's projected forfeit is above ${formatMoney(value)}.`);
  if (outcome.ok) {
    store.set({ drafts: withoutDrafts(store.state, ["threshold"]) });
    await store.refresh();
  }
  return outcome;
}

/**
 * Adds the next month's actual usage (list dollars) in the Actuals table: the first row after the
 * last month in. Refused once every month of the term is in.
 */
export function addActualMonth(store: Store, text: string): Promise<Outcome<number>> {
  return store.act(() => addActualMonthNow(store, text), again("addActualMonth", text));
}

async function addActualMonthNow(store: Store, text: string): Promise<Outcome<number>> {
  const tracking = store.state.tracking;
  if (!tracking) return refuse("not-found", "Sign the deal first.");
  const value = parseDollars("Actual usage", text, "$84,000 at list");
  if (isRefusal(value)) return store.refuseSaying(value.message);
  const { places, entered } = tracking.data;
  // The next cell after everything typed: a 0 typed as a month is the user's and stays (it counts
  // as a month once a later one is in, DOMAIN.md "Usage series").
  const month = entered + 1;
  if (month > places.termMonths) {
    return store.refuseSaying(
      `Every month of the ${places.termMonths}-month term has its actuals. Start the renewal: write the renewal brief.`,
    );
  }
  const top = parseAddress(places.actuals)!;
  const cell = formatRect({ ...top, row: top.row + month - 1, rows: 1, columns: 1 });
  // Only into an empty cell: a 0 the user typed there is theirs.
  const written = await store.port.write(cell, [[{ value }]], { onlyEmpty: true });
  // The cell holds only spaces (read as blank, so not yet a month): the user's to clear.
  const outcome: Outcome =
    !written.ok && written.code === "occupied"
      ? refuse(
          "occupied",
          `${cell} holds text that looks blank (spaces), so month ${month} was not written there. Clear that cell, then try again.`,
        )
      : written;
  store.say(
    outcome,
    `Month ${month}: ${formatMoney(value)} at list, in the Actuals table (${cell}).` +
      (value === 0 ? " A month of 0 counts once a later month is in." : ""),
    again("addActualMonth", text),
  );
  if (outcome.ok) {
    store.set({ drafts: withoutDrafts(store.state, ["actual-month"]) });
    await store.refresh();
  }
  return outcome.ok ? done(month) : outcome;
}

/** "Write the renewal brief": a new sheet with the starting position for the renewal, live over the actuals. */
export function writeRenewalBrief(store: Store): Promise<Outcome<string>> {
  return store.act(() => writeRenewalBriefNow(store), again("writeRenewalBrief"));
}

async function writeRenewalBriefNow(store: Store): Promise<Outcome<string>> {
  const { tracking, data } = store.state;
  if (!tracking || !data) return refuse("not-found", "Sign the deal first.");
  if (tracking.data.actuals.length < 2) {
    return store.refuseSaying("The renewal brief projects the actuals: add at least two months of actuals first.");
  }
  const sheet = freshName("Renewal brief", await store.port.sheetNames());
  const asks = Object.fromEntries(TERM_KEYS.map((key) => [key, askValue(store.state, key)])) as Record<
    TermKey,
    CellValue
  >;
  const layout = renewalLayout({
    sheet,
    places: tracking.data.places,
    bands: data.names.get("Bands") ?? "Bands",
    asks,
    date: localDate(),
  });
  const outcome = await store.port.batch([
    { kind: "addSheet", name: sheet },
    { kind: "write", address: `${quoteSheet(sheet)}!A1`, cells: toWrites(layout.grid) },
    { kind: "columnWidths", sheet, widths: [52, 16, 16, 16, 12, 12, 4, 20, 4, 18] },
  ]);
  store.say(
    outcome,
    `Wrote the renewal brief on sheet ${sheet}: the utilization so far, the band the actual usage reaches, the renewal at the signed cap against a reset to list, and the asks ranked again.`,
    again("writeRenewalBrief"),
  );
  return outcome.ok ? done(sheet) : outcome;
}
