import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, UuidParamPipe } from '@app/core';
import { CurrentUser, RequirePermission, type AuthUser } from '@app/auth';
import { ListTasksQueryDto, TaskPageDto, TaskService, TaskViewDto } from '@app/tasks';

@ApiTags('tasks')
@Controller('api/v1/tasks')
export class TasksController {
  constructor(private readonly tasks: TaskService) {}

  @Get()
  @RequirePermission('tasks:read')
  @ApiOperation({ summary: "List the caller's tasks, newest first" })
  @ApiOkResponse({ type: TaskPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: ListTasksQueryDto): Promise<TaskPageDto> {
    return this.tasks.list(user, query);
  }

  @Get(':id')
  @RequirePermission('tasks:read')
  @ApiOperation({ summary: 'Status, progress and result of a task (owner or admin)' })
  @ApiOkResponse({ type: TaskViewDto })
  @ApiErrors(404)
  get(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string): Promise<TaskViewDto> {
    return this.tasks.get(id, user);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @RequirePermission('tasks:read')
  @ApiOperation({ summary: 'Cancel a pending or running task (409 when it already finished)' })
  @ApiOkResponse({ type: TaskViewDto })
  @ApiErrors(404, 409)
  cancel(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string): Promise<TaskViewDto> {
    return this.tasks.cancel(id, user);
  }
}
