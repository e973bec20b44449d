/**
 * The pane's DOM: renders `PaneState` and wires the controls to the Pane's handlers. Every piece of
 * workbook text goes in with textContent (never innerHTML). Native buttons, inputs and selects
 * keep it keyboard-usable; the step list also moves with the arrow keys.
 */
import { curveDescription, renderBurndown, renderCurve } from "./chart";
import { formatMoney, formatPercent } from "./format";
import { ImportProgress, Pane, PaneState, View, VIEWS } from "./pane";
import { RAW_ROWS_BY_DEFAULT } from "./importer";
import type { FileRead } from "../sheet/stream";
import { InputSpec, STEPS, StepDef, StepFigures } from "./steps";
import { TERM_KEYS } from "../catalogue/terms";
import { TERM_PANE } from "../catalogue/termsPane";

type Attrs = Record<string, string | number | boolean | undefined>;

function h<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | readonly Child[])[]
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === "class") node.className = String(v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  // A list of children is appended one by one: spreading it into the call would fail past 65,536
  // arguments in JavaScriptCore (Excel for Mac).
  for (const child of children) {
    if (Array.isArray(child)) for (const c of child as readonly Child[]) appendChild(doc, node, c);
    else appendChild(doc, node, child as Child);
  }
  return node;
}

type Child = Node | string | undefined | false;

function appendChild(doc: Document, node: HTMLElement, child: Child): void {
  if (child === undefined || child === false) return;
  node.append(typeof child === "string" ? doc.createTextNode(child) : child);
}

const NAV_LABEL: Record<View, string> = {
  usage: "1",
  optimize: "2",
  size: "3",
  overage: "4",
  unused: "5",
  protection: "6",
  term: "7",
  fineprint: "8",
  summary: "Σ",
  track: "✎",
};

function viewTitle(view: View): string {
  if (view === "summary") return "Summary";
  if (view === "track") return "After you sign";
  return STEPS.find((s) => s.id === view)!.title;
}

/** Renders the pane into `root` and keeps it in step with the Pane. */
export class PaneView {
  private lastRevision = -1;
  private lastView: View | undefined;

  constructor(
    private readonly doc: Document,
    private readonly root: HTMLElement,
    private readonly pane: Pane,
  ) {
    pane.subscribe(() => this.render());
  }

  render(): void {
    const doc = this.doc;
    const state = this.pane.state;
    // Keep focus (and a half-typed input) across the re-render.
    const active = doc.activeElement as HTMLElement | null;
    const focusId = active?.id;
    const typed = active instanceof HTMLInputElement ? active.value : undefined;
    const dirty = active instanceof HTMLInputElement && active.dataset.shown !== active.value;

    this.root.replaceChildren();
    for (const node of this.content(state)) this.root.append(node);

    if (focusId) {
      const again = doc.getElementById(focusId);
      if (again) {
        if (dirty && again instanceof HTMLInputElement && typed !== undefined) again.value = typed;
        again.focus();
      }
    }
    const message = doc.getElementById("message");
    if (message) {
      const text = state.message?.text ?? "";
      if (message.textContent !== text) message.textContent = text;
      message.className = state.message ? `message ${state.message.kind}` : "message";
      message.hidden = !state.message;
    }
    const announce = doc.getElementById("announce");
    if (announce && state.revision !== this.lastRevision && state.figures) {
      this.lastRevision = state.revision;
      announce.textContent = this.announcement(state);
    }
    if (this.lastView !== state.view) {
      this.lastView = state.view;
      doc.getElementById("panel-title")?.scrollIntoView?.({ block: "nearest" });
    }
  }

  private announcement(state: PaneState): string {
    if (state.view === "track") {
      return state.tracking
        ? `Figures updated. Projected forfeit this period: ${formatMoney(state.tracking.shortfall)}.`
        : "Figures updated.";
    }
    if (state.view === "summary")
      return `Figures updated. All asks together: ${formatMoney(state.figures!.summary.all.value)}.`;
    const f = state.figures!.steps[state.view];
    return `Figures updated. ${f.headline.label}: ${formatMoney(f.headline.value)}.`;
  }

  private content(state: PaneState): Node[] {
    const doc = this.doc;
    const nodes: Node[] = [];
    if (state.message?.retry) {
      nodes.push(
        h(
          doc,
          "div",
          { class: "retry", role: "alert" },
          h(doc, "p", {}, state.message.text),
          this.button("Try again", "retry", () => void this.pane.retry()),
        ),
      );
    }
    if (state.phase === "failed") {
      if (!state.message?.retry) nodes.push(this.button("Try again", "retry", () => void this.pane.retry()));
      return nodes;
    }
    if (state.phase === "loading") {
      nodes.push(h(doc, "p", { class: "muted" }, state.problem ?? "Reading the workbook…"));
      return nodes;
    }
    if (state.phase === "setup") {
      nodes.push(this.setup(state));
      return nodes;
    }
    if (state.phase === "invalid") {
      nodes.push(
        h(
          doc,
          "section",
          { class: "card" },
          h(doc, "h2", {}, "The model needs a fix"),
          h(doc, "p", { role: "alert", id: "problem" }, state.problem ?? ""),
          h(doc, "p", { class: "muted" }, "Fix the cell in the workbook; the pane refreshes on its own."),
          this.button("Check again", "check-again", () => void this.pane.refresh()),
          h(doc, "p", {}, "Or import another usage or cost export:"),
          this.importControl(state),
        ),
      );
      return nodes;
    }
    nodes.push(this.nav(state));
    const view = state.view;
    nodes.push(
      view === "summary"
        ? this.summary(state)
        : view === "track"
          ? this.track(state)
          : this.step(
              state,
              STEPS.find((s) => s.id === view)!,
            ),
    );
    return nodes;
  }

  private button(label: string, id: string, onClick: () => void, attrs: Attrs = {}): HTMLButtonElement {
    const b = h(this.doc, "button", { type: "button", id, ...attrs }, label);
    b.addEventListener("click", onClick);
    return b;
  }

  private setup(state: PaneState): HTMLElement {
    const doc = this.doc;
    const sample = h(doc, "input", { type: "checkbox", id: "setup-sample", checked: true });
    return h(
      doc,
      "section",
      { class: "card", "aria-labelledby": "setup-title" },
      h(doc, "h2", { id: "setup-title" }, "Set up"),
      h(doc, "p", {}, state.problem ?? ""),
      h(
        doc,
        "p",
        {},
        "Build the model: usage, prices, deal terms (draft and ask), illustrative bands and a live summary, on new sheets.",
      ),
      h(
        doc,
        "div",
        { class: "check" },
        sample,
        h(doc, "label", { for: "setup-sample" }, "Fill the usage with sample data"),
      ),
      this.button("Build the model", "build-model", () => void this.pane.buildModel(sample.checked), {
        class: "primary",
      }),
      h(
        doc,
        "p",
        {},
        "Or select your monthly usage at list price (one row per month, a column per model is fine), then:",
      ),
      this.button("Use my data", "use-my-data", () => void this.pane.useMyData()),
      h(doc, "p", {}, "Or import the vendor's own usage or cost export (CSV or JSON):"),
      this.importControl(state),
    );
  }

  /**
   * The file picker of "Bring your usage". The file is read in the pane (a Web Worker reads it as a
   * stream) and goes into the workbook only: nothing is sent anywhere. While it reads: a progress bar
   * with bytes, rows and rows per second, and Cancel; after: the import's summary.
   */
  private importControl(state: PaneState): HTMLElement {
    const doc = this.doc;
    const busy = state.importing !== undefined;
    const input = h(doc, "input", {
      type: "file",
      id: "import-file",
      accept: ".csv,.tsv,.txt,.json,text/csv,application/json",
      disabled: busy,
    });
    input.addEventListener("change", () => {
      const file = input.files?.[0];
      if (file) void this.pane.importUsage(file);
    });
    const raw = h(doc, "select", { id: "import-raw", disabled: busy });
    const choices: [string, string][] = [
      ["auto", `Keep the raw rows for exports of up to ${RAW_ROWS_BY_DEFAULT.toLocaleString("en-US")} rows`],
      ["keep", "Also keep the raw rows, whatever the size"],
      ["drop", "Monthly totals only"],
    ];
    const chosen = state.keepRaw === undefined ? "auto" : state.keepRaw ? "keep" : "drop";
    for (const [value, label] of choices) raw.append(h(doc, "option", { value, selected: value === chosen }, label));
    raw.addEventListener("change", () => {
      if (raw.value === "auto") this.pane.setKeepRaw(undefined);
      else this.pane.setKeepRaw(raw.value === "keep");
    });
    const control = h(
      doc,
      "div",
      { class: "import" },
      h(doc, "label", { for: "import-file" }, "Import a usage or cost export"),
      input,
      h(doc, "label", { for: "import-raw" }, "Raw rows (a sheet of their own, read by no formula)"),
      raw,
    );
    if (state.importing) control.append(this.importProgress(state.importing));
    if (state.importReport) control.append(this.importReport(state.importReport.read));
    return control;
  }

  /** The progress bar: bytes and rows read, rows per second; Cancel while reading. */
  private importProgress(p: ImportProgress): HTMLElement {
    const doc = this.doc;
    const n = (x: number) => x.toLocaleString("en-US");
    const mb = (x: number) => (x / 1024 ** 2).toFixed(1);
    const seconds = Math.max(0.001, (Date.now() - p.startedAt) / 1000);
    const text =
      p.phase === "reading"
        ? `Reading ${p.file}: ${mb(p.bytes)} of ${mb(p.total)} MB, ${n(p.rows)} rows (${n(Math.round(p.rows / seconds))} rows a second)…`
        : p.phase === "writing"
          ? `Read ${n(p.rows)} rows of ${p.file}; writing the monthly totals…`
          : `Keeping the raw rows: ${n(p.rowsWritten ?? 0)} of ${n(p.rows + 1)} written…`;
    const max = p.phase === "raw" ? p.rows + 1 : Math.max(1, p.total);
    const value = p.phase === "raw" ? (p.rowsWritten ?? 0) : p.phase === "writing" ? max : p.bytes;
    const box = h(
      doc,
      "div",
      { class: "progress", "data-testid": "import-progress" },
      h(doc, "progress", { max, value, "aria-label": `Import of ${p.file}` }),
      h(doc, "p", { class: "muted", role: "status" }, text),
    );
    if (p.phase === "reading") box.append(this.button("Cancel", "import-cancel", () => this.pane.cancelImport()));
    return box;
  }

  /** What the last import read, skipped and found: one summary, in words and dollars. */
  private importReport(read: FileRead): HTMLElement {
    const doc = this.doc;
    const n = (x: number) => x.toLocaleString("en-US");
    const list = h(doc, "dl", { class: "lines", "data-testid": "import-report" });
    const line = (label: string, text: string) => {
      list.append(h(doc, "dt", {}, label), h(doc, "dd", {}, text));
    };
    const months = read.months.map((m) => m.month);
    line("Rows read", `${n(read.rows)} usage rows of ${read.file} (${read.format})`);
    for (const k of read.skippedKinds) {
      line(`Skipped: ${k.kind}`, `${n(k.rows)} row${k.rows === 1 ? "" : "s"}, ${formatMoney(k.amount)} (not usage)`);
    }
    for (const c of read.oneTime) line(`One-time charge, ${c.date}`, `${c.description}: ${formatMoney(c.amount)}`);
    if (months.length > 0) line("Months", `${n(new Set(months).size)}, ${months[0]} to ${months[months.length - 1]}`);
    line("Models", n(read.models.length));
    if (read.listTotal !== undefined) line("List total", formatMoney(read.listTotal));
    if (read.paidTotal !== undefined)
      line(read.billedOnly ? "Billed total" : "Paid total", formatMoney(read.paidTotal));
    if (read.observedDiscount !== undefined) line("Observed discount", formatPercent(read.observedDiscount));
    if (read.note) line("Assumption", `every month's list dollars${read.note}`);
    if (read.shortDates) {
      line(
        "Short dates",
        `read ${read.shortDates.dayFirst ? "day first (1/4/25 is 1 April)" : "month first (4/1/25 is 1 April)"}` +
          (read.shortDates.assumed ? ", as your display language writes dates: no date in the file says which" : ""),
      );
    }
    const box = h(doc, "div", { class: "import-report" }, h(doc, "h3", {}, "Last import"), list);
    if (read.provisional.length > 0) {
      box.append(
        h(
          doc,
          "p",
          { class: "warning", role: "note" },
          `Provisional: ${read.provisional.join(", ")} ended less than 30 days before the export's newest date (${read.newestDate ?? "?"}); ` +
            "the vendor may still revise these months. Import a newer export later: it replaces them and keeps the rest.",
        ),
      );
    }
    if (read.commitment) {
      const c = read.commitment;
      const perYear = (c.amount * 12) / c.months;
      box.append(
        h(
          doc,
          "p",
          {},
          `The export states a spend commitment of ${formatMoney(c.amount)} from ${c.start} to ${c.end} (${n(c.months)} months).`,
        ),
        this.button(
          `Use ${formatMoney(perYear)} a year as the draft's commit`,
          "use-stated-commit",
          () => void this.pane.useStatedCommitment(),
        ),
      );
    }
    return box;
  }

  private nav(state: PaneState): HTMLElement {
    const doc = this.doc;
    const list = h(doc, "ol", { class: "steps" });
    VIEWS.forEach((view, i) => {
      const status = view === "summary" || view === "track" ? undefined : state.statuses[view];
      const current = state.view === view;
      const label =
        status === undefined
          ? viewTitle(view)
          : `Step ${i + 1}: ${viewTitle(view)}${status === "open" ? "" : ` (${status})`}`;
      const b = this.button(NAV_LABEL[view], `nav-${view}`, () => this.pane.go(view), {
        class: `step-button ${status ?? ""}`,
        "aria-label": label,
        title: label,
        "aria-current": current ? "step" : undefined,
        "data-view": view,
      });
      b.addEventListener("keydown", (e) => this.navKey(e, i));
      list.append(h(doc, "li", {}, b));
    });
    return h(doc, "nav", { "aria-label": "Steps" }, list);
  }

  private navKey(e: KeyboardEvent, index: number): void {
    const moves: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
    let next: number | undefined;
    if (e.key in moves) next = (index + moves[e.key]! + VIEWS.length) % VIEWS.length;
    if (e.key === "Home") next = 0;
    if (e.key === "End") next = VIEWS.length - 1;
    if (next === undefined) return;
    e.preventDefault();
    this.doc.getElementById(`nav-${VIEWS[next]!}`)?.focus();
  }

  private step(state: PaneState, def: StepDef): HTMLElement {
    const doc = this.doc;
    const f: StepFigures = state.figures!.steps[def.id];
    const index = STEPS.indexOf(def);
    const status = state.statuses[def.id];
    const section = h(doc, "section", { class: "panel", "aria-labelledby": "panel-title", "data-step": def.id });
    section.append(
      h(
        doc,
        "p",
        { class: "eyebrow" },
        `Step ${index + 1} of ${STEPS.length}${status === "open" ? "" : ` · ${status}`}`,
      ),
      h(doc, "h2", { id: "panel-title", tabindex: -1 }, def.title),
      h(doc, "p", { class: "why" }, def.why),
      h(
        doc,
        "div",
        { class: "value" },
        h(doc, "span", { class: "value-label" }, f.headline.label),
        h(doc, "span", { class: "value-figure", "data-testid": "headline" }, formatMoney(f.headline.value)),
      ),
    );
    if (f.warnings.length) {
      section.append(
        h(
          doc,
          "ul",
          { class: "warnings", "aria-label": "Warnings" },
          f.warnings.map((w) => h(doc, "li", {}, w)),
        ),
      );
    }
    if (f.notes.length)
      section.append(
        h(
          doc,
          "ul",
          { class: "notes" },
          f.notes.map((n) => h(doc, "li", {}, n)),
        ),
      );
    if (f.curve) {
      const figure = h(doc, "figure", { class: "chart" });
      figure.append(renderCurve(doc, f.curve), h(doc, "figcaption", { class: "muted" }, curveDescription(f.curve)));
      section.append(figure);
    }
    section.append(
      h(
        doc,
        "dl",
        { class: "lines" },
        f.lines.flatMap((l, i) => [
          h(doc, "dt", {}, l.label),
          h(doc, "dd", { "data-testid": `line-${i}` }, l.text || "—"),
        ]),
      ),
    );
    if (def.id === "usage") {
      section.append(this.importControl(state));
      if (state.data?.imported?.observedDiscount !== undefined) {
        section.append(
          this.button(
            `Use ${formatPercent(state.data.imported.observedDiscount)} as the draft's discount`,
            "use-observed-discount",
            () => void this.pane.useObservedDiscount(),
          ),
        );
      }
    }
    if (def.inputs.length > 0) section.append(this.inputs(def));
    const formulas = h(doc, "div", { class: "formulas" }, h(doc, "h3", {}, "Formulas"));
    f.formulas.forEach((formula, i) => {
      formulas.append(
        h(
          doc,
          "div",
          { class: "formula" },
          this.button(
            `Insert ${formula.label.toLowerCase()}`,
            `insert-${def.id}-${i}`,
            () => void this.pane.insertFormula(def.id, i),
          ),
          h(doc, "code", {}, formula.formula),
        ),
      );
    });
    section.append(formulas);
    section.append(
      h(
        doc,
        "div",
        { class: "status-row" },
        this.button(
          status === "done" ? "Done ✓" : "Mark done",
          `status-done-${def.id}`,
          () => void this.pane.setStatus(def.id, status === "done" ? "open" : "done"),
          {
            "aria-pressed": status === "done" ? "true" : "false",
            class: "primary",
          },
        ),
        this.button(
          status === "skipped" ? "Skipped" : "Skip",
          `status-skip-${def.id}`,
          () => void this.pane.setStatus(def.id, status === "skipped" ? "open" : "skipped"),
          {
            "aria-pressed": status === "skipped" ? "true" : "false",
          },
        ),
      ),
      this.pager(index),
    );
    return section;
  }

  private pager(index: number): HTMLElement {
    const doc = this.doc;
    const prev = VIEWS[index - 1];
    const next = VIEWS[index + 1];
    return h(
      doc,
      "div",
      { class: "pager" },
      prev ? this.button(`← ${viewTitle(prev)}`, "prev", () => this.pane.go(prev)) : h(doc, "span"),
      next ? this.button(`${viewTitle(next)} →`, "next", () => this.pane.go(next)) : h(doc, "span"),
    );
  }

  private inputs(def: StepDef): HTMLElement {
    const doc = this.doc;
    const box = h(doc, "fieldset", { class: "inputs" }, h(doc, "legend", {}, "Terms (bound to the workbook)"));
    const groups = new Map<string, InputSpec[]>();
    for (const input of def.inputs) {
      const key = "deal" in input.target ? input.target.deal : input.id;
      groups.set(key, [...(groups.get(key) ?? []), input]);
    }
    for (const [key, inputs] of groups) {
      const paired = inputs.length === 2;
      const groupLabel = paired ? inputs[0]!.label.replace(/, draft$/, "") : inputs[0]!.label;
      const row = h(doc, "div", { class: paired ? "input-row pair" : "input-row" });
      row.append(h(doc, "p", { class: "input-label", id: `label-${key}` }, groupLabel));
      const fields = h(doc, "div", { class: "fields" });
      for (const input of inputs) fields.append(this.field(input, paired));
      row.append(fields);
      box.append(row);
    }
    return box;
  }

  private field(input: InputSpec, paired: boolean): HTMLElement {
    const doc = this.doc;
    const id = `in-${input.id}`;
    const shown = this.pane.inputText(input);
    const cell = this.pane.inputCell(input);
    const short = paired ? ("deal" in input.target && input.target.column === "ask" ? "Ask" : "Draft") : "Value";
    const label = h(doc, "label", { for: id }, h(doc, "span", { class: "visually-hidden" }, `${input.label} `), short);
    let control: HTMLInputElement | HTMLSelectElement;
    if (input.kind === "flag") {
      const select = h(
        doc,
        "select",
        { id, "data-shown": shown },
        h(doc, "option", { value: "no" }, "No"),
        h(doc, "option", { value: "yes" }, "Yes"),
      );
      select.value = shown === "yes" ? "yes" : "no";
      select.addEventListener("change", () => void this.pane.setInput(input.id, select.value));
      control = select;
    } else {
      const field = h(doc, "input", {
        id,
        type: "text",
        // Words are typed here too ("committed", "none"): a decimal keypad would not let them be.
        inputmode: input.kind === "overage" || input.kind === "cap" ? "text" : "decimal",
        autocomplete: "off",
        spellcheck: "false",
        title: cell ? `Cell ${cell}` : undefined,
        "data-shown": shown,
      });
      field.value = shown;
      field.addEventListener("change", () => void this.pane.setInput(input.id, field.value));
      control = field;
    }
    return h(doc, "div", { class: "field" }, label, control);
  }

  private summary(state: PaneState): HTMLElement {
    const doc = this.doc;
    const s = state.figures!.summary;
    const list = h(doc, "ol", { class: "ranked" });
    const point = s.yardstick && s.yardstick.value > 0 ? s.yardstick.value : undefined;
    const points = (value: number) => (point ? ` · ${(value / point).toFixed(1)} points of discount` : "");
    s.rows.forEach((r, i) => {
      list.append(
        h(
          doc,
          "li",
          { "data-testid": `lever-${i}` },
          h(
            doc,
            "span",
            { class: "lever-name" },
            r.lever,
            r.vendorCost === "low" ? h(doc, "span", { class: "badge" }, "cheap ask") : undefined,
          ),
          h(doc, "span", { class: "lever-value", "data-testid": `lever-value-${i}` }, formatMoney(r.value)),
          h(
            doc,
            "span",
            { class: "lever-share muted" },
            `${formatPercent(r.share)} of the draft's cost${points(r.value)}`,
          ),
        ),
      );
    });
    // The yardstick: what one more point of headline discount is worth, so each ask reads in points of rate.
    const yardstick = s.yardstick
      ? h(
          doc,
          "p",
          { class: "yardstick muted", "data-testid": "yardstick" },
          `Yardstick: ${s.yardstick.lever.toLowerCase()} (${formatPercent(Number(s.yardstick.draft))} to ${formatPercent(Number(s.yardstick.ask))}) is worth ${formatMoney(s.yardstick.value)} over the term.`,
        )
      : undefined;
    const done = STEPS.filter((st) => state.statuses[st.id] === "done").length;
    const skipped = STEPS.filter((st) => state.statuses[st.id] === "skipped").length;
    return h(
      doc,
      "section",
      { class: "panel", "aria-labelledby": "panel-title", "data-step": "summary" },
      h(doc, "p", { class: "eyebrow" }, `${done} done · ${skipped} skipped · ${STEPS.length - done - skipped} open`),
      h(doc, "h2", { id: "panel-title", tabindex: -1 }, "Summary: the asks ranked"),
      h(
        doc,
        "p",
        { class: "why" },
        "Each ask valued alone against the draft deal, in dollars over the term. Cheap asks usually cost the vendor little: start there.",
      ),
      s.rows.length ? list : h(doc, "p", {}, "No asks yet: set an ask different from the draft in the steps."),
      yardstick,
      h(
        doc,
        "div",
        { class: "value" },
        h(doc, "span", { class: "value-label" }, "All asks together (terms interact: not the sum)"),
        h(doc, "span", { class: "value-figure", "data-testid": "total" }, formatMoney(s.all.value)),
      ),
      h(doc, "p", { class: "muted" }, `Draft deal: ${formatMoney(s.draftCost)} over the term.`),
      this.button("Write the negotiation brief", "write-brief", () => void this.pane.writeBrief(), {
        class: "primary",
      }),
      this.pager(VIEWS.indexOf("summary")),
    );
  }

  /** A labelled text input that calls `onChange` with its text (or only holds it, for a form). */
  private textField(id: string, label: string, value: string, onChange?: (text: string) => void): HTMLElement {
    const doc = this.doc;
    const field = h(doc, "input", { id, type: "text", inputmode: "text", autocomplete: "off", "data-shown": value });
    field.value = value;
    if (onChange) field.addEventListener("change", () => onChange(field.value));
    return h(doc, "div", { class: "field" }, h(doc, "label", { for: id }, label), field);
  }

  /** The "Sign this deal" form: each term's signed value, the ask to start with. */
  private signForm(again: boolean): HTMLElement {
    const doc = this.doc;
    const prefix = again ? "sign-again" : "sign";
    const keys = TERM_KEYS.filter((key) => TERM_PANE[key].pane);
    const box = h(
      doc,
      "fieldset",
      { class: "inputs" },
      h(doc, "legend", {}, "The terms as signed (the asks to start with: edit what you did not win)"),
    );
    for (const key of keys)
      box.append(this.textField(`${prefix}-${key}`, TERM_PANE[key].pane!.label, this.pane.signDefault(key)));
    box.append(this.textField(`${prefix}-threshold`, "Warn when this period's projected forfeit is above ($)", "0"));
    const read = (id: string) => (doc.getElementById(id) as HTMLInputElement | null)?.value ?? "";
    box.append(
      this.button(
        again ? "Sign again" : "Sign this deal",
        `${prefix}-deal`,
        () => {
          const typed = Object.fromEntries(keys.map((key) => [key, read(`${prefix}-${key}`)]));
          void this.pane.signDeal(typed, read(`${prefix}-threshold`), again);
        },
        { class: "primary" },
      ),
    );
    return box;
  }

  /** Signing a new deal, behind a disclosure: the signed deal's sheets stay as they are. */
  private signAgain(): HTMLElement {
    const details = h(
      this.doc,
      "details",
      {},
      h(this.doc, "summary", {}, "Sign a new deal (the first one's sheets stay)"),
    );
    details.append(this.signForm(true));
    return details;
  }

  /** "After you sign": sign the deal, then track it month by month and start the renewal. */
  private track(state: PaneState): HTMLElement {
    const doc = this.doc;
    const section = h(doc, "section", { class: "panel", "aria-labelledby": "panel-title", "data-step": "track" });
    section.append(
      h(doc, "p", { class: "eyebrow" }, "After the steps"),
      h(doc, "h2", { id: "panel-title", tabindex: -1 }, "After you sign"),
      h(
        doc,
        "p",
        { class: "why" },
        "A committed-spend deal is won or lost month by month: unused commitment is forfeited at the end of each period. Track the actuals against the signed terms, and the renewal starts from real numbers.",
      ),
    );
    if (state.trackingProblem)
      section.append(h(doc, "p", { role: "alert", id: "tracking-problem" }, state.trackingProblem));
    const t = state.tracking;
    if (!t) {
      if (state.trackingProblem) {
        // A deal is signed but cannot be read: say why; signing anew stays behind its own disclosure.
        section.append(this.signAgain(), this.pager(VIEWS.indexOf("track")));
      } else section.append(this.signForm(false), this.pager(VIEWS.indexOf("track")));
      return section;
    }
    const { places, actuals } = t.data;
    const row = t.rows[t.current - 1]!;
    section.append(
      h(
        doc,
        "div",
        { class: "value" },
        h(doc, "span", { class: "value-label" }, `Projected forfeit at the end of period ${t.current}`),
        h(doc, "span", { class: "value-figure", "data-testid": "shortfall" }, formatMoney(t.shortfall)),
      ),
    );
    const warnings: string[] = [];
    if (t.pastTerm) {
      warnings.push(
        `The Actuals table has more months than the signed term (${places.termMonths}): the sheet's burn-down shows #VALUE! until the extra months are removed.`,
      );
    }
    if (t.warn) {
      warnings.push(
        `The projected forfeit of period ${t.current}, ${formatMoney(t.shortfall)}, is above your threshold of ${formatMoney(t.data.threshold)}.` +
          (row.monthsLeft > 0
            ? ` To fill the period, draw ${formatMoney(row.neededPerMonth)} at list a month for its last ${row.monthsLeft} months.`
            : ""),
      );
    }
    if (warnings.length) {
      section.append(
        h(
          doc,
          "ul",
          { class: "warnings", "aria-label": "Warnings", "data-testid": "tracking-warnings" },
          warnings.map((w) => h(doc, "li", {}, w)),
        ),
      );
    }
    const lines: [string, string][] = [
      ["Months of actuals", `${Math.min(actuals.length, places.termMonths)} of ${places.termMonths}`],
      [`Drawn to date in period ${t.current}`, formatMoney(row.drawnToDate)],
      ["Commitment remaining this period", formatMoney(row.remaining)],
      [
        "Needed per month at list to fill it",
        row.monthsLeft > 0 ? `${formatMoney(row.neededPerMonth)} for ${row.monthsLeft} months` : "—",
      ],
      ["Projected drawn this period", formatMoney(row.projectedDrawn)],
      ["Projected overage billed this period", formatMoney(row.projectedOverageBilled)],
    ];
    section.append(
      h(
        doc,
        "dl",
        { class: "lines" },
        lines.flatMap(([label, text], i) => [
          h(doc, "dt", {}, label),
          h(doc, "dd", { "data-testid": `track-${i}` }, text),
        ]),
      ),
    );
    const bars = t.rows.map((r) => ({
      period: r.period,
      available: r.commit + r.carryIn,
      drawnToDate: r.drawnToDate,
      projectedDrawn: r.projectedDrawn,
    }));
    const figure = h(doc, "figure", { class: "chart" });
    figure.append(
      renderBurndown(doc, bars),
      h(
        doc,
        "figcaption",
        { class: "chart-key" },
        "Dashed outline: commit + carry in. Solid: drawn to date. Light: projected drawn.",
      ),
    );
    section.append(figure);
    const table = h(
      doc,
      "table",
      { class: "burndown", "data-testid": "burndown" },
      h(doc, "caption", { class: "muted" }, "Burn-down by period (dollars at the committed rate)"),
      h(
        doc,
        "tr",
        {},
        ["Period", "Drawn to date", "Projected drawn", "Projected forfeited"].map((c) =>
          h(doc, "th", { scope: "col" }, c),
        ),
      ),
      t.rows.map((r) =>
        h(
          doc,
          "tr",
          {},
          h(doc, "th", { scope: "row" }, String(r.period)),
          [r.drawnToDate, r.projectedDrawn, r.projectedForfeited].map((x) => h(doc, "td", {}, formatMoney(x))),
        ),
      ),
    );
    section.append(table);
    const month = Math.min(t.data.entered + 1, places.termMonths);
    const add = h(doc, "fieldset", { class: "inputs" }, h(doc, "legend", {}, `Month ${month} of the term`));
    add.append(this.textField("actual-month", `Actual usage at list for month ${month} ($)`, ""));
    add.append(
      this.button("Add this month's actuals", "add-actual", () => {
        const field = doc.getElementById("actual-month") as HTMLInputElement | null;
        void this.pane.addActualMonth(field?.value ?? "");
      }),
    );
    add.append(
      this.textField(
        "threshold",
        "Warn when this period's projected forfeit is above ($)",
        formatMoney(t.data.threshold),
        (text) => void this.pane.setThreshold(text),
      ),
    );
    section.append(add);
    section.append(
      h(
        doc,
        "p",
        { class: "muted" },
        `The signed terms are on sheet ${places.signed}; the actuals, the live BURNDOWN and its chart on sheet ${places.tracking}. You can also type or paste the actuals there.`,
      ),
      this.button("Write the renewal brief", "write-renewal", () => void this.pane.writeRenewalBrief(), {
        class: "primary",
      }),
    );
    section.append(this.signAgain(), this.pager(VIEWS.indexOf("track")));
    return section;
  }
}
