/**
 * The development preview (`npm start`, https://localhost:3000/preview.html): the model workbook's
 * sheets as grids, computed live by HyperFormula calling the unchanged functions bundle, with the
 * real task pane beside it over a workbook port backed by the same HyperFormula workbook. Editing a
 * cell recalculates the grid and tells the pane, as Excel's change event would.
 *
 * Development only: HyperFormula is GPL-3.0 and is never part of the add-in's production bundles.
 * Cells are written with textContent only.
 */
import { DEFAULT_PRICE_BOOK } from "../core";
import { priceBookTable } from "../sheet";
import { cellAddress, columnLetter } from "../sheet/a1";
import { buildModel } from "../model/definition";
import { Pane } from "../taskpane/pane";
import { paneOptions } from "../taskpane/fileReader";
import { PaneView } from "../taskpane/view";
import { formatCell } from "./format";
import { HyperFormulaHost, hyperFormulaPort } from "./hfHost";
import { FunctionsMetadata, leversPlugin } from "./leversPlugin";
import { ModelWorkbook } from "./modelWorkbook";

export interface PreviewHook {
  readonly workbook: ModelWorkbook;
  readonly host: HyperFormulaHost;
  readonly pane: Pane;
  /** Types into a cell as a user would ("Usage!B2", 40000 or "=NA()"). */
  edit(address: string, content: string | number | null): void;
}

declare global {
  interface Window {
    commitLeversPreview?: PreviewHook;
  }
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** What a typed entry means: a formula, a number, or text (as Excel reads it). */
function typed(text: string): string | number | null {
  const t = text.trim();
  if (t === "") return null;
  if (t.startsWith("=")) return t;
  const n = Number(t.replace(/[$,]/g, "").replace(/%$/, ""));
  if (t !== "" && Number.isFinite(n)) return t.endsWith("%") ? n / 100 : n;
  return text;
}

/** The rows of a sheet the preview draws. */
const PREVIEW_ROWS = 500;

class Grid {
  active: string;
  selected: { sheet: string; a1: string } | undefined;

  constructor(
    private readonly workbook: ModelWorkbook,
    private readonly tabs: HTMLElement,
    private readonly body: HTMLElement,
    private readonly bar: HTMLInputElement,
    private readonly where: HTMLElement,
    private readonly onEdit: (sheet: string, a1: string, content: string | number | null) => void,
  ) {
    this.active = workbook.engine.getSheetNames()[0]!;
  }

  renderTabs(): void {
    this.tabs.replaceChildren(
      // eslint-disable-next-line no-restricted-syntax -- bounded: one tab per sheet of the model workbook, a handful
      ...this.workbook.engine.getSheetNames().map((name) => {
        const tab = el(
          "button",
          {
            type: "button",
            role: "tab",
            "data-sheet": name,
            "aria-selected": String(name === this.active),
          },
          name,
        );
        tab.addEventListener("click", () => this.show(name));
        return tab;
      }),
    );
  }

  show(sheet: string): void {
    this.active = sheet;
    this.renderTabs();
    this.render();
  }

  render(): void {
    const sheet = this.active;
    const engine = this.workbook.engine;
    const id = engine.getSheetId(sheet)!;
    const { width, height } = engine.getSheetDimensions(id);
    const table = el("table", { class: "grid", "data-sheet": sheet });
    const head = el("tr");
    head.append(el("th", { class: "corner" }));
    for (let c = 0; c < Math.max(width, 1); c++) head.append(el("th", {}, columnLetter(c)));
    table.append(el("thead"));
    table.tHead!.append(head);
    const tbody = el("tbody");
    // A large import would make a table of hundreds of thousands of cells: the preview shows the first rows.
    const shown = Math.min(Math.max(height, 1), PREVIEW_ROWS);
    for (let r = 0; r < shown; r++) {
      const row = el("tr");
      row.append(el("th", {}, String(r + 1)));
      for (let c = 0; c < Math.max(width, 1); c++) {
        const a1 = cellAddress(r, c);
        const value = this.workbook.value(sheet, a1);
        const formula = this.workbook.formula(sheet, a1);
        const format = this.workbook.formats.get(`${sheet}!${a1}`);
        const td = el("td", { "data-cell": a1 }, formatCell(value, format));
        if (typeof value === "number") td.classList.add("number");
        if (formula) td.classList.add("formula");
        if (value !== null && typeof value === "object") td.classList.add("error");
        if (this.selected?.sheet === sheet && this.selected.a1 === a1) td.classList.add("selected");
        td.addEventListener("click", () => this.select(sheet, a1));
        row.append(td);
      }
      tbody.append(row);
    }
    table.append(tbody);
    const more = height - shown;
    this.body.replaceChildren(table);
    if (more > 0) this.body.append(el("p", { class: "muted" }, `${more.toLocaleString("en-US")} more rows not shown.`));
  }

  select(sheet: string, a1: string): void {
    this.selected = { sheet, a1 };
    const formula = this.workbook.formula(sheet, a1);
    const value = this.workbook.value(sheet, a1);
    this.where.textContent = `${sheet}!${a1}`;
    this.bar.value = formula ?? (value === null || typeof value === "object" ? "" : String(value));
    this.bar.focus();
    this.body.querySelectorAll("td.selected").forEach((td) => td.classList.remove("selected"));
    this.body.querySelector(`td[data-cell="${a1}"]`)?.classList.add("selected");
  }

  commit(): void {
    if (!this.selected) return;
    this.onEdit(this.selected.sheet, this.selected.a1, typed(this.bar.value));
  }
}

async function main(): Promise<void> {
  const runtime = window.commitLeversPreviewRuntime;
  const status = document.getElementById("preview-status")!;
  if (!runtime || runtime.associated.size === 0) {
    status.textContent = "The functions bundle did not register any function.";
    return;
  }
  const response = await fetch("functions.json");
  const metadata = (await response.json()) as FunctionsMetadata;
  const plugin = leversPlugin({ metadata, functions: runtime.associated, errorClass: runtime.errorClass });
  const model = buildModel({ sample: true, priceBook: priceBookTable(DEFAULT_PRICE_BOOK) });
  const workbook = new ModelWorkbook(model, plugin);
  const { port, host } = hyperFormulaPort(workbook);

  const edit = (sheet: string, a1: string, content: string | number | null) => {
    workbook.set(sheet, a1, content);
    grid.render();
    host.emit({ sheet, address: a1 });
  };
  const bar = document.getElementById("formula-bar") as HTMLInputElement;
  const grid = new Grid(
    workbook,
    document.getElementById("sheet-tabs")!,
    document.getElementById("sheet")!,
    bar,
    document.getElementById("cell-name")!,
    edit,
  );
  bar.addEventListener("keydown", (e) => {
    if (e.key === "Enter") grid.commit();
  });
  grid.renderTabs();
  grid.render();
  host.onApplied = () => {
    grid.renderTabs();
    grid.render();
  };

  const pane = new Pane(port, paneOptions());
  new PaneView(document, document.getElementById("pane")!, pane).render();
  await pane.start();

  window.commitLeversPreview = {
    workbook,
    host,
    pane,
    edit: (address, content) => {
      const [sheet, a1] = address.split("!") as [string, string];
      edit(sheet, a1, content);
    },
  };
  status.textContent = `${runtime.associated.size} LEVERS functions computed by HyperFormula (GPL-3.0, development only).`;
  document.body.dataset.ready = "true";
}

void main();
