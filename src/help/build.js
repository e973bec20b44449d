// Build steps webpack.config.js adds after the custom-functions metadata plugin (run by webpack at build
// time, never bundled into the add-in):
//
//   - the public address: ADDIN_BASE_URL (default https://localhost:3000) replaces the development
//     address in dist/manifest.xml and is the base of every function's helpUrl;
//   - functions.json gets the top-level "allowErrorForDataTypeAny": true (the metadata plugin writes
//     "allowCustomDataForDataTypeAny" but has no way to write this one) and a "helpUrl" on every function.
//     Both are documented properties of the metadata file:
//     https://learn.microsoft.com/en-us/office/dev/add-ins/excel/custom-functions-json
//   - the help pages (help/<id>.html, help/index.html, help/help.css) from the same metadata, and
//     support.html, privacy.html and terms.html (see ./pages.js), with ADDIN_SUPPORT_EMAIL as the contact.
//
// The work happens in processAssets, so `webpack serve` (in memory) serves the same files a build writes.

const { readFileSync } = require("fs");
const path = require("path");
const {
  helpFileName,
  renderFunctionPage,
  renderIndexPage,
  renderPrivacyPage,
  renderSupportPage,
  renderTermsPage,
} = require("./pages");

/** Where `npm start` serves the add-in, and the address manifest.xml is written for. */
const DEV_BASE_URL = "https://localhost:3000";

const BASE_URL_RULE =
  "ADDIN_BASE_URL must be the https:// address the add-in is served from, with no trailing slash, " +
  "query or fragment (for example https://levers.example.com or https://example.com/commit-levers)";

/**
 * The public base address from ADDIN_BASE_URL's value: the development address when unset or empty;
 * otherwise it must be an absolute https URL in canonical form without a trailing slash. Throws
 * (failing the build) with the reason otherwise.
 */
function addinBaseUrl(value) {
  if (value === undefined || value === null || value === "") return DEV_BASE_URL;
  const reject = (reason) => {
    const error = new Error(`${BASE_URL_RULE}: ${reason} (got ${JSON.stringify(value)}).`);
    error.stack = `Error: ${error.message}`; // a settings mistake, not a bug: the reason without a stack trace
    throw error;
  };
  const text = String(value);
  let url;
  try {
    url = new URL(text);
  } catch {
    reject("it is not an absolute URL");
  }
  if (url.protocol !== "https:") reject(`it uses ${url.protocol.replace(/:$/, "")}, not https`);
  if (url.username || url.password) reject("it has a user name or password in it");
  if (url.search || text.includes("?")) reject("it has a query");
  if (url.hash || text.includes("#")) reject("it has a fragment");
  if (text.endsWith("/")) reject("it ends with a slash");
  const canonical = url.pathname === "/" ? url.origin : `${url.origin}${url.pathname}`;
  if (text !== canonical) reject(`write it as ${canonical}`);
  // Letters, digits and the URL-safe punctuation only: the address goes into XML attributes and HTML as is.
  if (!/^https:\/\/[A-Za-z0-9.-]+(:\d+)?(\/[A-Za-z0-9._~%-]+)*$/.test(text)) {
    reject("it has characters other than letters, digits, '.', '-', '_', '~', '%' and '/'");
  }
  return text;
}

/** The support address the development build shows (example.com: reserved, so plainly a stand-in). */
const DEV_SUPPORT_EMAIL = "support@levers.example.com";

/**
 * The support contact from ADDIN_SUPPORT_EMAIL: a plain address (it goes into a mailto link as is).
 * Unset, a build for the development address shows DEV_SUPPORT_EMAIL; a build for a public address
 * needs a real one, since the Marketplace asks every listing for a support contact (docs/MARKETPLACE.md),
 * so it fails with the reason.
 */
function supportEmail(value, baseUrl) {
  const fail = (reason) => {
    const error = new Error(`ADDIN_SUPPORT_EMAIL ${reason}.`);
    error.stack = `Error: ${error.message}`;
    throw error;
  };
  if (value === undefined || value === null || value === "") {
    if (baseUrl === DEV_BASE_URL) return DEV_SUPPORT_EMAIL;
    fail(
      `must be set when ADDIN_BASE_URL is a public address: support.html, privacy.html and terms.html give it as the contact`,
    );
  }
  const text = String(value);
  if (!/^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(text)) {
    fail(`must be one plain e-mail address such as support@levers.example.com (got ${JSON.stringify(text)})`);
  }
  return text;
}

/** manifest.xml for an add-in served from `baseUrl`: every development-address URL moved to it. */
function manifestFor(xml, baseUrl) {
  return String(xml).split(DEV_BASE_URL).join(baseUrl);
}

/** A function's help page address. */
function helpUrl(baseUrl, id) {
  return `${baseUrl}/help/${helpFileName(id)}`;
}

/**
 * A parameter's name as FUNCTIONS.md writes it: the metadata plugin takes the TypeScript name, and a
 * name that is a JavaScript reserved word (MONTHLY_USAGE's `export`) is written `export_` there.
 */
function publicName(name) {
  if (typeof name !== "string" || !name.endsWith("_")) return name;
  const word = name.slice(0, -1);
  return RESERVED.has(word) ? word : name;
}

/** JavaScript's reserved words a parameter might be named after (FUNCTIONS.md's `export`). */
const RESERVED = new Set(["export", "import", "default", "function", "class", "new", "delete", "in", "return"]);

/** functions.json with allowErrorForDataTypeAny, a helpUrl on every function and public parameter names. */
function patchMetadata(metadata, baseUrl) {
  const { functions, ...top } = metadata;
  if (!Array.isArray(functions)) throw new Error("functions.json has no functions array");
  return {
    ...top,
    allowErrorForDataTypeAny: true,
    functions: functions.map((fn) => ({
      ...fn,
      ...(Array.isArray(fn.parameters)
        ? { parameters: fn.parameters.map((p) => ({ ...p, name: publicName(p.name) })) }
        : {}),
      helpUrl: helpUrl(baseUrl, fn.id),
    })),
  };
}

/**
 * Each custom function's JSDoc @returns text, by id, read from its source with the TypeScript parser
 * (functions.json keeps the description and the parameters' text, not this). The id is the
 * @customfunction tag's first word, or the function's name in upper case, as the metadata plugin has it.
 */
function returnsByFunctionId(files) {
  const ts = require("typescript");
  const found = new Map();
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    const visit = (node) => {
      if (ts.isFunctionDeclaration(node) && node.name) {
        const tags = ts.getJSDocTags(node);
        const marker = tags.find((t) => t.tagName.text === "customfunction");
        if (marker) {
          const id = (ts.getTextOfJSDocComment(marker.comment) ?? "").trim().split(/\s+/)[0] || node.name.text;
          const returns = tags.find((t) => t.tagName.text === "returns" || t.tagName.text === "return");
          const text = returns ? (ts.getTextOfJSDocComment(returns.comment) ?? "").trim() : "";
          if (text) found.set(id.toUpperCase(), text);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

const PLUGIN_NAME = "AddinPagesPlugin";

/**
 * Patches functions.json and emits the help and support pages, in the compilation that the metadata
 * plugin emitted functions.json in (it adds the asset when the compilation starts, so it is there by
 * processAssets).
 */
class AddinPagesPlugin {
  /** Files every build emits (besides one help/<id>.html per function). */
  static FIXED_FILES = ["support.html", "privacy.html", "terms.html", "help/index.html", "help/help.css"];

  /**
   * @param {{ baseUrl: string, namespace: string, version: string, supportEmail: string, sources: string[], metadata?: string }} options
   *   sources: the custom functions' source files (for their @returns text); metadata: the asset name.
   */
  constructor(options) {
    this.options = { metadata: "functions.json", ...options };
    this.stylesheet = path.join(__dirname, "help.css");
    // The rules the help pages share with the task pane; help/help.css is this file, then help.css.
    this.baseStylesheet = path.join(__dirname, "..", "taskpane", "base.css");
  }

  apply(compiler) {
    const { Compilation, WebpackError, sources } = compiler.webpack;
    const { baseUrl, namespace, version, supportEmail, metadata: metadataAsset } = this.options;
    const files = this.options.sources.map((f) => path.resolve(compiler.context, f));

    // thisCompilation: the main compilation only, not the html plugin's child compilations.
    compiler.hooks.thisCompilation.tap(PLUGIN_NAME, (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: PLUGIN_NAME, stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONS },
        () => {
          compilation.fileDependencies.add(this.stylesheet);
          compilation.fileDependencies.add(this.baseStylesheet);
          const asset = compilation.getAsset(metadataAsset);
          if (!asset) {
            // The metadata plugin reports its own errors (and then emits nothing); otherwise say so here.
            if (compilation.errors.length === 0) {
              compilation.errors.push(new WebpackError(`${PLUGIN_NAME}: no ${metadataAsset} was emitted to patch`));
            }
            return;
          }
          let metadata;
          try {
            metadata = patchMetadata(JSON.parse(asset.source.source().toString()), baseUrl);
          } catch (error) {
            compilation.errors.push(new WebpackError(`${PLUGIN_NAME}: ${metadataAsset}: ${String(error)}`));
            return;
          }
          compilation.updateAsset(metadataAsset, new sources.RawSource(`${JSON.stringify(metadata, null, 4)}\n`));

          const returns = returnsByFunctionId(files);
          const emit = (name, text) => compilation.emitAsset(name, new sources.RawSource(text));
          for (const fn of metadata.functions) {
            emit(`help/${helpFileName(fn.id)}`, renderFunctionPage(fn, { namespace, returns: returns.get(fn.id) }));
          }
          emit("help/index.html", renderIndexPage(metadata.functions, { namespace }));
          emit(
            "help/help.css",
            `${readFileSync(this.baseStylesheet, "utf8")}\n${readFileSync(this.stylesheet, "utf8")}`,
          );
          emit("support.html", renderSupportPage({ namespace, version, supportEmail }));
          emit("privacy.html", renderPrivacyPage({ version, supportEmail }));
          emit("terms.html", renderTermsPage({ version, supportEmail }));
        },
      );
    });
  }
}

module.exports = {
  DEV_BASE_URL,
  DEV_SUPPORT_EMAIL,
  supportEmail,
  AddinPagesPlugin,
  addinBaseUrl,
  helpUrl,
  manifestFor,
  patchMetadata,
  returnsByFunctionId,
};
