import { Module } from '@nestjs/common';
import { CoreModule } from '@app/core';
import { AnalyzerModule } from '@app/analysis';
import { DeploymentWorkModule } from '@app/deployments';
import { GithubModule } from '@app/github';
import { KnowledgeModule } from '@app/knowledge';
import { McpModule } from '@app/mcp';
import { TasksModule } from '@app/tasks';
import { QUEUE_CONSUMERS, type QueueConsumer } from './consumers/queue-consumer';
import { QueueConsumers } from './consumers/queue-consumers';
import { QueueMetrics } from './consumers/queue-metrics';
import { AnalysisProcessor } from './processors/analysis.processor';
import { DeploymentsProcessor } from './processors/deployments.processor';
import { GithubProcessor } from './processors/github.processor';
import { KnowledgeProcessor } from './processors/knowledge.processor';
import { ReconcilerScheduler } from './reconciler.scheduler';

/** Every queue consumer of the worker; a queue or job name missing here stops the worker at start. */
const CONSUMERS = [AnalysisProcessor, KnowledgeProcessor, DeploymentsProcessor, GithubProcessor];

@Module({
  imports: [CoreModule, TasksModule, McpModule, AnalyzerModule, KnowledgeModule, DeploymentWorkModule, GithubModule],
  providers: [
    ...CONSUMERS,
    { provide: QUEUE_CONSUMERS, inject: CONSUMERS, useFactory: (...consumers: QueueConsumer[]) => consumers },
    QueueConsumers,
    QueueMetrics,
    ReconcilerScheduler,
  ],
})
export class WorkerModule {}
