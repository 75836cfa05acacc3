import { Module } from '@nestjs/common';
import { KnowledgeModule } from '@app/knowledge';
import { TasksModule } from '@app/tasks';
import { KnowledgeController } from './knowledge.controller';

@Module({ imports: [KnowledgeModule, TasksModule], controllers: [KnowledgeController] })
export class KnowledgeApiModule {}
