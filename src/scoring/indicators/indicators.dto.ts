import { IsIn, IsNotEmpty, IsNumber, IsOptional, IsString, IsUUID, Max, Min } from 'class-validator';

export class IndicatorQueryDto {
  @IsUUID() unitId: string;
  @IsString() @IsNotEmpty() period: string;
  @IsOptional() @IsIn(['own', 'subtree']) scope?: 'own' | 'subtree';
}

export class SetTargetDto {
  @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(100000) target: number;
}
