/**
 * What the production build ships.
 *
 *   - dist/functions.js registers exactly the functions dist/functions.json declares. If dist/ is
 *     missing or older than the sources, the test builds it first, so it cannot pass on a stale
 *     bundle or without one.
 *   - A build for a public address (ADDIN_BASE_URL=https://levers.example.com, into a temporary
 *     folder: one extra build) has that address, and no localhost, in manifest.xml (valid against the
 *     add-in manifest schema) and in every function's helpUrl; functions.json has
 *     allowErrorForDataTypeAny; there is a help page per function, a help index, support, privacy and terms pages,
 *     none with a script; and no source maps are published.
 *   - A bad ADDIN_BASE_URL fails the build with the reason, and so does a public build without an
 *     ADDIN_SUPPORT_EMAIL (the contact its support, privacy and terms pages give).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { FUNCTIONS_BUNDLE, FUNCTIONS_METADATA, DIST, ROOT, loadBundle, metadataIds } from "./helpers/loadBundle";
import { ensureBundle } from "./helpers/ensureBundle";
import { descendants, parseXml } from "./helpers/xml";
import { DEV_BASE_URL, DEV_SUPPORT_EMAIL, addinBaseUrl, supportEmail, type FunctionsMetadata } from "../src/help/build";
import { CONTENT_SECURITY_POLICY, helpFileName, renderFunctionPage } from "../src/help/pages";
import { RAW_ROWS_BY_DEFAULT } from "../src/taskpane/importer";
import { CHROMIUM, INSTALL_COMMAND, ensureChromium, ensureXmllint, type ChromiumSystem } from "../scripts/chromium";

const BUILD_TIMEOUT_MS = 300_000;
const WEBPACK = join(ROOT, "node_modules", "webpack", "bin", "webpack.js");
const PUBLIC_BASE = "https://levers.example.com";
const SUPPORT_EMAIL = "help@levers.example.com";
const SCHEMAS = join(ROOT, "..", "shared", "office-manifest-xsd");

/** Every file under `dir`, relative to it, with "/" separators. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path).map((f) => `${name}/${f}`);
    return [name];
  });
}

/** `webpack --mode production` with ADDIN_BASE_URL set, into `out`; the exit status and output. */
function build(
  out: string,
  baseUrl: string,
  supportEmail: string | null = SUPPORT_EMAIL,
): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [WEBPACK, "--mode", "production", "--output-path", out], {
    cwd: ROOT,
    env: { ...process.env, ADDIN_BASE_URL: baseUrl, ADDIN_SUPPORT_EMAIL: supportEmail ?? "" },
    encoding: "utf8",
    timeout: BUILD_TIMEOUT_MS,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Page text with the HTML entities decoded (the production minimizer writes a quote as is where it can). */
const decoded = (html: string): string =>
  html.replace(
    /&(lt|gt|quot|#39|amp);/g,
    (_, e: string) => ({ lt: "<", gt: ">", quot: '"', "#39": "'", amp: "&" })[e] ?? "",
  );

const readJson = (file: string): FunctionsMetadata => JSON.parse(readFileSync(file, "utf8")) as FunctionsMetadata;

describe("dist/functions.js", () => {
  beforeAll(() => ensureBundle(), BUILD_TIMEOUT_MS);

  it("was built, with its metadata", () => {
    // (Not "is current": a source saved while the build ran would fail that. beforeAll rebuilt a stale bundle.)
    expect(existsSync(FUNCTIONS_BUNDLE)).toBe(true);
    expect(existsSync(FUNCTIONS_METADATA)).toBe(true);
  });

  it("declares at least one function, each id once, in upper case", () => {
    const ids = metadataIds();
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[A-Z][A-Z0-9_.]*$/);
  });

  it("associates every function in functions.json, and nothing else", () => {
    const associated = loadBundle();
    expect([...associated.keys()].sort()).toEqual([...metadataIds()].sort());
    for (const fn of associated.values()) expect(typeof fn).toBe("function");
  });

  it("is built for the development address by default", () => {
    const metadata = readJson(FUNCTIONS_METADATA);
    expect(metadata.allowErrorForDataTypeAny).toBe(true);
    for (const fn of metadata.functions) expect(fn.helpUrl).toBe(`${DEV_BASE_URL}/help/${helpFileName(fn.id)}`);
    expect(readFileSync(join(DIST, "manifest.xml"), "utf8")).toBe(readFileSync(join(ROOT, "manifest.xml"), "utf8"));
  });
});

describe(`a production build for ${PUBLIC_BASE}`, () => {
  let out: string;
  let metadata: FunctionsMetadata;
  const read = (file: string) => readFileSync(join(out, file), "utf8");

  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), "commit-levers-build-"));
    const { status, output } = build(out, PUBLIC_BASE);
    if (status !== 0) throw new Error(`the build failed (exit ${status}):\n${output.slice(-4000)}`);
    metadata = readJson(join(out, "functions.json"));
  }, BUILD_TIMEOUT_MS);

  afterAll(() => {
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it("lets Excel pass errors and data types to the functions (functions.json's top level)", () => {
    // https://learn.microsoft.com/en-us/office/dev/add-ins/excel/custom-functions-json
    expect(metadata.allowErrorForDataTypeAny).toBe(true);
    expect(metadata.allowCustomDataForDataTypeAny).toBe(true);
    expect(metadata.functions.length).toBeGreaterThan(0);
  });

  it("gives every function a helpUrl under the public address, naming a page the build wrote", () => {
    for (const fn of metadata.functions) {
      expect(fn.helpUrl).toBe(`${PUBLIC_BASE}/help/${fn.id.toLowerCase()}.html`);
      expect([fn.id, existsSync(join(out, (fn.helpUrl ?? "").slice(PUBLIC_BASE.length + 1)))]).toEqual([fn.id, true]);
    }
  });

  it("writes the public address into manifest.xml, and no localhost", () => {
    const text = read("manifest.xml");
    expect(text).not.toMatch(/localhost/i);
    const urls = descendants(parseXml(text))
      .flatMap((e) => [e.attributes.DefaultValue ?? "", e.text])
      .filter((value) => /^[a-z][a-z0-9+.-]*:\/\//i.test(value));
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) {
      expect(url.startsWith(`${PUBLIC_BASE}/`)).toBe(true);
      const file = url.slice(PUBLIC_BASE.length + 1);
      expect([file, existsSync(join(out, file))]).toEqual([file, true]);
    }
  });

  it("writes a manifest.xml that is valid against the add-in manifest schema", () => {
    if (!existsSync(SCHEMAS)) {
      console.warn(`skipped the schema check: ${SCHEMAS} not found`);
      return;
    }
    const schema = join(SCHEMAS, "OfficeAppManifestV1_1.xsd");
    // A fresh machine may lack xmllint: installed as root, else the one command to run.
    ensureXmllint();
    const result = spawnSync("xmllint", ["--noout", "--schema", schema, join(out, "manifest.xml")], {
      encoding: "utf8",
    });
    if (result.error) throw new Error(`xmllint did not run (apt-get install libxml2-utils): ${result.error.message}`);
    expect([result.status, result.stderr.trim()]).toEqual([0, `${join(out, "manifest.xml")} validates`]);
  });

  it("publishes no source maps: no .map files and no sourceMappingURL comments", () => {
    const files = filesUnder(out);
    expect(files.filter((f) => f.endsWith(".map"))).toEqual([]);
    const text = files.filter((f) => /\.(js|css|html|json)$/.test(f));
    expect(text.filter((f) => /sourceMappingURL/.test(read(f)))).toEqual([]);
  });

  it("writes a help page per function with its description, each argument and the result", () => {
    for (const fn of metadata.functions) {
      const html = decoded(read(`help/${helpFileName(fn.id)}`));
      const fnText = fn as unknown as {
        description?: string;
        parameters?: { name: string; description?: string; optional?: boolean }[];
      };
      expect(html).toContain(`LEVERS.${fn.name}`);
      expect(html).toContain(fnText.description ?? "");
      for (const p of fnText.parameters ?? []) {
        expect(html).toContain(`<code>${p.name}</code>`);
        expect(html).toContain(p.description ?? "");
      }
      expect(html).toMatch(/<h2>Result<\/h2>\s*<p class="?result"?>[^<]+<\/p>/);
    }
    // The result text is the JSDoc @returns line.
    expect(read("help/commit_waste.html")).toContain("Dollars forfeited over the term.");
  });

  it("escapes every piece of text it puts on a page", () => {
    const html = renderFunctionPage(
      {
        id: "X",
        name: "X",
        description: `<script>alert("d")</script> & 'more'`,
        parameters: [{ name: "a<b", description: "<img src=x onerror=alert(1)>" }],
        result: { type: "number" },
      },
      { namespace: "LEVERS", returns: "</p><script>" },
    );
    expect(html).not.toMatch(/<script|<img src=x/);
    expect(html).toContain("&lt;script&gt;alert(&quot;d&quot;)&lt;/script&gt; &amp; &#39;more&#39;");
    expect(html).toContain("<code>a&lt;b</code>");
    expect(html).toContain("&lt;/p&gt;&lt;script&gt;");
  });

  it("lists every function's page on the help index, and has support, privacy and terms pages", () => {
    const index = read("help/index.html");
    for (const fn of metadata.functions) expect(index).toContain(helpFileName(fn.id));
    const text = (name: string) => decoded(read(name)).replace(/\s+/g, " ");
    const support = text("support.html");
    expect(support).toMatch(new RegExp(`href="?mailto:${SUPPORT_EMAIL}"?>${SUPPORT_EMAIL}</a>`));
    expect(support).toContain("makes no network requests of its own");
    expect(support).toContain("never leave your machine");
    expect(support).toMatch(/href="?help\/index\.html"?/);
    expect(support).toMatch(/href="?privacy\.html"?/);
    expect(support).toMatch(/href="?terms\.html"?/);
    const privacy = text("privacy.html");
    expect(privacy).toContain("Commit Levers sends nothing anywhere");
    expect(privacy).toContain("The pane reads the file on your computer and never uploads it");
    // The raw rows the import copies into the workbook by default (importer.ts), as the page says.
    expect(privacy).toContain(`for an export of up to ${RAW_ROWS_BY_DEFAULT.toLocaleString("en-US")} rows`);
    expect(privacy).toContain(`mailto:${SUPPORT_EMAIL}`);
    const terms = text("terms.html");
    expect(terms).toContain("not financial, legal or procurement advice");
    expect(terms).toContain(`mailto:${SUPPORT_EMAIL}`);
    // Every page's footer reaches all three.
    for (const name of ["help/index.html", "support.html", "privacy.html", "terms.html"]) {
      for (const page of ["support", "privacy", "terms"])
        expect([name, text(name)]).toEqual([
          name,
          expect.stringMatching(new RegExp(`href="?(\\.\\./)?${page}\\.html`)),
        ]);
    }
  });

  it("serves its help and support pages with a strict policy and no script or inline style", () => {
    const pages = filesUnder(out).filter(
      (f) => f.startsWith("help/") || ["support.html", "privacy.html", "terms.html"].includes(f),
    );
    expect(pages).toEqual(
      expect.arrayContaining(["support.html", "privacy.html", "terms.html", "help/index.html", "help/help.css"]),
    );
    for (const name of pages.filter((f) => f.endsWith(".html"))) {
      const html = read(name);
      const csp = /<meta http-equiv="?Content-Security-Policy"? content="([^"]*)"/i.exec(html)?.[1];
      expect([name, csp?.replace(/&#39;/g, "'")]).toEqual([name, CONTENT_SECURITY_POLICY]);
      expect([name, /<script|<style|\sstyle=|\son[a-z]+=/i.test(html)]).toEqual([name, false]);
      // Links stay inside the add-in, but for the support address's mailto link.
      for (const [, href] of html.matchAll(/\s(?:href|src)="?([^"\s>]+)/g)) {
        if (href === `mailto:${SUPPORT_EMAIL}`) continue;
        expect([name, href]).toEqual([name, expect.not.stringMatching(/^[a-z]+:|^\/\//i)]);
      }
    }
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
  });
});

describe("ADDIN_BASE_URL", () => {
  it("defaults to the development address, and takes an https origin or path with no trailing slash", () => {
    expect(addinBaseUrl(undefined)).toBe(DEV_BASE_URL);
    expect(addinBaseUrl("")).toBe(DEV_BASE_URL);
    for (const ok of [PUBLIC_BASE, "https://example.com/commit-levers", "https://levers.example.com:8443"]) {
      expect(addinBaseUrl(ok)).toBe(ok);
    }
  });

  it.each([
    ["http://levers.example.com", "not https"],
    ["https://levers.example.com/", "ends with a slash"],
    ["https://example.com/commit-levers/", "ends with a slash"],
    ["https://levers.example.com?x=1", "query"],
    ["https://levers.example.com#top", "fragment"],
    ["https://user:pw@levers.example.com", "user name or password"],
    ["https://Levers.Example.com", "write it as https://levers.example.com"],
    ["https://levers.example.com:443", "write it as https://levers.example.com"],
    ["levers.example.com", "not an absolute URL"],
    [" https://levers.example.com", "not an absolute URL|write it as"],
    ["https://example.com/a b", "write it as|characters"],
    ["ftp://levers.example.com", "not https"],
  ])("rejects %j (%s)", (value, reason) => {
    expect(() => addinBaseUrl(value)).toThrow(/ADDIN_BASE_URL must be/);
    expect(() => addinBaseUrl(value)).toThrow(new RegExp(reason.replace(/\./g, "\\.")));
  });

  it("fails the build, before compiling, with the reason", () => {
    const out = mkdtempSync(join(tmpdir(), "commit-levers-bad-url-"));
    try {
      const { status, output } = build(out, "http://levers.example.com");
      expect(status).not.toBe(0);
      expect(output).toContain("ADDIN_BASE_URL must be the https:// address");
      expect(filesUnder(out)).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("ADDIN_SUPPORT_EMAIL", () => {
  it("shows the reserved example address in a development build, and takes one plain address", () => {
    expect(supportEmail(undefined, DEV_BASE_URL)).toBe(DEV_SUPPORT_EMAIL);
    expect(DEV_SUPPORT_EMAIL).toMatch(/@levers\.example\.com$/);
    expect(supportEmail("help@levers.example.com", PUBLIC_BASE)).toBe("help@levers.example.com");
  });

  it.each([
    [undefined, "must be set when ADDIN_BASE_URL is a public address"],
    ["", "must be set when ADDIN_BASE_URL is a public address"],
    ["help", "must be one plain e-mail address"],
    ["a@b.com, c@d.com", "must be one plain e-mail address"],
    ['x"@levers.example.com', "must be one plain e-mail address"],
  ])("refuses %j for a public build (%s)", (value, reason) => {
    expect(() => supportEmail(value, PUBLIC_BASE)).toThrow(new RegExp(`ADDIN_SUPPORT_EMAIL ${reason}`));
  });

  it("fails a public build without one, before compiling", () => {
    const out = mkdtempSync(join(tmpdir(), "commit-levers-no-email-"));
    try {
      const { status, output } = build(out, PUBLIC_BASE, null);
      expect(status).not.toBe(0);
      expect(output).toContain("ADDIN_SUPPORT_EMAIL must be set when ADDIN_BASE_URL is a public address");
      expect(filesUnder(out)).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("the browser tests' Chromium (scripts/chromium.ts)", () => {
  function fakeSystem(options: { installed: boolean; root: boolean; installWorks?: boolean }) {
    const ran: string[] = [];
    let installed = options.installed;
    const system: ChromiumSystem = {
      exists: (path) => path === CHROMIUM && installed,
      isRoot: () => options.root,
      run(command, args) {
        ran.push([command, ...args].join(" "));
        if (args[0] === "install" && options.installWorks !== false) installed = true;
      },
      log: () => undefined,
    };
    return { system, ran };
  }

  it("does nothing when Chromium is installed", () => {
    const { system, ran } = fakeSystem({ installed: true, root: true });
    ensureChromium(system);
    expect(ran).toEqual([]);
  });

  it("installs it with apt-get when missing and running as root", () => {
    const { system, ran } = fakeSystem({ installed: false, root: true });
    ensureChromium(system);
    expect(ran).toEqual(["apt-get update", "apt-get install -y --no-install-recommends chromium"]);
  });

  it("fails with the one command to run when missing and not root", () => {
    const { system, ran } = fakeSystem({ installed: false, root: false });
    expect(() => ensureChromium(system)).toThrow(INSTALL_COMMAND);
    expect(INSTALL_COMMAND).toBe("sudo apt-get install -y chromium");
    expect(ran).toEqual([]);
  });

  it("xmllint the same way: Debian's libxml2-utils when missing and root", () => {
    const ran: string[] = [];
    let installed = false;
    const system: ChromiumSystem = {
      exists: (path) => path === "/usr/bin/xmllint" && installed,
      isRoot: () => true,
      run(command, args) {
        ran.push([command, ...args].join(" "));
        if (args[0] === "install") installed = true;
      },
      log: () => undefined,
    };
    ensureXmllint(system);
    expect(ran).toEqual(["apt-get update", "apt-get install -y --no-install-recommends libxml2-utils"]);
    expect(() => ensureXmllint({ ...system, exists: () => false, isRoot: () => false })).toThrow(
      "sudo apt-get install -y libxml2-utils",
    );
  });

  it("fails when the install leaves no Chromium behind", () => {
    const { system } = fakeSystem({ installed: false, root: true, installWorks: false });
    expect(() => ensureChromium(system)).toThrow(/still missing/);
  });

  it("is what the browser tests' jest config runs first", () => {
    const config = require(join(ROOT, "jest.browser.config.js")) as { globalSetup?: string };
    expect(relative(ROOT, (config.globalSetup ?? "").replace("<rootDir>", ROOT))).toBe(join("scripts", "chromium.ts"));
  });
});
