/**
 * A stand-in for Excel's `CustomFunctions` global, so the functions layer runs in Node exactly
 * as Excel calls it. Import this module before the functions.
 */
export class StubExcelError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

const g = globalThis as unknown as { CustomFunctions?: unknown };
g.CustomFunctions = {
  Error: StubExcelError,
  ErrorCode: {
    invalidValue: "#VALUE!",
    notAvailable: "#N/A",
    invalidNumber: "#NUM!",
    divisionByZero: "#DIV/0!",
    invalidReference: "#REF!",
    invalidName: "#NAME?",
    nullReference: "#NULL!",
  },
  associate: () => undefined,
};

/** Runs `call`, which must fail with an Excel error, and returns that error. */
export function excelError(call: () => unknown): StubExcelError {
  try {
    call();
  } catch (e) {
    if (e instanceof StubExcelError) return e;
    throw new Error(`expected an Excel error, got ${String(e)}`, { cause: e });
  }
  throw new Error("expected an Excel error, but the call returned a value");
}
