/**
 * FOCUS out and in from "After you sign", over the in-memory port (EXPORTS.md "FOCUS
 * ContractCommitment (out)"): "Save as FOCUS (CSV)" hands the signed deal to the store's saver as a
 * ContractCommitment file; a picked file fills the sign form, and signing it gives the same terms;
 * the tracker's run-rate and fill day; failures said in words with "Try again". Goldens by hand.
 */
import "../helpers/customFunctions";
import * as core from "../../src/core";
import { TERM_KEYS, TermKey } from "../../src/catalogue/terms";
import { TERM_NAMES, TextFile } from "../../src/taskpane/focus";
import { formatMoney } from "../../src/taskpane/format";
import { fillText } from "../../src/taskpane/tracking";
import { MemoryWorkbook } from "../../src/taskpane/port/memoryPort";
import { calculateModelFormula } from "../../src/taskpane/port/modelCalc";
import type { Pane } from "../../src/taskpane/pane";
import { signFieldId } from "../../src/taskpane/state";
import { fullDeal } from "../helpers/deals";
import { SIGNED_EXAMPLE_1 } from "../helpers/series";
import { memoryPane, settle } from "./helpers";

/** A workbook whose usage is 12 months of 100,000, read by the pane; files it saves are kept in `saved`. */
async function readyPane() {
  const workbook = new MemoryWorkbook(calculateModelFormula);
  await workbook.apply([
    { kind: "addSheet", name: "Budget" },
    {
      kind: "write",
      address: "Budget!B1",
      cells: [[{ value: "List $" }], ...Array.from({ length: 12 }, () => [{ value: 100_000 }])],
    },
  ]);
  const made = memoryPane(workbook);
  const saved: TextFile[] = [];
  made.pane.chartWaitMs = 200;
  made.pane.saveText = (file) => saved.push(file);
  await made.pane.start();
  const mine = await made.pane.useMyData("Budget!B1:B13");
  if (!mine.ok) throw new Error(mine.message);
  await settle(made);
  return { ...made, saved };
}

/** A file as the view hands it over: a name and its text. */
const picked = (name: string, text: string) => ({ name, text: () => Promise.resolve(text) });

/** Signs what the form holds, as the view's button does: the drafts of the terms and the day signed. */
function signForm(pane: Pane, again: boolean) {
  const typed: Partial<Record<TermKey, string>> = {};
  for (const key of TERM_KEYS) {
    const text = pane.state.drafts[signFieldId(again, key)];
    if (text !== undefined) typed[key] = text;
  }
  return pane.signDeal(typed, "", again, pane.state.drafts[signFieldId(again, "signed-on")]);
}

/** The Signed sheet's key | signed columns and its day signed. */
async function signedTerms(workbook: MemoryWorkbook, sheet: string) {
  const q = sheet.includes(" ") ? `'${sheet}'` : sheet;
  return {
    terms: (await workbook.read(`${q}!A7:B${6 + TERM_KEYS.length}`))?.values,
    day: (await workbook.read(`${q}!B2`))?.values[0]?.[0],
  };
}

/** A deal another workbook signed on 2026-11-14: 960,000 a year for two years, with fine print. */
const OTHER = core.contractCommitmentCsv(
  {
    deal: fullDeal({ commit: 960_000, overageRate: "committed", carryover: 0.25, stepUp: 0.1, renewalCap: 0.03 }),
    termMonths: 12,
    signedOn: "2026-11-14",
    contractId: "acme-2026",
  },
  TERM_NAMES,
);

describe("Save as FOCUS (CSV)", () => {
  test("the signed deal goes to the saver as one ContractCommitment row per period", async () => {
    const { pane, saved, workbook } = await readyPane();
    await pane.signDeal(SIGNED_EXAMPLE_1);
    await settle({ workbook, pane });
    const out = await pane.saveFocus();
    const day = pane.state.tracking!.data.places.date;
    expect(out).toEqual({ ok: true, value: `signed-${day}-contract-commitment.csv` });
    expect(saved).toHaveLength(1);
    const lines = saved[0]!.text.split("\r\n");
    expect(lines[0]).toBe(core.CONTRACT_COMMITMENT_COLUMNS.join(","));
    // 12 months in 12-month periods: one commitment row (and the line break after it).
    expect(lines.slice(1)).toEqual([expect.stringMatching(/^USD,Spend,1000000,/), ""]);
    expect(lines[1]).toContain("discount=0.2; overage_rate=1; carryover=0; period_months=12;");
    expect(lines[1]).toContain(
      `renewal_cap=0.05; renewal_months=12; carryover_cap=none; term_months=none; signed_on=${day}`,
    );
    expect(pane.state.message).toEqual({
      kind: "info",
      text: `Saved signed-${day}-contract-commitment.csv to your downloads: the signed deal as a FOCUS ContractCommitment file, one row for each of its 1 commit period.`,
    });
  });

  test("no signed deal: nothing to save, said", async () => {
    const { pane, saved } = await readyPane();
    expect(await pane.saveFocus()).toMatchObject({ ok: false });
    expect(pane.state.message?.text).toMatch(/Sign the deal first/);
    expect(saved).toEqual([]);
  });

  test("a download the page refuses: said in words, and Try again saves it", async () => {
    const { pane, saved, workbook } = await readyPane();
    await pane.signDeal(SIGNED_EXAMPLE_1);
    await settle({ workbook, pane });
    const keep = pane.saveText;
    pane.saveText = () => {
      throw new Error("downloads are blocked");
    };
    expect(await pane.saveFocus()).toMatchObject({ ok: false, code: "failed" });
    expect(pane.state.message).toMatchObject({
      kind: "error",
      text: expect.stringMatching(/could not save signed-.*-contract-commitment\.csv: downloads are blocked/),
      retry: { action: "saveFocus", args: [] },
    });
    pane.saveText = keep;
    await pane.retry();
    expect(saved).toHaveLength(1);
  });
});

describe("Sign this deal, from a FOCUS file", () => {
  test("a file fills the form; signing it signs its terms and its day", async () => {
    const { pane, workbook } = await readyPane();
    const read = await pane.startSignFromFocus(picked("acme.csv", OTHER));
    expect(read).toEqual({ ok: true, value: "acme-2026" });
    expect(pane.state.view).toBe("track");
    // Each term as the form reads it back exactly; the day signed; nothing written yet.
    expect(pane.state.drafts).toMatchObject({
      "sign-commit": "$960,000",
      "sign-discount": "20%",
      "sign-overage_rate": "committed",
      "sign-carryover": "25%",
      "sign-step_up": "10%",
      "sign-ratchet": "no",
      "sign-renewal_cap": "3%",
      "sign-carryover_cap": "none",
      "sign-renewal_months": "12",
      "sign-signed-on": "2026-11-14",
    });
    expect(pane.state.message).toEqual({
      kind: "info",
      text: "Read acme.csv: contract acme-2026, 1 commit period from 2026-12-01. The form holds its 12 terms: check them, then sign.",
    });
    expect(await workbook.sheetNames()).not.toContain("Signed");
    expect((await signForm(pane, false)).ok).toBe(true);
    await settle({ workbook, pane });
    const { terms, day } = await signedTerms(workbook, "Signed");
    expect(day).toBe("2026-11-14");
    expect(Object.fromEntries(terms!.map(([k, v]) => [k, v]))).toMatchObject({
      commit: 960_000,
      discount: 0.2,
      overage_rate: "committed",
      carryover: 0.25,
      step_up: 0.1,
      ratchet: 0,
      renewal_cap: 0.03,
      carryover_cap: "none",
    });
  });

  test("another tool's file: its commit, period, step-up and start fill the form; the rest stay the asks", async () => {
    const { pane } = await readyPane();
    // Two 12-month periods of 400,000 then 440,000 (400,000 x 1.1), in reverse row order, from 2027-01-01.
    const other = [
      core.CONTRACT_COMMITMENT_COLUMNS.join(","),
      "USD,Spend,440000,Year 2,V-9-2,2029-01-01T00:00:00Z,2028-01-01T00:00:00Z,,Minimum spend,,V-9,2029-01-01T00:00:00Z,2027-01-01T00:00:00Z",
      "USD,Spend,400000,Year 1,V-9-1,2028-01-01T00:00:00Z,2027-01-01T00:00:00Z,,Minimum spend,,V-9,2029-01-01T00:00:00Z,2027-01-01T00:00:00Z",
    ].join("\r\n");
    const read = await pane.startSignFromFocus(picked("vendor.csv", other));
    expect(read.ok).toBe(true);
    expect(pane.state.drafts).toMatchObject({
      "sign-commit": "$400,000",
      "sign-period_months": "12",
      "sign-step_up": "10%",
      "sign-signed-on": "2027-01-01",
    });
    expect(pane.state.drafts["sign-discount"]).toBeUndefined();
  });

  test("round trip: sign, save, start a new sign from the file, sign again: the same terms", async () => {
    const { pane, workbook, saved } = await readyPane();
    await pane.signDeal({ ...SIGNED_EXAMPLE_1, discount: "17.5%", carryover: "0.333" });
    await settle({ workbook, pane });
    await pane.saveFocus();
    const file = saved[0]!;
    expect((await pane.startSignFromFocus(picked(file.name, file.text))).ok).toBe(true);
    // A deal is signed already: the "Sign a new deal" form takes the file, and opens.
    expect(pane.state.open["sign-again"]).toBe(true);
    expect(pane.state.drafts["sign-again-discount"]).toBe("17.5%");
    expect(pane.state.drafts["sign-again-carryover"]).toBe("0.333");
    expect((await signForm(pane, true)).ok).toBe(true);
    await settle({ workbook, pane });
    expect(await signedTerms(workbook, "Signed (2)")).toEqual(await signedTerms(workbook, "Signed"));
  });

  test("the tracker: needed run-rate, run-rate so far and the fill day, from the file's day signed", async () => {
    const { pane, workbook } = await readyPane();
    await pane.startSignFromFocus(picked("acme.csv", OTHER));
    await signForm(pane, false);
    await settle({ workbook, pane });
    for (let m = 0; m < 4; m++) await pane.addActualMonth("120,000");
    const t = pane.state.tracking!;
    // 960,000 at 20% off; four months of 120,000 drew 384,000: 576,000 remains, 576,000 / 0.8 / 8 =
    // 90,000 a month needed. At 120,000 (96,000 drawn) a month, 6 more months: the end of month 10.
    // Signed 2026-11-14, month 1 is December 2026, month 10 September 2027.
    expect(t.start).toBe("2026-12-01");
    expect(t.fill).toEqual({
      period: 1,
      monthsLeft: 8,
      neededPerMonth: expect.closeTo(90_000, 6),
      runRate: 120_000,
      status: { kind: "on-track", at: expect.closeTo(10, 9) },
    });
    expect(fillText(t, formatMoney)).toBe("2027-09-30 at this run-rate");
    // Month 5 at 40,000: drawn 384,000 + 32,000 = 416,000, so 544,000 remains over 7 months. The
    // run-rate (120,000 + 120,000 + 40,000) / 3 = 93,333.33 draws 74,666.67 a month, 522,666.67 in 7:
    // the period ends 544,000 - 522,666.67 = 21,333.33 short.
    await pane.addActualMonth("40,000");
    expect(fillText(pane.state.tracking!, formatMoney)).toBe("Not at this rate: $21,333 short when the period ends");
  });

  test("a file that is not a ContractCommitment file: why, in words, and Try again", async () => {
    const { pane } = await readyPane();
    const bad = picked("usage.csv", "usage_date_utc,model,cost_usd\n2026-01-01,claude,5\n");
    expect(await pane.startSignFromFocus(bad)).toMatchObject({ ok: false });
    expect(pane.state.message).toMatchObject({
      kind: "error",
      text: expect.stringMatching(/^usage\.csv: The file is not a FOCUS ContractCommitment file/),
      retry: { action: "startSignFromFocus", args: [bad] },
    });
    expect(Object.keys(pane.state.drafts)).toEqual([]);
  });

  test("terms signing would refuse are refused at once, in signing's words", async () => {
    const { pane } = await readyPane();
    expect(
      await pane.startSignFromFocus(picked("odd.csv", OTHER.replace("discount=0.2", "discount=1.5"))),
    ).toMatchObject({
      ok: false,
    });
    // The discount is the terms' second row: signing says 1.5 there is no discount.
    expect(pane.state.message?.text).toMatch(/^odd\.csv: Signed terms: 1\.5 at row 2, column 2 looks like a percent/);
    expect(Object.keys(pane.state.drafts)).toEqual([]);
  });

  test("a file the browser cannot read: said, and Try again reads it", async () => {
    const { pane } = await readyPane();
    let fail = true;
    const flaky = {
      name: "acme.csv",
      text: () => (fail ? Promise.reject(new Error("the file changed on disk")) : Promise.resolve(OTHER)),
    };
    expect(await pane.startSignFromFocus(flaky)).toMatchObject({ ok: false, code: "failed" });
    expect(pane.state.message?.text).toBe("The pane could not read acme.csv: the file changed on disk");
    fail = false;
    await pane.retry();
    expect(pane.state.drafts["sign-commit"]).toBe("$960,000");
  });

  test("a day signed that is not a day is refused before anything is written", async () => {
    const { pane, workbook } = await readyPane();
    expect(await pane.signDeal(SIGNED_EXAMPLE_1, "", false, "14/11/2026")).toMatchObject({ ok: false });
    expect(pane.state.message?.text).toBe('Signed on: "14/11/2026" is not a day written like 2026-11-14.');
    expect(await workbook.sheetNames()).not.toContain("Signed");
  });
});
