/** The cards before the steps: set up a model, or fix the one there is. */
import type { PaneState } from "../state";
import { Actions, button, html, live, TemplateResult } from "./common";
import { importControl } from "./import";

export function setupCard(state: PaneState, act: Actions): TemplateResult {
  return html`<section class="card" aria-labelledby="setup-title">
    <h2 id="setup-title">Set up</h2>
    <p>${state.problem ?? ""}</p>
    <p>Build the model: usage, prices, deal terms (draft and ask), illustrative bands and a live summary, on new sheets.</p>
    <div class="check">
      <input
        type="checkbox"
        id="setup-sample"
        .checked=${live(state.sample)}
        @change=${(e: Event) => act.setSample((e.target as HTMLInputElement).checked)}
      /><label for="setup-sample">Fill the usage with sample data</label>
    </div>
    ${button("Build the model", "build-model", () => act.buildModel(state.sample), { class: "primary" })}
    <p>Or select your monthly usage at list price (one row per month, a column per model is fine), then:</p>
    ${button("Use my data", "use-my-data", () => act.useMyData())}
    <p>Or import the vendor's own usage or cost export (CSV or JSON):</p>
    ${importControl(state, act)}
  </section>`;
}

export function invalidCard(state: PaneState, act: Actions): TemplateResult {
  return html`<section class="card">
    <h2>The model needs a fix</h2>
    <p role="alert" id="problem">${state.problem ?? ""}</p>
    <p class="muted">Fix the cell in the workbook; the pane refreshes on its own.</p>
    ${button("Check again", "check-again", () => act.refresh())}
    <p>Or import another usage or cost export:</p>
    ${importControl(state, act)}
  </section>`;
}
