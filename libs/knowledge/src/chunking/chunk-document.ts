import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';

export interface DocumentChunk {
  index: number;
  content: string;
  /** content === document.slice(start_offset, end_offset), in UTF-16 code units like String#slice. */
  start_offset: number;
  end_offset: number;
}

export interface ChunkingOptions {
  /** Maximum chunk length in characters. */
  chunkSize?: number;
  /** Characters shared by consecutive chunks. */
  chunkOverlap?: number;
}

/**
 * Sizes are in characters, not tokens, so that chunking needs no tokenizer and gives the same
 * chunks whatever the embeddings provider. 1000 characters are roughly 200-250 English tokens:
 * far inside every provider's input limit, about one or two paragraphs, and short enough for an
 * averaged (SIF) vector to stay on one topic. An overlap of 150 characters, about one sentence,
 * means a sentence cut at a chunk boundary still appears whole in one of the two chunks.
 */
export const DEFAULT_CHUNK_SIZE = 1000;
export const DEFAULT_CHUNK_OVERLAP = 150;

/**
 * Splits a document with LangChain's RecursiveCharacterTextSplitter (paragraphs, then lines, then
 * words) and locates every chunk in the original text. Whitespace-only documents give no chunks.
 */
export async function chunkDocument(document: string, options: ChunkingOptions = {}): Promise<DocumentChunk[]> {
  const chunkOverlap = options.chunkOverlap ?? DEFAULT_CHUNK_OVERLAP;
  const splitter = new RecursiveCharacterTextSplitter({
    chunkSize: options.chunkSize ?? DEFAULT_CHUNK_SIZE,
    chunkOverlap,
    // Keeping separators makes every chunk a verbatim (trimmed) substring, so it can be located.
    keepSeparator: true,
  });
  const chunks: DocumentChunk[] = [];
  let previous = { start: 0, end: 0 };
  for (const piece of await splitter.splitText(document)) {
    const found = locate(document, piece, previous, chunkOverlap);
    const { start, end } = widenToCodePoints(document, found, found + piece.length);
    chunks.push({ index: chunks.length, content: document.slice(start, end), start_offset: start, end_offset: end });
    previous = { start: found, end: found + piece.length };
  }
  return chunks;
}

/**
 * The splitter returns trimmed strings, not positions. A chunk starts no earlier than the previous
 * chunk's start (a short chunk can be carried over whole) nor than its end minus the overlap (the
 * most the splitter carries over), no later than the first non-blank character after it (the
 * splitter drops nothing else), and does not end before it. Searching only there keeps repeated
 * passages and short words from being located elsewhere. Among the candidates, one that adds text
 * beyond the previous chunk (as every chunk but a whitespace-only tail does) and starts a word
 * (the splitter cuts at whitespace unless a word is longer than a chunk) wins.
 */
function locate(document: string, piece: string, previous: { start: number; end: number }, overlap: number): number {
  const blanks = /\s*/y;
  blanks.lastIndex = previous.end;
  blanks.exec(document);
  const latest = blanks.lastIndex;
  const earliest = Math.max(previous.start, previous.end - overlap);
  let best = { at: -1, score: -1 };
  for (let at = document.indexOf(piece, earliest); at >= 0 && at <= latest; at = document.indexOf(piece, at + 1)) {
    const end = at + piece.length;
    if (end < previous.end) continue;
    const score = (end > previous.end ? 2 : 0) + (at === 0 || /\s/.test(document[at - 1]) ? 1 : 0);
    if (score === 3) return at;
    if (score > best.score) best = { at, score };
  }
  if (best.at < 0) throw new Error(`text splitter produced a chunk that is not in the document: ${piece.slice(0, 40)}`);
  return best.at;
}

/**
 * A word longer than a chunk is split per UTF-16 unit, which can cut an emoji or other astral
 * character in half; a lone surrogate would be stored as U+FFFD. Widen the range to whole code points.
 */
function widenToCodePoints(text: string, start: number, end: number): { start: number; end: number } {
  const isLow = (at: number) =>
    at > 0 && at < text.length && /[\uDC00-\uDFFF]/.test(text[at]) && /[\uD800-\uDBFF]/.test(text[at - 1]);
  return { start: isLow(start) ? start - 1 : start, end: isLow(end) ? end + 1 : end };
}
