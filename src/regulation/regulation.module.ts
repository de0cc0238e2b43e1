import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { ContentCitation } from '../content/entities/citation.entity';
import { RegulationArticle } from '../content/entities/regulation-article.entity';
import { RegulationTextRow } from './entities/regulation-text.entity';
import { RegulationApiController } from './regulation-api.controller';
import { RegulationPagesController } from './regulation-pages.controller';
import { RegulationTextPagesController } from './regulation-text-pages.controller';
import { RegulationTextService } from './regulation-text.service';
import { RegulationService } from './regulation.service';

@Module({
  imports: [TypeOrmModule.forFeature([RegulationArticle, ContentCitation, RegulationTextRow]), AuditModule],
  controllers: [RegulationApiController, RegulationPagesController, RegulationTextPagesController],
  providers: [RegulationService, RegulationTextService],
  exports: [RegulationTextService, RegulationService],
})
export class RegulationModule {}
