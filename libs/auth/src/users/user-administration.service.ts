import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, Repository } from 'typeorm';
import { Conflict, EventBus, NotFound, Page, pageOffset, toPage, ValidationFailed } from '@app/core';
import { UserEntity } from '../entities/user.entity';
import { PasswordHasher } from '../passwords/password-hasher';
import { AccountRevisions } from '../principals/account-revisions';
import { RefreshTokensService } from '../tokens/refresh-tokens.service';
import { toUserView, type UserView } from '../user.view';
import type { ListUsersQueryDto, UpdateUserDto } from './dto/user-admin.dto';

/**
 * What an admin does to accounts. Access tokens and API keys are checked against the user row on
 * every request (or a copy the account's revision vouches for; role and active state change through
 * AccountRevisions for that), so a role change or a deactivation applies at once on every replica;
 * refresh tokens are revoked so no session outlives the change. A password reset changes nothing a
 * copy holds. The last active admin cannot be demoted or deactivated.
 */
@Injectable()
export class UserAdministrationService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly hasher: PasswordHasher,
    private readonly refreshTokens: RefreshTokensService,
    private readonly events: EventBus,
    private readonly revisions: AccountRevisions,
  ) {}

  async list(query: ListUsersQueryDto): Promise<Page<UserView>> {
    const qb = this.users.createQueryBuilder('u');
    if (query.role) qb.andWhere('u.role = :role', { role: query.role });
    if (query.is_active) qb.andWhere('u.is_active = :active', { active: query.is_active === 'true' });
    if (query.q) {
      const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere(new Brackets((w) => w.where('u.username ILIKE :like', { like }).orWhere('u.email ILIKE :like', { like })));
    }
    const [rows, total] = await qb.orderBy('u.created_at', 'ASC').addOrderBy('u.id', 'ASC').skip(pageOffset(query)).take(query.page_size).getManyAndCount();
    return toPage(rows.map(toUserView), total, query);
  }

  async get(id: string): Promise<UserView> {
    return toUserView(await this.find(id));
  }

  async update(id: string, change: UpdateUserDto): Promise<UserView> {
    if (change.role === undefined && change.is_active === undefined) {
      throw ValidationFailed([{ loc: ['body'], msg: 'at least one of role, is_active is required', type: 'value_error.missing' }]);
    }
    const user = await this.find(id);
    const losesAdmin = user.role === 'admin' && user.isActive && (change.is_active === false || (change.role ?? 'admin') !== 'admin');
    if (losesAdmin && (await this.users.countBy({ role: 'admin', isActive: true })) <= 1) {
      throw Conflict('The last active admin cannot be demoted or deactivated');
    }
    const columns = { ...(change.role ? { role: change.role } : {}), ...(change.is_active !== undefined ? { isActive: change.is_active } : {}) };
    await this.revisions.change(id, () => this.users.update({ id }, columns));
    await this.endSessions(id);
    return this.get(id);
  }

  async resetPassword(id: string, newPassword: string): Promise<void> {
    await this.find(id);
    await this.users.update({ id }, { passwordHash: await this.hasher.hash(newPassword) });
    await this.endSessions(id);
  }

  /**
   * No refresh token outlives the change, and open realtime connections re-check their credentials
   * now (best effort: the periodic re-check catches them if the event is lost).
   */
  private async endSessions(userId: string): Promise<void> {
    await this.refreshTokens.revokeAllForUser(userId);
    await this.events.publish(userId, { type: 'account_changed', user_id: userId }).catch(() => undefined);
  }

  private async find(id: string): Promise<UserEntity> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw NotFound('user', id);
    return user;
  }
}
