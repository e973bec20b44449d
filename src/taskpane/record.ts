/**
 * What the pane keeps in the document's settings about the model it works on (a noun of its own, so
 * the model's reader and the set-up handlers both import it and neither imports the other): the
 * model record, with the import it was fed from and the signed deal's places.
 */
import type { StatedCommitment } from "../core/importAggregate";
import { STEP_IDS, StepId } from "../catalogue/termsPane";
import type { SignedPlaces } from "../model/tracking";
import { describeFailure, WorkbookPort } from "./port/port";

/** The settings key recording the model the pane works on: its sheets and its defined names. */
export const MODEL_SETTING = "commitLevers.model";

/** What MODEL_SETTING holds. `names` maps the model's names (Usage, Deal, ...) to this copy's. */
export interface ModelRecord {
  /** `found`: a model the pane did not make (its names as they are), recorded to keep what was signed. */
  readonly mode: "sample" | "empty" | "mine" | "found";
  readonly sheets: readonly string[];
  readonly names?: Readonly<Record<string, string>>;
  readonly usage?: string;
  /** The export the usage was imported from, when it was (importer.ts). */
  readonly imported?: ImportedUsage;
  /** The signed deal's sheets and cells, once "Sign this deal" made them (tracking.ts). */
  readonly signed?: SignedPlaces;
}

/** What the model record keeps of an imported export: small, whatever the size of the file. */
export interface ImportedUsage {
  readonly file: string;
  readonly format: string;
  /** The sheet of the monthly table and its MONTHLY_USAGE spill, the table, and its column count. */
  readonly sheet: string;
  readonly table: string;
  readonly columns?: number;
  /** The raw rows' sheet and table, when the user kept them. */
  readonly rawSheet?: string;
  readonly rawTable?: string;
  /** Usage rows read, and rows of other charges skipped. */
  readonly rows: number;
  readonly skipped: number;
  /** Whether the export carries only billed amounts (its usage is then billed dollars, not list). */
  readonly billedOnly: boolean;
  /** OBSERVED_DISCOUNT of the export when it carries list and paid amounts. */
  readonly observedDiscount?: number;
  /** Months the vendor may still revise ("2026-11"). */
  readonly provisional?: readonly string[];
  /** What the export's dollars assume, when it makes an assumption (" (cache writes at the 5-minute rate)"). */
  readonly note?: string;
  /** The commitment the export states (a FOCUS Purchase of a Spend commitment). */
  readonly commitment?: StatedCommitment;
}

/** The model record in the document's settings, if it is one. */
export async function modelRecord(port: WorkbookPort): Promise<ModelRecord | undefined> {
  const value = await port.getSetting(MODEL_SETTING);
  if (!value || typeof value !== "object") return undefined;
  const r = value as Partial<ModelRecord>;
  return Array.isArray(r.sheets) && typeof r.mode === "string" ? (r as ModelRecord) : undefined;
}

/**
 * The workbook name of one of the model's names in the current copy; undefined when that copy has no
 * such name (a "Use my data" copy has no Tokens: another copy's must not be read). A record from
 * before names were recorded means the names as they are.
 */
export function nameIn(record: ModelRecord | undefined, name: string): string | undefined {
  if (!record?.names) return name;
  return record.names[name];
}

/**
 * Saves the model record. The model is in the workbook already: a failed save must not make the
 * action look failed (its "Try again" would build a second copy), so it does not reject; it
 * returns what went wrong, in words, for the pane to say (settings fail past about 2 MB: office-js
 * #3957, #621), and the pane then reads the copy the settings last named.
 */
export async function saveRecord(port: WorkbookPort, record: ModelRecord): Promise<string | undefined> {
  try {
    await port.setSettings({ [MODEL_SETTING]: record });
    return undefined;
  } catch (e) {
    return describeFailure(e);
  }
}

/** Settings keys for the rest of what the pane keeps: each step's status and the term option (months). */
export const STATUS_SETTING = "commitLevers.status";
export const TERM_SETTING = "commitLevers.termOption";

/** Where the user is with a step: kept in the document, so it survives closing the pane. */
export type StepStatus = "open" | "done" | "skipped";

export const OPEN_STATUSES: Readonly<Record<StepId, StepStatus>> = Object.fromEntries(
  STEP_IDS.map((id) => [id, "open"]),
) as Record<StepId, StepStatus>;

/** The statuses as the settings hold them; anything else (another version's, or garbage) reads as open. */
export function readStatuses(value: unknown): Record<StepId, StepStatus> {
  const out = { ...OPEN_STATUSES };
  if (value && typeof value === "object") {
    for (const id of STEP_IDS) {
      const s = (value as Record<string, unknown>)[id];
      if (s === "done" || s === "skipped" || s === "open") out[id] = s;
    }
  }
  return out;
}

/** The term option as the settings hold it: a whole number of months, 12 by default. */
export function readTermOption(value: unknown): number {
  return typeof value === "number" && Number.isInteger(value) && value >= 1 ? value : 12;
}
