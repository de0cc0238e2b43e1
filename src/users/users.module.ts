import { UnitMembership } from '../units/membership/unit-membership.entity';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { UnitsModule } from '../units/units.module';
import { UserImport } from './entities/user-import.entity';
import { User } from './entities/user.entity';
import { workerInApp } from '../queue/worker-in-app';
import { UserImportModule } from './import/user-import.module';
import { UserImportPagesController } from './pages/user-import-pages.controller';
import { UsersPagesController } from './pages/users-pages.controller';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([User, UserImport, UnitMembership]),
    UserImportModule.register({ worker: workerInApp() }),
    UnitsModule,
    AuditModule,
    AuthModule,
  ],
  // The import page comes first: /admin/users/import must not be taken for /admin/users/:id.
  controllers: [UsersController, UserImportPagesController, UsersPagesController],
  providers: [UsersService],
  exports: [TypeOrmModule, UsersService],
})
export class UsersModule {}
