/** The projection core: pure TypeScript, no Office, Excel or DOM. Everything else imports from here. */
export * from "./errors";
export * from "./inputs";
export * from "./ledger";
export * from "./levers";
