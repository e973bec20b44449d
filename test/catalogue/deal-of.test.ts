/**
 * dealOf writes each deal field out by hand (one object literal, for speed): every term key must set
 * its own field of the catalogue, and nothing else; no key left out means the neutral deal.
 */
import { dealOf, TERM_KEYS, TERMS } from "../../src/catalogue/terms";
import { neutralDeal } from "../../src/sheet/terms";

const NEUTRAL = neutralDeal(TERMS) as unknown as Record<string, unknown>;

test("no argument: every field is its term's neutral value", () => {
  expect(dealOf({})).toEqual(NEUTRAL);
  expect(Object.keys(dealOf({})).sort()).toEqual(TERM_KEYS.map((k) => TERMS[k].field).sort());
});

test.each(TERM_KEYS)("%s sets its own field and no other", (key) => {
  const sentinel = 0.123456;
  const deal = dealOf({ [key]: sentinel }) as unknown as Record<string, unknown>;
  expect(deal).toEqual({ ...NEUTRAL, [TERMS[key].field]: sentinel });
});
