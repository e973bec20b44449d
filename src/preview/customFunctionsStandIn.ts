/**
 * The one stand-in for the `CustomFunctions` global that Excel's runtime provides, for everything
 * that runs the functions outside Excel: the preview page (customFunctionsStub.ts), the unit tests of
 * src/functions (test/helpers/customFunctions.ts), the built-bundle loader (test/helpers/loadBundle.ts)
 * and the bench (bench/bundle.ts).
 *
 * Development only: nothing in the shipped sources imports src/preview. It has no runtime imports, so
 * the preview page can load it (bundled into its preview-runtime script) before functions.js.
 *
 * The error class belongs to the realm that imports this module. loadBundle runs the bundle in a `vm`
 * context but hands it this host-realm class, so `toBeInstanceOf(CustomFunctionsError)` holds there.
 */
import type { CustomFunction } from "./leversPlugin";

export type { CustomFunction };

/** The Excel error codes, as `CustomFunctions.ErrorCode` has them. */
export const ErrorCode = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

/** Stands in for `CustomFunctions.Error`: what a function returns or throws to show an Excel error. */
export class CustomFunctionsError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

/** `CustomFunctions.associate`'s two forms: one id and its function, or an object of them by id. */
export type Associate = (idOrMappings: string | Record<string, unknown>, fn?: unknown) => void;

/** The parts of the `CustomFunctions` global the functions and their bundle use. */
export interface CustomFunctionsGlobal {
  readonly associate: Associate;
  readonly Error: typeof CustomFunctionsError;
  readonly ErrorCode: typeof ErrorCode;
}

export interface CustomFunctionsStandInOptions {
  /**
   * Throw when an id is associated twice or with something that is not a function (a bundle that
   * does either is broken). Otherwise the last association of an id wins and a non-function is ignored.
   */
  readonly strict?: boolean;
}

export interface CustomFunctionsStandIn {
  /** The object to install as the `CustomFunctions` global. */
  readonly CustomFunctions: CustomFunctionsGlobal;
  /** What `CustomFunctions.associate` recorded, by id. */
  readonly associated: Map<string, CustomFunction>;
}

/** A fresh `CustomFunctions` stand-in whose `associate` records each function by id. */
export function customFunctionsStandIn(options: CustomFunctionsStandInOptions = {}): CustomFunctionsStandIn {
  const associated = new Map<string, CustomFunction>();
  const record = (id: string, fn: unknown): void => {
    if (options.strict) {
      if (typeof fn !== "function") throw new Error(`CustomFunctions.associate("${id}") was given a ${typeof fn}`);
      if (associated.has(id)) throw new Error(`CustomFunctions.associate("${id}") was called twice`);
    }
    if (typeof fn === "function") associated.set(id, fn as CustomFunction);
  };
  const associate: Associate = (idOrMappings, fn) => {
    if (typeof idOrMappings === "string") record(idOrMappings, fn);
    else for (const [id, mapped] of Object.entries(idOrMappings)) record(id, mapped);
  };
  return { CustomFunctions: { associate, Error: CustomFunctionsError, ErrorCode }, associated };
}
