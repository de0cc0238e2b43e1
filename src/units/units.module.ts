import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Unit } from './entities/unit.entity';
import { ScopeService } from './scope.service';

@Module({
  imports: [TypeOrmModule.forFeature([Unit])],
  providers: [ScopeService],
  exports: [ScopeService, TypeOrmModule],
})
export class UnitsModule {}
