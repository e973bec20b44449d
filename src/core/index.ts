/** The projection core: pure TypeScript, no Office, Excel or DOM. Everything else imports from here. */
export * from "./errors";

export * from "./ledger";
export * from "./levers";
export * from "./sizing";
export * from "./scenarios";
export * from "./statistics";
export * from "./scenarioLevers";
export * from "./volatility";
export * from "./terms";
export * from "./pricebook";
export * from "./pricing";
export * from "./projection";
export * from "./dates";
export * from "./exportCells";
export * from "./exports";
export * from "./aggregate";
export * from "./tracking";
export * from "./focusCommitment";
export * from "./commitFill";
