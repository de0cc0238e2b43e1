import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { User } from '../users/entities/user.entity';
import { AuthPagesController } from './auth-pages.controller';
import { AuthSessionsService } from './auth-sessions.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { DeviceCookieService } from './device-cookie.service';
import { AuthSession } from './entities/auth-session.entity';
import { AuthGuard } from './guards/auth.guard';
import { PasswordChangeGuard } from './guards/password-change.guard';
import { LoginThrottleService } from './login-throttle.service';
import { PasswordModule } from './password.module';
import { SessionPrunerService } from './session-pruner.service';

@Module({
  imports: [TypeOrmModule.forFeature([AuthSession, User]), AuditModule, PasswordModule],
  controllers: [AuthController, AuthPagesController],
  providers: [
    AuthService,
    AuthSessionsService,
    LoginThrottleService,
    DeviceCookieService,
    SessionPrunerService,
    { provide: APP_GUARD, useClass: AuthGuard },
    // After AuthGuard (global guards run in this order): it reads the principal AuthGuard attached.
    { provide: APP_GUARD, useClass: PasswordChangeGuard },
  ],
  // LoginThrottleService: a password change checks the current password under the login limits.
  exports: [AuthSessionsService, PasswordModule, LoginThrottleService],
})
export class AuthModule {}
