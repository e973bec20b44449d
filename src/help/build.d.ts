// Types for ./build.js (a Node module webpack.config.js loads), for the tests that import it.

export declare const DEV_BASE_URL: "https://localhost:3000";

/** The public base address from ADDIN_BASE_URL's value; throws with the reason when it is not acceptable. */
export declare function addinBaseUrl(value: string | undefined): string;

/** The support address the development build shows. */
export declare const DEV_SUPPORT_EMAIL: string;

/** The support contact from ADDIN_SUPPORT_EMAIL; a public build needs one. Throws with the reason. */
export declare function supportEmail(value: string | undefined, baseUrl: string): string;

/** manifest.xml with every development address moved to `baseUrl`. */
export declare function manifestFor(xml: string, baseUrl: string): string;

/** A function's help page address: `${baseUrl}/help/${id in lower case}.html`. */
export declare function helpUrl(baseUrl: string, id: string): string;

export interface FunctionsMetadata {
  allowErrorForDataTypeAny?: boolean;
  allowCustomDataForDataTypeAny?: boolean;
  functions: { id: string; name: string; helpUrl?: string; [key: string]: unknown }[];
}

/** functions.json with allowErrorForDataTypeAny and a helpUrl on every function. */
export declare function patchMetadata(metadata: FunctionsMetadata, baseUrl: string): FunctionsMetadata;

/** Each custom function's JSDoc @returns text, by id. */
export declare function returnsByFunctionId(files: string[]): Map<string, string>;

export declare class AddinPagesPlugin {
  static readonly FIXED_FILES: readonly string[];
  constructor(options: {
    baseUrl: string;
    namespace: string;
    version: string;
    supportEmail: string;
    sources: string[];
    metadata?: string;
  });
  readonly options: {
    baseUrl: string;
    namespace: string;
    version: string;
    supportEmail: string;
    sources: string[];
    metadata: string;
  };
  apply(compiler: unknown): void;
}
