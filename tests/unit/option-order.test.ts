// GIFT export order (decision 052): fixed by the question key, a permutation,
// and unrelated to where the right answer was stored.
import { describe, expect, it } from "vitest";
import { keyedOrder } from "~/domain/exams/option-order.ts";

describe("options in a keyed order", () => {
  it("is the same for a key every time and a permutation of the options", () => {
    const options = ["đúng", "sai 1", "sai 2", "sai 3"];
    const once = keyedOrder("kt1-ket-noi-01", options);
    expect(keyedOrder("kt1-ket-noi-01", options)).toEqual(once);
    expect([...once].sort()).toEqual([...options].sort());
    expect(options).toEqual(["đúng", "sai 1", "sai 2", "sai 3"]);
  });

  it("spreads an answer stored first over every position across a bank", () => {
    const positions = [0, 0, 0, 0];
    for (let i = 0; i < 400; i++) positions[keyedOrder(`cau-hoi-${i}`, ["right", "b", "c", "d"]).indexOf("right")]++;
    // Each position close to a quarter (100 ± 35); the stored first place is not favoured.
    for (const n of positions) expect(n).toBeGreaterThan(65);
    for (const n of positions) expect(n).toBeLessThan(135);
  });
});
