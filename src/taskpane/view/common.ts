/**
 * What the views share: lit-html's `html` (it escapes every interpolated value: workbook text goes in
 * as text, never as markup), the views' titles and the pager. A view is a function of the state and
 * the pane's methods it may call; it reads nothing else.
 */
import { html, TemplateResult } from "lit-html";
import { ifDefined } from "lit-html/directives/if-defined.js";
import type { Store } from "../actions";
import type { Pane } from "../pane";
import { VIEWS, View } from "../state";
import { STEPS } from "../steps";

export { html, nothing } from "lit-html";
export { ifDefined } from "lit-html/directives/if-defined.js";
export { live } from "lit-html/directives/live.js";
export type { TemplateResult } from "lit-html";

/** The pane's methods a view may call: the state changes and the actions, not the store's own verbs. */
export type Actions = Omit<Pane, Exclude<keyof Store, "refresh">>;

/** The value of the input or select an event came from. */
export const valueOf = (e: Event): string => (e.target as HTMLInputElement | HTMLSelectElement).value;

export function viewTitle(view: View): string {
  if (view === "summary") return "Summary";
  if (view === "track") return "After you sign";
  return STEPS.find((s) => s.id === view)!.title;
}

/** A native button (keyboard-usable as it is). */
export function button(
  label: string,
  id: string,
  onClick: () => unknown,
  attrs: { readonly class?: string; readonly pressed?: boolean } = {},
): TemplateResult {
  const pressed = attrs.pressed === undefined ? undefined : String(attrs.pressed);
  return html`<button
    type="button"
    id=${id}
    class=${ifDefined(attrs.class)}
    aria-pressed=${ifDefined(pressed)}
    @click=${() => void onClick()}
  >${label}</button>`;
}

/** Back and forward to the neighbouring views. */
export function pager(index: number, act: Actions): TemplateResult {
  const prev = VIEWS[index - 1];
  const next = VIEWS[index + 1];
  return html`<div class="pager">
    ${prev ? button(`← ${viewTitle(prev)}`, "prev", () => act.go(prev)) : html`<span></span>`}
    ${next ? button(`${viewTitle(next)} →`, "next", () => act.go(next)) : html`<span></span>`}
  </div>`;
}
