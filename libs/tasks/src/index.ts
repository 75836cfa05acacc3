export * from './dto/list-tasks-query.dto';
export * from './entities/task.entity';
export * from './task-events';
export * from './task-progress.service';
export * from './task-runner';
export * from './task.service';
export * from './task.view';
export * from './tasks.module';
