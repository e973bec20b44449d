/**
 * No network, no injection (issue 7):
 *   - every page the build emits (and every page template) has a Content-Security-Policy whose
 *     script-src allows only the add-in itself and the Office.js CDN, and loads no other script;
 *   - no source under src/ writes HTML from strings (innerHTML, outerHTML, insertAdjacentHTML,
 *     document.write) or evaluates code (eval, new Function): cell text can never become markup;
 *   - no source under src/ outside the dev-only preview reaches the network (fetch, XMLHttpRequest,
 *     WebSocket, EventSource, sendBeacon);
 *   - manifest.xml asks for no more than ReadWriteDocument and lists only https URLs.
 * The sources are read with the TypeScript parser, so comments and strings that mention these
 * names do not count, and `window["fetch"](...)` does.
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { ensureBundle } from "../helpers/ensureBundle";
import { DIST, ROOT } from "../helpers/loadBundle";
import { descendants, findAll, parseXml } from "../helpers/xml";
import { BUNDLE_TIMEOUT_MS } from "./shipped";

const OFFICE_CDN = "https://appsforoffice.microsoft.com";
const ALLOWED_SCRIPT_SOURCES = ["'self'", OFFICE_CDN];

function filesUnder(dir: string, keep: (path: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path, keep) : keep(path) ? [path] : [];
  });
}

// ---------------------------------------------------------------------------------------------
// Pages

/** The CSP a page's <meta http-equiv> declares, as directive -> sources. */
function contentSecurityPolicy(html: string): Map<string, string[]> | undefined {
  for (const [tag] of html.matchAll(/<meta\b[^>]*>/gi)) {
    if (!/http-equiv\s*=\s*["']?Content-Security-Policy["'\s>]/i.test(tag)) continue;
    const content = /content\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(tag);
    if (!content) continue;
    const policy = new Map<string, string[]>();
    for (const directive of (content[1] ?? content[2] ?? "").split(";")) {
      const [name, ...sources] = directive.trim().split(/\s+/);
      if (name) policy.set(name.toLowerCase(), sources);
    }
    return policy;
  }
  return undefined;
}

/** Problems with one page: its CSP, its scripts, inline code. */
function pageProblems(html: string): string[] {
  const problems: string[] = [];
  const policy = contentSecurityPolicy(html);
  if (!policy) return ["no Content-Security-Policy meta tag"];
  const scriptSources = policy.get("script-src") ?? policy.get("default-src");
  if (!scriptSources) problems.push("the policy has no script-src (nor default-src)");
  for (const source of scriptSources ?? []) {
    if (!ALLOWED_SCRIPT_SOURCES.includes(source)) problems.push(`script-src allows ${source}`);
  }
  const body = html.replace(/<!--[\s\S]*?-->/g, "");
  for (const [tag, attributes = ""] of body.matchAll(/<script\b([^>]*)>/gi)) {
    const src = /\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(attributes);
    const url = src ? (src[1] ?? src[2] ?? src[3] ?? "") : undefined;
    if (url === undefined) problems.push(`an inline script: ${tag}`);
    else if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith("//")) {
      if (!url.startsWith(`${OFFICE_CDN}/`)) problems.push(`a script from ${url}`);
    }
  }
  for (const [handler] of body.matchAll(/<[^>]*\son[a-z]+\s*=[^>]*>/gi))
    problems.push(`an inline event handler: ${handler}`);
  return problems;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** The built pages, read at once (another build may be rewriting dist/): name -> html. */
function builtPages(): Map<string, string> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 6; attempt++) {
    try {
      if (!existsSync(join(DIST, "taskpane.html"))) ensureBundle();
      const names = readdirSync(DIST).filter((n) => n.endsWith(".html"));
      const pages = new Map(names.map((n) => [n, readFileSync(join(DIST, n), "utf8")]));
      if (!pages.has("taskpane.html")) throw new Error("dist/ has no taskpane.html");
      return pages;
    } catch (e) {
      lastError = e;
      sleep(3000);
    }
  }
  throw new Error(`could not read the built pages: ${String(lastError)}`, { cause: lastError });
}

describe("Content-Security-Policy", () => {
  let pages: Map<string, string>;
  beforeAll(() => {
    pages = builtPages();
  }, BUNDLE_TIMEOUT_MS);

  test("every built page allows scripts only from the add-in and the Office.js CDN", () => {
    expect(pages.size).toBeGreaterThan(0);
    for (const [name, html] of pages) expect([name, pageProblems(html)]).toEqual([name, []]);
  });

  test("every page template in src/ does too", () => {
    const templates = filesUnder(join(ROOT, "src"), (p) => p.endsWith(".html"));
    expect(templates.map((p) => relative(ROOT, p))).toContain("src/taskpane/taskpane.html");
    for (const path of templates)
      expect([relative(ROOT, path), pageProblems(readFileSync(path, "utf8"))]).toEqual([relative(ROOT, path), []]);
  });

  test("the checker itself catches what it should", () => {
    const page = (csp: string, body = "") => `<meta http-equiv="Content-Security-Policy" content="${csp}">${body}`;
    expect(pageProblems("<html></html>")).toEqual(["no Content-Security-Policy meta tag"]);
    expect(pageProblems(page("script-src 'self' 'unsafe-eval'"))).toEqual(["script-src allows 'unsafe-eval'"]);
    expect(pageProblems(page("script-src 'self' https://cdn.example.com"))).toEqual([
      "script-src allows https://cdn.example.com",
    ]);
    expect(pageProblems(page("object-src 'none'"))).toEqual(["the policy has no script-src (nor default-src)"]);
    expect(pageProblems(page("script-src 'self'", "<script>alert(1)</script>"))).toHaveLength(1);
    expect(pageProblems(page("script-src 'self'", '<img src=x onerror="alert(1)">'))).toHaveLength(1);
    expect(pageProblems(page("script-src 'self'", "<script src=https://evil.example/x.js></script>"))).toHaveLength(1);
    expect(
      pageProblems(
        `<meta http-equiv=Content-Security-Policy content="script-src 'self' ${OFFICE_CDN}"><script src=taskpane.js></script>`,
      ),
    ).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Sources

const HTML_WRITERS = new Set(["innerHTML", "outerHTML"]);
const HTML_CALLS = new Set(["insertAdjacentHTML", "createContextualFragment", "parseFromString"]);
const NETWORK_CALLS = new Set(["fetch", "sendBeacon"]);
const NETWORK_CLASSES = new Set(["XMLHttpRequest", "WebSocket", "EventSource"]);

/** The name a property access or element access with a string key reaches. */
function memberName(node: ts.Node): string | undefined {
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)) {
    return node.argumentExpression.text;
  }
  return undefined;
}

/** What a source does that the page must not: writes HTML from strings, evaluates code, reaches the network. */
function sourceFindings(fileName: string, text: string): { injection: string[]; network: string[] } {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const injection: string[] = [];
  const network: string[] = [];
  const where = (node: ts.Node) => `${fileName}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const calleeName = (callee: ts.Expression) => (ts.isIdentifier(callee) ? callee.text : memberName(callee));

  const visit = (node: ts.Node): void => {
    if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
      node.operatorToken.kind <= ts.SyntaxKind.LastAssignment
    ) {
      const name = memberName(node.left);
      if (name && (HTML_WRITERS.has(name) || name === "srcdoc")) injection.push(`${where(node)} assigns ${name}`);
    }
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const callee = node.expression;
      const name = calleeName(callee);
      const onDocument = ts.isPropertyAccessExpression(callee) && /\bdocument$/.test(callee.expression.getText(file));
      if (name && HTML_CALLS.has(name)) injection.push(`${where(node)} calls ${name}`);
      if ((name === "write" || name === "writeln") && onDocument)
        injection.push(`${where(node)} calls document.${name}`);
      if (name === "eval" || name === "Function") injection.push(`${where(node)} calls ${name}`);
      if (name && NETWORK_CALLS.has(name)) network.push(`${where(node)} calls ${name}`);
    }
    if (ts.isIdentifier(node) && NETWORK_CLASSES.has(node.text)) network.push(`${where(node)} uses ${node.text}`);
    if (
      (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) &&
      NETWORK_CLASSES.has(memberName(node) ?? "")
    ) {
      network.push(`${where(node)} uses ${memberName(node)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return { injection, network };
}

const SOURCES = filesUnder(join(ROOT, "src"), (p) => /\.(ts|js|mjs)$/.test(p)).map((path) => ({
  path: relative(ROOT, path),
  text: readFileSync(path, "utf8"),
}));

describe("the sources under src/", () => {
  test("are there to check", () => {
    expect(SOURCES.map((s) => s.path)).toEqual(
      expect.arrayContaining(["src/functions/runner.ts", "src/taskpane/port/port.ts"]),
    );
  });

  test("never write HTML from a string or evaluate code", () => {
    const found = SOURCES.flatMap((s) => sourceFindings(s.path, s.text).injection);
    expect(found).toEqual([]);
  });

  test("outside the dev-only preview, never reach the network", () => {
    const shipped = SOURCES.filter((s) => !s.path.startsWith("src/preview/"));
    const found = shipped.flatMap((s) => sourceFindings(s.path, s.text).network);
    expect(found).toEqual([]);
  });

  test("the checker itself catches what it should, and not comments or strings", () => {
    const bad = [
      "el.innerHTML = cell;",
      "el.outerHTML += cell;",
      'el["innerHTML"] = cell;',
      'el.insertAdjacentHTML("beforeend", cell);',
      "document.write(cell);",
      "eval(cell);",
      'new Function("return " + cell)();',
      "frame.srcdoc = cell;",
    ];
    for (const code of bad) expect([code, sourceFindings("x.ts", code).injection.length]).toEqual([code, 1]);
    const calls = [
      'fetch("https://example.com");',
      'window["fetch"](u);',
      "new XMLHttpRequest();",
      "new WebSocket(u);",
      "new EventSource(u);",
      "navigator.sendBeacon(u, d);",
    ];
    for (const code of calls) expect([code, sourceFindings("x.ts", code).network.length]).toEqual([code, 1]);
    const harmless =
      '// el.innerHTML = x; fetch(u)\nconst s = "eval(x) and fetch(u)"; /* new Function() */ el.textContent = cell; const h = el.innerHTML;';
    expect(sourceFindings("x.ts", harmless)).toEqual({ injection: [], network: [] });
  });
});

// ---------------------------------------------------------------------------------------------
// Manifest

describe("manifest.xml", () => {
  const text = readFileSync(join(ROOT, "manifest.xml"), "utf8");
  const manifest = parseXml(text);

  test("asks for no more than ReadWriteDocument", () => {
    const permissions = findAll(manifest, "Permissions").map((e) => e.text);
    expect(permissions).toHaveLength(1);
    expect(["Restricted", "ReadDocument", "ReadAllDocument", "WriteDocument", "ReadWriteDocument"]).toContain(
      permissions[0],
    );
  });

  test("lists only https URLs", () => {
    const values = descendants(manifest).flatMap((e) => [
      e.text,
      ...Object.entries(e.attributes)
        .filter(([name]) => name !== "xmlns" && !name.startsWith("xmlns:"))
        .map(([, value]) => value),
    ]);
    const urls = values.filter((v) => /[a-z][a-z0-9+.-]*:\/\//i.test(v));
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(url).toMatch(/^https:\/\/[^\s]+$/);
  });
});
