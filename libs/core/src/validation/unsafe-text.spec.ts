import { findUnsafeText } from './unsafe-text';

describe('findUnsafeText', () => {
  it('accepts ordinary text, emoji (surrogate pairs) and non-string values', () => {
    expect(findUnsafeText({ name: 'Wetter 🌦', tags: ['ä', 1, null, true], nested: { 'ключ': 'значение' } }, ['body'])).toBeUndefined();
  });

  it('points at a NUL in a value, a key or an array item', () => {
    expect(findUnsafeText({ a: { b: ['ok', 'x\u0000'] } }, ['body'])).toMatchObject({ loc: ['body', 'a', 'b', 1], type: 'value_error.str.nul' });
    expect(findUnsafeText({ 'k\u0000': 1 }, ['body'])).toMatchObject({ loc: ['body', 'k\u0000'], type: 'value_error.str.nul' });
    expect(findUnsafeText('\u0000', ['query', 'q'])).toMatchObject({ loc: ['query', 'q'] });
  });

  it('finds lone high and low surrogates but not pairs', () => {
    expect(findUnsafeText({ email: '\ud800x@example.com' }, ['body'])).toMatchObject({ loc: ['body', 'email'], type: 'value_error.str.surrogate' });
    expect(findUnsafeText('x\udc00', [])).toMatchObject({ type: 'value_error.str.surrogate' });
    expect(findUnsafeText('\ud83d\ude00', [])).toBeUndefined();
  });

  it('walks 100,000 levels without recursion', () => {
    let deep: unknown = 'bad\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findUnsafeText(deep, ['body'])?.loc).toHaveLength(100_001);
  });

  it('does not read a Buffer body as text', () => {
    expect(findUnsafeText(Buffer.from('a\u0000b'), ['body'])).toBeUndefined();
  });
});
