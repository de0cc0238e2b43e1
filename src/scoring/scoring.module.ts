import { BullModule } from '@nestjs/bull';
import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { AuditModule } from '../audit/audit.module';
import { OutboxModule } from '../outbox/outbox.module';
import { UnitsModule } from '../units/units.module';
import { CapabilityPagesController } from './capability-pages.controller';
import { CapabilityService } from './capability.service';
import { ItemCalibrationService } from './item-calibration.service';
import {
  IndicatorImport,
  IndicatorNote,
  IndicatorPeriod,
  IndicatorTarget,
} from './entities/indicator-rows.entity';
import { ScoringRun } from './entities/scoring-run.entity';
import { IndicatorsController } from './indicators/indicators.controller';
import { IndicatorsPagesController } from './indicators/indicators-pages.controller';
import { IndicatorsPageService } from './indicators/indicators-page.service';
import { IndicatorsService } from './indicators/indicators.service';
import { IndicatorImportService } from './indicators/indicator-import.service';
import { IndicatorNotesService } from './indicators/indicator-notes.service';
import { IndicatorPeriodsService } from './indicators/indicator-periods.service';
import { IndicatorTargetsService } from './indicators/indicator-targets.service';
import { PeriodEndScoresService } from './period-end-scores.service';
import { IndicatorImportPagesController } from './indicators/indicator-import-pages.controller';
import { IndicatorTargetsPagesController } from './indicators/indicator-targets-pages.controller';
import { IndicatorAdminPageService } from './indicators/indicator-admin-page.service';
import { NightlyScheduleService } from './nightly-schedule.service';
import { OutboxRelayService } from './outbox-relay.service';
import { QueueCanaryService } from './queue-canary.service';
import { ScoringController } from './scoring.controller';
import { ScoringPagesController } from './scoring-pages.controller';
import { ScoringProcessor } from './scoring.processor';
import { ScoringRunsService } from './scoring-runs.service';
import { SCORING_QUEUE, ScoringQueue } from './scoring.queue';
import { WorkerPresenceService } from './worker-presence.service';

export interface ScoringModuleOptions {
  /** Run the queue worker (processor, canary, nightly schedule) in this process. */
  worker: boolean;
  /** Serve the API and pages (false in the worker process). */
  http: boolean;
}

export { workerInApp } from '../queue/worker-in-app';

/**
 * Capability scoring and quality indicators (issue 11, docs/scoring.md). Global, so /health can read
 * the queue state. The outbox relay runs in every process that loads this module; each pass claims
 * its rows in the database first, so the processes never relay the same event.
 */
@Module({})
export class ScoringModule {
  static register(options: ScoringModuleOptions): DynamicModule {
    return {
      module: ScoringModule,
      global: true,
      imports: [
        TypeOrmModule.forFeature([
          ScoringRun,
          IndicatorTarget,
          IndicatorImport,
          IndicatorPeriod,
          IndicatorNote,
        ]),
        BullModule.registerQueue({ name: SCORING_QUEUE }),
        AuditModule,
        OutboxModule,
        UnitsModule,
      ],
      controllers: options.http
        ? [
            CapabilityPagesController,
            ScoringController,
            ScoringPagesController,
            IndicatorsController,
            IndicatorsPagesController,
            IndicatorImportPagesController,
            IndicatorTargetsPagesController,
          ]
        : [],
      providers: [
        ScoringQueue,
        CapabilityService,
        ItemCalibrationService,
        ScoringRunsService,
        IndicatorsService,
        IndicatorsPageService,
        IndicatorAdminPageService,
        IndicatorImportService,
        IndicatorNotesService,
        IndicatorPeriodsService,
        IndicatorTargetsService,
        PeriodEndScoresService,
        OutboxRelayService,
        {
          provide: QueueCanaryService,
          inject: [ScoringQueue, AppConfig, NightlyScheduleService],
          useFactory: (q: ScoringQueue, config: AppConfig, nightly: NightlyScheduleService) =>
            Object.assign(new QueueCanaryService(q, config, nightly), { enabled: options.worker }),
        },
        {
          provide: NightlyScheduleService,
          inject: [ScoringQueue, AppConfig],
          useFactory: (q: ScoringQueue, config: AppConfig) =>
            Object.assign(new NightlyScheduleService(q, config), { enabled: options.worker }),
        },
        {
          provide: WorkerPresenceService,
          inject: [ScoringQueue],
          useFactory: (q: ScoringQueue) =>
            Object.assign(new WorkerPresenceService(q), { local: options.worker }),
        },
        ...(options.worker ? [ScoringProcessor] : []),
      ],
      exports: [
        ScoringQueue,
        QueueCanaryService,
        WorkerPresenceService,
        CapabilityService,
        IndicatorsService,
        PeriodEndScoresService,
      ],
    };
  }
}
