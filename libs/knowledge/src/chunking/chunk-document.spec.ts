import { chunkDocument, DEFAULT_CHUNK_OVERLAP, DEFAULT_CHUNK_SIZE } from './chunk-document';

const paragraph = (n: number) =>
  `Paragraph ${n} explains how the server streams events to clients and what happens when a connection drops. `.repeat(3).trim();

describe('chunkDocument', () => {
  const document = Array.from({ length: 12 }, (_, n) => paragraph(n)).join('\n\n');

  it('points every chunk at its place in the document', async () => {
    const chunks = await chunkDocument(document);
    expect(chunks.length).toBeGreaterThan(3);
    chunks.forEach((chunk, index) => {
      expect(chunk.index).toBe(index);
      expect(document.slice(chunk.start_offset, chunk.end_offset)).toBe(chunk.content);
      expect(chunk.content.length).toBeLessThanOrEqual(DEFAULT_CHUNK_SIZE);
    });
  });

  it('covers the whole document in order, with overlaps no longer than asked', async () => {
    const chunks = await chunkDocument(document, { chunkSize: 300, chunkOverlap: 60 });
    expect(chunks[0].start_offset).toBe(0);
    expect(chunks.at(-1)!.end_offset).toBe(document.length);
    for (let i = 1; i < chunks.length; i += 1) {
      expect(chunks[i].start_offset).toBeGreaterThan(chunks[i - 1].start_offset);
      // Nothing but whitespace between chunks is ever left out.
      expect(document.slice(chunks[i - 1].end_offset, chunks[i].start_offset).trim()).toBe('');
      expect(chunks[i - 1].end_offset - chunks[i].start_offset).toBeLessThanOrEqual(60);
    }
  });

  it('overlaps consecutive chunks of running text', async () => {
    const text = Array.from({ length: 400 }, (_, n) => `word${n}`).join(' ');
    const chunks = await chunkDocument(text);
    expect(chunks.length).toBeGreaterThan(2);
    for (let i = 1; i < chunks.length; i += 1) {
      const overlap = chunks[i - 1].end_offset - chunks[i].start_offset;
      expect(overlap).toBeGreaterThan(0);
      expect(overlap).toBeLessThanOrEqual(DEFAULT_CHUNK_OVERLAP);
    }
  });

  it('locates repeated passages in order', async () => {
    const text = Array.from({ length: 30 }, () => 'same sentence again.').join(' ');
    const chunks = await chunkDocument(text, { chunkSize: 100, chunkOverlap: 20 });
    chunks.forEach((chunk) => expect(text.slice(chunk.start_offset, chunk.end_offset)).toBe(chunk.content));
    expect(chunks.at(-1)!.end_offset).toBe(text.length);
  });

  it('locates every chunk of repetitive random documents exactly', async () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const words = ['a', 'bb', 'same', 'again', 'x'.repeat(70), '\n', '\n\n', 'word.', '😀', 'é', 'Same sentence.'];
    for (let round = 0; round < 200; round += 1) {
      const text = Array.from({ length: Math.floor(random() * 300) }, () => words[Math.floor(random() * words.length)])
        .map((word) => (random() < 0.8 ? `${word} ` : word))
        .join('');
      const chunkSize = 10 + Math.floor(random() * 200);
      const chunkOverlap = Math.floor(random() * (chunkSize - 1));
      let covered = 0;
      for (const chunk of await chunkDocument(text, { chunkSize, chunkOverlap })) {
        expect(text.slice(chunk.start_offset, chunk.end_offset)).toBe(chunk.content);
        expect(text.slice(covered, Math.max(covered, chunk.start_offset)).trim()).toBe('');
        // Two more units at most where a split emoji was widened.
        expect(covered - chunk.start_offset).toBeLessThanOrEqual(chunkOverlap + 2);
        covered = Math.max(covered, chunk.end_offset);
      }
      expect(text.slice(covered).trim()).toBe('');
    }
  });

  it('keeps astral characters whole when a long word has to be split', async () => {
    const text = '😀'.repeat(120);
    const chunks = await chunkDocument(text, { chunkSize: 51, chunkOverlap: 0 });
    // 240 UTF-16 units in chunks of at most 51: the loop below must have several chunks to check.
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks[0].start_offset).toBe(0);
    expect(chunks[chunks.length - 1].end_offset).toBe(text.length);
    for (const chunk of chunks) {
      expect(chunk.content).toBe(text.slice(chunk.start_offset, chunk.end_offset));
      expect(chunk.content).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
    }
  });

  it('gives nothing for a blank document', async () => {
    expect(await chunkDocument(' \n\n ')).toEqual([]);
  });
});
