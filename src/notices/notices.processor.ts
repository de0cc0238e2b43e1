import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { NOTICES_QUEUE, NoticesService } from './notices.service';

@Processor(NOTICES_QUEUE)
export class NoticesProcessor {
  constructor(private readonly notices: NoticesService) {}

  @Process('remind-unread')
  remind(job: Job<{ noticeId: string }>): Promise<number> {
    return this.notices.sendReminders(job.data.noticeId);
  }
}
