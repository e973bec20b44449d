/**
 * The actions "Try again" can repeat, by id (state.ts `ActionId`): a failure keeps the id and the
 * arguments as data in the state, and the store looks the function up here.
 */
import type { ActionId } from "../state";
import { addChart, writeBrief } from "./brief";
import { keepRawRows, writeImport } from "./import";
import { buildModel, insertFormula, setInput, setStatus, useMyData } from "./model";
import type { Store } from "./store";
import { addActualMonth, keepSigned, setThreshold, signDeal, writeRenewalBrief } from "./track";
import { saveFocus, startSignFromFocus } from "./focus";

// Each entry takes the arguments its Retry recorded, in order: the action made them, so they fit.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Action = (store: Store, ...args: any[]) => Promise<unknown>;

export const ACTIONS: Readonly<Record<Exclude<ActionId, "start" | "refresh">, Action>> = {
  buildModel,
  useMyData,
  setInput,
  insertFormula,
  setStatus,
  writeImport,
  keepRawRows,
  writeBrief,
  addChart,
  signDeal,
  keepSigned,
  setThreshold,
  addActualMonth,
  writeRenewalBrief,
  saveFocus,
  startSignFromFocus,
};

export * from "./brief";
export * from "./import";
export * from "./model";
export * from "./track";
export * from "./focus";
export type { ReadFile, Store } from "./store";
export { cannotSave } from "./store";
