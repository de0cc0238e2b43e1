import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsOptionalNotNull } from '../../common/dto/optional-not-null';
import { IsCleanText } from '../../common/validation/is-clean-text';
import { UNIT_KINDS, UnitKind } from '../entities/unit.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateUnitDto {
  @ApiProperty({ example: '甲街道' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @IsCleanText('单位名称')
  name: string;
  @ApiProperty({ enum: UNIT_KINDS, example: 'street' }) @IsIn(UNIT_KINDS) kind: UnitKind;
  @ApiPropertyOptional({ description: '上级单位；只有根单位（局）不填', nullable: true })
  @IsOptional()
  @IsUUID()
  parentId?: string | null;
}

export class UpdateUnitDto {
  @ApiPropertyOptional({ example: '甲街道' })
  @IsOptionalNotNull()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @IsCleanText('单位名称')
  name?: string;
}

export class MoveUnitDto {
  @ApiProperty({ format: 'uuid', description: '新的上级单位（不能是该单位自己或它的下级单位）' })
  @IsUUID()
  parentId: string;
}
