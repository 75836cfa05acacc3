import { Judgements, meanScores, ndcgAtK, recallAtK } from './metrics';

describe('recallAtK', () => {
  const judgements = { a: 2, b: 1, c: 1, z: 0 };

  it('counts the relevant documents found in the first k', () => {
    expect(recallAtK(['a', 'x', 'b', 'c'], judgements, 3)).toBeCloseTo(2 / 3);
    expect(recallAtK(['a', 'x', 'b', 'c'], judgements, 10)).toBe(1);
    expect(recallAtK(['x', 'y', 'z'], judgements, 3)).toBe(0);
  });

  it('counts a document listed twice once', () => {
    expect(recallAtK(['a', 'a', 'a'], judgements, 3)).toBeCloseTo(1 / 3);
  });

  it('refuses judgements without a relevant document', () => {
    expect(() => recallAtK(['a'], { a: 0 }, 10)).toThrow(RangeError);
  });
});

describe('ndcgAtK', () => {
  const judgements = { a: 2, b: 1 };

  it('is 1 for the ideal order and less for any other', () => {
    expect(ndcgAtK(['a', 'b', 'x'], judgements, 10)).toBeCloseTo(1);
    expect(ndcgAtK(['b', 'a'], judgements, 10)).toBeLessThan(1);
  });

  it('uses exponential gains and a log2 discount', () => {
    // DCG = 1/log2(2) + 3/log2(3); ideal = 3/log2(2) + 1/log2(3).
    const expected = (1 + 3 / Math.log2(3)) / (3 + 1 / Math.log2(3));
    expect(ndcgAtK(['b', 'a'], judgements, 10)).toBeCloseTo(expected, 10);
  });

  it('only looks at the first k results, against an ideal of k results', () => {
    expect(ndcgAtK(['x', 'a'], judgements, 1)).toBe(0);
    expect(ndcgAtK(['a', 'x'], judgements, 1)).toBeCloseTo(1);
  });

  it('does not reward listing a document twice', () => {
    expect(ndcgAtK(['a', 'a', 'b'], judgements, 10)).toBeLessThan(ndcgAtK(['a', 'b'], judgements, 10));
  });
});

describe('meanScores', () => {
  it('averages over queries and scores a missing ranking as zero', () => {
    const queries: { id: string; relevant: Judgements }[] = [
      { id: 'q1', relevant: { a: 1 } },
      { id: 'q2', relevant: { b: 1 } },
    ];
    expect(meanScores(queries, new Map([['q1', ['a']]]), 10)).toEqual({ recall: 0.5, ndcg: 0.5 });
  });
});
