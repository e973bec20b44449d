/** "After you sign": sign the deal, then track it month by month and start the renewal. */
import { renderBurndown } from "../chart";
import { TERM_KEYS, TermKey, TERMS } from "../../catalogue/terms";
import { TERM_PANE } from "../../catalogue/termsPane";
import { focusFile, SIGNED_ON_FIELD } from "../focus";
import { formatMoney } from "../format";
import { signDefault } from "../inputs";
import { signFieldId, VIEWS, type PaneState } from "../state";
import { fillText, TrackingFigures, trackingWarnings } from "../tracking";
import { Actions, button, html, live, nothing, pager, TemplateResult, valueOf } from "./common";

/**
 * A labelled text input holding a draft (the state's `drafts[id]`, else `shown`); `apply`, when
 * given, applies the draft when the user leaves the field or presses Enter (as step inputs do).
 */
function textField(
  state: PaneState,
  id: string,
  label: string,
  shown: string,
  act: Actions,
  apply?: (text: string) => unknown,
): TemplateResult {
  const draft = state.drafts[id];
  const text = draft ?? shown;
  const leave = () => {
    if (apply && draft !== undefined) void apply(draft);
  };
  return html`<div class="field">
    <label for=${id}>${label}</label><input
      id=${id}
      type="text"
      inputmode="text"
      autocomplete="off"
      .value=${live(text)}
      @input=${(e: Event) => act.type(id, valueOf(e))}
      @keydown=${(e: KeyboardEvent) => e.key === "Enter" && leave()}
      @blur=${leave}
    />
  </div>`;
}

/**
 * The "Sign this deal" form: each term's signed value, the ask to start with; what is typed stays a
 * draft. A FOCUS ContractCommitment file can fill it; the terms the pane's steps do not ask for
 * (and the day signed) show when the file gave them.
 */
function signForm(state: PaneState, again: boolean, act: Actions): TemplateResult {
  const keys = TERM_KEYS.filter((key) => TERM_PANE[key].pane || state.drafts[signFieldId(again, key)] !== undefined);
  const threshold = signFieldId(again, "threshold");
  const signedOn = signFieldId(again, SIGNED_ON_FIELD);
  const sign = () => {
    const typed: Partial<Record<TermKey, string>> = {};
    for (const key of keys) {
      const text = state.drafts[signFieldId(again, key)];
      if (text !== undefined) typed[key] = text;
    }
    return act.signDeal(typed, state.drafts[threshold] ?? "0", again, state.drafts[signedOn]);
  };
  const file = `${again ? "sign-again" : "sign"}-focus-file`;
  const picked = (e: Event) => {
    const input = e.target as HTMLInputElement;
    const chosen = input.files?.[0];
    // Cleared, so picking the same file again (after fixing it) reads it again.
    input.value = "";
    if (chosen) void act.startSignFromFocus(chosen);
  };
  return html`<fieldset class="inputs">
    <legend>The terms as signed (the asks to start with: edit what you did not win)</legend>
    <div class="field">
      <label for=${file}>Or start from a FOCUS ContractCommitment file (CSV)</label>
      <input type="file" id=${file} accept=".csv,text/csv" @change=${picked} />
    </div>
    ${keys.map((key) => {
      const id = signFieldId(again, key);
      return textField(state, id, TERM_PANE[key].pane?.label ?? TERMS[key].label, signDefault(state, key), act);
    })}
    ${
      state.drafts[signedOn] === undefined
        ? nothing
        : textField(state, signedOn, "Signed on (yyyy-mm-dd, from the file)", "", act)
    }
    ${textField(state, threshold, "Warn when this period's projected forfeit is above ($)", "0", act)}
    ${button(again ? "Sign again" : "Sign this deal", `${again ? "sign-again" : "sign"}-deal`, sign, {
      class: "primary",
    })}
  </fieldset>`;
}

/**
 * Signing a new deal, behind a disclosure (kept open or closed as the user left it). The binding is
 * not `live`: the browser opens the disclosure before its `toggle` event reaches the state, and a
 * render in between must not close it again; the attribute changes only when the state does.
 */
function signAgain(state: PaneState, act: Actions): TemplateResult {
  return html`<details
    id="sign-again"
    ?open=${Boolean(state.open["sign-again"])}
    @toggle=${(e: Event) => act.toggle("sign-again", (e.target as HTMLDetailsElement).open)}
  >
    <summary>Sign a new deal (the first one's sheets stay)</summary>
    ${signForm(state, true, act)}
  </details>`;
}

export function trackView(state: PaneState, act: Actions): TemplateResult {
  const t = state.tracking;
  const end = pager(VIEWS.indexOf("track"), act);
  return html`<section class="panel" aria-labelledby="panel-title" data-step="track">
    <p class="eyebrow">After the steps</p>
    <h2 id="panel-title" tabindex="-1">After you sign</h2>
    <p class="why">A committed-spend deal is won or lost month by month: unused commitment is forfeited at the end of each period. Track the actuals against the signed terms, and the renewal starts from real numbers.</p>
    ${state.trackingProblem ? html`<p role="alert" id="tracking-problem">${state.trackingProblem}</p>` : nothing}
    ${
      t
        ? tracked(state, t, act)
        : // A deal is signed but cannot be read: say why; signing anew stays behind its own disclosure.
          state.trackingProblem
          ? signAgain(state, act)
          : signForm(state, false, act)
    }
    ${t ? signAgain(state, act) : nothing} ${end}
  </section>`;
}

/** The burn-down of the signed deal: the forfeit projected, the lines, the chart, the table, the forms. */
function tracked(state: PaneState, t: TrackingFigures, act: Actions): TemplateResult {
  const { places, actuals } = t.data;
  const row = t.rows[t.current - 1]!;
  const warnings = trackingWarnings(t, formatMoney);
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
    [
      "Run-rate at list (mean of the last 3 months)",
      t.fill.runRate === undefined ? "—" : `${formatMoney(t.fill.runRate)} a month`,
    ],
    [`Period ${t.current}'s commitment projected to fill`, fillText(t, formatMoney)],
  ];
  const bars = t.rows.map((r) => ({
    period: r.period,
    available: r.commit + r.carryIn,
    drawnToDate: r.drawnToDate,
    projectedDrawn: r.projectedDrawn,
  }));
  const month = Math.min(t.data.entered + 1, places.termMonths);
  return html`<div class="value">
      <span class="value-label">${`Projected forfeit at the end of period ${t.current}`}</span><span
        class="value-figure"
        data-testid="shortfall"
        >${formatMoney(t.shortfall)}</span
      >
    </div>
    ${
      warnings.length
        ? html`<ul class="warnings" aria-label="Warnings" data-testid="tracking-warnings">
          ${warnings.map((w) => html`<li>${w}</li>`)}
        </ul>`
        : nothing
    }
    <dl class="lines">
      ${lines.map(([label, text], i) => html`<dt>${label}</dt><dd data-testid=${`track-${i}`}>${text}</dd>`)}
    </dl>
    <figure class="chart">
      ${renderBurndown(bars)}
      <figcaption class="chart-key">Dashed outline: commit + carry in. Solid: drawn to date. Light: projected drawn.</figcaption>
    </figure>
    <table class="burndown" data-testid="burndown">
      <caption class="muted">Burn-down by period (dollars at the committed rate)</caption>
      <tr>
        ${["Period", "Drawn to date", "Projected drawn", "Projected forfeited"].map((c) => html`<th scope="col">${c}</th>`)}
      </tr>
      ${t.rows.map(
        (r) =>
          html`<tr>
            <th scope="row">${String(r.period)}</th>
            ${[r.drawnToDate, r.projectedDrawn, r.projectedForfeited].map((x) => html`<td>${formatMoney(x)}</td>`)}
          </tr>`,
      )}
    </table>
    <fieldset class="inputs">
      <legend>${`Month ${month} of the term`}</legend>
      ${textField(state, "actual-month", `Actual usage at list for month ${month} ($)`, "", act)}
      ${button("Add this month's actuals", "add-actual", () => act.addActualMonth(state.drafts["actual-month"] ?? ""))}
      ${textField(
        state,
        "threshold",
        "Warn when this period's projected forfeit is above ($)",
        formatMoney(t.data.threshold),
        act,
        (text) => act.setThreshold(text),
      )}
    </fieldset>
    <p class="muted">${`The signed terms are on sheet ${places.signed}; the actuals, the live BURNDOWN and its chart on sheet ${places.tracking}. You can also type or paste the actuals there.`}</p>
    ${button("Write the renewal brief", "write-renewal", () => act.writeRenewalBrief(), { class: "primary" })}
    ${button("Save as FOCUS (CSV)", "save-focus", () => act.saveFocus())}
    <p class="muted">The FOCUS file is a ContractCommitment dataset, one row per commit period, with every signed term in its description: FinOps tools read it, and a new "Sign this deal" form can start from it. It goes only to your downloads.</p>
    ${focusText(state, t, act)}`;
}

/**
 * The same file as text to copy, for where a task pane cannot download: Excel for Mac's web view
 * ignores a download link (office-js #2700, "by design"; #4681, #3385). Built on render from the
 * signed deal, so it is always the file "Save as FOCUS" would save.
 */
function focusText(state: PaneState, t: TrackingFigures, act: Actions): TemplateResult {
  const file = focusFile(t.data);
  return html`<details
    id="focus-text"
    ?open=${Boolean(state.open["focus-text"])}
    @toggle=${(e: Event) => act.toggle("focus-text", (e.target as HTMLDetailsElement).open)}
  >
    <summary>No download? (Excel for Mac saves none from an add-in) Copy the file's text instead</summary>
    <div class="field">
      <label for="focus-text-value">${`${file.name}: select all, copy, and save it as a .csv file`}</label>
      <textarea id="focus-text-value" readonly rows="6" spellcheck="false" .value=${file.text}></textarea>
    </div>
  </details>`;
}
