/**
 * Text typed in the pane to a cell value, one reader per kind of input (money, percent, cap, months,
 * overage, flag), and back: how a cell shows in its input. The values are then judged as the
 * functions judge them (the catalogue's readers, `parseTerms`), so the pane refuses what a cell would
 * show as an error. Pure: the state in, text or values out.
 */
import * as core from "../core";
import { NO_CAP, parseShare, parseTerms, parseVolatility } from "../sheet";
import { TERMS, TermKey } from "../catalogue/terms";
import { TERM_PANE } from "../catalogue/termsPane";
import { formatMoney, formatPercent, parseMoneyText, parsePercentText } from "./format";
import { dealCellAddress, dealValue } from "./model";
import { CellValue, refuse, Refusal } from "./port/port";
import type { PaneState } from "./state";
import type { InputSpec } from "./steps";

/** How a cell value shows in an input of this kind. */
export function showInput(input: Pick<InputSpec, "kind">, value: CellValue): string {
  if (value === null || value === "") return "";
  if (typeof value !== "number") {
    if (input.kind === "flag" && typeof value === "boolean") return value ? "yes" : "no";
    return String(value);
  }
  switch (input.kind) {
    case "money":
      return formatMoney(value);
    case "percent":
    case "cap":
      return formatPercent(value);
    case "flag":
      return value === 1 ? "yes" : "no";
    default:
      return String(value);
  }
}

/** Parses typed text into the cell value for an input, or a refusal with a message. */
export function parseInput(input: Pick<InputSpec, "kind" | "label">, text: string): CellValue | Refusal {
  const t = text.trim();
  const bad = (what: string) => refuse("invalid", `${input.label}: "${text}" is not ${what}.`);
  switch (input.kind) {
    case "money": {
      const n = parseMoneyText(t);
      return n === undefined || n < 0 ? bad("an amount in dollars, like $3,000,000") : n;
    }
    case "cap": {
      // No cap is the word "none": a blank cell reads as 0 on Excel desktop (DOMAIN.md "Blank cells inside ranges").
      if (t === "" || t.toLowerCase() === NO_CAP) return NO_CAP;
      const n = parsePercentText(t);
      return n === undefined ? bad("a percent, like 15%") : n;
    }
    case "percent": {
      const n = parsePercentText(t);
      return n === undefined ? bad("a percent, like 15%") : n;
    }
    case "months": {
      const n = Number(t);
      return Number.isInteger(n) && n >= 1 ? n : bad("a whole number of months");
    }
    case "overage": {
      if (t.toLowerCase() === "committed") return "committed";
      const n = t.endsWith("%") ? parsePercentText(t) : t === "" ? undefined : Number(t);
      return n === undefined || !Number.isFinite(n) ? bad('a fraction of list (1 = list) or "committed"') : n;
    }
    case "flag": {
      const l = t.toLowerCase();
      if (["yes", "1", "true"].includes(l)) return 1;
      if (["no", "0", "false", ""].includes(l)) return 0;
      return bad("yes or no");
    }
  }
}

/** Whether a parse gave a refusal rather than a cell value. */
export function isRefusal(value: CellValue | Refusal): value is Refusal {
  return typeof value === "object" && value !== null;
}

/** Dollars typed in the pane ("$84,000", "84000"), 0 or more; blank is `blank` when given. */
export function parseDollars(label: string, text: string, example: string, blank?: number): number | Refusal {
  const t = text.trim();
  const value = t === "" ? blank : parseMoneyText(t);
  if (value === undefined || value < 0) {
    return refuse("invalid", `${label}: "${text}" is not an amount in dollars, like ${example}.`);
  }
  return value;
}

/** A deal term's input spec on the ask column, as "Sign this deal" reads it. */
export function signedSpec(key: TermKey): InputSpec {
  const label = TERM_PANE[key].pane?.label ?? TERMS[key].label;
  return { id: key, label, kind: TERM_PANE[key].kind, target: { deal: key, column: "ask" } };
}

/** A signed term's text as its Deal cell would hold it (or a refusal), read as the pane's inputs read it. */
export function parseSigned(key: TermKey, text: string): CellValue | Refusal {
  return parseInput(signedSpec(key), text);
}

/** The text an input shows for the model as read: its cell, formatted (or the term option). */
export function cellText(state: PaneState, input: InputSpec): string {
  const data = state.data;
  const t = input.target;
  if ("setting" in t) return String(state.termOption);
  if (!data) return "";
  const value: CellValue =
    "deal" in t ? dealValue(data.dealRange, t.deal, t.column) : (data.assumptions[t.name]?.value ?? "");
  return showInput(input, value);
}

/** The cell an input is bound to (sheet-qualified), or undefined for a pane setting. */
export function inputCell(state: PaneState, input: InputSpec): string | undefined {
  const data = state.data;
  const t = input.target;
  if (!data || "setting" in t) return undefined;
  if ("deal" in t) return dealCellAddress(data.dealRange, t.deal, t.column);
  return data.assumptions[t.name]?.address;
}

/**
 * A term's ask as the Deal cell holds it (not the text the form shows, which rounds), or its
 * parsed value where the Deal has no such row; "none" for a cap left open.
 */
export function askValue(state: PaneState, key: TermKey): CellValue {
  const data = state.data;
  if (!data) return "";
  const cell = dealValue(data.dealRange, key, "ask");
  if (cell !== "") return cell;
  const value = data.terms.ask[TERMS[key].field];
  // Left out: a cap is "none"; any other term (the explicit term) stays blank.
  if (value === undefined) return TERM_PANE[key].kind === "cap" ? NO_CAP : "";
  return typeof value === "boolean" ? Number(value) : value;
}

/** The signed value the "Sign this deal" form starts from for a term: the ask, as the Deal shows it. */
export function signDefault(state: PaneState, key: TermKey): string {
  return showInput(signedSpec(key), askValue(state, key));
}

/** The core's objection to a value for an input, judged as the functions judge it. */
export function checkInput(state: PaneState, input: InputSpec, value: CellValue): string | undefined {
  const data = state.data;
  const t = input.target;
  if (!data || "setting" in t) return undefined;
  if ("name" in t) {
    const parsed = /Volatility$/.test(t.name) ? parseVolatility(input.label, value) : parseShare(input.label, value);
    return parsed instanceof core.LeverError ? parsed.message : undefined;
  }
  const column = t.column === "draft" ? 1 : 2;
  const grid = data.dealRange.values.map((row) =>
    typeof row[0] === "string" && row[0].trim().toLowerCase() === t.deal
      ? row.map((c, i) => (i === column ? value : c))
      : row,
  );
  const parsed = parseTerms("Deal", grid, TERMS);
  return parsed instanceof core.LeverError ? parsed.message : undefined;
}
