/**
 * Everything the pane shows, in one value: the model as read, its figures, where the user is, what
 * they have typed and not yet applied, which disclosures are open, the last message and what "Try
 * again" repeats. The view (view/) is a function of this state alone; the actions (actions/) change
 * it only through the store (pane.ts). No DOM here.
 */
import type { FileRead } from "../sheet/stream";
import type { ImportResult } from "./importer";
import type { ModelData } from "./model";
import { OPEN_STATUSES, StepStatus } from "./record";
import type { Figures, StepId } from "./steps";
import { STEP_IDS } from "../catalogue/termsPane";
import type { TrackingFigures } from "./tracking";

/** Where the pane is: a step, the summary, or "After you sign" (tracking the signed deal). */
export type View = StepId | "summary" | "track";
/** The steps in the recommended order, the summary, then "After you sign". */
export const VIEWS: readonly View[] = [...STEP_IDS, "summary", "track"];

/** The actions "Try again" can repeat (actions/index.ts maps each id to its function). */
export type ActionId =
  | "start"
  | "refresh"
  | "buildModel"
  | "useMyData"
  | "setInput"
  | "insertFormula"
  | "setStatus"
  | "writeImport"
  | "keepRawRows"
  | "writeBrief"
  | "addChart"
  | "signDeal"
  | "keepSigned"
  | "setThreshold"
  | "addActualMonth"
  | "writeRenewalBrief"
  | "saveFocus"
  | "startSignFromFocus";

/** What "Try again" repeats: an action by its id, with its arguments (data, not a closure). */
export interface Retry {
  readonly action: ActionId;
  readonly args: readonly unknown[];
}

/** The Retry of `action` with `args`. */
export const again = (action: ActionId, ...args: unknown[]): Retry => ({ action, args });

/** The last thing said to the user: a refusal or a confirmation; `retry` when "Try again" can repeat it. */
export interface Message {
  readonly kind: "info" | "error";
  readonly text: string;
  readonly retry?: Retry;
}

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
  readonly message?: Message;
  /**
   * What the user has typed in each input and not yet applied (or that was refused), by input id:
   * a refresh (a recalculation, a co-author's edit, an actuals row) redraws the figures around it and
   * never puts the cell's value back over it. An input without a draft shows its cell.
   */
  readonly drafts: Readonly<Record<string, string>>;
  /** The disclosures (`<details>`) the user has opened, by id. */
  readonly open: Readonly<Record<string, boolean>>;
  /** "Fill the usage with sample data" on the set-up card. */
  readonly sample: boolean;
  /** Value the asks across the futures usage may take (the model's Volatility and GrowthVolatility). */
  readonly uncertain: boolean;
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

export const INITIAL_STATE: PaneState = {
  phase: "loading",
  statuses: OPEN_STATUSES,
  view: "usage",
  termOption: 12,
  drafts: {},
  open: {},
  sample: true,
  uncertain: false,
  revision: 0,
};

/** The state with the drafts of `ids` dropped (they were applied): those inputs show their cells again. */
export function withoutDrafts(state: PaneState, ids: readonly string[]): Readonly<Record<string, string>> {
  if (!ids.some((id) => id in state.drafts)) return state.drafts;
  const drafts = { ...state.drafts };
  for (const id of ids) delete drafts[id];
  return drafts;
}

/** The "Sign this deal" form's field ids: one per term the pane shows, then the warning threshold. */
export const signFieldId = (again: boolean, key: string): string => `${again ? "sign-again" : "sign"}-${key}`;
