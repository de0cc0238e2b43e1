import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import {
  AssignmentManagementService,
  ASSIGNMENTS_QUEUE,
  REMIND_JOB,
  RemindJob,
} from './assignment-management.service';

/** Runs the reminder fan-out queued by AssignmentManagementService.remind. */
@Processor(ASSIGNMENTS_QUEUE)
export class AssignmentRemindersProcessor {
  constructor(private readonly management: AssignmentManagementService) {}

  @Process(REMIND_JOB)
  async remind(job: Job<RemindJob>): Promise<{ sent: number }> {
    return { sent: await this.management.sendReminders(job.data.assignmentId, job.data.claimId) };
  }
}
