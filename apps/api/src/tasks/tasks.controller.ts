import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { UuidParamPipe } from '@app/core';
import { CurrentUser, RequirePermission, type AuthUser } from '@app/auth';
import { ListTasksQueryDto, TaskService } from '@app/tasks';

@ApiTags('tasks')
@ApiBearerAuth('bearer')
@ApiSecurity('api-key')
@Controller('api/v1/tasks')
export class TasksController {
  constructor(private readonly tasks: TaskService) {}

  @Get()
  @RequirePermission('tasks:read')
  @ApiOperation({ summary: "List the caller's tasks, newest first" })
  list(@CurrentUser() user: AuthUser, @Query() query: ListTasksQueryDto) {
    return this.tasks.list(user, query);
  }

  @Get(':id')
  @RequirePermission('tasks:read')
  @ApiOperation({ summary: 'Status, progress and result of a task (owner or admin)' })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string) {
    return this.tasks.get(id, user);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @RequirePermission('tasks:read')
  @ApiOperation({ summary: 'Cancel a pending or running task (409 when it already finished)' })
  cancel(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string) {
    return this.tasks.cancel(id, user);
  }
}
