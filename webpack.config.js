// Webpack build for the Commit Levers add-in (shared runtime: one page hosts the pane, the commands and the functions).
//
//   npm run build       production bundle in dist/ (minified, no source maps; needs no certificates and no network)
//   npm start           https://localhost:3000 dev server with the office-addin-dev-certs certificates
//
// ADDIN_BASE_URL (environment variable, or --env ADDIN_BASE_URL=...) is the https address the built add-in
// is served from, default https://localhost:3000: dist/manifest.xml and the functions' help links use it.
// manifest.xml itself stays the localhost one, for `npm start`. ADDIN_SUPPORT_EMAIL is the contact the
// support, privacy and terms pages give; a build for a public ADDIN_BASE_URL fails without it.
//
// Exported as a function of (env, argv) so tests can require it and read what it emits.

const fs = require("fs");
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const TerserPlugin = require("terser-webpack-plugin");
const { AddinPagesPlugin, DEV_BASE_URL, addinBaseUrl, manifestFor, supportEmail } = require("./src/help/build");

/** Where the manifest expects the add-in to be served during development. */
const DEV_SERVER_PORT = 3000;

/**
 * The custom functions, by file: their JSDoc becomes functions.json, and all are bundled into functions.js,
 * whose one entry is the first (it imports the others: one entry module lets webpack concatenate the whole
 * bundle into one scope, which several entry modules sharing the core would prevent).
 */
const FUNCTIONS_SOURCES = [
  "./src/functions/functions.ts",
  "./src/functions/pricing.ts",
  "./src/functions/sizing.ts",
  "./src/functions/tracking.ts",
];

/** The custom functions' namespace (LEVERS), from manifest.xml: the help pages write names as LEVERS.NAME. */
function functionsNamespace() {
  const manifest = fs.readFileSync(path.join(__dirname, "manifest.xml"), "utf8");
  const match = /<bt:String\s+id="Functions\.Namespace"\s+DefaultValue="([^"]+)"/.exec(manifest);
  if (!match) throw new Error('manifest.xml defines no bt:String "Functions.Namespace"');
  return match[1];
}

/**
 * The address the add-in is served from. `webpack serve` always serves https://localhost:3000, so it
 * ignores ADDIN_BASE_URL; a build validates it (a bad value fails the build with the reason).
 */
function baseUrlFor(env, serving) {
  const value = env.ADDIN_BASE_URL ?? process.env.ADDIN_BASE_URL;
  if (serving) {
    if (value && value !== DEV_BASE_URL)
      console.warn(`\nADDIN_BASE_URL is ignored by the dev server (${DEV_BASE_URL}).\n`);
    return DEV_BASE_URL;
  }
  return addinBaseUrl(value);
}

/** Certificates for https://localhost, created (once) by office-addin-dev-certs. Only `webpack serve` needs them. */
async function httpsServerOptions() {
  const devCerts = require("office-addin-dev-certs");
  try {
    const { ca, key, cert } = await devCerts.getHttpsServerOptions();
    return { ca, key, cert };
  } catch (error) {
    // Installing the CA into the system's trust store can fail (no sudo, no desktop session). Serve
    // anyway: the preview works once the browser's warning is accepted; Excel needs the trusted CA.
    console.warn(
      `\nCould not install the localhost certificate (${String(error).split("\n")[0]}).\n` +
        "Serving with an untrusted certificate: open the preview and accept the browser's warning.\n" +
        "To sideload into Excel, trust the certificate first: npx office-addin-dev-certs install\n",
    );
    const files = require("office-addin-dev-certs/lib/defaults");
    const fs = require("fs");
    if (fs.existsSync(files.localhostCertificatePath) && fs.existsSync(files.localhostKeyPath)) {
      return { key: fs.readFileSync(files.localhostKeyPath), cert: fs.readFileSync(files.localhostCertificatePath) };
    }
    return undefined; // webpack-dev-server makes a self-signed certificate
  }
}

/**
 * How functions.js is minified (issue 27's size target, bench/report.ts: 60 KB). Terser's defaults
 * plus a third pass, property reads taken as free of side effects, and ES2020 output in which a
 * function expression that uses no `this`, `arguments` or `new.target` becomes an arrow (the adapters
 * Excel calls, and the helpers inlined into them: nothing in the bundle constructs a function with
 * `new` or reads its `prototype`). Only functions.js: the pane's bundles (and lit-html in them) keep
 * webpack's default minifier.
 */
function functionsMinifier() {
  return new TerserPlugin({
    test: /^functions\.js$/,
    extractComments: false,
    terserOptions: {
      ecma: 2020,
      compress: {
        passes: 3,
        pure_getters: true,
        unsafe_arrows: true,
        // The catalogue's ids and units are the pane's and the tests' (src/catalogue/functions.ts): none in functions.js.
        global_defs: { FUNCTIONS_BUNDLE: true },
      },
    },
  });
}

/** The preview page's scripts: the CustomFunctions stand-in first, then the functions bundle, then the page. */
const PREVIEW_ENTRIES = {
  "preview-runtime": "./src/preview/customFunctionsStub.ts",
  preview: "./src/preview/preview.ts",
};

/** The preview page (development and `webpack serve` only). */
function previewPlugins() {
  return [
    new HtmlWebpackPlugin({
      filename: "preview.html",
      template: "./src/preview/preview.html",
      chunks: ["preview-runtime", "functions", "preview"],
      chunksSortMode: "manual",
    }),
    new CopyWebpackPlugin({ patterns: [{ from: "src/preview/preview.css", to: "preview.css" }] }),
  ];
}

module.exports = async (env = {}, argv = {}) => {
  const production = argv.mode === "production";
  const serving = Boolean(env.WEBPACK_SERVE || process.env.WEBPACK_SERVE);
  const preview = !production || serving;
  const baseUrl = baseUrlFor(env, serving);

  return {
    mode: production ? "production" : "development",
    // Production publishes no source maps (no .map files, no sourceMappingURL comments). Development keeps
    // them, and not an eval-based devtool: the page's Content-Security-Policy forbids eval.
    devtool: production ? false : "source-map",
    target: ["web", "es2020"],
    // The functions bundle in a layer of its own: the modules it shares with the pane (the core, the
    // catalogue) are then its own copies, which webpack can concatenate into one scope (a module in
    // several chunks cannot be), keeping functions.js small.
    experiments: { layers: true },
    entry: {
      functions: { import: FUNCTIONS_SOURCES[0], layer: "functions" },
      taskpane: "./src/taskpane/taskpane.ts",
      commands: "./src/commands/commands.ts",
      // The Web Worker that reads a picked export (src/taskpane/fileReader.ts starts it by this name).
      importWorker: "./src/taskpane/importWorker.ts",
      // The development preview (npm start): HyperFormula (GPL-3.0) is never in a production build.
      ...(preview ? PREVIEW_ENTRIES : {}),
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".js"],
    },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          // Type-checks: a type error fails the build.
          use: { loader: "ts-loader", options: { configFile: "tsconfig.build.json" } },
        },
      ],
    },
    plugins: [
      // Generates functions.json from the functions' JSDoc and appends their CustomFunctions.associate calls.
      new CustomFunctionsMetadataPlugin({ input: FUNCTIONS_SOURCES, output: "functions.json" }),
      // Then: allowErrorForDataTypeAny and helpUrls in functions.json, and the help and support pages.
      new AddinPagesPlugin({
        baseUrl,
        namespace: functionsNamespace(),
        version: require("./package.json").version,
        // The contact support.html, privacy.html and terms.html give; a public build must set it.
        supportEmail: supportEmail(env.ADDIN_SUPPORT_EMAIL ?? process.env.ADDIN_SUPPORT_EMAIL, baseUrl),
        sources: FUNCTIONS_SOURCES,
      }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane", "functions", "commands"],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "src/taskpane/taskpane.css", to: "taskpane.css" },
          { from: "src/taskpane/base.css", to: "base.css" },
          // Moved to the public address (ADDIN_BASE_URL); the source stays on https://localhost:3000.
          { from: "manifest.xml", to: "manifest.xml", transform: (content) => manifestFor(content, baseUrl) },
        ],
      }),
      ...(preview ? previewPlugins() : []),
    ],
    // functions.js by its own minifier first (which marks it minimized), everything else by webpack's default.
    optimization: { minimizer: [functionsMinifier(), "..."] },
    performance: { hints: false },
    devServer: {
      port: DEV_SERVER_PORT,
      host: "localhost", // loopback only: nothing outside this machine can reach the dev server
      headers: { "Access-Control-Allow-Origin": "*" },
      ...(serving ? { server: { type: "https", options: (await httpsServerOptions()) ?? {} } } : {}),
    },
  };
};
