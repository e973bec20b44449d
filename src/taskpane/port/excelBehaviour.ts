/**
 * How Excel refuses things, for the stand-in hosts (the in-memory workbook and the HyperFormula
 * preview host). A test double that forgives what Excel refuses hides the bug a user meets first
 * (STYLE.md rule 12), so each behaviour here cites where Excel is documented to behave that way.
 * Where the documentation is silent the comment says "unverified".
 *
 * Both stand-ins extend `ExcelBehaviour` and call its checks; tests and the fuzz flip its switches.
 */

import { dayNumber, excelSerial } from "../../core/dates";
import type { CellValue, ChangeEvent } from "./port";
import {
  OfficeError,
  OfficeCodes,
  OfficeAsyncError,
  CommonApiCodes,
  Platform,
  WEB_PAYLOAD_LIMIT_BYTES,
  payloadBytes,
  payloadExceeds,
  SETTINGS_LIMIT_BYTES,
} from "./excel";

/** The switches every stand-in host shares, and the checks that make it refuse what Excel refuses. */
export class ExcelBehaviour {
  /** Desktop passes an empty cell to a function as 0, the web as null (office-js #4702, #5262, #1951). */
  platform: Platform = "web";
  /**
   * Whether Excel honours `delayForCellEdit` (the Office adapter passes it on every Excel.run). Its
   * API set is not documented (unverified); an Excel that ignores it fails in cell-edit mode.
   */
  honoursDelayForCellEdit = true;
  private editing: { done: Promise<void>; finish: () => void } | undefined;
  /** A selection of several areas (comma-separated), as the user can make with Ctrl+click. */
  protected selectedAreas: string[] = [];
  /** The next `failures` calls fail as a sync whose request Excel could not carry out. */
  private pendingFailures = 0;
  /** The document's settings (Office.context.document.settings), kept as Office keeps them: as JSON. */
  readonly settings = new Map<string, unknown>();
  private readonly listeners = new Set<(event: ChangeEvent) => void>();
  /** Milliseconds from a change to the end of its calculation step (custom functions are asynchronous). */
  calculationDelayMs = 0;
  private pendingCalculation: Promise<void> | undefined;
  private finishNow: () => void = () => undefined;

  /**
   * Custom functions are asynchronous: after a change, a `LEVERS.*` cell reads #BUSY! until Excel has
   * run them (custom-functions-troubleshooting), and the end of that step is a change event of its
   * own, as `onCalculated` is. A host starts the step on every change; it has no step to run when the
   * workbook holds no custom-function formula (`holdsCustomFunctions`).
   */
  protected startCalculation(): void {
    if (this.pendingCalculation || !this.holdsCustomFunctions()) return;
    this.pendingCalculation = new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.pendingCalculation = undefined;
        resolve();
        this.notify({ sheet: "", address: "" });
      }, this.calculationDelayMs);
      this.finishNow = () => {
        clearTimeout(timer);
        this.pendingCalculation = undefined;
        resolve();
      };
    });
  }

  /** Whether any cell holds a custom-function formula (a host that cannot tell says yes). */
  protected holdsCustomFunctions(): boolean {
    return true;
  }

  /** Whether a calculation step is pending: its custom-function cells read #BUSY! until it has run. */
  protected get calculating(): boolean {
    return this.pendingCalculation !== undefined;
  }

  /** Ends a calculation step still pending, without its change event (a test's long calculation). */
  finishCalculation(): void {
    this.finishNow();
  }

  /** Waits until the calculation step after the last change has run. */
  async calculated(): Promise<void> {
    while (this.pendingCalculation) await this.pendingCalculation;
  }

  /** Office.context.document.settings.get reads an in-memory copy: no request to Excel, so nothing to refuse. */
  async getSetting(key: string): Promise<unknown> {
    await Promise.resolve();
    const value = this.settings.get(key);
    // Settings round-trip through JSON in Office: so do they here.
    return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
  }

  /**
   * `settings.set` each entry, then `settings.saveAsync`. A save whose settings (all of them, as the
   * one JSON property bag Office stores) pass SETTINGS_LIMIT_BYTES fails as saveAsync reports a failed
   * result: 4001 Save Settings Error (the documented code for "settings could not be saved"; which
   * code Excel gives for settings too large is unverified: office-js #3957 saw "The argument is
   * invalid or missing or has an incorrect format."). Nothing is stored then: `settings` is what the
   * document keeps (Office's in-memory copy would hold the unsaved values until the document reopens).
   */
  async setSettings(entries: Readonly<Record<string, unknown>>): Promise<void> {
    await this.gate();
    const next = new Map(this.settings);
    for (const [k, v] of Object.entries(entries)) next.set(k, JSON.parse(JSON.stringify(v)));
    this.refuseSettings(next);
    for (const [k, v] of next) this.settings.set(k, v);
  }

  /** Settings that pass SETTINGS_LIMIT_BYTES as one JSON object cannot be saved. */
  protected refuseSettings(settings: ReadonlyMap<string, unknown>): void {
    if (payloadExceeds(Object.fromEntries(settings), SETTINGS_LIMIT_BYTES)) {
      throw new OfficeAsyncError(
        CommonApiCodes.saveSettings,
        "Save Settings Error",
        "The settings could not be saved.",
      );
    }
  }

  /** Registering the handlers is an Excel.run of its own: it can fail like any other. */
  async onChange(listener: (event: ChangeEvent) => void): Promise<() => Promise<void>> {
    await this.gate();
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
      return Promise.resolve();
    };
  }

  /** Tells every listener of a change. */
  protected emit(event: ChangeEvent): void {
    this.notify(event);
  }

  /** The listeners hear of an event (the end of a calculation step is not a change that starts another). */
  private notify(event: ChangeEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }

  /** The user starts typing in a cell: batches fail, or wait with `delayForCellEdit`. */
  enterCellEdit(): void {
    if (this.editing) return;
    let finish = () => {};
    const done = new Promise<void>((resolve) => (finish = resolve));
    this.editing = { done, finish };
  }

  /** The user presses Enter or Esc: waiting batches run. */
  leaveCellEdit(): void {
    const editing = this.editing;
    this.editing = undefined;
    editing?.finish();
  }

  get inCellEdit(): boolean {
    return this.editing !== undefined;
  }

  /** The next `count` host calls fail as a failed `context.sync()` would. */
  failNextCalls(count = 1): void {
    this.pendingFailures = count;
  }

  /**
   * Every call into the workbook goes through here first. In cell-edit mode a batch waits for the
   * edit to end when Excel honours delayForCellEdit, and otherwise fails with
   * InvalidOperationInCellEditMode (Excel.RunOptions docs: "when false, if the user is in cell edit
   * mode, the batch request will fail";
   * https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-delay-in-cell-edit).
   */
  protected async gate(): Promise<void> {
    while (this.editing) {
      if (!this.honoursDelayForCellEdit) {
        throw new OfficeError(
          OfficeCodes.cellEditMode,
          "This operation is not available while Excel is in Edit cell mode. Exit Edit mode by using the Enter or Tab keys, or by selecting another cell, and then try again.",
        );
      }
      await this.editing.done;
    }
    if (this.pendingFailures > 0) {
      this.pendingFailures--;
      throw new OfficeError(OfficeCodes.generalException, "There was an internal error while processing the request.");
    }
  }

  /** A read's response on the web may not pass 5 MB (see WEB_PAYLOAD_LIMIT_BYTES). */
  protected checkResponse(payload: unknown): void {
    if (this.platform === "web" && payloadBytes(payload) > WEB_PAYLOAD_LIMIT_BYTES) {
      throw new OfficeError(OfficeCodes.responseTooLarge, "The response payload size has exceeded the limit.");
    }
  }

  /** A write's request on the web may not pass 5 MB either. */
  protected checkRequest(payload: unknown): void {
    if (this.platform === "web" && payloadBytes(payload) > WEB_PAYLOAD_LIMIT_BYTES) {
      throw new OfficeError(OfficeCodes.requestTooLarge, "The request payload size has exceeded the limit.");
    }
  }

  /**
   * `names.add` on a name that exists fails (office-js #2875: "A resource with the same name or
   * identifier already exists"; office-js-snippets #210). The code ItemAlreadyExists is the one
   * Excel's table gives for that message (the issues do not print the code: unverified).
   */
  protected refuseExistingName(name: string, exists: boolean): void {
    if (exists) {
      throw new OfficeError(
        OfficeCodes.itemAlreadyExists,
        `A resource with the same name or identifier already exists: ${name}.`,
      );
    }
  }

  /**
   * A table whose name is taken (by a table or a defined name) or is no valid name fails with the
   * vague "The argument is invalid or missing or has an incorrect format." (office-js #551 for a
   * taken table name; office-js-docs-reference #555: unique in the workbook, starting with a letter
   * or "_", no spaces). That a defined name blocks a table name the same way is unverified.
   */
  protected refuseTableName(name: string, taken: boolean): void {
    if (taken || !/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(name)) {
      throw new OfficeError(
        OfficeCodes.invalidArgument,
        "The argument is invalid or missing or has an incorrect format.",
      );
    }
  }

  /**
   * What a string written as a cell's value becomes. Excel reads it as if typed: "2018-12-31" turns
   * into a date (a serial number, office-js #229) unless the cell's number format is text ("@").
   * Only ISO dates (with an optional time) are converted here: the exports' dates; other typed
   * conversions (numbers with separators, "1/2") are left alone (unverified in the stand-ins).
   */
  static typedValue(value: CellValue, format: string | undefined): CellValue {
    if (typeof value !== "string" || format === "@") return value;
    const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(value.trim());
    if (!m) return value;
    const [, y, mo, d, h = "0", mi = "0", se = "0"] = m;
    return (
      excelSerial(dayNumber(Number(y), Number(mo), Number(d))) +
      (Number(h) * 3600 + Number(mi) * 60 + Number(se)) / 86_400
    );
  }

  /** Selects one range, or several areas ("Sheet1!A1:A3,Sheet1!C1:C3"). */
  select(address: string): void {
    this.selectedAreas = address
      .split(",")
      .map((a) => a.trim())
      .filter((a) => a !== "");
  }

  /**
   * The selection as `workbook.getSelectedRange()` reads it, which "will throw an error" when several
   * ranges are selected (Workbook.getSelectedRange docs; the error code is unverified: Excel's table
   * has InvalidSelection for "the current selection is invalid for this operation").
   */
  protected singleSelection(fallback: string): string {
    if (this.selectedAreas.length > 1) {
      throw new OfficeError(OfficeCodes.invalidSelection, "The current selection is invalid for this operation.");
    }
    return this.selectedAreas[0] ?? fallback;
  }

  /** How a blank cell reaches a custom function on this platform (office-js #4702, #5262). */
  blankForFunctions(): 0 | null {
    return this.platform === "desktop" ? 0 : null;
  }
}
