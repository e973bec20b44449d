/** The projection core: pure TypeScript, no Office, Excel or DOM. Everything else imports from here. */
export * from "./errors";
export * from "./inputs";
export * from "./ledger";
export * from "./levers";
export * from "./sizing";
export * from "./leverTable";
export * from "./pricebook";
export * from "./pricing";
export * from "./projection";
