import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { Notice, NoticeTarget } from './entities/notice.entity';
import { NoticeFollowUpService } from './notice-follow-up.service';
import { NoticesController } from './notices.controller';
import { NoticesPagesController } from './notices-pages.controller';
import { NoticesPageService } from './notices-page.service';
import { NoticesProcessor } from './notices.processor';
import { NOTICES_QUEUE, NoticesService } from './notices.service';

/** Notices (通知) to units, roles or officers, with read receipts and queued reminders. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Notice, NoticeTarget]),
    BullModule.registerQueue({ name: NOTICES_QUEUE }),
    AuditModule,
    NotificationsModule,
  ],
  controllers: [NoticesController, NoticesPagesController],
  providers: [NoticesService, NoticeFollowUpService, NoticesPageService, NoticesProcessor],
  exports: [NoticesService],
})
export class NoticesModule {}
