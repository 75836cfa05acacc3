import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { WordVectors } from './word-vectors';

export const WORD_VECTORS_ASSET = join('libs', 'knowledge', 'assets', 'wink-sg-100d-q8.bin');

const loaded = new Map<string, WordVectors>();

/**
 * The word vectors of `file`, read once per process (~36 MB, ~0.1 s) and shared by every
 * LocalEmbeddings instance.
 */
export function loadWordVectors(file = findWordVectorsAsset()): WordVectors {
  let vectors = loaded.get(file);
  if (!vectors) {
    vectors = WordVectors.fromFile(file);
    loaded.set(file, vectors);
  }
  return vectors;
}

/**
 * The asset sits at the repository (or image) root, while this module runs from libs/ under ts-jest
 * and from dist/apps/<app>/libs/ once built, so look for it in every ancestor directory.
 */
export function findWordVectorsAsset(from = __dirname): string {
  for (let directory = from; ; directory = dirname(directory)) {
    const candidate = join(directory, WORD_VECTORS_ASSET);
    if (existsSync(candidate)) return candidate;
    if (dirname(directory) === directory) break;
  }
  throw new Error(
    `local embeddings asset ${WORD_VECTORS_ASSET} not found above ${from}; ` +
      'build it with `node libs/knowledge/scripts/build-local-embeddings.cjs`',
  );
}
