/**
 * manifest.xml against itself and against the build: every resource id it uses is defined, its URLs name
 * files webpack emits, every icon file exists at the size the manifest gives it, and the shared-runtime
 * wiring (one long-lived page for pane, commands and functions) holds. The XML schema check is separate
 * (xmllint in .ci/run and test/build.test.ts); this is what a schema cannot see.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Configuration } from "webpack";
import { ROOT } from "./helpers/loadBundle";
import { descendants, findAll, findOne, parseXml, type XmlElement } from "./helpers/xml";
import { AddinPagesPlugin, DEV_BASE_URL, manifestFor } from "../src/help/build";

const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");

/** webpack's Configuration, plus the devServer block that webpack-dev-server reads. */
type AddinConfig = Configuration & { devServer?: { port?: unknown } };
type ConfigFactory = (env: Record<string, unknown>, argv: { mode: string }) => Promise<AddinConfig>;

const manifestText = readFileSync(join(ROOT, "manifest.xml"), "utf8");
const manifest = parseXml(manifestText);

/**
 * Every size a ribbon <bt:Image> may have: 16, 32 and 80 required, 20, 24, 40, 48 and 64 optional.
 * https://learn.microsoft.com/en-us/javascript/api/manifest/icon
 */
const RIBBON_ICON_SIZES = [16, 20, 24, 32, 40, 48, 64, 80];

/** A PNG's width and height, from its IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!bytes.subarray(0, 8).equals(signature) || bytes.toString("ascii", 12, 16) !== "IHDR") {
    throw new Error(`${file} is not a PNG`);
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The file in this repository that a manifest URL names (its path after the development address). */
function localFile(url: string): string {
  if (!url.startsWith(`${DEV_BASE_URL}/`)) throw new Error(`${url} is not under ${DEV_BASE_URL}`);
  return join(ROOT, url.slice(DEV_BASE_URL.length + 1));
}

/** Resource id -> value, over the four resource tables. */
function resources(): Map<string, { table: string; value: string }> {
  const table = new Map<string, { table: string; value: string }>();
  for (const section of ["bt:Images", "bt:Urls", "bt:ShortStrings", "bt:LongStrings"]) {
    for (const entry of findOne(manifest, section).children) {
      const id = entry.attributes.id ?? "";
      if (table.has(id)) throw new Error(`Resource id ${id} is defined twice`);
      table.set(id, { table: section, value: entry.attributes.DefaultValue ?? "" });
    }
  }
  return table;
}

function resourceValue(resid: string | undefined): string {
  const entry = resources().get(resid ?? "");
  if (!entry) throw new Error(`No resource ${resid}`);
  return entry.value;
}

const usesOfResid = (): XmlElement[] => descendants(manifest).filter((e) => e.attributes.resid !== undefined);

/** Every URL in the manifest: DefaultValue attributes and element text that look like one. */
function allUrls(): string[] {
  return descendants(manifest)
    .flatMap((e) => [e.attributes.DefaultValue ?? "", e.text])
    .filter((value) => /^[a-z][a-z0-9+.-]*:\/\//i.test(value));
}

/** The files a production build writes to dist/, read from webpack.config.js and the assets folder. */
async function emittedFiles(): Promise<{ files: Set<string>; port: number; config: AddinConfig }> {
  const makeConfig = require(join(ROOT, "webpack.config.js")) as ConfigFactory;
  const config = await makeConfig({}, { mode: "production" });
  const files = new Set<string>();

  const filename = config.output?.filename;
  if (typeof filename !== "string") throw new Error("output.filename should be a string pattern");
  for (const entry of Object.keys(config.entry as Record<string, unknown>))
    files.add(filename.replace("[name]", entry));

  for (const plugin of config.plugins ?? []) {
    if (plugin instanceof HtmlWebpackPlugin) {
      files.add((plugin as unknown as { userOptions: { filename: string } }).userOptions.filename);
    } else if (plugin instanceof CustomFunctionsMetadataPlugin) {
      files.add((plugin as unknown as { options: { output: string } }).options.output);
    } else if (plugin instanceof CopyWebpackPlugin) {
      for (const { from, to } of (plugin as unknown as { patterns: { from: string; to: string }[] }).patterns) {
        if (!from.includes("*")) {
          files.add(to);
          continue;
        }
        // A one-folder glob such as "assets/*.png": expand it against the folder's files.
        const slash = from.lastIndexOf("/");
        const folder = from.slice(0, slash);
        const glob = new RegExp(
          `^${from
            .slice(slash + 1)
            .replace(/\./g, "\\.")
            .replace(/\*/g, "[^/]*")}$`,
        );
        for (const name of readdirSync(join(ROOT, folder)).filter((f) => glob.test(f))) {
          const dot = name.lastIndexOf(".");
          files.add(to.replace("[name]", name.slice(0, dot)).replace("[ext]", name.slice(dot)));
        }
      }
    } else if (plugin instanceof AddinPagesPlugin) {
      for (const file of AddinPagesPlugin.FIXED_FILES) files.add(file);
    }
  }
  const port = config.devServer?.port;
  if (typeof port !== "number") throw new Error("devServer.port should be a number");
  return { files, port, config };
}

describe("manifest.xml", () => {
  // Excel caches custom-function metadata per add-in version: a change to functions.json (issue 12 made
  // the ledger functions' parameters matrices) ships with a new version, kept in step with package.json.
  // Which change makes Excel reload the metadata is unverified (no doc page found): a new version is the safe side.
  it("has the package's version, so a new functions.json comes with a new add-in version", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    expect(findOne(manifest, "Version").text).toBe(`${pkg.version}.0`);
    // 0.3: OPTIMIZED_COST gained cache_write_1h_share, MONTHLY_USAGE and OBSERVED_DISCOUNT arrived (issue 13).
    // 0.4: BURNDOWN and SHORTFALL arrived (issue 14).
    expect(pkg.version).toBe("0.4.0");
  });

  it("defines every resource id it uses, and uses every one it defines", () => {
    const defined = resources();
    const used = new Set(usesOfResid().map((e) => e.attributes.resid ?? ""));
    const undefinedIds = [...used].filter((id) => !defined.has(id));
    const unusedIds = [...defined.keys()].filter((id) => !used.has(id));
    expect(undefinedIds).toEqual([]);
    expect(unusedIds).toEqual([]);
  });

  it("takes each resource from the table its element expects", () => {
    for (const use of usesOfResid()) {
      const table = resources().get(use.attributes.resid ?? "")?.table;
      if (use.name === "bt:Image") expect(table).toBe("bt:Images");
      else if (["SourceLocation", "Runtime", "FunctionFile", "LearnMoreUrl"].includes(use.name)) {
        expect(table).toBe("bt:Urls");
      } else expect(["bt:ShortStrings", "bt:LongStrings"]).toContain(table);
    }
  });

  it("puts the custom functions in the LEVERS namespace", () => {
    const extension = findAll(manifest, "ExtensionPoint").find((e) => e.attributes["xsi:type"] === "CustomFunctions");
    expect(extension).toBeDefined();
    expect(resourceValue(findOne(extension as XmlElement, "Namespace").attributes.resid)).toBe("LEVERS");
  });

  it("serves every URL over https", () => {
    const urls = allUrls();
    expect(urls.length).toBeGreaterThan(0);
    expect(urls.filter((url) => !url.startsWith("https://"))).toEqual([]);
  });

  it("points every localhost URL at a file the webpack build emits", async () => {
    const { files, port } = await emittedFiles();
    const base = `https://localhost:${port}/`;
    const local = allUrls().filter((url) => url.startsWith("https://localhost"));
    expect(local.length).toBeGreaterThan(0);
    for (const url of local) {
      expect(url.startsWith(base)).toBe(true);
      expect([...files]).toContain(url.slice(base.length));
    }
    // Every icon size the manifest names is in assets/ (and so copied to dist/assets).
    expect([...files]).toEqual(expect.arrayContaining(RIBBON_ICON_SIZES.map((n) => `assets/icon-${n}.png`)));
  });

  it("gives the ribbon group and its button an icon at every size a bt:Image supports", () => {
    const group = findOne(manifest, "Group");
    const button = findOne(group, "Control");
    const groupIcon = group.children.find((c) => c.name === "Icon");
    const buttonIcon = button.children.find((c) => c.name === "Icon");
    for (const icon of [groupIcon, buttonIcon]) {
      expect(icon).toBeDefined();
      const images = (icon as XmlElement).children.filter((c) => c.name === "bt:Image");
      expect(images).toHaveLength((icon as XmlElement).children.length);
      expect(images.map((i) => Number(i.attributes.size)).sort((a, b) => a - b)).toEqual(RIBBON_ICON_SIZES);
    }
  });

  it("has every icon file, at the pixel size the manifest gives it", () => {
    // Ribbon images: the size attribute of each use is the file's width and height.
    for (const use of findAll(manifest, "bt:Image").filter((e) => e.attributes.resid !== undefined)) {
      const file = localFile(resourceValue(use.attributes.resid));
      expect([file, existsSync(file)]).toEqual([file, true]);
      const size = Number(use.attributes.size);
      expect([file, pngSize(file)]).toEqual([file, { width: size, height: size }]);
    }
    // IconUrl is 32 x 32 for a task pane add-in, HighResolutionIconUrl 64 x 64:
    // https://learn.microsoft.com/en-us/javascript/api/manifest/iconurl
    // https://learn.microsoft.com/en-us/javascript/api/manifest/highresolutioniconurl
    for (const [element, size] of [
      ["IconUrl", 32],
      ["HighResolutionIconUrl", 64],
    ] as const) {
      const file = localFile(findOne(manifest, element).attributes.DefaultValue ?? "");
      expect([element, pngSize(file)]).toEqual([element, { width: size, height: size }]);
    }
  });

  it("points SupportUrl at the support page and GetStarted's LearnMoreUrl at the help index", () => {
    expect(findOne(manifest, "SupportUrl").attributes.DefaultValue).toBe(`${DEV_BASE_URL}/support.html`);
    const learnMore = findOne(findOne(manifest, "GetStarted"), "LearnMoreUrl").attributes.resid;
    expect(resourceValue(learnMore)).toBe(`${DEV_BASE_URL}/help/index.html`);
  });

  it("names the functions' namespace the same way for the help pages", async () => {
    const { config } = await emittedFiles();
    const pages = (config.plugins ?? []).find((p): p is AddinPagesPlugin => p instanceof AddinPagesPlugin);
    expect(pages?.options.namespace).toBe("LEVERS");
    expect(pages?.options.baseUrl).toBe(DEV_BASE_URL);
  });

  it("moves every development address to the public one for dist/manifest.xml, and nothing else", () => {
    const base = "https://levers.example.com";
    const moved = manifestFor(manifestText, base);
    expect(moved).not.toContain("localhost");
    const urls = descendants(parseXml(moved))
      .flatMap((e) => [e.attributes.DefaultValue ?? "", e.text])
      .filter((value) => /^[a-z][a-z0-9+.-]*:\/\//i.test(value));
    expect(urls).toHaveLength(allUrls().length);
    for (const url of urls) expect(url.startsWith(`${base}/`)).toBe(true);
    expect(moved.split(base).join(DEV_BASE_URL)).toBe(manifestText);
  });

  it("loads the functions script, the metadata and the page webpack builds for them", async () => {
    const { config } = await emittedFiles();
    const extension = findAll(manifest, "ExtensionPoint").find((e) => e.attributes["xsi:type"] === "CustomFunctions");
    const location = (part: string): string =>
      resourceValue(findOne(findOne(extension as XmlElement, part), "SourceLocation").attributes.resid);
    const html = (config.plugins ?? []).find((p) => p instanceof HtmlWebpackPlugin) as unknown as {
      userOptions: { filename: string; chunks: string[] };
    };
    const metadata = (config.plugins ?? []).find((p) => p instanceof CustomFunctionsMetadataPlugin) as unknown as {
      options: { output: string; input: string | string[] };
    };

    const script = String(config.output?.filename).replace("[name]", "functions");
    expect(location("Script").endsWith(`/${script}`)).toBe(true);
    // The functions entry is (or starts from) src/functions/functions.ts, and the metadata plugin reads it.
    // An entry may be a descriptor ({ import, layer }: the functions build in their own layer).
    type Entry = string | string[] | { import: string | string[] };
    const described = (config.entry as Record<string, Entry>).functions ?? [];
    const entry = [typeof described === "object" && !Array.isArray(described) ? described.import : described]
      .flat()
      .map((f) => resolve(ROOT, f));
    const inputs = [metadata.options.input].flat().map((f) => resolve(ROOT, f));
    const functionsTs = resolve(ROOT, "src/functions/functions.ts");
    expect(entry).toContain(functionsTs);
    expect(inputs).toContain(functionsTs);
    expect(location("Metadata").endsWith(`/${metadata.options.output}`)).toBe(true);
    expect(location("Page").endsWith(`/${html.userOptions.filename}`)).toBe(true);
    // Shared runtime: the page that hosts the functions also loads the pane's and the commands' scripts.
    expect(html.userOptions.chunks).toEqual(expect.arrayContaining(["functions", "taskpane", "commands"]));
  });

  it("runs pane, commands and functions in one long-lived shared runtime", () => {
    const runtime = findOne(manifest, "Runtime");
    expect(runtime.attributes.lifetime).toBe("long");
    const page = runtime.attributes.resid;
    const extension = findAll(manifest, "ExtensionPoint").find((e) => e.attributes["xsi:type"] === "CustomFunctions");
    expect(findOne(findOne(extension as XmlElement, "Page"), "SourceLocation").attributes.resid).toBe(page);
    expect(findOne(manifest, "FunctionFile").attributes.resid).toBe(page);
    for (const action of findAll(manifest, "Action").filter((a) => a.attributes["xsi:type"] === "ShowTaskpane")) {
      expect(findOne(action, "SourceLocation").attributes.resid).toBe(page);
      // One task pane, named: without a TaskpaneId it would count as another pane (shared-runtime docs).
      expect(findOne(action, "TaskpaneId").text).toBe("ButtonId1");
    }
    expect(findOne(manifest, "DefaultSettings").children[0]?.attributes.DefaultValue).toBe(resourceValue(page));

    const sets = findAll(manifest, "Set").map((s) => `${s.attributes.Name} ${s.attributes.MinVersion}`);
    expect(sets).toEqual(expect.arrayContaining(["SharedRuntime 1.1", "CustomFunctionsRuntime 1.3"]));
  });

  it("asks for read/write access to the workbook", () => {
    expect(findOne(manifest, "Permissions").text).toBe("ReadWriteDocument");
  });

  it("has a GUID for an id", () => {
    expect(findOne(manifest, "Id").text).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  });

  it("is a task pane add-in for Excel named Commit Levers", () => {
    expect(manifest.attributes["xsi:type"]).toBe("TaskPaneApp");
    expect(findOne(manifest, "DisplayName").attributes.DefaultValue).toBe("Commit Levers");
    expect(findOne(manifest, "ProviderName").text).toBe("Commit Levers");
    const hosts = manifest.children.find((e) => e.name === "Hosts");
    expect(hosts?.children.map((h) => h.attributes.Name)).toEqual(["Workbook"]);
  });
});
