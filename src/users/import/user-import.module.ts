import { BullModule } from '@nestjs/bull';
import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../../audit/audit.module';
import { PasswordModule } from '../../auth/password.module';
import { Unit } from '../../units/entities/unit.entity';
import { UnitMembership } from '../../units/membership/unit-membership.entity';
import { UserImport } from '../entities/user-import.entity';
import { User } from '../entities/user.entity';
import { RowSealer } from './sealed-rows';
import { UserImportProcessor } from './user-import.processor';
import { USER_IMPORT_QUEUE } from './user-import.queue';
import { UserImportService } from './user-import.service';

/**
 * The CSV import of users without its HTTP side: UsersModule serves the API and pages, and the
 * worker process (`npm run start:worker`) loads it with `worker: true` to run the queued imports.
 */
@Module({})
export class UserImportModule {
  static register(options: { worker: boolean }): DynamicModule {
    return {
      module: UserImportModule,
      imports: [
        TypeOrmModule.forFeature([User, Unit, UserImport, UnitMembership]),
        BullModule.registerQueue({ name: USER_IMPORT_QUEUE }),
        AuditModule,
        PasswordModule,
      ],
      providers: [RowSealer, UserImportService, ...(options.worker ? [UserImportProcessor] : [])],
      exports: [UserImportService],
    };
  }
}
