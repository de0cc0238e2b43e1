import { Controller, Get, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CurrentUser } from '../auth/decorators/auth.decorators';
import type { Principal } from '../auth/principal';
import { HomeService } from './home.service';

/** `/`: a home page for each role. */
@ApiExcludeController()
@Controller()
export class HomeController {
  constructor(private readonly home: HomeService) {}

  @Get()
  @Render('home/index')
  async index(@CurrentUser() me: Principal) {
    return { title: '首页', ...(await this.home.forUser(me)) };
  }
}
