/**
 * HyperFormula is GPL-3.0 (or commercial): the real-engine tests and the development preview use
 * it, the add-in never ships it. The production bundles must not contain it.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { BUILD_TIMEOUT_MS, SHIPPED_BUNDLES, productionBuild } from "./bundle";

let dir: string;
beforeAll(() => {
  dir = productionBuild();
}, BUILD_TIMEOUT_MS);

describe("the production bundles", () => {
  it.each(SHIPPED_BUNDLES)("%s does not contain HyperFormula", (file) => {
    const text = readFileSync(join(dir, file), "utf8");
    expect(text.length).toBeGreaterThan(0);
    expect(text).not.toMatch(/hyperformula/i);
  });

  it("do not include the preview page", () => {
    expect(existsSync(join(dir, "preview.js"))).toBe(false);
    expect(existsSync(join(dir, "preview.html"))).toBe(false);
  });
});
