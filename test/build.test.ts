/**
 * The production bundle registers exactly the functions its metadata declares: every id in
 * dist/functions.json is associated with a function by dist/functions.js, and nothing else is.
 * If dist/ is missing or older than the sources, the test builds it first, so it cannot pass on a
 * stale bundle or without one.
 */
import { existsSync } from "node:fs";
import { FUNCTIONS_BUNDLE, FUNCTIONS_METADATA, loadBundle, metadataIds } from "./helpers/loadBundle";
import { ensureBundle } from "./helpers/ensureBundle";

beforeAll(() => ensureBundle(), 300_000);

describe("dist/functions.js", () => {
  it("was built, with its metadata", () => {
    // (Not "is current": a source saved while the build ran would fail that. beforeAll rebuilt a stale bundle.)
    expect(existsSync(FUNCTIONS_BUNDLE)).toBe(true);
    expect(existsSync(FUNCTIONS_METADATA)).toBe(true);
  });

  it("declares at least one function, each id once, in upper case", () => {
    const ids = metadataIds();
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[A-Z][A-Z0-9_.]*$/);
  });

  it("associates every function in functions.json, and nothing else", () => {
    const associated = loadBundle();
    expect([...associated.keys()].sort()).toEqual([...metadataIds()].sort());
    for (const fn of associated.values()) expect(typeof fn).toBe("function");
  });
});
