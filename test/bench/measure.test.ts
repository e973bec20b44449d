/**
 * The benchmark's timing in turns (bench/measure.ts): every piece is warmed on its own time, however
 * slow the pieces beside it, and the timed runs go round the pieces in order. A fake clock stands in
 * for performance.now: each piece moves it by its cost, so the counts are exact.
 */
import { timeInTurns } from "../../bench/measure";

function pieces(costs: Record<string, number>) {
  let now = 0;
  const calls: string[] = [];
  const work = Object.fromEntries(
    Object.entries(costs).map(([name, cost]) => [
      name,
      () => {
        calls.push(name);
        now += cost;
      },
    ]),
  );
  return { work, calls, clock: () => now };
}

const count = (calls: readonly string[], name: string) => calls.filter((c) => c === name).length;

describe("timeInTurns", () => {
  test("a fast piece beside a slow one is warmed for warmupMs of its own time", () => {
    const { work, calls, clock } = pieces({ fast: 2, slow: 50 });
    timeInTurns(work, 0, 400, clock);
    // 400 / 2 = 200 runs of the fast piece; the slow one reaches 400 after 8 runs (8 x 50).
    expect(count(calls, "fast")).toBe(200);
    expect(count(calls, "slow")).toBe(8);
    // In turns while both are cold: fast, slow, fast, slow, ...
    expect(calls.slice(0, 16)).toEqual(Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? "fast" : "slow")));
  });

  test("every piece runs at least twice before timing, even when one run outlasts the warm-up", () => {
    const { work, calls, clock } = pieces({ long: 1000, short: 1 });
    timeInTurns(work, 0, 400, clock);
    expect(count(calls, "long")).toBe(2);
    expect(count(calls, "short")).toBe(400);
  });

  test("the timed runs go round the pieces in turns, runs times each, and report a median per piece", () => {
    const { work, calls, clock } = pieces({ a: 1, b: 3, c: 2 });
    const timings = timeInTurns(work, 5, 10, clock);
    // Warm-up: a 10 runs, b 4 (12 >= 10), c 5; then 5 timed turns of a, b, c.
    expect([count(calls, "a"), count(calls, "b"), count(calls, "c")]).toEqual([15, 9, 10]);
    expect(calls.slice(-15)).toEqual(Array.from({ length: 5 }, () => ["a", "b", "c"]).flat());
    expect(Object.keys(timings)).toEqual(["a", "b", "c"]);
    for (const timing of Object.values(timings)) expect(timing.runs).toBe(5);
  });
});
