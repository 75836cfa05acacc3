import { Module } from '@nestjs/common';
import { TasksModule } from '@app/tasks';
import { TasksController } from './tasks.controller';

@Module({ imports: [TasksModule], controllers: [TasksController] })
export class TasksApiModule {}
