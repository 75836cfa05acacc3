import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Judgements } from './metrics';

export interface EvalDocument {
  id: string;
  title: string;
  content: string;
  tags: string[];
  source: string;
  language: string;
}

export interface EvalQuery {
  id: string;
  query: string;
  /** keyword: exact identifiers where full text shines; paraphrase: no shared wording. */
  kind: 'keyword' | 'paraphrase';
  relevant: Judgements;
}

export function readEvalDocuments(directory = __dirname): EvalDocument[] {
  return readJsonLines<EvalDocument>(join(directory, 'documents.jsonl'));
}

export function readEvalQueries(directory = __dirname): EvalQuery[] {
  return readJsonLines<EvalQuery>(join(directory, 'queries.jsonl'));
}

function readJsonLines<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}
