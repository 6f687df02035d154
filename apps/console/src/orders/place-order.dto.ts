import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { FAULTS, FaultId, PlaceOrderRequest } from '../console-api';

const IDENTIFIER = /^[A-Za-z0-9._:-]{1,64}$/;

export class PlaceOrderDto implements PlaceOrderRequest {
  @IsString() @Matches(IDENTIFIER) customerId!: string;
  @IsString() @Matches(IDENTIFIER) sku!: string;
  @IsInt() @Min(1) @Max(1000) quantity!: number;
  @IsInt() @Min(0) @Max(10_000_000) unitPriceCents!: number;
  @IsOptional() @IsIn(FAULTS.map((fault) => fault.id)) fault?: FaultId;
}

export class BurstDto {
  @IsString() @Matches(IDENTIFIER) customerId!: string;
  @IsString() @Matches(IDENTIFIER) sku!: string;
  @IsInt() @Min(0) @Max(10_000_000) unitPriceCents!: number;
  @IsInt() @Min(1) @Max(200) count!: number;
}
