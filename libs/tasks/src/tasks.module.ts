import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UserEntity } from '@app/auth';
import { TaskEntity } from './entities/task.entity';
import { TaskProgress } from './task-progress.service';
import { TaskReconcileSource } from './task-reconcile.source';
import { TaskRunner } from './task-runner';
import { TaskService } from './task.service';

@Module({
  // UserEntity: the target of this lib's foreign keys, also in processes without AuthModule (the worker).
  imports: [TypeOrmModule.forFeature([TaskEntity, UserEntity])],
  providers: [TaskService, TaskProgress, TaskRunner, TaskReconcileSource],
  exports: [TaskService, TaskProgress, TaskRunner],
})
export class TasksModule {}
