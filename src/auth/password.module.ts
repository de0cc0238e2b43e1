import { Module } from '@nestjs/common';
import { PasswordService } from './password.service';

/**
 * Password hashing on its own, so the worker process (user imports) shares the hash queue's design
 * without loading sign-in; the app has one PasswordService for both through AuthModule.
 */
@Module({
  providers: [PasswordService],
  exports: [PasswordService],
})
export class PasswordModule {}
