import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIdentifier } from '@app/runtime';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  Max,
  Min,
  ValidateNested,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
  Validate,
} from 'class-validator';

export const ORDER_LIMITS = { maxItems: 100, maxQuantity: 1000, maxUnitPriceCents: 1_000_000_000 } as const;

export class OrderItemDto {
  @ApiProperty({ example: 'SKU-1', maxLength: 64 })
  @IsIdentifier()
  sku!: string;

  @ApiProperty({ minimum: 1, maximum: ORDER_LIMITS.maxQuantity, example: 2 })
  @IsInt()
  @Min(1)
  @Max(ORDER_LIMITS.maxQuantity)
  quantity!: number;

  @ApiProperty({ minimum: 0, maximum: ORDER_LIMITS.maxUnitPriceCents, example: 1299, description: 'integer cents' })
  @IsInt()
  @Min(0)
  @Max(ORDER_LIMITS.maxUnitPriceCents)
  unitPriceCents!: number;
}

@ValidatorConstraint({ name: 'uniqueSkus' })
class UniqueSkus implements ValidatorConstraintInterface {
  validate(items: unknown): boolean {
    if (!Array.isArray(items)) return true;
    const skus = items.map((item) => (item as { sku?: unknown })?.sku);
    return new Set(skus).size === skus.length;
  }

  defaultMessage(args: ValidationArguments): string {
    return `${args.property} must not list the same sku twice (put the total quantity on one line)`;
  }
}

export class CreateOrderDto {
  @ApiProperty({ example: 'alice', maxLength: 64 })
  @IsIdentifier()
  customerId!: string;

  @ApiProperty({ type: [OrderItemDto], minItems: 1, maxItems: ORDER_LIMITS.maxItems })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ORDER_LIMITS.maxItems)
  @ValidateNested({ each: true })
  @Validate(UniqueSkus)
  @Type(() => OrderItemDto)
  items!: OrderItemDto[];
}
