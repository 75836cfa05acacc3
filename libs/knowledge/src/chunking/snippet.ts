export const DEFAULT_SNIPPET_LENGTH = 240;

const WORD = /[\p{L}\p{N}]+/gu;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const LEADING_JUNK = /[\s.,;:!?)\]}]/;
const ELLIPSIS = '...';
// Words too common to say where a passage matches; matching on them would pull the window to the start.
const STOP_WORDS = new Set(
  ('a an and are as at be but by can do does for from has have how i if in into is it its my no not of on or ' +
    'our should so than that the their then there these they this to was we what when where which who why ' +
    'will with without you your').split(' '),
);

interface Hit {
  start: number;
  end: number;
  term: string;
}

/**
 * A passage of `text` of at most `maxLength` characters (plus ellipses) around the densest cluster
 * of query words, cut at word boundaries, with "..." where text was left out. Query words match
 * words that start with them and vice versa ("index" and "indexes"), a cheap stand-in for stemming.
 */
export function snippet(text: string, query: string, maxLength = DEFAULT_SNIPPET_LENGTH): string {
  const content = text.trim();
  if (content.length <= maxLength) return content;
  const hits = findHits(content, queryTerms(query));
  const [from, to] = hits.length ? windowAround(hits, content.length, maxLength) : [0, maxLength];
  const wordStart = from === 0 ? 0 : nextWordStart(content, from);
  // A single word longer than the window cannot be cut at a word boundary.
  const start = wordStart < to ? wordStart : from;
  const end = to === content.length ? to : lastWordEnd(content, to, start);
  return `${start > 0 ? ELLIPSIS : ''}${content.slice(start, end)}${end < content.length ? ELLIPSIS : ''}`;
}

function queryTerms(query: string): Set<string> {
  const words = query.normalize('NFKC').toLowerCase().match(WORD) ?? [];
  return new Set(words.filter((word) => word.length > 1 && !STOP_WORDS.has(word)));
}

function findHits(text: string, terms: Set<string>): Hit[] {
  const hits: Hit[] = [];
  for (const match of text.matchAll(WORD)) {
    const word = match[0].normalize('NFKC').toLowerCase();
    const term = [...terms].find((candidate) => matches(word, candidate));
    if (term) hits.push({ start: match.index, end: match.index + match[0].length, term });
  }
  return hits;
}

function matches(word: string, term: string): boolean {
  if (word === term) return true;
  const [shorter, longer] = word.length < term.length ? [word, term] : [term, word];
  return shorter.length >= 4 && longer.startsWith(shorter);
}

/** The window of maxLength characters holding the most distinct terms, then the most hits, centred on them. */
function windowAround(hits: Hit[], textLength: number, maxLength: number): [number, number] {
  let best = { first: 0, last: 0, distinct: 0, count: 0 };
  let last = 0;
  for (let first = 0; first < hits.length; first += 1) {
    last = Math.max(last, first);
    while (last + 1 < hits.length && hits[last + 1].end - hits[first].start <= maxLength) last += 1;
    const distinct = new Set(hits.slice(first, last + 1).map((hit) => hit.term)).size;
    const count = last - first + 1;
    if (distinct > best.distinct || (distinct === best.distinct && count > best.count)) best = { first, last, distinct, count };
  }
  const spanStart = hits[best.first].start;
  const spanEnd = Math.min(hits[best.last].end, spanStart + maxLength);
  const start = Math.max(0, Math.min(textLength - maxLength, spanStart - Math.floor((maxLength - (spanEnd - spanStart)) / 2)));
  return [start, start + maxLength];
}

function insideWord(text: string, at: number): boolean {
  return at > 0 && at < text.length && WORD_CHAR.test(text[at - 1]) && WORD_CHAR.test(text[at]);
}

/** Moves a cut that falls inside a word past it, and past spaces or closing punctuation. */
function nextWordStart(text: string, at: number): number {
  while (insideWord(text, at)) at += 1;
  while (at < text.length && LEADING_JUNK.test(text[at])) at += 1;
  return at;
}

/** Moves a cut that falls inside a word back before it, and before trailing spaces; never below `floor`. */
function lastWordEnd(text: string, at: number, floor: number): number {
  let end = at;
  while (end > floor && insideWord(text, end)) end -= 1;
  while (end > floor && /\s/.test(text[end - 1])) end -= 1;
  return end > floor ? end : at;
}
