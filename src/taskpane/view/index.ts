/**
 * The pane's DOM: a function of `PaneState` (view/ has one file per screen), rendered with lit-html,
 * which diffs: a refresh changes only the text and attributes that changed, so the nodes, the focus,
 * the caret and selection, and an open `<details>` stay as the user left them. Workbook text goes in
 * through lit-html's bindings, which set text, never markup. Native buttons, inputs and selects keep
 * it keyboard-usable; the step list also moves with the arrow keys.
 */
import { render } from "lit-html";
import { keyed } from "lit-html/directives/keyed.js";
import { formatMoney } from "../format";
import type { Pane } from "../pane";
import { PaneState, View, VIEWS } from "../state";
import { STEPS } from "../steps";
import { Actions, button, html, nothing, TemplateResult, viewTitle } from "./common";
import { invalidCard, setupCard } from "./setup";
import { stepView } from "./step";
import { summaryView } from "./summary";
import { trackView } from "./track";

/** A step's button shows its number; the summary and "After you sign" their signs. */
const navLabel = (view: View, index: number): string =>
  view === "summary" ? "Σ" : view === "track" ? "✎" : String(index + 1);

/** The whole pane for a state: what `render` puts in the root. */
export function paneView(state: PaneState, act: Actions): TemplateResult {
  const retry = button("Try again", "retry", () => act.retry());
  const alert = state.message?.retry
    ? html`<div class="retry" role="alert"><p>${state.message.text}</p>${retry}</div>`
    : nothing;
  switch (state.phase) {
    case "failed":
      return html`${alert}${state.message?.retry ? nothing : retry}`;
    case "loading":
      return html`${alert}<p class="muted">${state.problem ?? "Reading the workbook…"}</p>`;
    case "setup":
      return html`${alert}${setupCard(state, act)}`;
    case "invalid":
      return html`${alert}${invalidCard(state, act)}`;
    case "ready": {
      const view = state.view;
      const screen =
        view === "summary"
          ? summaryView(state, act)
          : view === "track"
            ? trackView(state, act)
            : stepView(
                state,
                STEPS.find((s) => s.id === view)!,
                act,
              );
      // Each view gets nodes of its own: moving to another step starts from fresh fields.
      return html`${alert}${nav(state, act)}${keyed(view, screen)}`;
    }
  }
}

function nav(state: PaneState, act: Actions): TemplateResult {
  const key = (e: KeyboardEvent, index: number) => {
    const moves: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
    let next: number | undefined;
    if (e.key in moves) next = (index + moves[e.key]! + VIEWS.length) % VIEWS.length;
    if (e.key === "Home") next = 0;
    if (e.key === "End") next = VIEWS.length - 1;
    if (next === undefined) return;
    e.preventDefault();
    (e.currentTarget as HTMLElement).ownerDocument.getElementById(`nav-${VIEWS[next]!}`)?.focus();
  };
  return html`<nav aria-label="Steps">
    <ol class="steps">
      ${VIEWS.map((view, i) => {
        const status = view === "summary" || view === "track" ? undefined : state.statuses[view];
        const label =
          status === undefined
            ? viewTitle(view)
            : `Step ${i + 1}: ${viewTitle(view)}${status === "open" ? "" : ` (${status})`}`;
        return html`<li>
          <button
            type="button"
            id=${`nav-${view}`}
            class=${`step-button ${status ?? ""}`}
            aria-label=${label}
            title=${label}
            aria-current=${state.view === view ? "step" : nothing}
            data-view=${view}
            @click=${() => act.go(view)}
            @keydown=${(e: KeyboardEvent) => key(e, i)}
          >${navLabel(view, i)}</button>
        </li>`;
      })}
    </ol>
  </nav>`;
}

function announcement(state: PaneState): string {
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

/** Renders the pane into `root` on every state change, and keeps the message and the live region. */
export class PaneView {
  private lastRevision = -1;
  private lastView: View | undefined;

  constructor(
    private readonly doc: Document,
    private readonly root: HTMLElement,
    private readonly pane: Pane,
  ) {
    // The page's "Loading…" placeholder goes: lit-html renders beside what the root holds, not over it.
    root.replaceChildren();
    pane.subscribe(() => this.render());
  }

  render(): void {
    const doc = this.doc;
    const state = this.pane.state;
    const focused = this.root.contains(doc.activeElement);
    render(paneView(state, this.pane), this.root);
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
      announce.textContent = announcement(state);
    }
    if (this.lastView !== state.view) {
      this.lastView = state.view;
      doc.getElementById("panel-title")?.scrollIntoView?.({ block: "nearest" });
    }
    // A render that removed the focused control ("Next →", "Sign this deal", "Build the model")
    // would drop the focus to the page's start: the view's heading takes it, so Tab goes on from there.
    if (focused && (!doc.activeElement || doc.activeElement === doc.body))
      doc.getElementById("panel-title")?.focus({ preventScroll: true });
  }
}
