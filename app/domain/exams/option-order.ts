// A question's options in an order that depends only on its key: stable from
// one export to the next (files diff cleanly), different from question to
// question, and unrelated to which option is right — so a file or a printout
// does not give the key away by position (the stored order may still put the
// right answer first). Not a secret: learners never see this order, their
// attempts shuffle with a crypto-backed random.

/** FNV-1a, 32 bits. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** mulberry32: a small seeded generator in [0, 1). */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The items shuffled by a generator seeded with `key` (Fisher–Yates). */
export function keyedOrder<T>(key: string, items: readonly T[]): T[] {
  const random = generator(hash(`options:${key}`));
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
