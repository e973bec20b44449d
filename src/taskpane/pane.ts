/**
 * The task pane's state and handlers, over the workbook port. No DOM here (STYLE.md rule 9): the
 * view (view.ts) renders `PaneState` and calls these handlers; unit tests call them directly.
 */
import * as core from "../core";
import { NO_CAP, parseShare, parseTerms, parseVolatility } from "../sheet";
import { formatRect, freshName, parseAddress, quoteSheet, renameNames } from "../sheet/a1";
import { formatMoney, formatPercent, parseMoneyText, parsePercentText } from "./format";
import { dealCellAddress, dealValue, ModelData, readModel } from "./model";
import {
  CellValue,
  ChartSpec,
  describeFailure,
  done,
  errorText,
  Outcome,
  refuse,
  Refusal,
  WorkbookPort,
} from "./port/port";
import { buildModelInto, useMyData } from "./setup";
import { MODEL_SETTING, ModelRecord, modelRecord } from "./record";
import { planSigning, readTracking, signedTerms, toWrites, TrackingFigures, trackingFigures } from "./tracking";
import { renewalLayout } from "../model/tracking";
import { TERM_KEYS, TermKey, TERMS } from "../catalogue/terms";
import { TERM_PANE } from "../catalogue/termsPane";
import { ImportResult, RAW_ROWS_BY_DEFAULT, recordRaw, writeMonthly, writeRaw } from "./importer";
import { ByteSource, CANCELLED, FileRead, readExportStream, StreamOptions } from "../sheet/stream";
import { briefLayout } from "../model/brief";
import { computeFigures, Figures, InputSpec, STEP_IDS, StepId, STEPS } from "./steps";

export type StepStatus = "open" | "done" | "skipped";

/** Settings keys the pane keeps in the document. */
export const STATUS_SETTING = "commitLevers.status";
export const TERM_SETTING = "commitLevers.termOption";

/** Where the pane is: a step, or the summary. */
export type View = StepId | "summary" | "track";
/** The steps, the summary, then "After you sign" (tracking the signed deal). */
export const VIEWS: readonly View[] = [...STEP_IDS, "summary", "track"];

export interface PaneState {
  /** `failed`: the workbook could not be read (Excel refused or failed); `problem` says why. */
  readonly phase: "loading" | "setup" | "ready" | "invalid" | "failed";
  /** Why the model is missing or cannot be read. */
  readonly problem?: string;
  readonly data?: ModelData;
  readonly figures?: Figures;
  readonly statuses: Readonly<Record<StepId, StepStatus>>;
  readonly view: View;
  readonly termOption: number;
  /** The last message for the user (a refusal, a confirmation); `retry`: "Try again" repeats the action. */
  readonly message?: { readonly kind: "info" | "error"; readonly text: string; readonly retry?: boolean };
  /** An import in progress: what the progress bar shows. */
  readonly importing?: ImportProgress;
  /** The last import's summary: what was read, skipped and written. */
  readonly importReport?: { readonly read: FileRead; readonly result: ImportResult };
  /** "Also keep the raw rows", as the user set it; unset: on for exports of up to RAW_ROWS_BY_DEFAULT rows. */
  readonly keepRaw?: boolean;
  /** The signed deal's burn-down, once the deal is signed; `trackingProblem` says why it cannot be read. */
  readonly tracking?: TrackingFigures;
  readonly trackingProblem?: string;
  /** Increases on every refresh, for tests and the live region. */
  readonly revision: number;
}

export interface PaneOptions {
  /** Debounce for refreshing after workbook changes, ms (default 300). */
  readonly debounceMs?: number;
  /** How a picked file is read and summed: in a Web Worker in the pages, on this thread in the tests. */
  readonly readFile?: ReadFile;
  /** Short dates no row settles (4/1/25): day first, as the display language writes dates. */
  readonly dayFirst?: boolean;
}

/** Reads and sums a picked export (sheet/stream.ts), wherever it runs. */
export type ReadFile = (
  file: ByteSource,
  options: StreamOptions,
) => Promise<FileRead | core.LeverError | typeof CANCELLED>;

/** An import under way: the file, how far the read is, and what is being written. */
export interface ImportProgress {
  readonly file: string;
  readonly bytes: number;
  /** The file's size in bytes. */
  readonly total: number;
  readonly rows: number;
  readonly startedAt: number;
  readonly phase: "reading" | "writing" | "raw";
  /** Raw rows written so far, while keeping them. */
  readonly rowsWritten?: number;
}

/** What the pane says when an import is in: rows, months, models, and what a re-import replaced. */
export function importSentence(read: FileRead, result: ImportResult): string {
  const n = (x: number) => x.toLocaleString("en-US");
  const where = `the table ${result.imported.table} on sheet ${result.imported.sheet}`;
  if (result.unchanged) {
    return `Nothing changed: every month of ${read.file} is already in ${where} as it stands.`;
  }
  const models = result.models === 1 ? "one model" : `${n(result.models)} models`;
  const months = result.months === 1 ? "one month" : `${n(result.months)} months`;
  const reimport = result.otherColumns
    ? " The earlier import's table had other columns (another kind of export), so this one replaces it."
    : result.replaced + result.kept > 0
      ? ` It replaced ${n(result.replaced)} month${result.replaced === 1 ? "" : "s"} of the earlier import and kept ${n(result.kept)}.`
      : "";
  return (
    `Imported ${n(read.rows)} rows of ${read.file} (${read.format}): ${months} of ${models} in ${where}; ` +
    `Usage is its MONTHLY_USAGE spill.${reimport}`
  );
}

const OPEN_STATUSES = Object.fromEntries(STEP_IDS.map((id) => [id, "open"])) as Record<StepId, StepStatus>;

export class Pane {
  private current: PaneState = {
    phase: "loading",
    statuses: OPEN_STATUSES,
    view: "usage",
    termOption: 12,
    revision: 0,
  };
  private readonly listeners = new Set<(state: PaneState) => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private unsubscribe: (() => Promise<void>) | undefined;
  private readonly debounceMs: number;
  private failedAction: (() => Promise<unknown>) | undefined;
  /** False after `dispose` (the pane is hidden): no refresh is scheduled. */
  private active = true;
  /** Counts refreshes started; a refresh that is no longer the latest drops its result. */
  private generation = 0;
  /** Refusals `act` made from a failure it already showed (with "Try again"). */
  private readonly shown = new WeakSet<object>();
  private readonly readFile: ReadFile;
  private readonly dayFirst: boolean;
  /** The read under way, to cancel. */
  private reading: AbortController | undefined;
  /** How long the brief waits for its COMMIT_CURVE spill to calculate before adding the chart, ms. */
  chartWaitMs = 10_000;

  constructor(
    readonly port: WorkbookPort,
    options: PaneOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? 300;
    this.readFile = options.readFile ?? readExportStream;
    port.onSaveFailure?.((text) => this.set({ message: { kind: "error", text } }));
    this.dayFirst = options.dayFirst ?? false;
  }

  get state(): PaneState {
    return this.current;
  }

  /** Calls `listener` after every state change; returns the function that stops it. */
  subscribe(listener: (state: PaneState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(patch: Partial<PaneState>): void {
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
      this.set({ statuses: readStatuses(statuses), termOption: typeof term === "number" && term >= 1 ? term : 12 });
      this.unsubscribe ??= await this.port.onChange(() => this.scheduleRefresh());
    } catch (e) {
      this.fail(e, () => this.start());
      return;
    }
    await this.refresh();
  }

  /** Shows a failure in words, with "Try again" repeating `action`. */
  private fail(e: unknown, action: () => Promise<unknown>): void {
    this.failedAction = action;
    const text = describeFailure(e);
    if (this.current.phase === "loading" || this.current.phase === "failed") {
      this.set({ phase: "failed", problem: text, message: { kind: "error", text, retry: true } });
    } else {
      this.set({ message: { kind: "error", text, retry: true } });
    }
  }

  /** "Try again": repeats what failed last. */
  async retry(): Promise<void> {
    const action = this.failedAction ?? (() => this.refresh());
    this.failedAction = undefined;
    this.set({ message: undefined });
    await action();
  }

  /**
   * Runs a user action; an Office.js failure becomes a message with "Try again", never a rejection.
   * `again` is what "Try again" runs: the whole public action, with its message and refresh.
   */
  private async act<T>(action: () => Promise<Outcome<T>>, again: () => Promise<unknown>): Promise<Outcome<T>> {
    try {
      return await action();
    } catch (e) {
      this.fail(e, again);
      const refusal = refuse("failed", describeFailure(e));
      this.shown.add(refusal);
      return refusal;
    }
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
   * sets the state, so an older read never overwrites a newer one.
   */
  async refresh(): Promise<void> {
    const generation = ++this.generation;
    const stale = () => generation !== this.generation || !this.active;
    let read: Awaited<ReturnType<typeof readModel>>;
    try {
      read = await readModel(this.port);
      // Custom functions are asynchronous (#BUSY! until done): give a calculation a moment first.
      for (let wait = 25; isBusy(read) && wait <= BUSY_WAIT_MS && !stale(); wait *= 2) {
        await delay(wait);
        read = await readModel(this.port);
      }
    } catch (e) {
      if (!stale()) this.fail(e, () => this.refresh());
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
    const figures = withNames(computeFigures(read.data, { termOption: this.current.termOption }), read.data.names);
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

  /** Tells the outcome; a failed change (Excel could not finish it) offers "Try again" with `again`. */
  private say(outcome: Outcome<unknown>, success: string, again?: () => Promise<unknown>): void {
    if (this.shown.has(outcome)) return;
    if (!outcome.ok && outcome.code === "failed" && again) {
      this.failedAction = again;
      this.set({ message: { kind: "error", text: outcome.message, retry: true } });
      return;
    }
    this.set({ message: outcome.ok ? { kind: "info", text: success } : { kind: "error", text: outcome.message } });
  }

  /** "Build the model" (with sample usage or empty rows). */
  async buildModel(sample: boolean): Promise<Outcome<string[]>> {
    const outcome = await this.act(
      () => buildModelInto(this.port, sample),
      () => this.buildModel(sample),
    );
    this.say(outcome, outcome.ok ? `Model built on sheets ${outcome.value.join(", ")}.` : "", () =>
      this.buildModel(sample),
    );
    if (outcome.ok) await this.refresh();
    return outcome;
  }

  /** "Use my data": names the selected usage range and adds the model around it. */
  async useMyData(address?: string): Promise<Outcome<string>> {
    const outcome = await this.act(
      () => useMyData(this.port, address),
      () => this.useMyData(address),
    );
    this.say(
      outcome,
      outcome.ok
        ? `Your usage is ${outcome.value} (the filled part of the selection); the deal, bands and summary read it.`
        : "",
      () => this.useMyData(address),
    );
    if (outcome.ok) await this.refresh();
    return outcome;
  }

  /**
   * "Bring your usage": reads a picked export (in a Web Worker in the pane, as a stream: nothing
   * leaves the machine), then writes its monthly totals and points the model's Usage at them.
   * Nothing is written before the read succeeds: Cancel, or a bad file, leaves the workbook as it was.
   */
  async importUsage(file: ByteSource): Promise<Outcome<ImportResult>> {
    if (this.reading) return refuse("invalid", "An import is already running: wait for it, or cancel it.");
    const abort = new AbortController();
    this.reading = abort;
    const startedAt = Date.now();
    const importing = (patch: Partial<ImportProgress>) => {
      const now = this.current.importing ?? {
        file: file.name,
        bytes: 0,
        total: file.size,
        rows: 0,
        startedAt,
        phase: "reading",
      };
      this.set({ importing: { ...now, ...patch } });
    };
    this.set({ message: undefined, importReport: undefined });
    importing({});
    let read: Awaited<ReturnType<ReadFile>>;
    try {
      read = await this.readFile(file, {
        signal: abort.signal,
        dayFirst: this.dayFirst,
        onProgress: (p) => importing({ bytes: p.bytes, rows: p.rows }),
      });
    } catch (e) {
      read = new core.LeverError("#VALUE!", `the file could not be read (${errorText(e)})`);
    } finally {
      this.reading = undefined;
    }
    if (read === CANCELLED) {
      this.set({
        importing: undefined,
        message: { kind: "info", text: `Import of ${file.name} cancelled: nothing was written.` },
      });
      return refuse("invalid", "cancelled");
    }
    if (read instanceof core.LeverError) {
      const text = `${file.name}: ${read.message.replace(/^(file|export): /, "")}. Nothing was written.`;
      this.set({ importing: undefined, message: { kind: "error", text } });
      return refuse("invalid", text);
    }
    return this.writeImport(file, read);
  }

  /** Stops the read under way (the worker is ended); nothing has been written yet. */
  cancelImport(): void {
    this.reading?.abort();
  }

  /** "Also keep the raw rows": on or off; unset means on for exports of up to RAW_ROWS_BY_DEFAULT rows. */
  setKeepRaw(keep: boolean | undefined): void {
    this.set({ keepRaw: keep });
  }

  /** Writes a read export: the monthly table and names, then the raw rows when kept. "Try again" comes back here. */
  private async writeImport(file: ByteSource, read: FileRead): Promise<Outcome<ImportResult>> {
    const again = () => this.writeImport(file, read);
    const base = this.current.importing;
    this.set({
      importing: {
        file: file.name,
        bytes: read.bytes,
        total: file.size,
        rows: read.rows,
        startedAt: base?.startedAt ?? Date.now(),
        phase: "writing",
      },
      message: undefined,
    });
    // The worker's answer, the write and the pane's redraws each get a task of their own: the pane's
    // thread never holds the page for one long task (a host that answers at once, as the in-memory
    // workbook does, would otherwise run them all in the task that took the answer).
    await delay(0);
    const outcome = await this.act(() => writeMonthly(this.port, read), again);
    await delay(0);
    if (!outcome.ok) {
      this.set({ importing: undefined });
      this.say(outcome, "", again);
      return outcome;
    }
    let result = outcome.value;
    const keepRaw = this.current.keepRaw ?? read.records <= RAW_ROWS_BY_DEFAULT;
    const said = importSentence(read, result) + (result.saveProblem ? ` ${result.saveProblem}` : "");
    if (keepRaw && !result.unchanged) {
      const raw = await this.keepRawRows(file, read, said);
      if (raw.ok) {
        result = { ...result, imported: { ...result.imported, rawSheet: raw.value.sheet, rawTable: raw.value.table } };
      }
    } else {
      this.say(outcome, said);
    }
    this.set({ importing: undefined, importReport: { read, result }, view: "usage" });
    await this.refresh();
    return done(result);
  }

  /**
   * "Also keep the raw rows": writes them on a sheet of their own, after the monthly totals are in.
   * A failure says how far it got and offers "Try again", which writes them again on a fresh sheet.
   */
  private async keepRawRows(
    file: ByteSource,
    read: FileRead,
    said: string,
  ): Promise<Outcome<{ sheet: string; table: string }>> {
    const again = () => this.keepRawRows(file, read, said);
    this.set({
      importing: {
        file: file.name,
        bytes: read.bytes,
        total: file.size,
        rows: read.records,
        startedAt: this.current.importing?.startedAt ?? Date.now(),
        phase: "raw",
        rowsWritten: 0,
      },
    });
    const raw = await this.act(
      () =>
        writeRaw(this.port, file, read, (n) => this.set({ importing: { ...this.current.importing!, rowsWritten: n } })),
      again,
    );
    this.set({ importing: undefined });
    if (raw.ok) {
      await recordRaw(this.port, raw.value).catch(() => undefined);
      this.say(raw, `${said} The raw rows are in the table ${raw.value.table} on sheet ${raw.value.sheet}.`);
    } else if (!this.shown.has(raw)) {
      if (raw.code === "failed") this.failedAction = again;
      this.set({ message: { kind: "error", text: `${said} ${raw.message}`, retry: raw.code === "failed" } });
    }
    return raw;
  }

  /**
   * Puts the commitment the export states (a FOCUS Purchase of a Spend commitment) in the Deal's
   * draft commit, per 12 months: the amount over its own months, times 12.
   */
  async useStatedCommitment(): Promise<Outcome> {
    const c = this.current.importReport?.read.commitment ?? this.current.data?.imported?.commitment;
    if (!c) return refuse("not-found", "The imported export states no spend commitment.");
    const perYear = (c.amount * 12) / c.months;
    const outcome = await this.setInput("commit.draft", String(perYear));
    if (outcome.ok) {
      this.set({
        message: {
          kind: "info",
          text: `The draft's commit is now ${formatMoney(perYear)} a year, the commitment your export states (${formatMoney(c.amount)} over ${c.months} months).`,
        },
      });
    }
    return outcome;
  }

  /** Puts the imported export's observed discount (OBSERVED_DISCOUNT) in the Deal's draft discount. */
  async useObservedDiscount(): Promise<Outcome> {
    const observed = this.current.data?.imported?.observedDiscount;
    if (observed === undefined)
      return refuse("not-found", "The imported export has no list and billed amounts to compare.");
    const outcome = await this.setInput("discount.draft", String(observed));
    if (outcome.ok) {
      this.set({
        message: {
          kind: "info",
          text: `The draft's discount is now ${formatPercent(observed)}, the discount your export shows you already get.`,
        },
      });
    }
    return outcome;
  }

  go(view: View): void {
    this.set({ view, message: undefined });
  }

  /** The text an input shows for the current model. */
  inputText(input: InputSpec): string {
    const data = this.current.data;
    const t = input.target;
    if ("setting" in t) return String(this.current.termOption);
    if (!data) return "";
    const value: CellValue =
      "deal" in t ? dealValue(data.dealRange, t.deal, t.column) : (data.assumptions[t.name]?.value ?? "");
    return showInput(input, value);
  }

  /** The cell an input is bound to (sheet-qualified), or undefined for a pane setting. */
  inputCell(input: InputSpec): string | undefined {
    const data = this.current.data;
    const t = input.target;
    if (!data || "setting" in t) return undefined;
    if ("deal" in t) return dealCellAddress(data.dealRange, t.deal, t.column);
    return data.assumptions[t.name]?.address;
  }

  /** Edits an input: parses the text, writes its cell (or setting) and refreshes. */
  setInput(id: string, text: string): Promise<Outcome> {
    return this.act(
      () => this.setInputNow(id, text),
      () => this.setInput(id, text),
    );
  }

  private async setInputNow(id: string, text: string): Promise<Outcome> {
    const input = STEPS.flatMap((s) => s.inputs).find((i) => i.id === id);
    if (!input) return refuse("invalid", `No input ${id}.`);
    const value = parseInput(input, text);
    if (typeof value === "object" && value !== null) {
      this.set({ message: { kind: "error", text: value.message } });
      return value;
    }
    if ("setting" in input.target) {
      const months = value as number;
      await this.port.setSettings({ [TERM_SETTING]: months });
      this.set({ termOption: months, message: undefined });
      await this.refresh();
      return done(undefined);
    }
    const cell = this.inputCell(input);
    if (!cell) return refuse("not-found", `The model has no cell for ${input.label}.`);
    const problem = this.check(input, value);
    if (problem) {
      this.set({ message: { kind: "error", text: problem } });
      return refuse("invalid", problem);
    }
    const outcome = await this.port.write(cell, [[{ value }]]);
    this.set({ message: outcome.ok ? undefined : { kind: "error", text: outcome.message } });
    if (outcome.ok) await this.refresh();
    return outcome;
  }

  /** The core's objection to a value for an input, judged as the functions judge it. */
  private check(input: InputSpec, value: CellValue): string | undefined {
    const data = this.current.data;
    const t = input.target;
    if (!data || "setting" in t) return undefined;
    if ("name" in t) {
      const parsed = t.name === "Volatility" ? parseVolatility(input.label, value) : parseShare(input.label, value);
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

  /** Writes a step's formula at the selection, refusing a non-empty cell. Returns the address. */
  insertFormula(step: StepId, index = 0): Promise<Outcome<string>> {
    return this.act(
      () => this.insertFormulaNow(step, index),
      () => this.insertFormula(step, index),
    );
  }

  private async insertFormulaNow(step: StepId, index: number): Promise<Outcome<string>> {
    const formula = this.current.figures?.steps[step].formulas[index];
    if (!formula) return refuse("not-found", "Build the model first: there is no formula to insert yet.");
    const selected = parseAddress(await this.port.selection());
    if (!selected) return refuse("invalid", "Select a cell first.");
    const target = formatRect({ ...selected, rows: 1, columns: 1 });
    const outcome = await this.port.write(target, [[{ formula: formula.formula }]], { onlyEmpty: true });
    this.say(outcome, `Inserted ${formula.label.toLowerCase()} at ${target}.`, () => this.insertFormula(step, index));
    return outcome.ok ? done(target) : outcome;
  }

  /** Marks a step done, skipped or open; kept in the document settings. */
  async setStatus(step: StepId, status: StepStatus): Promise<void> {
    const statuses = { ...this.current.statuses, [step]: status };
    await this.act(
      async () => {
        await this.port.setSettings({ [STATUS_SETTING]: statuses });
        this.set({ statuses });
        return done(undefined);
      },
      () => this.setStatus(step, status),
    );
  }

  /** "Write the negotiation brief": a new sheet with the ranked asks, a live COMMIT_CURVE and a chart. */
  writeBrief(): Promise<Outcome<string>> {
    return this.act(
      () => this.writeBriefNow(),
      () => this.writeBrief(),
    );
  }

  private async writeBriefNow(): Promise<Outcome<string>> {
    const figures = this.current.figures;
    const data = this.current.data;
    if (!figures || !data) return refuse("not-found", "Build the model first.");
    // The sheet and its cells go in one batch, so a failed sync leaves neither behind.
    const sheet = freshName("Brief", await this.port.sheetNames());
    const { rows, all, draftCost, yardstick } = figures.summary;
    const curve = figures.steps.size.formulas.find((f) => f.id === "curve")!;
    const brief = briefLayout({
      sheet,
      date: localDate(),
      draftCost,
      rows,
      all,
      ...(yardstick ? { yardstick } : {}),
      curveFormula: curve.formula,
      // The spill's size is known from the core: header + one row per commit on the curve.
      curvePoints: figures.steps.size.curve?.rows.length ?? 25,
    });
    const q = quoteSheet(sheet);
    const written = await this.port.batch([
      { kind: "addSheet", name: sheet },
      { kind: "write", address: `${q}!A1`, cells: brief.grid.map((row) => [...row]) },
    ]);
    if (!written.ok) {
      this.say(written, "", () => this.writeBrief());
      return written;
    }
    // The chart once the spill has calculated: custom functions are asynchronous and show #BUSY!
    // first (custom-functions-troubleshooting).
    const wrote = `Wrote the negotiation brief on sheet ${sheet}.`;
    return this.chartWhenCalculated(
      brief.curveCell,
      { sheet, ...brief.chart },
      {
        done: wrote,
        notYet: `Wrote the negotiation brief on sheet ${sheet}, but its curve has not calculated yet, so the chart was not added.`,
      },
      sheet,
    );
  }

  /**
   * Adds a chart once the formula at `cell` has calculated (custom functions show #BUSY! first:
   * custom-functions-troubleshooting); `done` is what to say then. When it has not calculated in
   * time, or Excel refuses the chart, the sheets stay written and "Try again" retries the chart alone.
   */
  private async chartWhenCalculated(
    cell: string,
    spec: ChartSpec,
    words: { readonly done: string; readonly notYet: string },
    value: string,
  ): Promise<Outcome<string>> {
    const again = () => this.act(() => this.chartWhenCalculated(cell, spec, words, value), again);
    if (!(await this.waitForCalculation(cell))) {
      const text = `${words.notYet} Check that the add-in is running, then try again.`;
      this.failedAction = again;
      this.set({ message: { kind: "error", text, retry: true } });
      return refuse("failed", text);
    }
    const chart = await this.port.addChart(spec);
    this.say(chart, words.done, again);
    return chart.ok ? done(value) : chart;
  }

  /** The signed value the "Sign this deal" form starts from for a term: the ask, as the Deal shows it. */
  signDefault(key: TermKey): string {
    const spec = { id: key, label: key, kind: TERM_PANE[key].kind, target: { deal: key, column: "ask" as const } };
    return showInput(spec, this.askValue(key));
  }

  /**
   * A term's ask as the Deal cell holds it (not the text the form shows, which rounds), or its
   * parsed value where the Deal has no such row; "none" for a cap left open.
   */
  private askValue(key: TermKey): CellValue {
    const data = this.current.data;
    if (!data) return "";
    const cell = dealValue(data.dealRange, key, "ask");
    if (cell !== "") return cell;
    const value = data.terms.ask[TERMS[key].field];
    return value === undefined ? NO_CAP : typeof value === "boolean" ? Number(value) : value;
  }

  /**
   * "Sign this deal": freezes the terms as signed (each the ask unless typed otherwise) and the plan
   * (the model's monthly usage, whose length is the term) into a new Signed sheet, and adds a
   * Tracking sheet with an Actuals table, a live BURNDOWN and SHORTFALL and a burn-down chart. A
   * workbook with a signed deal is not signed again unless `again` (the user confirmed): the first
   * deal's sheets stay as they are, and the pane tracks the new one.
   */
  signDeal(
    typed: Readonly<Partial<Record<TermKey, string>>> = {},
    threshold = "",
    again = false,
  ): Promise<Outcome<string>> {
    return this.act(
      () => this.signDealNow(typed, threshold, again),
      () => this.signDeal(typed, threshold, again),
    );
  }

  private async signDealNow(
    typed: Readonly<Partial<Record<TermKey, string>>>,
    thresholdText: string,
    again: boolean,
  ): Promise<Outcome<string>> {
    const data = this.current.data;
    if (!data) return refuse("not-found", "Build the model first: there is no deal to sign yet.");
    const record = await modelRecord(this.port);
    if (record?.signed && !again) {
      return this.refuseSaying(
        `This workbook already has a signed deal, on sheet ${record.signed.signed}. Sign again to track a new one: the first one's sheets stay as they are.`,
      );
    }
    const fallback = Object.fromEntries(TERM_KEYS.map((key) => [key, this.askValue(key)])) as Record<
      TermKey,
      CellValue
    >;
    const terms = signedTerms(typed, fallback, parseInputValue);
    if ("message" in terms && typeof terms.message === "string") return this.refuseSaying(terms.message);
    const limit = this.dollars("Warning threshold", thresholdText, "$25,000", 0);
    if (typeof limit !== "number") return limit;
    const plan = await planSigning(this.port, {
      terms: terms as Record<TermKey, CellValue>,
      plan: data.usage,
      threshold: limit,
      date: localDate(),
    });
    const written = await this.port.batch(plan.ops);
    if (!written.ok) {
      this.say(written, "", () => this.signDeal(typed, thresholdText, again));
      return written;
    }
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
    return this.keepSigned({ ...(record ?? { mode: "found", sheets: [] }), signed: plan.places }, spec);
  }

  /**
   * Keeps where the signed deal is (the model record), then shows it and adds its chart. The sheets
   * are in the workbook already, so a failed save is said, with "Try again" saving it again (and
   * going on to the chart): without the record the pane would not track them.
   */
  private async keepSigned(record: ModelRecord, spec: ChartSpec): Promise<Outcome<string>> {
    const places = record.signed!;
    try {
      await this.port.setSettings({ [MODEL_SETTING]: record });
    } catch (e) {
      const text = `Signed on sheets ${places.signed} and ${places.tracking}, but the pane could not keep where they are, so it cannot track them yet: ${describeFailure(e)}`;
      this.failedAction = () => this.keepSigned(record, spec);
      this.set({ message: { kind: "error", text, retry: true } });
      return refuse("failed", text);
    }
    this.set({ view: "track" });
    await this.refresh();
    const signed = `Signed: the terms are on sheet ${places.signed}, frozen; type each month's actuals on sheet ${places.tracking}.`;
    return this.chartWhenCalculated(
      places.burndown,
      spec,
      { done: signed, notYet: `${signed} The burn-down has not calculated yet, so its chart was not added.` },
      places.tracking,
    );
  }

  /** The warning threshold: the projected forfeit of the current period above which the view warns. */
  setThreshold(text: string): Promise<Outcome> {
    return this.act(
      () => this.setThresholdNow(text),
      () => this.setThreshold(text),
    );
  }

  private async setThresholdNow(text: string): Promise<Outcome> {
    const places = this.current.tracking?.data.places;
    if (!places) return refuse("not-found", "Sign the deal first.");
    const value = this.dollars("Warning threshold", text, "$25,000", 0);
    if (typeof value !== "number") return value;
    const outcome = await this.port.write(places.threshold, [[{ value }]]);
    this.say(outcome, `The view now warns when this period's projected forfeit is above ${formatMoney(value)}.`);
    if (outcome.ok) await this.refresh();
    return outcome;
  }

  /**
   * Adds the next month's actual usage (list dollars) in the Actuals table: the first row after the
   * last month in. Refused once every month of the term is in.
   */
  addActualMonth(text: string): Promise<Outcome<number>> {
    return this.act(
      () => this.addActualMonthNow(text),
      () => this.addActualMonth(text),
    );
  }

  private async addActualMonthNow(text: string): Promise<Outcome<number>> {
    const tracking = this.current.tracking;
    if (!tracking) return refuse("not-found", "Sign the deal first.");
    const value = this.dollars("Actual usage", text, "$84,000 at list");
    if (typeof value !== "number") return value;
    const { places, entered } = tracking.data;
    // The next cell after everything typed: a 0 typed as a month is the user's and stays (it counts
    // as a month once a later one is in, DOMAIN.md "Usage series").
    const month = entered + 1;
    if (month > places.termMonths) {
      return this.refuseSaying(
        `Every month of the ${places.termMonths}-month term has its actuals. Start the renewal: write the renewal brief.`,
      );
    }
    const top = parseAddress(places.actuals)!;
    const cell = formatRect({ ...top, row: top.row + month - 1, rows: 1, columns: 1 });
    // Only into an empty cell: a 0 the user typed there is theirs.
    const written = await this.port.write(cell, [[{ value }]], { onlyEmpty: true });
    // The cell holds only spaces (read as blank, so not yet a month): the user's to clear.
    const outcome: Outcome =
      !written.ok && written.code === "occupied"
        ? refuse(
            "occupied",
            `${cell} holds text that looks blank (spaces), so month ${month} was not written there. Clear that cell, then try again.`,
          )
        : written;
    this.say(
      outcome,
      `Month ${month}: ${formatMoney(value)} at list, in the Actuals table (${cell}).` +
        (value === 0 ? " A month of 0 counts once a later month is in." : ""),
      () => this.addActualMonth(text),
    );
    if (outcome.ok) await this.refresh();
    return outcome.ok ? done(month) : outcome;
  }

  /** "Write the renewal brief": a new sheet with the starting position for the renewal, live over the actuals. */
  writeRenewalBrief(): Promise<Outcome<string>> {
    return this.act(
      () => this.writeRenewalBriefNow(),
      () => this.writeRenewalBrief(),
    );
  }

  private async writeRenewalBriefNow(): Promise<Outcome<string>> {
    const tracking = this.current.tracking;
    const data = this.current.data;
    if (!tracking || !data) return refuse("not-found", "Sign the deal first.");
    if (tracking.data.actuals.length < 2) {
      return this.refuseSaying("The renewal brief projects the actuals: add at least two months of actuals first.");
    }
    const sheet = freshName("Renewal brief", await this.port.sheetNames());
    const asks = Object.fromEntries(TERM_KEYS.map((key) => [key, this.askValue(key)])) as Record<TermKey, CellValue>;
    const layout = renewalLayout({
      sheet,
      places: tracking.data.places,
      bands: data.names.get("Bands") ?? "Bands",
      asks,
      date: localDate(),
    });
    const outcome = await this.port.batch([
      { kind: "addSheet", name: sheet },
      { kind: "write", address: `${quoteSheet(sheet)}!A1`, cells: toWrites(layout.grid) },
      { kind: "columnWidths", sheet, widths: [52, 16, 16, 16, 12, 12, 4, 20, 4, 18] },
    ]);
    this.say(
      outcome,
      `Wrote the renewal brief on sheet ${sheet}: the utilization so far, the band the actual usage reaches, the renewal at the signed cap against a reset to list, and the asks ranked again.`,
      () => this.writeRenewalBrief(),
    );
    return outcome.ok ? done(sheet) : outcome;
  }

  /** Refuses an action with `text`, said in the pane (nothing was written). */
  private refuseSaying(text: string): Refusal {
    this.set({ message: { kind: "error", text } });
    return refuse("invalid", text);
  }

  /** Dollars typed in the pane ("$84,000", "84000"), 0 or more; blank is `blank` when given. */
  private dollars(label: string, text: string, example: string, blank?: number): number | Refusal {
    const t = text.trim();
    const value = t === "" ? blank : parseMoneyText(t);
    if (value === undefined || value < 0) {
      return this.refuseSaying(`${label}: "${text}" is not an amount in dollars, like ${example}.`);
    }
    return value;
  }

  /** Polls a formula cell until it no longer reads #BUSY!, for at most `chartWaitMs`. */
  private async waitForCalculation(address: string): Promise<boolean> {
    const deadline = Date.now() + this.chartWaitMs;
    for (let wait = 25; ; wait = Math.min(wait * 2, 500)) {
      const read = await this.port.readRange(address).catch(() => refuse("failed", "read failed"));
      if (read.ok && !isBusyValue(read.value.values[0]?.[0])) return true;
      if (Date.now() + wait > deadline) return false;
      await delay(wait);
    }
  }
}

/** How long a refresh waits for a calculation in progress before showing "still calculating", ms. */
const BUSY_WAIT_MS = 1600;

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A value Excel shows while a custom function is still computing. */
function isBusyValue(value: unknown): boolean {
  return value === "#BUSY!" || value === "#GETTING_DATA";
}

function isBusy(read: Awaited<ReturnType<typeof readModel>>): boolean {
  return read.kind === "invalid" && /#BUSY!|#GETTING_DATA/.test(read.message);
}

/** The figures with every formula using this copy's names (Usage_2 in a second copy of the model). */
function withNames(figures: Figures, names: ReadonlyMap<string, string>): Figures {
  if (names.size === 0) return figures;
  const steps = Object.fromEntries(
    Object.entries(figures.steps).map(([id, step]) => [
      id,
      { ...step, formulas: step.formulas.map((f) => ({ ...f, formula: renameNames(f.formula, names) })) },
    ]),
  ) as unknown as Figures["steps"];
  return { ...figures, steps };
}

function readStatuses(value: unknown): Record<StepId, StepStatus> {
  const out = { ...OPEN_STATUSES };
  if (value && typeof value === "object") {
    for (const id of STEP_IDS) {
      const s = (value as Record<string, unknown>)[id];
      if (s === "done" || s === "skipped" || s === "open") out[id] = s;
    }
  }
  return out;
}

/** How a cell value shows in an input of this kind. */
export function showInput(input: InputSpec, value: CellValue): string {
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
export function parseInput(input: InputSpec, text: string): CellValue | ReturnType<typeof refuse> {
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

/** A signed term's text as its Deal cell would hold it (or a refusal), read as the pane's inputs read it. */
function parseInputValue(key: TermKey, text: string): CellValue | ReturnType<typeof refuse> {
  const label = TERM_PANE[key].pane?.label ?? TERMS[key].label;
  return parseInput({ id: key, label, kind: TERM_PANE[key].kind, target: { deal: key, column: "ask" } }, text);
}

/** Today in the user's time zone, yyyy-mm-dd (not UTC: the day the user signs or writes the brief). */
function localDate(now = new Date()): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
}
