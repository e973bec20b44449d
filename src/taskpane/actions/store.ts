/**
 * What an action may use: the workbook port, the state, and the store's few verbs (set, act, say,
 * refresh). The Pane (pane.ts) is the one Store; actions are plain functions of it, so each feature's
 * actions live in a module of their own and "Try again" can name them.
 */
import type { ByteSource, CANCELLED, FileRead, StreamOptions } from "../../sheet/stream";
import type * as core from "../../core";
import type { Outcome, Refusal, WorkbookPort } from "../port/port";
import type { PaneState, Retry } from "../state";
import type { TextFile } from "../focus";

/** Reads and sums a picked export (sheet/stream.ts), wherever it runs. */
export type ReadFile = (
  file: ByteSource,
  options: StreamOptions,
) => Promise<FileRead | core.LeverError | typeof CANCELLED>;

export interface Store {
  readonly port: WorkbookPort;
  readonly state: PaneState;
  /** How a picked file is read: in a Web Worker in the pages, on this thread in the tests. */
  readonly readFile: ReadFile;
  /** Short dates no row settles (4/1/25): day first, as the display language writes dates. */
  readonly dayFirst: boolean;
  /** How long a chart waits for its formula to calculate before giving up, ms. */
  readonly chartWaitMs: number;
  /** Saves a file the pane made: a browser download in the pages (download.ts), captured in the tests. */
  readonly saveText: (file: TextFile) => void;
  /** The read under way, to cancel. */
  reading: AbortController | undefined;
  set(patch: Partial<PaneState>): void;
  /** Runs `action`; an Office.js failure becomes a message with "Try again" (`retry`), never a rejection. */
  act<T>(action: () => Promise<Outcome<T>>, retry: Retry): Promise<Outcome<T>>;
  /** Tells the outcome; a failed change (Excel could not finish it) offers "Try again" with `retry`. */
  say(outcome: Outcome<unknown>, success: string, retry?: Retry): void;
  /** Whether `act` already said this refusal (a failure shown with "Try again"). */
  said(outcome: Outcome<unknown>): boolean;
  /** Says `text` as an error offering "Try again" with `retry`; returns the refusal. */
  offer(text: string, retry: Retry): Refusal;
  /** Refuses an action with `text`, said in the pane (nothing was written). */
  refuseSaying(text: string): Refusal;
  refresh(): Promise<void>;
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Today in the user's time zone, yyyy-mm-dd (not UTC: the day the user signs or writes the brief). */
export function localDate(now = new Date()): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
}

/** A store's `saveText` where nothing can save a file (the tests' stores without one of their own). */
export function cannotSave(): never {
  throw new Error("this pane has no way to save a file");
}
