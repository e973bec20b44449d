/**
 * The pane's two small charts as lit-html `svg` templates (the views' one way of making DOM): the
 * sizing step's expected cost over the term against the commit per period (the core's commitCurve),
 * with the band thresholds and the recommended and draft commits marked; and the burn-down of a
 * signed deal. Each is an image labelled for assistive technology, with a text alternative.
 */
import { svg, SVGTemplateResult } from "lit-html";
import { maxOf, minOf } from "../core/arrays";
import { formatMoney, formatMoneyShort, formatPercent } from "./format";
import type { CurveData, FanData } from "./steps";

/** A chart's SVG root: an image labelled by its title and its text alternative (`<id>-title`, `<id>-desc`). */
function chartSvg(
  frame: { readonly width: number; readonly height: number; readonly id: string; readonly cls: string },
  title: string,
  description: string,
  body: SVGTemplateResult,
): SVGTemplateResult {
  const { width, height, id, cls } = frame;
  return svg`<svg
    viewBox=${`0 0 ${width} ${height}`}
    width=${width}
    height=${height}
    role="img"
    class=${cls}
    aria-labelledby=${`${id}-title ${id}-desc`}
  ><title id=${`${id}-title`}>${title}</title><desc id=${`${id}-desc`}>${description}</desc>${body}</svg>`;
}

/** The chart's text alternative: what a sighted reader takes from the curve. */
export function curveDescription(curve: CurveData): string {
  const bands = curve.bands.map((b) => `${formatMoney(b.threshold)} (${formatPercent(b.discount)})`).join(", ");
  return (
    `Expected cost over the term is lowest at a commit of ${formatMoney(curve.recommended.commit)} a period, ` +
    `about ${formatMoney(curve.recommended.cost)}. The draft commit of ${formatMoney(curve.draftCommit)} is marked. ` +
    `Band thresholds: ${bands}.`
  );
}

/** An SVG line chart `width` x `height` px of the curve. */
export function renderCurve(curve: CurveData, width = 288, height = 168): SVGTemplateResult {
  const pad = { left: 44, right: 8, top: 10, bottom: 26 };
  const rows = curve.rows;
  const xMax = Math.max(rows[rows.length - 1]?.commit ?? 1, curve.draftCommit) || 1;
  const costs = rows.map((r) => r.cost);
  const yMin = minOf(costs);
  const yMax = maxOf(costs);
  const ySpan = yMax - yMin || 1;
  const x = (c: number) => pad.left + (c / xMax) * (width - pad.left - pad.right);
  const y = (v: number) => pad.top + (1 - (v - yMin) / ySpan) * (height - pad.top - pad.bottom);
  const bottom = height - pad.bottom;
  const bands = curve.bands.filter((band) => band.threshold > 0 && band.threshold <= xMax);
  const points = rows.map((r) => `${x(r.commit).toFixed(1)},${y(r.cost).toFixed(1)}`).join(" ");
  const dx = x(curve.draftCommit);
  const rx = x(curve.recommended.commit);
  const ry = y(curve.recommended.cost);
  const anchorEnd = rx > width / 2;
  const body = svg`
    <line x1=${pad.left} y1=${bottom} x2=${width - pad.right} y2=${bottom} class="axis"></line>
    <line x1=${pad.left} y1=${pad.top} x2=${pad.left} y2=${bottom} class="axis"></line>
    <text x=${pad.left - 4} y=${pad.top + 8} class="tick" text-anchor="end">${formatMoneyShort(yMax)}</text>
    <text x=${pad.left - 4} y=${bottom} class="tick" text-anchor="end">${formatMoneyShort(yMin)}</text>
    <text x=${pad.left} y=${height - 4} class="tick">$0</text>
    <text x=${width - pad.right} y=${height - 4} class="tick" text-anchor="end">${formatMoneyShort(xMax)}</text>
    ${bands.map(
      (
        band,
      ) => svg`<line x1=${x(band.threshold)} y1=${pad.top} x2=${x(band.threshold)} y2=${bottom} class="band"></line>
        <text x=${x(band.threshold) + 2} y=${pad.top + 8} class="band-label">${formatPercent(band.discount)}</text>`,
    )}
    <polyline points=${points} class="line" fill="none"></polyline>
    <line x1=${dx} y1=${pad.top} x2=${dx} y2=${bottom} class="draft"></line>
    <text x=${dx - 2} y=${bottom - 4} class="tick" text-anchor="end">Draft</text>
    <circle cx=${rx} cy=${ry} r="4" class="recommended"></circle>
    <text
      x=${anchorEnd ? rx - 6 : rx + 6}
      y=${Math.min(ry - 6, bottom - 14)}
      class="rec-label"
      text-anchor=${anchorEnd ? "end" : "start"}
    >${`Best ${formatMoneyShort(curve.recommended.commit)}`}</text>`;
  return chartSvg(
    { width, height, id: "curve", cls: "curve" },
    "Expected cost against commit",
    curveDescription(curve),
    body,
  );
}

/** One period of the burn-down chart: what is available, what is drawn so far and what is projected. */
export interface BurndownBar {
  readonly period: number;
  /** The period's commit plus the carry in (committed-rate dollars). */
  readonly available: number;
  readonly drawnToDate: number;
  readonly projectedDrawn: number;
}

/** The burn-down chart's text alternative. */
export function burndownDescription(bars: readonly BurndownBar[]): string {
  return bars
    .map(
      (b) =>
        `Period ${b.period}: ${formatMoney(b.available)} available, ${formatMoney(b.drawnToDate)} drawn to date, ${formatMoney(b.projectedDrawn)} projected.`,
    )
    .join(" ");
}

/**
 * The "After you sign" view's chart, the pane's picture of the Tracking sheet's native one: per
 * period, the commitment available (an outline), the projected draw (a light bar) and what is
 * drawn to date (a solid bar over it).
 */
export function renderBurndown(bars: readonly BurndownBar[], width = 288, height = 150): SVGTemplateResult {
  const pad = { left: 44, right: 8, top: 10, bottom: 24 };
  const yMax = Math.max(1, maxOf(bars.flatMap((b) => [b.available, b.projectedDrawn, b.drawnToDate])));
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const slot = plotW / Math.max(1, bars.length);
  const barW = Math.min(40, slot * 0.6);
  const y = (v: number) => pad.top + (1 - v / yMax) * plotH;
  const bottom = height - pad.bottom;
  const bar = (x: number, value: number, cls: string) =>
    svg`<rect x=${x} y=${y(value)} width=${barW} height=${Math.max(0, bottom - y(value))} class=${cls}></rect>`;
  const body = svg`
    <line x1=${pad.left} y1=${bottom} x2=${width - pad.right} y2=${bottom} class="axis"></line>
    <text x=${pad.left - 4} y=${pad.top + 8} class="tick" text-anchor="end">${formatMoneyShort(yMax)}</text>
    <text x=${pad.left - 4} y=${bottom} class="tick" text-anchor="end">$0</text>
    ${bars.map((b, i) => {
      const x = pad.left + i * slot + (slot - barW) / 2;
      return svg`${bar(x, b.projectedDrawn, "projected")}${bar(x, b.drawnToDate, "drawn")}${bar(x, b.available, "available")}
        <text x=${x + barW / 2} y=${height - 8} class="tick" text-anchor="middle">${`P${b.period}`}</text>`;
    })}`;
  return chartSvg(
    { width, height, id: "burndown", cls: "curve burndown-chart" },
    "Commitment, drawn to date and projected, by period",
    burndownDescription(bars),
    body,
  );
}

/** The fan's text alternative: where the middle and the spread of usage sit against the commit. */
export function fanDescription(fan: FanData): string {
  const last = fan.months[fan.months.length - 1];
  const first = fan.months[0];
  if (!first || !last) return "No months of usage.";
  return (
    `Monthly usage at list across the futures: month 1 from ${formatMoney(first.p10)} (P10) to ${formatMoney(first.p90)} (P90), ` +
    `month ${fan.months.length} from ${formatMoney(last.p10)} to ${formatMoney(last.p90)}, middle ${formatMoney(last.p50)}. ` +
    `The draft commit needs ${formatMoney(fan.commitPerMonth)} a month at list to be drawn in full.`
  );
}

/**
 * The Size step's fan: each month's P10 to P90 usage across the futures as a band, the P50 as a
 * line, and the draft's commit per month (at list) as a level line.
 */
export function renderFan(fan: FanData, width = 288, height = 150): SVGTemplateResult {
  const pad = { left: 44, right: 8, top: 10, bottom: 22 };
  const n = Math.max(1, fan.months.length);
  let top = fan.commitPerMonth;
  for (const m of fan.months) if (m.p90 > top) top = m.p90;
  const yMax = top > 0 ? top : 1;
  const x = (t: number) => pad.left + (n === 1 ? 0 : (t / (n - 1)) * (width - pad.left - pad.right));
  const y = (v: number) => pad.top + (1 - v / yMax) * (height - pad.top - pad.bottom);
  const bottom = height - pad.bottom;
  const upper = fan.months.map((m, t) => `${x(t).toFixed(1)},${y(m.p90).toFixed(1)}`);
  const lower = fan.months.map((m, t) => `${x(t).toFixed(1)},${y(m.p10).toFixed(1)}`).reverse();
  const middle = fan.months.map((m, t) => `${x(t).toFixed(1)},${y(m.p50).toFixed(1)}`).join(" ");
  const cy = y(fan.commitPerMonth);
  const body = svg`
    <line x1=${pad.left} y1=${bottom} x2=${width - pad.right} y2=${bottom} class="axis"></line>
    <text x=${pad.left - 4} y=${pad.top + 8} class="tick" text-anchor="end">${formatMoneyShort(yMax)}</text>
    <text x=${pad.left - 4} y=${bottom} class="tick" text-anchor="end">$0</text>
    <polygon points=${[...upper, ...lower].join(" ")} class="fan"></polygon>
    <polyline points=${middle} class="line" fill="none"></polyline>
    <line x1=${pad.left} y1=${cy} x2=${width - pad.right} y2=${cy} class="draft"></line>
    <text x=${width - pad.right} y=${cy - 3} class="tick" text-anchor="end">Commit a month</text>
    <text x=${pad.left} y=${height - 6} class="tick">Month 1</text>
    <text x=${width - pad.right} y=${height - 6} class="tick" text-anchor="end">${`Month ${n}`}</text>`;
  return chartSvg(
    { width, height, id: "fan", cls: "curve fan-chart" },
    "Monthly usage across the futures against the commit",
    fanDescription(fan),
    body,
  );
}
