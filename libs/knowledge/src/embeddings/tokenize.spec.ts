import { tokenize } from './tokenize';

describe('tokenize', () => {
  it('lowercases and splits on everything but letters and digits', () => {
    expect(tokenize('JSON-RPC over HTTP/2, e.g. pg_stat_statements!')).toEqual([
      'json', 'rpc', 'over', 'http', '2', 'e', 'g', 'pg', 'stat', 'statements',
    ]);
  });

  it('keeps non-Latin letters and folds compatibility characters', () => {
    expect(tokenize('Ｃafé Straße データベース')).toEqual(['café', 'straße', 'データベース']);
  });

  it('returns nothing for text without words', () => {
    expect(tokenize(' -- ?! ')).toEqual([]);
  });
});
