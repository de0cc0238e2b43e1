import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { UsersModule } from '../users/users.module';
import { DemoSeedService } from './demo-seed.service';

@Module({
  imports: [UsersModule, AuthModule],
  providers: [DemoSeedService],
  exports: [DemoSeedService],
})
export class DemoModule {}
