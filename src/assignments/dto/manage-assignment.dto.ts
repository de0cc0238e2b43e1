import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class ExtendDueDto {
  @ApiProperty({
    example: '2026-07-31',
    description:
      'A date (end of that day, Beijing time) or an ISO 8601 instant; later than the current due date',
  })
  @IsString()
  @MaxLength(40)
  dueAt: string;
}
