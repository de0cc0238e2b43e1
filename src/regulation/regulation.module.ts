import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ContentCitation } from '../content/entities/citation.entity';
import { RegulationArticle } from '../content/entities/regulation-article.entity';
import { RegulationApiController } from './regulation-api.controller';
import { RegulationPagesController } from './regulation-pages.controller';
import { RegulationTextService } from './regulation-text.service';
import { RegulationService } from './regulation.service';

@Module({
  imports: [TypeOrmModule.forFeature([RegulationArticle, ContentCitation])],
  controllers: [RegulationApiController, RegulationPagesController],
  providers: [RegulationService, RegulationTextService],
  exports: [RegulationTextService, RegulationService],
})
export class RegulationModule {}
