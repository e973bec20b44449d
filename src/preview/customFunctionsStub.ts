/**
 * Loaded before functions.js on the preview page: stands in for the `CustomFunctions` global that
 * Excel's runtime provides, so the unchanged functions bundle registers each function here, as it
 * does in Excel. The preview then calls them through its HyperFormula plugin.
 */
import { CustomFunctionsError, customFunctionsStandIn } from "./customFunctionsStandIn";
import type { CustomFunction } from "./leversPlugin";

export interface PreviewRuntime {
  readonly associated: Map<string, CustomFunction>;
  readonly errorClass: typeof CustomFunctionsError;
}

declare global {
  interface Window {
    commitLeversPreviewRuntime?: PreviewRuntime;
  }
}

const { CustomFunctions, associated } = customFunctionsStandIn();
window.commitLeversPreviewRuntime = { associated, errorClass: CustomFunctions.Error };
(window as unknown as { CustomFunctions: unknown }).CustomFunctions = CustomFunctions;
