/**
 * Loaded before functions.js on the preview page: stands in for the `CustomFunctions` global that
 * Excel's runtime provides, so the unchanged functions bundle registers each function here, as it
 * does in Excel. The preview then calls them through its HyperFormula plugin.
 */
import type { CustomFunction, ExcelErrorLike } from "./leversPlugin";

export class PreviewExcelError implements ExcelErrorLike {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

export interface PreviewRuntime {
  readonly associated: Map<string, CustomFunction>;
  readonly errorClass: typeof PreviewExcelError;
}

declare global {
  interface Window {
    commitLeversPreviewRuntime?: PreviewRuntime;
  }
}

const associated = new Map<string, CustomFunction>();
window.commitLeversPreviewRuntime = { associated, errorClass: PreviewExcelError };
(window as unknown as { CustomFunctions: unknown }).CustomFunctions = {
  associate(idOrMappings: string | Record<string, CustomFunction>, fn?: CustomFunction): void {
    if (typeof idOrMappings === "string") {
      if (fn) associated.set(idOrMappings, fn);
    } else {
      for (const [id, mapped] of Object.entries(idOrMappings)) associated.set(id, mapped);
    }
  },
  Error: PreviewExcelError,
  ErrorCode: {
    invalidValue: "#VALUE!",
    notAvailable: "#N/A",
    divisionByZero: "#DIV/0!",
    invalidNumber: "#NUM!",
    nullReference: "#NULL!",
    invalidName: "#NAME?",
    invalidReference: "#REF!",
  },
};
