// Draws the Commit Levers icon (a rounded deep-green square with a white rising bar chart) and writes
// assets/icon-<size>.png for every size the manifest and the task pane use. No dependencies: shapes are
// sampled on a sub-pixel grid for anti-aliased edges and encoded as PNG with node:zlib.
//
// Sizes: the ribbon's <bt:Image> takes 16, 32 and 80 (required) and 20, 24, 40, 48 and 64 (optional, for
// high-DPI scaling): https://learn.microsoft.com/en-us/javascript/api/manifest/icon and
// https://learn.microsoft.com/en-us/javascript/api/manifest/image. <IconUrl> is 32 x 32 for a task pane
// add-in (https://learn.microsoft.com/en-us/javascript/api/manifest/iconurl) and <HighResolutionIconUrl>
// 64 x 64 (https://learn.microsoft.com/en-us/javascript/api/manifest/highresolutioniconurl). 128 is spare
// (store listings).
//
//   node scripts/make-icons.mjs        (the output is deterministic; commit the PNGs)

import { writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";

/** The eight ribbon sizes (which include the 32 and 64 of IconUrl and HighResolutionIconUrl), and 128. */
const SIZES = [16, 20, 24, 32, 40, 48, 64, 80, 128];
const SUBSAMPLES = 8; // per axis: 64 samples per pixel

const TOP = [0x13, 0x80, 0x64]; // background gradient, top
const BOTTOM = [0x0b, 0x5a, 0x46]; // background gradient, bottom (around #0F6E56 in the middle)
const WHITE = [0xff, 0xff, 0xff];

// Geometry in unit coordinates (0..1, y down).
const TILE = { x0: 0.03, y0: 0.03, x1: 0.97, y1: 0.97, r: 0.2 };
const BASELINE = 0.78;
const BAR_WIDTH = 0.16;
const BAR_GAP = 0.07;
const BAR_HEIGHTS = [0.26, 0.42, 0.58];
const BAR_LEFT = (1 - (BAR_HEIGHTS.length * BAR_WIDTH + (BAR_HEIGHTS.length - 1) * BAR_GAP)) / 2;
const BARS = BAR_HEIGHTS.map((h, i) => {
  const x0 = BAR_LEFT + i * (BAR_WIDTH + BAR_GAP);
  return { x0, y0: BASELINE - h, x1: x0 + BAR_WIDTH, y1: BASELINE, r: 0.035 };
});

/** Is (x, y) inside the rounded rectangle? */
function inRoundedRect(x, y, { x0, y0, x1, y1, r }) {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** RGBA pixels of the icon at `size` x `size`. */
function draw(size) {
  const pixels = Buffer.alloc(size * size * 4);
  const n = SUBSAMPLES * SUBSAMPLES;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let tile = 0;
      let mark = 0;
      for (let sy = 0; sy < SUBSAMPLES; sy++) {
        for (let sx = 0; sx < SUBSAMPLES; sx++) {
          const x = (px + (sx + 0.5) / SUBSAMPLES) / size;
          const y = (py + (sy + 0.5) / SUBSAMPLES) / size;
          if (!inRoundedRect(x, y, TILE)) continue;
          tile++;
          if (BARS.some((bar) => inRoundedRect(x, y, bar))) mark++;
        }
      }
      const t = (py + 0.5) / size;
      const background = TOP.map((top, c) => top + (BOTTOM[c] - top) * t);
      const share = tile === 0 ? 0 : mark / tile;
      const color = background.map((b, c) => b + (WHITE[c] - b) * share);
      const i = (py * size + px) * 4;
      pixels[i] = Math.round(color[0]);
      pixels[i + 1] = Math.round(color[1]);
      pixels[i + 2] = Math.round(color[2]);
      pixels[i + 3] = Math.round((255 * tile) / n);
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A PNG file: 8-bit RGBA, no interlace, filter type 0 on every row. */
function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const assets = join(dirname(fileURLToPath(import.meta.url)), "..", "assets");
mkdirSync(assets, { recursive: true });
for (const size of SIZES) {
  const file = join(assets, `icon-${size}.png`);
  writeFileSync(file, encodePng(size, draw(size)));
  console.log(`wrote ${file}`);
}
