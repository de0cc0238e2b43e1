import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { Repository } from 'typeorm';
import { PasswordService } from '../auth/password.service';
import { ContentBootstrapService } from '../content/content-bootstrap.service';
import { AppConfig } from '../config/app-config';
import { TransactionRunner } from '../database/transaction-runner';
import { Unit } from '../units/entities/unit.entity';
import { User } from '../users/entities/user.entity';
import { openMemberships } from '../units/membership/record-membership';
import { DemoActivityService } from './demo-activity.service';
import { DemoSessionsService } from './demo-sessions.service';
import { CapabilityService } from '../scoring/capability.service';
import { IndicatorsService } from '../scoring/indicators/indicators.service';
import { currentPeriods } from '../scoring/indicators/periods';
import { DEMO_ACCOUNTS, DEMO_UNITS, demoOfficers } from './demo-organisation';

/**
 * On an empty database (no users), creates the demo bureau and one account per role, and prints the
 * credentials. On by default in development only (DEMO_DATA=auto); production needs DEMO_DATA=true.
 */
@Injectable()
export class DemoSeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoData');

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly passwords: PasswordService,
    private readonly tx: TransactionRunner,
    private readonly config: AppConfig,
    private readonly content: ContentBootstrapService,
    private readonly activity: DemoActivityService,
    private readonly sessionsDemo: DemoSessionsService,
    private readonly capability: CapabilityService,
    private readonly indicators: IndicatorsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demoDataEnabled) return;
    if ((await this.users.count()) > 0) return;
    const units = await this.seed();
    await this.content.onApplicationBootstrap(); // the courses must be there before activity on them
    await this.activity.seed(units.get('bureau') as string, units.get('shipai') as string);
    // Demo sessions are a convenience: if they cannot be made (say, a course is missing), start anyway.
    await this.sessionsDemo
      .seed(units)
      .catch((error: unknown) => this.logger.warn(`Demo sessions skipped: ${String(error)}`));
    // Scores and this month's stored indicators at once (the queue would score within seconds, and the
    // monthly trend is stored by the nightly run): the reports have numbers on the first visit.
    await this.capability
      .scoreAll()
      .then(() => this.indicators.aggregate(currentPeriods(new Date())))
      .catch((error: unknown) => this.logger.warn(`Demo scores not computed: ${String(error)}`));
  }

  /** Creates the demo units and people; returns unit ids by their key in DEMO_UNITS. */
  async seed(): Promise<Map<string, string>> {
    const password = this.config.get('DEMO_PASSWORD');
    const passwordHash = await this.passwords.hash(password);
    // The demo bureau has existed (and its people have belonged to it) since the start of last year,
    // so its past activity and last year's report have a unit and officers to belong to.
    const since = new Date(Date.UTC(new Date().getUTCFullYear() - 1, 0, 1) - 8 * 3600_000);
    const unitIds = new Map<string, string>();
    const units: Partial<Unit>[] = [];
    for (const u of DEMO_UNITS) {
      const id = randomUUID();
      const parent = u.parent ? units.find((x) => x.id === unitIds.get(u.parent as string)) : undefined;
      unitIds.set(u.key, id);
      units.push({
        id,
        name: u.name,
        kind: u.kind,
        parentId: parent?.id ?? null,
        path: `${parent?.path ?? '/'}${id}/`,
        createdAt: since,
      });
    }
    const people = [...DEMO_ACCOUNTS, ...demoOfficers()].map((p) => ({
      id: randomUUID(),
      username: p.username,
      name: p.name,
      role: p.role,
      unitId: unitIds.get(p.unit) as string,
      passwordHash,
    }));
    await this.tx.run(async (em) => {
      await em.insert(Unit, units);
      await em.insert(User, people);
      await openMemberships(em, people, since);
    });
    const accounts = DEMO_ACCOUNTS.map((a) => `  ${a.username.padEnd(8)} (${a.role})`).join('\n');
    this.logger.warn(
      `Demo data created: ${units.length} units, ${people.length} users.\n` +
        `Demo accounts, all with the password "${password}":\n${accounts}\n` +
        `  officer01..officer30 (officer)`,
    );
    return unitIds;
  }
}
