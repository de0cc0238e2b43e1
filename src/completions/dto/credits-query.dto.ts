import { OptionalYear } from '../../common/dto/year-query';

export class CreditsQueryDto {
  @OptionalYear('Calendar year in Asia/Shanghai; default: this year')
  year?: number;
}
