/**
 * The sizing step's small chart: expected cost over the term against the commit per period (the
 * core's commitCurve), with the band thresholds and the recommended and draft commits marked.
 * Built with DOM APIs (createElementNS) and labelled for assistive technology, with a text
 * alternative beside it.
 */
import { maxOf, minOf } from "../core/arrays";
import { formatMoney, formatMoneyShort, formatPercent } from "./format";
import type { CurveData } from "./steps";

const SVG = "http://www.w3.org/2000/svg";

function el<K extends keyof SVGElementTagNameMap>(
  doc: Document,
  tag: K,
  attrs: Record<string, string | number>,
  text?: string,
): SVGElementTagNameMap[K] {
  const node = doc.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A chart's SVG root: an image labelled by its title and its text alternative (`<id>-title`, `<id>-desc`). */
function chartSvg(
  doc: Document,
  frame: { readonly width: number; readonly height: number; readonly id: string; readonly cls: string },
  title: string,
  description: string,
): SVGSVGElement {
  const { width, height, id, cls } = frame;
  const svg = el(doc, "svg", {
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    role: "img",
    class: cls,
    "aria-labelledby": `${id}-title ${id}-desc`,
  });
  svg.appendChild(el(doc, "title", { id: `${id}-title` }, title));
  svg.appendChild(el(doc, "desc", { id: `${id}-desc` }, description));
  return svg;
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
export function renderCurve(doc: Document, curve: CurveData, width = 288, height = 168): SVGSVGElement {
  const pad = { left: 44, right: 8, top: 10, bottom: 26 };
  const rows = curve.rows;
  const xMax = Math.max(rows[rows.length - 1]?.commit ?? 1, curve.draftCommit) || 1;
  const costs = rows.map((r) => r.cost);
  const yMin = minOf(costs);
  const yMax = maxOf(costs);
  const ySpan = yMax - yMin || 1;
  const x = (c: number) => pad.left + (c / xMax) * (width - pad.left - pad.right);
  const y = (v: number) => pad.top + (1 - (v - yMin) / ySpan) * (height - pad.top - pad.bottom);

  const svg = chartSvg(
    doc,
    { width, height, id: "curve", cls: "curve" },
    "Expected cost against commit",
    curveDescription(curve),
  );

  // Axes and their end labels.
  const bottom = height - pad.bottom;
  svg.appendChild(el(doc, "line", { x1: pad.left, y1: bottom, x2: width - pad.right, y2: bottom, class: "axis" }));
  svg.appendChild(el(doc, "line", { x1: pad.left, y1: pad.top, x2: pad.left, y2: bottom, class: "axis" }));
  svg.appendChild(
    el(doc, "text", { x: pad.left - 4, y: pad.top + 8, class: "tick", "text-anchor": "end" }, formatMoneyShort(yMax)),
  );
  svg.appendChild(
    el(doc, "text", { x: pad.left - 4, y: bottom, class: "tick", "text-anchor": "end" }, formatMoneyShort(yMin)),
  );
  svg.appendChild(el(doc, "text", { x: pad.left, y: height - 4, class: "tick" }, "$0"));
  svg.appendChild(
    el(
      doc,
      "text",
      { x: width - pad.right, y: height - 4, class: "tick", "text-anchor": "end" },
      formatMoneyShort(xMax),
    ),
  );

  // Band thresholds.
  for (const band of curve.bands) {
    if (band.threshold <= 0 || band.threshold > xMax) continue;
    const bx = x(band.threshold);
    svg.appendChild(el(doc, "line", { x1: bx, y1: pad.top, x2: bx, y2: bottom, class: "band" }));
    svg.appendChild(el(doc, "text", { x: bx + 2, y: pad.top + 8, class: "band-label" }, formatPercent(band.discount)));
  }

  // The curve.
  const points = rows.map((r) => `${x(r.commit).toFixed(1)},${y(r.cost).toFixed(1)}`).join(" ");
  svg.appendChild(el(doc, "polyline", { points, class: "line", fill: "none" }));

  // Draft and recommended commits.
  const dx = x(curve.draftCommit);
  svg.appendChild(el(doc, "line", { x1: dx, y1: pad.top, x2: dx, y2: bottom, class: "draft" }));
  svg.appendChild(el(doc, "text", { x: dx - 2, y: bottom - 4, class: "tick", "text-anchor": "end" }, "Draft"));
  const rx = x(curve.recommended.commit);
  const ry = y(curve.recommended.cost);
  svg.appendChild(el(doc, "circle", { cx: rx, cy: ry, r: 4, class: "recommended" }));
  const anchorEnd = rx > width / 2;
  svg.appendChild(
    el(
      doc,
      "text",
      {
        x: anchorEnd ? rx - 6 : rx + 6,
        y: Math.min(ry - 6, bottom - 14),
        class: "rec-label",
        "text-anchor": anchorEnd ? "end" : "start",
      },
      `Best ${formatMoneyShort(curve.recommended.commit)}`,
    ),
  );
  return svg;
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
export function renderBurndown(doc: Document, bars: readonly BurndownBar[], width = 288, height = 150): SVGSVGElement {
  const pad = { left: 44, right: 8, top: 10, bottom: 24 };
  const yMax = Math.max(1, maxOf(bars.flatMap((b) => [b.available, b.projectedDrawn, b.drawnToDate])));
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const slot = plotW / Math.max(1, bars.length);
  const barW = Math.min(40, slot * 0.6);
  const y = (v: number) => pad.top + (1 - v / yMax) * plotH;
  const bottom = height - pad.bottom;
  const svg = chartSvg(
    doc,
    { width, height, id: "burndown", cls: "curve burndown-chart" },
    "Commitment, drawn to date and projected, by period",
    burndownDescription(bars),
  );
  svg.appendChild(el(doc, "line", { x1: pad.left, y1: bottom, x2: width - pad.right, y2: bottom, class: "axis" }));
  svg.appendChild(
    el(doc, "text", { x: pad.left - 4, y: pad.top + 8, class: "tick", "text-anchor": "end" }, formatMoneyShort(yMax)),
  );
  svg.appendChild(el(doc, "text", { x: pad.left - 4, y: bottom, class: "tick", "text-anchor": "end" }, "$0"));
  bars.forEach((b, i) => {
    const x = pad.left + i * slot + (slot - barW) / 2;
    const bar = (value: number, cls: string) =>
      el(doc, "rect", { x, y: y(value), width: barW, height: Math.max(0, bottom - y(value)), class: cls });
    svg.appendChild(bar(b.projectedDrawn, "projected"));
    svg.appendChild(bar(b.drawnToDate, "drawn"));
    svg.appendChild(bar(b.available, "available"));
    svg.appendChild(
      el(doc, "text", { x: x + barW / 2, y: height - 8, class: "tick", "text-anchor": "middle" }, `P${b.period}`),
    );
  });
  return svg;
}
