import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { NoticeFollowUpService } from './notice-follow-up.service';
import { NOTICES_QUEUE } from './notices.service';

@Processor(NOTICES_QUEUE)
export class NoticesProcessor {
  constructor(private readonly followUp: NoticeFollowUpService) {}

  @Process('remind-unread')
  remind(job: Job<{ noticeId: string }>): Promise<number> {
    return this.followUp.sendReminders(job.data.noticeId);
  }
}
