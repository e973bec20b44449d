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
import { MemoryWorkbook, memoryPort } from "./port/memoryPort";
import { calculateModelFormula } from "./port/modelCalc";
import { officePort } from "./port/officePort";
import { Pane } from "./pane";
import { paneOptions } from "./fileReader";
import { WorkbookPort } from "./port/port";
import { buildModelInto } from "./setup";
import { followOfficeTheme } from "./theme";
import { PaneView } from "./view/index";

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
  const pane = new Pane(port, paneOptions());
  const view = new PaneView(doc, root, pane);
  view.render();
  await pane.start();
  return pane;
}

/** Where the pane learns whether it is shown (Office.addin in the shared runtime). */
export interface Visibility {
  /** Whether the pane is shown now. */
  shown(): boolean;
  /** Calls `listener` with true when the pane is shown and false when it is hidden. */
  onChange(listener: (shown: boolean) => void): void;
}

/**
 * Runs `start` when the pane is first shown and `stop` when it is hidden, `start` again when shown
 * again. In the shared runtime the page loads whenever a LEVERS.* cell calculates, pane hidden
 * (runtimes docs: "a browser-type runtime starts when the custom function calculates"); the
 * pane's workbook reads and its workbook-wide change handlers wait until a person opens it.
 */
export function whileShown(visibility: Visibility, start: () => Promise<void>, stop: () => Promise<void>): void {
  let running = false;
  // One after the other: a quick show, hide, show must not start twice or stop mid-start.
  let queue: Promise<void> = Promise.resolve();
  const update = (shown: boolean) => {
    if (shown === running) return;
    running = shown;
    queue = queue.then(shown ? start : stop).catch(() => undefined);
  };
  visibility.onChange(update);
  update(visibility.shown());
}

/**
 * The pane's visibility inside Office: Office.addin.onVisibilityModeChanged (SharedRuntime 1.1,
 * https://learn.microsoft.com/office/dev/add-ins/develop/show-hide-add-in). No call reports the
 * mode at load, so the page's own visibility stands in for it (unverified: that a runtime started
 * by a calculation reports document.visibilityState "hidden"; docs/EXCEL-CHECKS.md step 7 checks it).
 */
function officeVisibility(doc: Document): Visibility {
  return {
    shown: () => doc.visibilityState === "visible",
    onChange(listener) {
      const addin = (
        Office as unknown as {
          addin?: { onVisibilityModeChanged?: (h: (a: { visibilityMode: string }) => void) => Promise<unknown> };
        }
      ).addin;
      void addin
        ?.onVisibilityModeChanged?.((args) => listener(args.visibilityMode === "Taskpane"))
        .catch(() => undefined);
      doc.addEventListener("visibilitychange", () => listener(doc.visibilityState === "visible"));
    },
  };
}

async function main(host: Office.HostType | null | undefined): Promise<void> {
  const root = document.getElementById("app");
  if (!root) return;
  // The user's Office theme, where Office.js gives one (not outside Office): theme.ts.
  followOfficeTheme(document);
  let port: WorkbookPort;
  let workbook: MemoryWorkbook | undefined;
  if (host === Office.HostType.Excel) {
    port = officePort();
  } else {
    ({ port, workbook } = await sampleWorkbook());
    document.body.classList.add("outside-office");
  }
  const pane = new Pane(port, paneOptions());
  new PaneView(document, root, pane).render();
  window.commitLevers = { port, workbook, pane, refresh: () => pane.refresh() };
  const ready = () => {
    document.body.dataset.ready = "true";
  };
  if (host === Office.HostType.Excel) {
    whileShown(
      officeVisibility(document),
      () => pane.start().then(ready),
      () => pane.dispose(),
    );
  } else {
    await pane.start();
    ready();
  }
}

if (typeof Office !== "undefined") {
  void Office.onReady((info) => main(info.host));
} else if (typeof document !== "undefined") {
  void main(undefined);
}
