/**
 * Task pane entry. Inside Excel the pane works on the open workbook through Office.js; anywhere
 * else (the page opened in a browser, the preview, the browser test) it works on an in-memory
 * workbook filled with the sample model, so it can be tried without Office.
 *
 * Test and preview hook: `window.commitLevers = { port, workbook, pane, refresh }` — the port the
 * pane uses, the in-memory workbook when there is one (`workbook.edit("Usage!B2", 13000)` types
 * into a cell as a user would), the pane and a function that re-reads the workbook. It only exposes
 * what the pane itself can already do.
 */
import { MemoryWorkbook, memoryPort } from "./memoryPort";
import { calculateModelFormula } from "./modelCalc";
import { officePort } from "./officePort";
import { Pane } from "./pane";
import { WorkbookPort } from "./port";
import { buildModelInto } from "./setup";
import { PaneView } from "./view";

export interface CommitLeversHook {
  readonly port: WorkbookPort;
  readonly workbook: MemoryWorkbook | undefined;
  readonly pane: Pane;
  refresh(): Promise<void>;
}

declare global {
  interface Window {
    commitLevers?: CommitLeversHook;
  }
}

/** The in-memory workbook with the sample model, as the pane sees it outside Excel. */
export async function sampleWorkbook(): Promise<{ port: WorkbookPort; workbook: MemoryWorkbook }> {
  const workbook = new MemoryWorkbook(calculateModelFormula);
  const port = memoryPort(workbook);
  const built = await buildModelInto(port, true);
  if (!built.ok) throw new Error(built.message);
  workbook.select("Summary!D3");
  return { port, workbook };
}

/** Starts the pane on `port` inside `root`. */
export async function startPane(doc: Document, root: HTMLElement, port: WorkbookPort): Promise<Pane> {
  const pane = new Pane(port);
  const view = new PaneView(doc, root, pane);
  view.render();
  await pane.start();
  return pane;
}

async function main(host: Office.HostType | null | undefined): Promise<void> {
  const root = document.getElementById("app");
  if (!root) return;
  let port: WorkbookPort;
  let workbook: MemoryWorkbook | undefined;
  if (host === Office.HostType.Excel) {
    port = officePort();
  } else {
    ({ port, workbook } = await sampleWorkbook());
    document.body.classList.add("outside-office");
  }
  const pane = await startPane(document, root, port);
  window.commitLevers = { port, workbook, pane, refresh: () => pane.refresh() };
  document.body.dataset.ready = "true";
}

if (typeof Office !== "undefined") {
  void Office.onReady((info) => main(info.host));
} else if (typeof document !== "undefined") {
  void main(undefined);
}
