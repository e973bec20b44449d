/**
 * FOCUS out and in for the pane (EXPORTS.md "FOCUS ContractCommitment (out)"): the signed deal as
 * a ContractCommitment CSV, its file name, and a picked file back into the sign form's drafts,
 * each term as text the form reads back to exactly the value the file holds. The file's format is
 * the core's (core/focusCommitment.ts); here are the pane's words for it. Pure: no DOM.
 */
import * as core from "../core";
import { TERM_KEYS, TermKey, TERMS } from "../catalogue/terms";
import { TERM_PANE } from "../catalogue/termsPane";
import { CsvSplitter, delimiterOf } from "../sheet/csv";
import { formatMoney, formatPercent } from "./format";
import { parseSigned } from "./inputs";
import { signFieldId } from "./state";
import type { TrackingData } from "./tracking";

/** Each term's key (the terms table's, as the Deal and Signed sheets show it), by its deal field. */
export const TERM_NAMES = Object.fromEntries(TERM_KEYS.map((key) => [TERMS[key].field, key])) as core.TermNames;

/** The sign form's field for the day signed: shown when a file fills it. */
export const SIGNED_ON_FIELD = "signed-on";

/** A file to save: its name and its text. */
export interface TextFile {
  readonly name: string;
  readonly text: string;
}

/** The signed sheet's name as a file-name part: "Signed (2)" is "signed-2". */
const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "") || "signed";

/** The signed deal as a FOCUS ContractCommitment file: `<sheet>-<day signed>-contract-commitment.csv`. */
export function focusFile(data: TrackingData): TextFile {
  const { places, deal } = data;
  const name = `${slug(places.signed)}-${places.date}`;
  const text = core.contractCommitmentCsv(
    { deal, termMonths: places.termMonths, signedOn: places.date, contractId: `commit-levers-${name}` },
    TERM_NAMES,
  );
  return { name: `${name}-contract-commitment.csv`, text };
}

/** A CSV's records, split as RFC 4180 says (src/sheet/csv.ts); undefined when a quote never closes. */
export function csvRecords(text: string): string[][] | undefined {
  const out: string[][] = [];
  const newline = text.indexOf("\n");
  const splitter = new CsvSplitter(delimiterOf(newline < 0 ? text : text.slice(0, newline)));
  const keep = (r: string[]) => out.push([...r]);
  splitter.push(text, keep);
  splitter.end(keep);
  return splitter.unclosed ? undefined : out;
}

/** A term's value as the sign form's text for it, read back by the form to exactly that value. */
export function termText(key: TermKey, value: core.TermValue): string | undefined {
  const kind = TERM_PANE[key].kind;
  if (value === undefined) return kind === "cap" ? "none" : undefined;
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "string") return value;
  const exact = (text: string) => (parseSigned(key, text) === value ? text : undefined);
  switch (kind) {
    case "money":
      return exact(formatMoney(value)) ?? String(value);
    case "percent":
    case "cap":
      return exact(formatPercent(value)) ?? exact(String(value)) ?? `${value * 100}%`;
    default:
      return String(value);
  }
}

/** A file read into the sign form: the drafts to set, and what to say. */
export interface FocusDrafts {
  readonly drafts: Readonly<Record<string, string>>;
  readonly read: core.ReadContract;
  readonly said: string;
}

/**
 * A picked file's text as the sign form's drafts (the `again` form's when a deal is signed already),
 * or why it cannot be: not a ContractCommitment file, or terms the form would refuse.
 */
export function focusDrafts(
  fileName: string,
  text: string,
  again: boolean,
  planMonths: number,
): FocusDrafts | { readonly message: string } {
  const records = csvRecords(text);
  if (!records)
    return { message: `${fileName}: a quoted field is never closed, so this is no CSV file that can be read.` };
  const read = core.readContractCommitment(records, TERM_NAMES);
  if (read instanceof core.LeverError) return { message: `${fileName}: ${read.message}` };
  const drafts: Record<string, string> = {};
  for (const key of TERM_KEYS) {
    const field = TERMS[key].field;
    if (!(field in read.terms)) continue;
    const shown = termText(key, read.terms[field]);
    if (shown === undefined) continue;
    const parsed = parseSigned(key, shown);
    if (typeof parsed === "object" && parsed !== null) return { message: `${fileName}: ${parsed.message}` };
    drafts[signFieldId(again, key)] = shown;
  }
  if (read.signedOn) drafts[signFieldId(again, SIGNED_ON_FIELD)] = read.signedOn;
  const count = Object.keys(drafts).length - (read.signedOn ? 1 : 0);
  const said = [
    `Read ${fileName}: contract ${read.contractId}, ${read.periods} commit period${read.periods === 1 ? "" : "s"} from ${read.start}.`,
    read.source === "columns"
      ? `It states the commit, the period and the term only (${count} terms): the other terms start from your asks.`
      : `The form holds its ${count} terms: check them, then sign.`,
    read.termMonths === planMonths
      ? ""
      : `Its term is ${read.termMonths} months; the plan in this workbook has ${planMonths}, and the tracking follows the plan.`,
  ];
  return { drafts, read, said: said.filter(Boolean).join(" ") };
}
