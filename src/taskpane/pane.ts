/**
 * The pane's store: the one state (state.ts), the refresh that reads the model and recomputes the
 * figures, and the act/retry loop every action runs in. The actions themselves live in actions/,
 * one module per feature; the Pane's methods are their doors. No DOM here (STYLE.md rule 9): the
 * view (view/) renders the state and calls these methods; unit tests call them directly.
 */
import * as core from "../core";
import { readExportStream, ByteSource } from "../sheet/stream";
import * as actions from "./actions";
import { ACTIONS, cannotSave, ReadFile, Store } from "./actions";
import { cellText, inputCell, signDefault } from "./inputs";
import { isBusy, readModel } from "./model";
import { describeFailure, Outcome, refuse, Refusal, WorkbookPort } from "./port/port";
import { modelRecord, readStatuses, readTermOption, STATUS_SETTING, StepStatus, TERM_SETTING } from "./record";
import { INITIAL_STATE, PaneState, Retry, View } from "./state";
import { computeFigures, InputSpec, StepId, withNames } from "./steps";
import { readTracking, TrackingFigures, trackingFigures } from "./tracking";
import type { TermKey } from "../catalogue/terms";
import type { ImportResult } from "./importer";

export { STATUS_SETTING, TERM_SETTING, type StepStatus } from "./record";
export { VIEWS, type ImportProgress, type PaneState, type View } from "./state";
export { importSentence } from "./actions";
export { parseInput, showInput } from "./inputs";
export type { ReadFile } from "./actions";

export interface PaneOptions {
  /** Debounce for refreshing after workbook changes, ms (default 300). */
  readonly debounceMs?: number;
  /** How a picked file is read and summed: in a Web Worker in the pages, on this thread in the tests. */
  readonly readFile?: ReadFile;
  /** Short dates no row settles (4/1/25): day first, as the display language writes dates. */
  readonly dayFirst?: boolean;
  /** Saves a file the pane made: the browser's download in the pages (download.ts); tests capture it. */
  readonly saveText?: Store["saveText"];
}

/** How long a refresh waits for a calculation in progress before showing "still calculating", ms. */
const BUSY_WAIT_MS = 1600;

export class Pane implements Store {
  private current: PaneState = INITIAL_STATE;
  private readonly listeners = new Set<(state: PaneState) => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private unsubscribe: (() => Promise<void>) | undefined;
  private readonly debounceMs: number;
  /** False after `dispose` (the pane is hidden): no refresh is scheduled. */
  private active = true;
  /** Counts refreshes started; a refresh that is no longer the latest drops its result. */
  private generation = 0;
  /** Refusals `act` made from a failure it already showed (with "Try again"). */
  private readonly shown = new WeakSet<object>();
  readonly readFile: ReadFile;
  readonly dayFirst: boolean;
  reading: AbortController | undefined;
  /** How long the brief waits for its COMMIT_CURVE spill to calculate before adding the chart, ms. */
  chartWaitMs = 10_000;
  saveText: Store["saveText"];

  constructor(
    readonly port: WorkbookPort,
    options: PaneOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? 300;
    this.readFile = options.readFile ?? readExportStream;
    port.onSaveFailure?.((text) => this.set({ message: { kind: "error", text } }));
    this.dayFirst = options.dayFirst ?? false;
    this.saveText = options.saveText ?? cannotSave;
  }

  get state(): PaneState {
    return this.current;
  }

  /** Calls `listener` after every state change; returns the function that stops it. */
  subscribe(listener: (state: PaneState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  set(patch: Partial<PaneState>): void {
    this.current = { ...this.current, ...patch };
    for (const l of [...this.listeners]) l(this.current);
  }

  /**
   * Loads statuses from the document settings, reads the model and starts listening for changes.
   * Never rejects: a failure shows as the `failed` phase with a way to try again.
   */
  async start(): Promise<void> {
    this.active = true;
    try {
      const [statuses, term] = await Promise.all([
        this.port.getSetting(STATUS_SETTING),
        this.port.getSetting(TERM_SETTING),
      ]);
      this.set({ statuses: readStatuses(statuses), termOption: readTermOption(term) });
      this.unsubscribe ??= await this.port.onChange(() => this.scheduleRefresh());
    } catch (e) {
      this.fail(e, { action: "start", args: [] });
      return;
    }
    await this.refresh();
  }

  /** Shows a failure in words, with "Try again" repeating `retry`. */
  private fail(e: unknown, retry: Retry): void {
    const text = describeFailure(e);
    const message = { kind: "error" as const, text, retry };
    if (this.current.phase === "loading" || this.current.phase === "failed") {
      this.set({ phase: "failed", problem: text, message });
    } else {
      this.set({ message });
    }
  }

  /** "Try again": repeats what failed last (the message's action), or reads the workbook again. */
  async retry(): Promise<void> {
    const retry = this.current.message?.retry;
    this.set({ message: undefined });
    if (!retry || retry.action === "refresh") return this.refresh();
    if (retry.action === "start") return this.start();
    // eslint-disable-next-line no-restricted-syntax -- an action's own few arguments, never data-sized
    await ACTIONS[retry.action](this, ...retry.args);
  }

  async act<T>(action: () => Promise<Outcome<T>>, retry: Retry): Promise<Outcome<T>> {
    try {
      return await action();
    } catch (e) {
      this.fail(e, retry);
      const refusal = refuse("failed", describeFailure(e));
      this.shown.add(refusal);
      return refusal;
    }
  }

  said(outcome: Outcome<unknown>): boolean {
    return this.shown.has(outcome);
  }

  say(outcome: Outcome<unknown>, success: string, retry?: Retry): void {
    if (this.shown.has(outcome)) return;
    if (!outcome.ok && outcome.code === "failed" && retry) {
      this.offer(outcome.message, retry);
      return;
    }
    this.set({ message: outcome.ok ? { kind: "info", text: success } : { kind: "error", text: outcome.message } });
  }

  offer(text: string, retry: Retry): Refusal {
    this.set({ message: { kind: "error", text, retry } });
    const refusal = refuse("failed", text);
    this.shown.add(refusal);
    return refusal;
  }

  refuseSaying(text: string): Refusal {
    this.set({ message: { kind: "error", text } });
    return refuse("invalid", text);
  }

  /** Stops listening and drops a pending refresh (the pane was hidden). Never rejects. */
  async dispose(): Promise<void> {
    this.active = false;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const unsubscribe = this.unsubscribe;
    this.unsubscribe = undefined;
    await unsubscribe?.().catch(() => undefined);
  }

  /** Refreshes after `debounceMs` of quiet: a burst of changes is one refresh. */
  scheduleRefresh(): void {
    if (!this.active) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, this.debounceMs);
  }

  /** Whether a refresh is waiting for the debounce. */
  get refreshPending(): boolean {
    return this.timer !== undefined;
  }

  /**
   * Reads the model and recomputes every figure. Never rejects: a failure is shown with "Try again".
   * Refreshes may overlap (a change event during an action's refresh): only the latest one started
   * sets the state, so an older read never overwrites a newer one. What the user has typed and not
   * applied (the drafts) and the open disclosures are state of their own: a refresh leaves them be.
   */
  async refresh(): Promise<void> {
    const generation = ++this.generation;
    const stale = () => generation !== this.generation || !this.active;
    let read: Awaited<ReturnType<typeof readModel>>;
    try {
      read = await readModel(this.port);
      // Custom functions are asynchronous (#BUSY! until done): give a calculation a moment first.
      for (let wait = 25; isBusy(read) && wait <= BUSY_WAIT_MS && !stale(); wait *= 2) {
        await new Promise((resolve) => setTimeout(resolve, wait));
        read = await readModel(this.port);
      }
    } catch (e) {
      if (!stale()) this.fail(e, { action: "refresh", args: [] });
      return;
    }
    if (stale()) return;
    const revision = this.current.revision + 1;
    if (this.current.phase === "failed") this.set({ message: undefined });
    if (read.kind === "missing") {
      this.set({ phase: "setup", problem: read.message, data: undefined, figures: undefined, revision });
      return;
    }
    if (isBusy(read)) {
      // Excel is still calculating the model's formulas: look again shortly.
      this.set({ phase: "loading", problem: "Excel is still calculating…", revision });
      this.scheduleRefresh();
      return;
    }
    if (read.kind === "invalid") {
      this.set({ phase: "invalid", problem: read.message, data: undefined, figures: undefined, revision });
      return;
    }
    const options = { termOption: this.current.termOption, uncertain: this.current.uncertain };
    const figures = withNames(computeFigures(read.data, options), read.data.names);
    const tracked = await this.readSigned().catch((e: unknown) => ({
      tracking: undefined,
      trackingProblem: describeFailure(e),
    }));
    if (stale()) return;
    this.set({ phase: "ready", problem: undefined, data: read.data, figures, revision, ...tracked });
  }

  /** The signed deal's burn-down, when there is a signed deal. */
  private async readSigned(): Promise<{ tracking?: TrackingFigures; trackingProblem?: string }> {
    const places = (await modelRecord(this.port))?.signed;
    if (!places) return { tracking: undefined, trackingProblem: undefined };
    const read = await readTracking(this.port, places);
    if (!read.ok) return { tracking: undefined, trackingProblem: read.message };
    const figures = trackingFigures(read.value);
    return figures instanceof core.LeverError
      ? { tracking: undefined, trackingProblem: figures.message }
      : { tracking: figures, trackingProblem: undefined };
  }

  // What the user does in the pane that touches no workbook: the state alone.

  go(view: View): void {
    this.set({ view, message: undefined });
  }

  /** Keeps what the user typed in an input, not yet applied: a refresh leaves it as typed. */
  type(id: string, text: string): void {
    if (this.current.drafts[id] !== text) this.set({ drafts: { ...this.current.drafts, [id]: text } });
  }

  /** Keeps a disclosure (`<details>`) open or closed as the user left it. */
  toggle(id: string, open: boolean): void {
    if (Boolean(this.current.open[id]) !== open) this.set({ open: { ...this.current.open, [id]: open } });
  }

  /** "Fill the usage with sample data" on the set-up card. */
  setSample(sample: boolean): void {
    this.set({ sample });
  }

  /** Values the asks across the futures usage may take, or on the projection alone; then refigures. */
  setUncertain(uncertain: boolean): Promise<void> {
    this.set({ uncertain });
    return this.refresh();
  }

  /** "Also keep the raw rows": on or off; unset means on for exports of up to RAW_ROWS_BY_DEFAULT rows. */
  setKeepRaw(keep: boolean | undefined): void {
    this.set({ keepRaw: keep });
  }

  /** The text an input's cell shows for the current model (what the input shows without a draft). */
  inputText(input: InputSpec): string {
    return cellText(this.current, input);
  }

  /** The cell an input is bound to (sheet-qualified), or undefined for a pane setting. */
  inputCell(input: InputSpec): string | undefined {
    return inputCell(this.current, input);
  }

  /** The signed value the "Sign this deal" form starts from for a term: the ask, as the Deal shows it. */
  signDefault(key: TermKey): string {
    return signDefault(this.current, key);
  }

  // The actions (actions/): each runs in `act`, so a failure is said with "Try again", never thrown.

  buildModel(sample: boolean): Promise<Outcome<string[]>> {
    return actions.buildModel(this, sample);
  }
  useMyData(address?: string): Promise<Outcome<string>> {
    return actions.useMyData(this, address);
  }
  setInput(id: string, text: string): Promise<Outcome> {
    return actions.setInput(this, id, text);
  }
  insertFormula(step: StepId, index = 0): Promise<Outcome<string>> {
    return actions.insertFormula(this, step, index);
  }
  setStatus(step: StepId, status: StepStatus): Promise<void> {
    return actions.setStatus(this, step, status);
  }
  useStatedCommitment(): Promise<Outcome> {
    return actions.useStatedCommitment(this);
  }
  useObservedDiscount(): Promise<Outcome> {
    return actions.useObservedDiscount(this);
  }
  useHistoryUncertainty(): Promise<Outcome> {
    return actions.useHistoryUncertainty(this);
  }
  importUsage(file: ByteSource): Promise<Outcome<ImportResult>> {
    return actions.importUsage(this, file);
  }
  cancelImport(): void {
    actions.cancelImport(this);
  }
  writeBrief(): Promise<Outcome<string>> {
    return actions.writeBrief(this);
  }
  signDeal(typed: Readonly<Partial<Record<TermKey, string>>> = {}, threshold = "", again = false, signedOn?: string) {
    return actions.signDeal(this, typed, threshold, again, signedOn);
  }
  saveFocus(): Promise<Outcome<string>> {
    return actions.saveFocus(this);
  }
  startSignFromFocus(file: actions.PickedFile): Promise<Outcome<string>> {
    return actions.startSignFromFocus(this, file);
  }
  setThreshold(text: string): Promise<Outcome> {
    return actions.setThreshold(this, text);
  }
  addActualMonth(text: string): Promise<Outcome<number>> {
    return actions.addActualMonth(this, text);
  }
  writeRenewalBrief(): Promise<Outcome<string>> {
    return actions.writeRenewalBrief(this);
  }
}
