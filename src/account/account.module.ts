import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { User } from '../users/entities/user.entity';
import { AccountPagesController } from './account-pages.controller';
import { AccountController } from './account.controller';
import { AccountService } from './account.service';

/** The signed-in user's own account (password). First-sign-in enforcement is PasswordChangeGuard in auth/. */
@Module({
  imports: [TypeOrmModule.forFeature([User]), AuditModule, AuthModule],
  controllers: [AccountController, AccountPagesController],
  providers: [AccountService],
})
export class AccountModule {}
