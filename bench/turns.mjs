// Taking turns: the benchmarks compare two kinds of sample (with and without
// RootGuard, cold and warm) on a shared, noisy machine, so they run them
// alternately (AB BA AB …) after one unrecorded warm-up of each: drift over
// the run falls on both alike, and the ratio holds where absolute times do not.

/**
 * Run `a(serial)` and `b(serial)` in turns, `pairs` times, after a warm-up of
 * each (caches, the extension's first start, JIT). `onPair(a, b, index)` is
 * told each pair's samples. Returns `{ a: [samples], b: [samples] }`.
 */
export async function inTurns(pairs, a, b, onPair = () => {}) {
  let serial = 0;
  await a(serial++);
  await b(serial++);
  const runs = { a: [], b: [] };
  for (let pair = 0; pair < pairs; pair++) {
    for (const which of pair % 2 ? ["b", "a"] : ["a", "b"]) runs[which].push(await (which === "a" ? a : b)(serial++));
    onPair(runs.a.at(-1), runs.b.at(-1), pair);
  }
  return runs;
}
