/** The summary: every ask ranked by what it is worth over the term, the yardstick, and the brief. */
import { formatMoney, formatPercent } from "../format";
import { VIEWS, type PaneState } from "../state";
import { STEPS } from "../steps";
import { gainsSentence } from "../steps";
import { Actions, button, html, live, nothing, pager, TemplateResult } from "./common";

export function summaryView(state: PaneState, act: Actions): TemplateResult {
  const s = state.figures!.summary;
  const point = s.yardstick && s.yardstick.value > 0 ? s.yardstick.value : undefined;
  const points = (value: number) => (point ? ` · ${(value / point).toFixed(1)} points of discount` : "");
  const done = STEPS.filter((st) => state.statuses[st.id] === "done").length;
  const skipped = STEPS.filter((st) => state.statuses[st.id] === "skipped").length;
  const uncertain = s.uncertainty !== undefined;
  const spread = (r: (typeof s.rows)[number]) =>
    r.spread
      ? `expected ${formatMoney(r.value)} (P10 ${formatMoney(r.spread.p10)} to P90 ${formatMoney(r.spread.p90)}), pays in ${formatPercent(r.spread.chance)} of futures`
      : "";
  const list = html`<ol class="ranked">
    ${s.rows.map(
      (r, i) =>
        html`<li data-testid=${`lever-${i}`}>
          <span class="lever-name"
            >${r.lever}${r.vendorCost === "low" ? html`<span class="badge">cheap ask</span>` : nothing}</span
          ><span class="lever-value" data-testid=${`lever-value-${i}`}>${formatMoney(r.value)}</span
          ><span class="lever-share muted">${`${formatPercent(r.share)} of the draft's cost${points(r.value)}`}</span
          >${uncertain ? html`<span class="lever-spread muted" data-testid=${`lever-spread-${i}`}>${spread(r)}</span>` : nothing}
        </li>`,
    )}
  </ol>`;
  // The yardstick: what one more point of headline discount is worth, so each ask reads in points of rate.
  const y = s.yardstick;
  return html`<section class="panel" aria-labelledby="panel-title" data-step="summary">
    <p class="eyebrow">${`${done} done · ${skipped} skipped · ${STEPS.length - done - skipped} open`}</p>
    <h2 id="panel-title" tabindex="-1">Summary: the asks ranked</h2>
    <p class="why">Each ask valued alone against the draft deal, in dollars over the term. Cheap asks usually cost the vendor little: start there.</p>
    <div class="check">
      <input
        type="checkbox"
        id="summary-uncertain"
        .checked=${live(state.uncertain)}
        @change=${(e: Event) => void act.setUncertain((e.target as HTMLInputElement).checked)}
      /><label for="summary-uncertain">Value each ask across the futures your usage may take (the model's volatilities), ranked by its expected value</label>
    </div>
    ${uncertain ? html`<p class="muted" data-testid="gains">${gainsSentence(s)}</p>` : nothing}
    ${s.rows.length ? list : html`<p>No asks yet: set an ask different from the draft in the steps.</p>`}
    ${
      y
        ? html`<p class="yardstick muted" data-testid="yardstick">${`Yardstick: ${y.lever.toLowerCase()} (${formatPercent(Number(y.draft))} to ${formatPercent(Number(y.ask))}) is worth ${formatMoney(y.value)} over the term.`}</p>`
        : nothing
    }
    <div class="value">
      <span class="value-label">All asks together (terms interact: not the sum)</span><span
        class="value-figure"
        data-testid="total"
        >${formatMoney(s.all.value)}</span
      >
    </div>
    <p class="muted">${`Draft deal: ${formatMoney(s.draftCost)} over the term.`}</p>
    ${button("Write the negotiation brief", "write-brief", () => act.writeBrief(), { class: "primary" })}
    ${pager(VIEWS.indexOf("summary"), act)}
  </section>`;
}
