import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

export class SetBalanceDto {
  @ApiProperty({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, example: 100000, description: 'integer cents' })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  balanceCents!: number;
}

export class AccountResponse {
  @ApiProperty() customerId!: string;
  @ApiProperty({ description: 'integer cents' }) balanceCents!: number;
}
