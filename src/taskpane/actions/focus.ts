/**
 * FOCUS out and in, "After you sign" (EXPORTS.md "FOCUS ContractCommitment (out)"): "Save as FOCUS
 * (CSV)" downloads the signed deal as a ContractCommitment file; a picked file of that kind fills
 * the "Sign this deal" form, whose terms the user then checks and signs. The file never leaves the
 * machine but as the user's own download; nothing here touches the workbook.
 */
import { TERM_KEYS, TermKey } from "../../catalogue/terms";
import { focusDrafts, focusFile, SIGNED_ON_FIELD } from "../focus";
import { askValue, parseSigned } from "../inputs";
import { CellValue, done, errorText, Outcome } from "../port/port";
import { again, signFieldId, withoutDrafts } from "../state";
import { signedTerms } from "../tracking";
import type { Store } from "./store";

/** A file the user picked: a browser File, or any name and text in the tests. */
export interface PickedFile {
  readonly name: string;
  text(): Promise<string>;
}

/** "Save as FOCUS (CSV)": the signed deal as a FOCUS 1.3 ContractCommitment file, a browser download. */
export function saveFocus(store: Store): Promise<Outcome<string>> {
  return store.act(() => Promise.resolve(saveFocusNow(store)), again("saveFocus"));
}

function saveFocusNow(store: Store): Outcome<string> {
  const tracking = store.state.tracking;
  if (!tracking) return store.refuseSaying("Sign the deal first: there is no signed deal to save.");
  const file = focusFile(tracking.data);
  try {
    store.saveText(file);
  } catch (e) {
    return store.offer(`The pane could not save ${file.name}: ${errorText(e)}`, again("saveFocus"));
  }
  const periods = tracking.rows.length;
  store.say(
    done(file.name),
    `Saved ${file.name} to your downloads: the signed deal as a FOCUS ContractCommitment file, one row for each of its ${periods} commit period${periods === 1 ? "" : "s"}.`,
  );
  return done(file.name);
}

/**
 * "Start from a FOCUS file": reads a ContractCommitment CSV and fills the sign form with its terms,
 * as drafts (the "Sign a new deal" form's, opened, when a deal is signed already). Nothing is
 * signed: the user checks the terms, then signs. A file that cannot be read or used says why.
 */
export function startSignFromFocus(store: Store, file: PickedFile): Promise<Outcome<string>> {
  return store.act(() => startSignNow(store, file), again("startSignFromFocus", file));
}

async function startSignNow(store: Store, file: PickedFile): Promise<Outcome<string>> {
  const retry = again("startSignFromFocus", file);
  const data = store.state.data;
  if (!data) return store.refuseSaying("Build the model first: the signed deal is tracked against its plan.");
  let text: string;
  try {
    text = await file.text();
  } catch (e) {
    return store.offer(`The pane could not read ${file.name}: ${errorText(e)}`, retry);
  }
  const signedAlready = Boolean(store.state.tracking ?? store.state.trackingProblem);
  const made = focusDrafts(file.name, text, signedAlready, data.usage.length);
  if ("message" in made) return store.offer(made.message, retry);
  // The terms as signing would read them, judged now: a file whose terms cannot be signed says so here.
  const typed: Partial<Record<TermKey, string>> = {};
  for (const key of TERM_KEYS) {
    const draft = made.drafts[signFieldId(signedAlready, key)];
    if (draft !== undefined) typed[key] = draft;
  }
  const fallback = Object.fromEntries(TERM_KEYS.map((key) => [key, askValue(store.state, key)])) as Record<
    TermKey,
    CellValue
  >;
  const checked = signedTerms(typed, fallback, parseSigned);
  if ("message" in checked && typeof checked.message === "string") {
    return store.offer(`${file.name}: ${checked.message}`, retry);
  }
  // The file's terms replace what the form held; the warning threshold typed stays.
  const ids = [...TERM_KEYS, SIGNED_ON_FIELD].map((key) => signFieldId(signedAlready, key));
  store.set({
    view: "track",
    drafts: { ...withoutDrafts(store.state, ids), ...made.drafts },
    open: signedAlready ? { ...store.state.open, "sign-again": true } : store.state.open,
  });
  store.say(done(made.read.contractId), made.said);
  return done(made.read.contractId);
}
