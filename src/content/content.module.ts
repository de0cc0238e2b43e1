import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { ContentBootstrapService } from './content-bootstrap.service';
import { CONTENT_ENTITIES } from './entities';
import { ContentImportStatusService } from './import/content-import-status.service';
import { ContentImportService } from './import/content-import.service';
import { ContentPagesController } from './content-pages.controller';

/** Content as code: the importer (also run at start) over the content entities. */
@Module({
  imports: [TypeOrmModule.forFeature(CONTENT_ENTITIES), AuditModule],
  controllers: [ContentPagesController],
  providers: [ContentImportService, ContentBootstrapService, ContentImportStatusService],
  exports: [ContentImportService, ContentBootstrapService, ContentImportStatusService, TypeOrmModule],
})
export class ContentModule {}
