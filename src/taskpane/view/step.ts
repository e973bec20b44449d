/** A step of the walk: why it matters, its headline figure, its lines, its inputs and its formulas. */
import { curveDescription, fanDescription, renderCurve, renderFan } from "../chart";
import { formatMoney, formatPercent } from "../format";
import { cellText, inputCell } from "../inputs";
import { VIEWS, type PaneState } from "../state";
import { InputSpec, STEPS, StepDef, StepFigures } from "../steps";
import { Actions, button, html, ifDefined, live, nothing, pager, TemplateResult, valueOf } from "./common";
import { importControl } from "./import";

export function stepView(state: PaneState, def: StepDef, act: Actions): TemplateResult {
  const f: StepFigures = state.figures!.steps[def.id];
  const index = STEPS.indexOf(def);
  const status = state.statuses[def.id];
  const observed = def.id === "usage" ? state.data?.imported?.observedDiscount : undefined;
  return html`<section class="panel" aria-labelledby="panel-title" data-step=${def.id}>
    <p class="eyebrow">${`Step ${index + 1} of ${STEPS.length}${status === "open" ? "" : ` · ${status}`}`}</p>
    <h2 id="panel-title" tabindex="-1">${def.title}</h2>
    <p class="why">${def.why}</p>
    <div class="value">
      <span class="value-label">${f.headline.label}</span><span class="value-figure" data-testid="headline"
        >${formatMoney(f.headline.value)}</span
      >
    </div>
    ${
      f.warnings.length
        ? html`<ul class="warnings" aria-label="Warnings">
          ${f.warnings.map((w) => html`<li>${w}</li>`)}
        </ul>`
        : nothing
    }
    ${
      f.notes.length
        ? html`<ul class="notes">
          ${f.notes.map((note) => html`<li>${note}</li>`)}
        </ul>`
        : nothing
    }
    ${
      f.curve
        ? html`<figure class="chart">
          ${renderCurve(f.curve)}
          <figcaption class="muted">${curveDescription(f.curve)}</figcaption>
        </figure>`
        : nothing
    }
    ${
      f.fan
        ? html`<figure class="chart">
          ${renderFan(f.fan)}
          <figcaption class="muted">${fanDescription(f.fan)}</figcaption>
        </figure>`
        : nothing
    }
    <dl class="lines">
      ${f.lines.map((l, i) => html`<dt>${l.label}</dt><dd data-testid=${`line-${i}`}>${l.text || "—"}</dd>`)}
    </dl>
    ${def.id === "usage" ? importControl(state, act) : nothing}
    ${
      observed !== undefined
        ? button(`Use ${formatPercent(observed)} as the draft's discount`, "use-observed-discount", () =>
            act.useObservedDiscount(),
          )
        : nothing
    }
    ${
      def.id === "size"
        ? button("Use my history's uncertainty", "use-history-uncertainty", () => act.useHistoryUncertainty())
        : nothing
    }
    ${def.inputs.length > 0 ? inputs(state, def, act) : nothing}
    <div class="formulas">
      <h3>Formulas</h3>
      ${f.formulas.map(
        (formula, i) =>
          html`<div class="formula">
            ${button(`Insert ${formula.label.toLowerCase()}`, `insert-${def.id}-${i}`, () =>
              act.insertFormula(def.id, i),
            )}<code>${formula.formula}</code>
          </div>`,
      )}
    </div>
    <div class="status-row">
      ${button(
        status === "done" ? "Done ✓" : "Mark done",
        `status-done-${def.id}`,
        () => act.setStatus(def.id, status === "done" ? "open" : "done"),
        { class: "primary", pressed: status === "done" },
      )}
      ${button(
        status === "skipped" ? "Skipped" : "Skip",
        `status-skip-${def.id}`,
        () => act.setStatus(def.id, status === "skipped" ? "open" : "skipped"),
        { pressed: status === "skipped" },
      )}
    </div>
    ${pager(VIEWS.indexOf(def.id), act)}
  </section>`;
}

/** The step's inputs, a row per term (its draft and ask side by side) or per assumption. */
function inputs(state: PaneState, def: StepDef, act: Actions): TemplateResult {
  const groups = new Map<string, InputSpec[]>();
  for (const input of def.inputs) {
    const key = "deal" in input.target ? input.target.deal : input.id;
    groups.set(key, [...(groups.get(key) ?? []), input]);
  }
  return html`<fieldset class="inputs">
    <legend>Terms (bound to the workbook)</legend>
    ${[...groups].map(([key, group]) => {
      const paired = group.length === 2;
      const groupLabel = paired ? group[0]!.label.replace(/, draft$/, "") : group[0]!.label;
      return html`<div class=${paired ? "input-row pair" : "input-row"}>
        <p class="input-label" id=${`label-${key}`}>${groupLabel}</p>
        <div class="fields">${group.map((input) => field(state, input, paired, act))}</div>
      </div>`;
    })}
  </fieldset>`;
}

/**
 * One input, bound to its cell: it shows what the user typed and has not applied (the draft), else
 * the cell. Typing keeps the draft in the state; leaving the field, or Enter, applies it. (Not the
 * `change` event: Chromium does not fire it once a script has set the value since the last edit,
 * and the value here is the state's.) `live` puts the state's text in only where the field holds
 * something else, so a refresh never moves the caret.
 */
function field(state: PaneState, input: InputSpec, paired: boolean, act: Actions): TemplateResult {
  const id = `in-${input.id}`;
  const draft = state.drafts[input.id];
  const text = draft ?? cellText(state, input);
  const cell = inputCell(state, input);
  const short = paired ? ("deal" in input.target && input.target.column === "ask" ? "Ask" : "Draft") : "Value";
  const label = html`<label for=${id}><span class="visually-hidden">${`${input.label} `}</span>${short}</label>`;
  if (input.kind === "flag") {
    const chosen = text === "yes" ? "yes" : "no";
    return html`<div class="field">
      ${label}<select id=${id} @change=${(e: Event) => void act.setInput(input.id, valueOf(e))}>
        <option value="no" .selected=${chosen === "no"}>No</option>
        <option value="yes" .selected=${chosen === "yes"}>Yes</option>
      </select>
    </div>`;
  }
  const apply = () => {
    if (draft !== undefined) void act.setInput(input.id, draft);
  };
  // Words are typed here too ("committed", "none"): a decimal keypad would not let them be.
  const mode = input.kind === "overage" || input.kind === "cap" ? "text" : "decimal";
  return html`<div class="field">
    ${label}<input
      id=${id}
      type="text"
      inputmode=${mode}
      autocomplete="off"
      spellcheck="false"
      title=${ifDefined(cell ? `Cell ${cell}` : undefined)}
      .value=${live(text)}
      @input=${(e: Event) => act.type(input.id, valueOf(e))}
      @keydown=${(e: KeyboardEvent) => e.key === "Enter" && apply()}
      @blur=${apply}
    />
  </div>`;
}
