/**
 * Out-of-vocabulary words (product names, identifiers such as "pgvector" or "hnsw", other
 * languages) get a pseudo-random unit vector derived from the word itself. Random directions in 100
 * dimensions are nearly orthogonal to everything else, so such a word adds no false semantic
 * signal, yet the same word in a query and a document still lines up exactly.
 */
export function unknownWordVector(word: string, target: Float32Array): Float32Array {
  let state = fnv1a(word);
  let squares = 0;
  for (let d = 0; d < target.length; d += 1) {
    // mulberry32: tiny, deterministic across platforms and Node versions.
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    const value = ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
    target[d] = value;
    squares += value * value;
  }
  const norm = Math.sqrt(squares);
  for (let d = 0; d < target.length; d += 1) target[d] /= norm;
  return target;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
