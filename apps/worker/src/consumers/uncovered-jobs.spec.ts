import { JOB_QUEUE, type JobName, QueueName } from '@app/core';
import { uncoveredJobs } from './uncovered-jobs';

const handlersOf = (queue: QueueName) =>
  Object.fromEntries((Object.keys(JOB_QUEUE) as JobName[]).filter((name) => JOB_QUEUE[name] === queue).map((name) => [name, () => undefined]));
const complete = Object.values(QueueName).map((queue) => ({ queue, handlers: handlersOf(queue) }));

describe('uncoveredJobs', () => {
  it('accepts one consumer per queue handling every job name', () => {
    expect(uncoveredJobs(complete)).toEqual([]);
  });

  it('names a queue without a consumer', () => {
    expect(uncoveredJobs(complete.filter((c) => c.queue !== QueueName.Knowledge))).toEqual(['queue "knowledge" has 0 processors (expected 1)']);
  });

  it('names a queue with two consumers', () => {
    expect(uncoveredJobs([...complete, complete[0]])).toEqual([`queue "${complete[0].queue}" has 2 processors (expected 1)`]);
  });

  it('names every job of a queue whose consumer lacks its handler', () => {
    const { 'analysis.improvements': _dropped, ...rest } = handlersOf(QueueName.Analysis);
    const consumers = complete.map((c) => (c.queue === QueueName.Analysis ? { ...c, handlers: rest } : c));
    expect(uncoveredJobs(consumers)).toEqual(['no handler for job(s) analysis.improvements on queue "analysis"']);
  });
});
