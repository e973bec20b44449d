/**
 * Excel's facts as Microsoft documents them (or office-js issues report them): the error codes an
 * Office.js call fails with, and the limits a request, a custom-function call and the document's
 * settings must stay under. Production code (the port, the Office.js adapter, the importer) reads
 * them here; the stand-ins (excelBehaviour.ts) read them here too, to refuse what Excel refuses.
 */

/** An Office.js failure as `OfficeExtension.Error` carries it: a `code` and a message. */
export class OfficeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "RichApi.Error";
  }
}

/** The Office.js error codes the stand-ins raise (Excel's error-code table:
 * https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling). */
export const OfficeCodes = {
  itemAlreadyExists: "ItemAlreadyExists",
  cellEditMode: "InvalidOperationInCellEditMode",
  responseTooLarge: "ResponsePayloadSizeLimitExceeded",
  requestTooLarge: "RequestPayloadSizeLimitExceeded",
  invalidSelection: "InvalidSelection",
  generalException: "GeneralException",
  invalidArgument: "InvalidArgument",
} as const;

/**
 * A failed Common API call as its callback's `AsyncResult.error` carries it (Office.Error): a numeric
 * `code`, a `name` and a message. An Error, so the pane's messages (port.ts, errorText) read its text.
 */
export class OfficeAsyncError extends Error {
  constructor(
    readonly code: number,
    name: string,
    message: string,
  ) {
    super(message);
    this.name = name;
  }
}

/** The Common API error codes the stand-ins raise ("Office Common API error codes",
 * https://learn.microsoft.com/office/dev/add-ins/reference/javascript-api-for-office-error-codes). */
export const CommonApiCodes = {
  /** 4001 Save Settings Error: "The settings could not be saved." */
  saveSettings: 4001,
} as const;

/** Which Excel the stand-in behaves as. */
export type Platform = "desktop" | "web";

/**
 * Excel on the web limits a request or a response to 5 MB
 * (https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins).
 */
export const WEB_PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

/** The size of a payload as JSON text in UTF-8 bytes, which is what crosses to Excel on the web. */
export function payloadBytes(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).length;
}

/**
 * Whether `payloadBytes(value)` passes `limit`. A bound from the value's shape is tried first, so a
 * call over a few thousand numbers (every custom-function call in the stand-ins) is not serialized
 * just to be measured; only a value that might pass the limit is.
 */
export function payloadExceeds(value: unknown, limit: number): boolean {
  return payloadBound(value, limit) > limit && payloadBytes(value) > limit;
}

/**
 * At least `payloadBytes(value)`, or any number above `limit` once the bound passes it. A number's
 * JSON is at most 24 bytes ("-2.2250738585072014e-308", null when not finite); a string's at most 6
 * bytes a UTF-16 unit (a control character or lone surrogate is written \u0000; UTF-8 takes at most 3)
 * and its quotes; anything else but an array is measured.
 */
function payloadBound(value: unknown, limit: number): number {
  if (typeof value === "number") return 24;
  if (typeof value === "string") return 6 * value.length + 2;
  if (value === null || value === undefined || typeof value === "boolean") return 5;
  if (!Array.isArray(value)) return payloadBytes(value);
  let bound = 2 + value.length; // the brackets and the commas
  for (const item of value as unknown[]) {
    bound += payloadBound(item, limit);
    if (bound > limit) break;
  }
  return bound;
}

/**
 * The document's settings may not pass 2 MB as serialized: Office stores them in the document as
 * one JSON property bag ("Persist add-in state and settings": settings are kept as a serialized JSON
 * object of name/value pairs). The Office.Settings.set reference said "A maximum of 2MB is available
 * for the settings of each add-in", and a Microsoft engineer answered office-js #621 (100 MB of
 * settings in Excel on Windows) with "We only support 2MB maximum for settings"; in office-js #3957
 * (Excel 2021 on Windows) saves of a few MB failed and the reporter put the room at about 1 MB.
 * Unverified: whether today's limit is still 2 MB (the Settings.set remarks in @types/office-js
 * 1.0.612 no longer state one), whether it counts bytes or characters, and whether 2 MB means
 * 2,000,000 or 2,097,152 (taken here as UTF-8 bytes of the JSON, 2 × 1024 × 1024, like
 * WEB_PAYLOAD_LIMIT_BYTES). It applies on every platform.
 */
export const SETTINGS_LIMIT_BYTES = 2 * 1024 * 1024;
