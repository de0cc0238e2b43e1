import { Module } from '@nestjs/common';
import { RegulationModule } from '../regulation/regulation.module';
import { SearchPagesController } from './search-pages.controller';
import { SearchController } from './search.controller';
import { SearchService } from './search.service';

/** Search across courses and lessons (the regulation has its own search at /regulation). */
@Module({
  imports: [RegulationModule],
  controllers: [SearchController, SearchPagesController],
  providers: [SearchService],
})
export class SearchModule {}
