import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { ContentBootstrapService } from './content-bootstrap.service';
import { CONTENT_ENTITIES } from './entities';
import { ContentImportService } from './import/content-import.service';

/** Content as code: the importer (also run at start) over the content entities. */
@Module({
  imports: [TypeOrmModule.forFeature(CONTENT_ENTITIES), AuditModule],
  providers: [ContentImportService, ContentBootstrapService],
  exports: [ContentImportService, ContentBootstrapService, TypeOrmModule],
})
export class ContentModule {}
