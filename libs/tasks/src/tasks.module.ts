import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TaskEntity } from './entities/task.entity';
import { TaskProgress } from './task-progress.service';
import { TaskRunner } from './task-runner';
import { TaskService } from './task.service';

@Module({
  imports: [TypeOrmModule.forFeature([TaskEntity])],
  providers: [TaskService, TaskProgress, TaskRunner],
  exports: [TaskService, TaskProgress, TaskRunner],
})
export class TasksModule {}
