import { readProposal } from '../subject/analysis-subject';
import { relevantChunks } from './knowledge-context.service';
import { retrievalQuery } from './retrieval-query';

const ranked = (id: string, rank_score: number) => ({ document_id: id, title: id, content: `${id} text`, snippet: id, similarity_score: 0.7, rank_score });

describe('retrieval for analyses', () => {
  it('asks for any of the tool’s significant words, free of search operators', () => {
    const query = retrievalQuery(readProposal({ name: 'Database Query Tool', description: 'Execute SQL on the read-only -replica "prod"' }));
    expect(query.split(' or ')).toEqual(expect.arrayContaining(['database', 'query', 'execute', 'sql', 'read', 'only', 'replica', 'prod']));
    expect(query).not.toMatch(/["-]/);
    expect(query.split(' or ')).not.toContain('tool');
  });

  it('keeps chunks ranking close to the best, at most four, without their rank score', () => {
    const kept = relevantChunks([ranked('a', 0.0328), ranked('b', 0.032), ranked('c', 0.0164), ranked('d', 0.03), ranked('e', 0.029), ranked('f', 0.028)]);
    expect(kept.map((c) => c.document_id)).toEqual(['a', 'b', 'd', 'e']);
    expect(kept[0]).not.toHaveProperty('rank_score');
    expect(relevantChunks([])).toEqual([]);
  });
});
