import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * Secrets a non-production process generated on first start (JWT signing, encryption) because the
 * environment did not set them. The first replica's INSERT wins; every other one reads the same row.
 */
@Entity('dev_secrets')
export class DevSecretEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  name: string;

  @Column({ type: 'text' })
  value: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
