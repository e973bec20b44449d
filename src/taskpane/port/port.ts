/**
 * The workbook port: the one narrow interface through which the task pane touches a workbook.
 *
 * Two hosts sit under it: Office.js (officePort.ts) and an in-memory workbook (memoryPort.ts) for
 * unit tests, the browser test and the preview. Both are wrapped by `GuardedPort`, which keeps the
 * one rule the pane must never break: a write into a non-empty cell the pane did not write itself
 * is refused with a message. The cells (and names) the pane wrote are recorded in the document's
 * settings, so the rule survives closing and reopening the workbook.
 */
export * from "./types";
export { OWNED_SETTING, Ownership } from "./ownership";
export { GuardedPort } from "./guarded";
export { describeFailure, errorText } from "./failures";
