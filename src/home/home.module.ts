import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Unit } from '../units/entities/unit.entity';
import { User } from '../users/entities/user.entity';
import { HomeController } from './home.controller';
import { HomeService } from './home.service';

@Module({
  imports: [TypeOrmModule.forFeature([Unit, User])],
  controllers: [HomeController],
  providers: [HomeService],
})
export class HomeModule {}
