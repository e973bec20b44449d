/** An Office.js failure in words a user can act on. */
import { CommonApiCodes, OfficeCodes } from "./excel";

/** Text ending in a full stop (Excel's own messages sometimes have none). */
export function sentence(text: string): string {
  return /[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * What went wrong, in words a user can act on, from an Office.js error's code (Excel's error-code
 * table: https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling).
 */
export function describeFailure(e: unknown): string {
  const code = typeof e === "object" && e !== null ? (e as { code?: unknown }).code : undefined;
  switch (code) {
    case OfficeCodes.cellEditMode:
      return "Excel is editing a cell. Press Enter or Esc to finish the edit, then try again.";
    case OfficeCodes.responseTooLarge:
    case OfficeCodes.requestTooLarge:
      return "That is more than Excel on the web can pass in one go (5 MB). Select only the rows and columns that hold your data, then try again.";
    case CommonApiCodes.saveSettings:
      return (
        "Excel could not save Commit Levers' settings in this workbook (an add-in's settings hold about 2 MB). " +
        "The cells are as written and the pane keeps working, but the workbook may not remember this after it is closed."
      );
    case OfficeCodes.invalidSelection:
      return "Several separate areas are selected. Select one block of cells, then try again.";
    case OfficeCodes.itemAlreadyExists:
      return "A sheet or name with that name already exists, so nothing was added.";
    case "InvalidOperation":
      // The cell-edit how-to page calls the cell-edit failure InvalidOperation; the error table, InvalidOperationInCellEditMode.
      if (/edit/i.test(errorText(e))) return describeFailure({ code: OfficeCodes.cellEditMode });
      return `Excel refused the change (is the workbook read-only, protected or shared?): ${errorText(e)}`;
    case "AccessDenied":
      return `Excel refused the change (is the workbook read-only, protected or shared?): ${errorText(e)}`;
    default:
      return `Excel could not finish: ${errorText(e)}`;
  }
}
