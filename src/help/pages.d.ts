// Types for ./pages.js (the help pages' HTML, rendered at build time), for the tests that import it.

export declare const CONTENT_SECURITY_POLICY: string;
export declare function escapeHtml(text: unknown): string;
/** A function's help page file name: its id in lower case, ".html". */
export declare function helpFileName(id: string): string;

export interface FunctionEntry {
  id: string;
  name: string;
  description?: string;
  parameters?: {
    name: string;
    description?: string;
    optional?: boolean;
    repeating?: boolean;
    dimensionality?: string;
  }[];
  result?: { type?: string; dimensionality?: string };
  options?: { volatile?: boolean; stream?: boolean; cancelable?: boolean };
}

/** One function's help page; `returns` is its JSDoc @returns text. */
export declare function renderFunctionPage(fn: FunctionEntry, options: { namespace: string; returns?: string }): string;
