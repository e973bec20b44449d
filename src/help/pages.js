// The static help pages the build ships (run by webpack at build time, never bundled into the add-in):
//
//   help/<id>.html   one page per custom function, from functions.json and the same JSDoc: syntax,
//                    description, each argument with its description, the result
//   help/index.html  every function, linked (the manifest's GetStarted LearnMoreUrl)
//   support.html     what the add-in is, where help is, privacy, how to report a problem (SupportUrl)
//
// Pages load no script at all: a strict Content-Security-Policy, one stylesheet (help/help.css) from the
// add-in's own origin, and every piece of text escaped.

/** The policy every help page declares. (script-src 'self' rather than 'none': there is no script either way.) */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text made safe for HTML element content and quoted attribute values. */
function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** The file name of a function's help page: its id in lower case ("COMMIT_WASTE" -> "commit_waste.html"). */
function helpFileName(id) {
  if (!/^[A-Za-z0-9_.]+$/.test(id)) throw new Error(`A custom function id must be letters, digits, _ and .: ${id}`);
  return `${id.toLowerCase()}.html`;
}

/** A whole page. `root` is the relative path from the page to the site root ("" or "../"). */
function page({ title, root, body }) {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta http-equiv="Content-Security-Policy" content="${escapeHtml(CONTENT_SECURITY_POLICY)}" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${escapeHtml(title)}</title>
    <link href="${root}help/help.css" rel="stylesheet" type="text/css" />
  </head>
  <body>
    <header class="header">
      <img class="logo" src="${root}assets/icon-32.png" width="24" height="24" alt="" />
      <a class="product" href="${root}help/index.html">Commit Levers</a>
    </header>
    <main>
${body}
    </main>
    <footer class="footer">
      <a href="${root}help/index.html">All functions</a>
      <a href="${root}support.html">Support</a>
    </footer>
  </body>
</html>
`;
}

/** "=LEVERS.NAME(a, b, [c])": optional arguments in brackets, a repeating one followed by an ellipsis. */
function syntax(fn, namespace) {
  const args = (fn.parameters ?? []).map((p) => {
    const name = p.optional ? `[${p.name}]` : p.name;
    return p.repeating ? `${name}, …` : name;
  });
  return `=${namespace}.${fn.name}(${args.join(", ")})`;
}

const RESULT_TYPES = { number: "a number", string: "text", boolean: "TRUE or FALSE", any: "a value" };

/** What the cell shows, from functions.json's result: a single value, or a table that spills. */
function resultShape(result = {}) {
  const type = RESULT_TYPES[result.type] ?? "a value";
  if (result.dimensionality === "matrix") {
    const of = result.type === "number" ? "numbers" : result.type === "string" ? "text" : "values";
    return `A table of ${of} that spills into the cells below and to the right.`;
  }
  return `${type.charAt(0).toUpperCase()}${type.slice(1)}.`;
}

/** The options Excel honours that change how a function behaves, as sentences. */
function behaviour(options = {}) {
  const notes = [];
  if (options.volatile) notes.push("Recalculates every time Excel recalculates.");
  if (options.stream) notes.push("Keeps updating its cell after it first returns.");
  if (options.cancelable) notes.push("Stops when Excel cancels the calculation.");
  return notes;
}

/** One function's page. `returns` is the JSDoc @returns text (functions.json does not carry it). */
function renderFunctionPage(fn, { namespace, returns }) {
  const parameters = fn.parameters ?? [];
  const rows = parameters
    .map((p) => {
      const tags = [p.optional ? "optional" : "required"];
      if (p.dimensionality === "matrix") tags.push("a range or array");
      if (p.repeating) tags.push("repeatable");
      return `        <dt><code>${escapeHtml(p.name)}</code> <span class="tags">${escapeHtml(tags.join(", "))}</span></dt>
        <dd>${escapeHtml(p.description ?? "")}</dd>`;
    })
    .join("\n");
  const result = [returns ? `${returns.replace(/\s*$/, "")}` : "", resultShape(fn.result)].filter(Boolean);
  const notes = behaviour(fn.options).map((n) => `      <p>${escapeHtml(n)}</p>`);
  const body = [
    `      <h1><code>${escapeHtml(`${namespace}.${fn.name}`)}</code></h1>`,
    `      <p class="description">${escapeHtml(fn.description ?? "")}</p>`,
    `      <h2>Syntax</h2>`,
    `      <p class="syntax"><code>${escapeHtml(syntax(fn, namespace))}</code></p>`,
    `      <h2>Arguments</h2>`,
    parameters.length > 0 ? `      <dl class="arguments">\n${rows}\n      </dl>` : `      <p>None.</p>`,
    `      <h2>Result</h2>`,
    ...result.map((r) => `      <p class="result">${escapeHtml(r)}</p>`),
    ...notes,
  ].join("\n");
  return page({ title: `${namespace}.${fn.name}: Commit Levers help`, root: "../", body });
}

/** The list of every function. */
function renderIndexPage(functions, { namespace }) {
  const items = functions
    .map(
      (fn) => `        <li>
          <a href="${escapeHtml(helpFileName(fn.id))}"><code>${escapeHtml(`${namespace}.${fn.name}`)}</code></a>
          <span>${escapeHtml(fn.description ?? "")}</span>
        </li>`,
    )
    .join("\n");
  const body = `      <h1>Commit Levers functions</h1>
      <p>
        Type <code>=${escapeHtml(namespace)}.</code> in a cell to see these functions in Excel's formula
        autocomplete. Open the Commit Levers pane (Home tab, Commit Levers button) for a guided version of the
        same figures.
      </p>
      <ul class="functions">
${items}
      </ul>`;
  return page({ title: "Commit Levers functions", root: "../", body });
}

/** The support page. */
function renderSupportPage({ namespace, version }) {
  const body = `      <h1>Commit Levers support</h1>
      <p class="muted">Version ${escapeHtml(version)}</p>

      <h2>What it is</h2>
      <p>
        Commit Levers is an Excel add-in that puts a dollar value on every term of an AI-vendor committed-spend
        agreement: commitment waste, overage, carryover, price locks, ratchets and renewal caps. It adds
        worksheet functions (<code>${escapeHtml(namespace)}.*</code>) and a task pane that walks through a deal
        step by step.
      </p>

      <h2>How to open it</h2>
      <ul>
        <li>The pane: on the <strong>Home</strong> tab, select <strong>Commit Levers</strong>.</li>
        <li>The functions: type <code>=${escapeHtml(namespace)}.</code> in any cell and pick one from the list.</li>
      </ul>

      <h2>Help</h2>
      <p>
        Every function has its own page, with its arguments and result:
        <a href="help/index.html">all Commit Levers functions</a>. Excel's help link for a
        <code>${escapeHtml(namespace)}</code> function opens the same page.
      </p>

      <h2>Your data</h2>
      <p>
        Commit Levers makes no network requests of its own. Its calculations run inside Excel on your computer;
        it sends nothing anywhere, keeps no analytics, and your workbooks and files never leave your machine.
        The only things loaded over the network are the add-in's own pages and Office's JavaScript library, when
        Excel starts the add-in.
      </p>

      <h2>Report a problem</h2>
      <p>
        Commit Levers is set up by whoever gave it to you (for example your finance or IT team), so contact the
        person who gave you the add-in. Tell them:
      </p>
      <ul>
        <li>what you did, what you expected and what happened instead;</li>
        <li>the formula, or a screenshot of the pane;</li>
        <li>your Excel version (File &gt; Account &gt; About Excel) and this page's version number.</li>
      </ul>
      <p>Share a workbook only if you are comfortable sharing the figures in it.</p>`;
  return page({ title: "Commit Levers support", root: "", body });
}

module.exports = {
  CONTENT_SECURITY_POLICY,
  escapeHtml,
  helpFileName,
  renderFunctionPage,
  renderIndexPage,
  renderSupportPage,
};
