import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Conflict } from '@app/core';
import { UserEntity } from '../entities/user.entity';
import { PasswordHasher } from '../passwords/password-hasher';
import type { Role } from '../permissions';

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly hasher: PasswordHasher,
  ) {}

  async create(input: { username: string; email: string; password: string; role: Role }): Promise<UserEntity> {
    const passwordHash = await this.hasher.hash(input.password);
    try {
      return await this.users.save(this.users.create({ username: input.username, email: input.email, role: input.role, passwordHash }));
    } catch (err) {
      if ((err as { code?: string }).code === UNIQUE_VIOLATION) throw Conflict('Username or email is already registered');
      throw err;
    }
  }

  findActive(id: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id, isActive: true });
  }

  findByUsername(username: string): Promise<UserEntity | null> {
    return this.users.createQueryBuilder('u').where('lower(u.username) = lower(:username)', { username }).getOne();
  }

  async updatePasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.users.update({ id }, { passwordHash });
  }
}
