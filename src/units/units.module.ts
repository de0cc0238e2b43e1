import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { User } from '../users/entities/user.entity';
import { Unit } from './entities/unit.entity';
import { UnitMembership } from './membership/unit-membership.entity';
import { ScopeService } from './scope.service';
import { UnitsPagesController } from './units-pages.controller';
import { UnitsController } from './units.controller';
import { UnitsService } from './units.service';

@Module({
  imports: [TypeOrmModule.forFeature([Unit, User, UnitMembership]), AuditModule],
  controllers: [UnitsController, UnitsPagesController],
  providers: [ScopeService, UnitsService],
  exports: [ScopeService, UnitsService, TypeOrmModule],
})
export class UnitsModule {}
