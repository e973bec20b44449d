// The static help pages the build ships (run by webpack at build time, never bundled into the add-in):
//
//   help/<id>.html   one page per custom function, from functions.json and the same JSDoc: syntax,
//                    description, each argument with its description, the result
//   help/index.html  every function, linked (the manifest's GetStarted LearnMoreUrl)
//   support.html     what the add-in is, where help is, how to reach support (SupportUrl)
//   privacy.html     what the add-in reads, keeps and sends (nothing anywhere)
//   terms.html       the terms of use
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
      <a href="${root}privacy.html">Privacy</a>
      <a href="${root}terms.html">Terms of use</a>
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

/** A support address as a mailto link (the build checked it is a plain address). */
function mailLink(email) {
  return `<a href="mailto:${escapeHtml(email)}">${escapeHtml(email)}</a>`;
}

/** The support page: what it is, how to open it, help, and the contact (`supportEmail`). */
function renderSupportPage({ namespace, version, supportEmail }) {
  const body = `      <h1>Commit Levers support</h1>
      <p class="muted">Version ${escapeHtml(version)}</p>

      <h2>Contact</h2>
      <p>
        Write to ${mailLink(supportEmail)}. We answer within two working days. If your organisation set Commit
        Levers up for you, its IT or finance team can help too.
      </p>

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
        Commit Levers makes no network requests of its own: your workbooks and files never leave your machine.
        The <a href="privacy.html">privacy statement</a> says exactly what it reads and keeps, and the
        <a href="terms.html">terms of use</a> what you may expect of it.
      </p>

      <h2>Report a problem</h2>
      <p>Write to ${mailLink(supportEmail)} and tell us:</p>
      <ul>
        <li>what you did, what you expected and what happened instead;</li>
        <li>the formula, or a screenshot of the pane;</li>
        <li>your Excel version (File &gt; Account &gt; About Excel) and this page's version number.</li>
      </ul>
      <p>Send a workbook only if you are comfortable sharing the figures in it.</p>`;
  return page({ title: "Commit Levers support", root: "", body });
}

/** The privacy statement: the add-in sends nothing anywhere. */
function renderPrivacyPage({ version, supportEmail }) {
  const body = `      <h1>Commit Levers privacy statement</h1>
      <p class="muted">Version ${escapeHtml(version)}</p>

      <h2>In short</h2>
      <p>
        Commit Levers sends nothing anywhere. It has no server of its own, no account, no analytics, no
        advertising and no cookies. Your workbooks and the files you import never leave your machine.
      </p>

      <h2>What it reads</h2>
      <ul>
        <li>
          The cells your formulas hand to the <code>LEVERS.*</code> functions, and the sheets the task pane builds
          or you point it at. It reads them inside Excel, on your computer, to calculate.
        </li>
        <li>
          A usage or cost export you choose to import. The pane reads the file on your computer and never uploads
          it. It writes the monthly totals into your workbook and, for an export of up to 20,000 rows (or any size,
          if you choose so in the pane), a copy of its rows on a sheet of their own.
        </li>
      </ul>

      <h2>What it keeps</h2>
      <p>
        The pane writes its sheets into your workbook and keeps a small record of where they are (and which
        steps you have finished) in the workbook's own add-in settings. All of it stays in the workbook, under
        your control: delete the sheets, or the workbook, and it is gone.
      </p>

      <h2>What it saves on request</h2>
      <p>
        "Save as FOCUS" saves a file of your signed deal's terms to your downloads, through the browser's own
        download (or shows its text for you to copy where Excel allows no download). Nothing else leaves the
        workbook.
      </p>

      <h2>What else is loaded over the network</h2>
      <p>
        When Excel starts the add-in, it loads the add-in's own pages and scripts from the address it was
        installed from, and Microsoft's Office JavaScript library from Microsoft. Those servers see an ordinary
        web request (your IP address and browser), as for any web page. Office's library may also send
        Microsoft diagnostic data of its own; Microsoft's privacy statement covers that and Office itself.
        Commit Levers adds no figure, file or workbook content to any of it.
      </p>

      <h2>Questions</h2>
      <p>Write to ${mailLink(supportEmail)}.</p>`;
  return page({ title: "Commit Levers privacy statement", root: "", body });
}

/** The terms of use. */
function renderTermsPage({ version, supportEmail }) {
  const body = `      <h1>Commit Levers terms of use</h1>
      <p class="muted">Version ${escapeHtml(version)}</p>

      <h2>Using Commit Levers</h2>
      <p>
        You may use Commit Levers in Excel to analyse agreements for yourself or your organisation. Don't
        reverse-engineer it to build a competing product, or use it to break any law or agreement.
      </p>

      <h2>Estimates, not advice</h2>
      <p>
        Its figures are projections from the usage, prices and terms you give it, calculated as the help pages
        describe. They are not financial, legal or procurement advice, and future usage will differ from any
        projection. Check the figures that matter before you rely on them; the decisions you make with them are
        yours.
      </p>

      <h2>Your data</h2>
      <p>
        Your workbooks and files remain yours. Commit Levers does not send them anywhere: see the
        <a href="privacy.html">privacy statement</a>.
      </p>

      <h2>No warranty</h2>
      <p>
        Commit Levers is provided "as is", without warranty of any kind. To the extent the law allows, its
        publisher is not liable for any loss arising from its use, including from a figure it calculates.
      </p>

      <h2>Changes</h2>
      <p>
        New versions may change these terms; each version of the add-in shows the terms that apply to it, and
        its version number is at the top of this page.
      </p>

      <h2>Contact</h2>
      <p>Write to ${mailLink(supportEmail)}.</p>`;
  return page({ title: "Commit Levers terms of use", root: "", body });
}

module.exports = {
  CONTENT_SECURITY_POLICY,
  escapeHtml,
  helpFileName,
  renderFunctionPage,
  renderIndexPage,
  renderPrivacyPage,
  renderSupportPage,
  renderTermsPage,
};
