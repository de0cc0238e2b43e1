import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditPagesController } from './audit-pages.controller';
import { AuditController } from './audit.controller';
import { AuditPageService } from './audit-page.service';
import { AuditPresenter } from './audit-presenter.service';
import { AuditService } from './audit.service';
import { AuditLog } from './entities/audit-log.entity';

@Module({
  imports: [TypeOrmModule.forFeature([AuditLog])],
  controllers: [AuditController, AuditPagesController],
  providers: [AuditService, AuditPresenter, AuditPageService],
  exports: [AuditService],
})
export class AuditModule {}
