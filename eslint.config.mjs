// ESLint flat config: typed typescript-eslint rules everywhere, plus the layer boundaries: src/core pure
// (STYLE.md rule 1: no Office, Excel, CustomFunctions or DOM in the core, and no imports from outside it),
// then each layer importing only the layers below it:
//   core <- sheet <- catalogue <- functions (the Excel boundary)
//                             <- model <- taskpane (never the functions, the preview or HyperFormula)
// and nothing in src/ but the preview itself imports src/preview.
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import { defineConfig, globalIgnores } from "eslint/config";
import globals from "globals";
import importX, { createNodeResolver } from "eslint-plugin-import-x";
import tseslint from "typescript-eslint";

const HOST_GLOBALS = ["Office", "Excel", "CustomFunctions", "OfficeExtension", "OfficeRuntime"];
const BROWSER_GLOBALS = ["document", "window", "navigator", "localStorage", "sessionStorage", "fetch"];

/** A relative import climbing `depth` folders: from a file that many levels inside src/core, it leaves the core. */
const climbs = (depth) => ({
  regex: `^(\\.\\./){${depth}}`,
  message: "src/core imports only from src/core: everything else imports the core, never the reverse.",
});

const CORE_IMPORT_BANS = [
  {
    group: ["**/functions", "**/functions/*", "**/taskpane", "**/taskpane/*", "**/commands", "**/commands/*"],
    message: "src/core must not import the functions, task pane or commands layers.",
  },
  {
    group: ["office-*", "@microsoft/office-js*", "@types/office-*", "exceljs", "hyperformula"],
    message: "src/core must not depend on Office or a workbook engine.",
  },
];

const LAYER_ORDER =
  "core <- sheet <- catalogue <- functions | model <- taskpane; src/preview is imported by nothing in src/.";
/** Each layer above the core: its files, the src/ folders it may not import, and the globals it may not use. */
const LAYERS = [
  {
    files: ["src/sheet/**/*.ts"],
    banned: ["catalogue", "functions", "model", "taskpane", "preview", "commands"],
    globals: [...HOST_GLOBALS, ...BROWSER_GLOBALS],
  },
  {
    files: ["src/catalogue/**/*.ts"],
    banned: ["functions", "model", "taskpane", "preview", "commands"],
    globals: [...HOST_GLOBALS, ...BROWSER_GLOBALS],
  },
  { files: ["src/functions/**/*.ts"], banned: ["model", "taskpane", "preview", "commands"] },
  {
    files: ["src/model/**/*.ts"],
    banned: ["functions", "taskpane", "preview", "commands"],
    globals: [...HOST_GLOBALS, ...BROWSER_GLOBALS],
  },
  { files: ["src/taskpane/**/*.ts"], banned: ["functions", "preview", "commands"] },
  { files: ["src/commands/**/*.ts"], banned: ["functions", "preview", "taskpane"] },
];

const CALL_ARGUMENT_LIMIT =
  "JavaScriptCore (Excel for Mac, Safari) throws past 65,536 call arguments, so a data-sized array fails there";
/** `no-restricted-syntax` entries for src/: every argument list stays a fixed size, whatever the data's size. */
const NO_CALL_SPREAD = [
  {
    // f(...[a, b]) stays allowed (its arguments are written out), but not f(...[...xs]).
    selector: [
      ":matches(CallExpression, NewExpression) > SpreadElement.arguments[argument.type!='ArrayExpression']",
      ":matches(CallExpression, NewExpression) > SpreadElement.arguments > ArrayExpression.argument > SpreadElement",
    ].join(", "),
    message: `No spread into a call's arguments (f(...xs), push(...xs), Math.max(...xs)): ${CALL_ARGUMENT_LIMIT}. Use a loop or reduce (src/core/arrays.ts), or, for a fixed handful of values, disable this line saying why it is bounded.`,
  },
  {
    selector:
      // Function.prototype.apply and Reflect.apply take the arguments as an array (their 2nd and 3rd
      // argument); a method of our own named apply with one argument (WorkbookHost.apply) is not one.
      "CallExpression[arguments.length>=2] > MemberExpression.callee[property.name='apply'], CallExpression[arguments.length>=2] > MemberExpression.callee[property.value='apply']",
    message: `No .apply(): it passes an array as the call's arguments, and ${CALL_ARGUMENT_LIMIT}. Use a loop or reduce.`,
  },
];

export default defineConfig(
  globalIgnores(["dist/", "node_modules/", "coverage/", "test-output/"]),

  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },

  // Plain JavaScript (configs, scripts): Node globals, no type information.
  {
    files: ["**/*.{js,mjs,cjs}"],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    files: ["**/*.{js,cjs}"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },

  // The core is pure: no host or DOM globals, no imports of the layers above it or of Office packages.
  {
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-globals": [
        "error",
        ...[...HOST_GLOBALS, ...BROWSER_GLOBALS].map((name) => ({
          name,
          message: "src/core is pure TypeScript: no Office, Excel, CustomFunctions or DOM. Pass values in instead.",
        })),
      ],
      "no-restricted-imports": ["error", { patterns: CORE_IMPORT_BANS }],
    },
  },
  // Imports that climb out of src/core, by how deep the importing file sits.
  // (A later block's options replace an earlier one's, so each repeats the common bans.)
  ...[1, 2, 3].map((depth) => ({
    files: [`src/core/${"*/".repeat(depth - 1)}*.ts`],
    rules: { "no-restricted-imports": ["error", { patterns: [...CORE_IMPORT_BANS, climbs(depth)] }] },
  })),

  // The layers above the core, each importing only what lies below it.
  ...LAYERS.map(({ files, banned, globals: bannedGlobals }) => ({
    files,
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            ...banned.map((layer) => ({
              regex: `^(\\.\\./)+${layer}(/|$)`,
              message: `${files[0].split("/")[1]} must not import src/${layer}: ${LAYER_ORDER}`,
            })),
            { group: ["hyperformula", "exceljs"], message: "HyperFormula and exceljs never reach the shipped layers." },
          ],
        },
      ],
      ...(bannedGlobals
        ? {
            "no-restricted-globals": [
              "error",
              ...bannedGlobals.map((name) => ({
                name,
                message: "This layer is pure TypeScript: pass values in instead.",
              })),
            ],
          }
        : {}),
    },
  })),

  // The functions layer reports Excel errors the way Excel expects: by throwing a CustomFunctions.Error.
  {
    files: ["src/functions/**/*.ts"],
    rules: {
      "@typescript-eslint/only-throw-error": [
        "error",
        { allow: [{ from: "package", package: "@types/custom-functions-runtime", name: "Error" }] },
      ],
    },
  },

  // Safe at any size: no call spreads or `.apply` (JavaScriptCore, in Excel for Mac and Safari, throws past
  // 65,536 call arguments; Chromium at about 125,000). Spreads in array and object literals are not calls.
  // (Rule options in a later block replace these for the files it matches: a later `no-restricted-syntax`
  // for src/ must repeat ...NO_CALL_SPREAD.)
  {
    files: ["src/**/*.ts"],
    rules: { "no-restricted-syntax": ["error", ...NO_CALL_SPREAD] },
  },

  // No import cycles in src/: a cycle is a missing noun (a module both sides should import), and it
  // makes the order modules load in matter. The rule follows value imports (an `import type` is gone
  // at run time, so port.ts and excelBehaviour.ts, which share only types that way, pass).
  {
    files: ["src/**/*.ts"],
    plugins: { "import-x": importX },
    settings: {
      "import-x/resolver-next": [createNodeResolver({ extensions: [".ts", ".js"] })],
      // The modules imported are TypeScript: parsed so, or the rule sees no imports in them at all.
      "import-x/extensions": [".ts"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts"] },
    },
    rules: { "import-x/no-cycle": ["error", { ignoreExternal: true }] },
  },

  // Tests: jest's matchers and loosely typed fixtures fight the no-unsafe-* rules.
  {
    files: ["test/**/*.ts"],
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/unbound-method": "off",
      "@typescript-eslint/no-require-imports": "off",
    },
  },

  prettier,
);
