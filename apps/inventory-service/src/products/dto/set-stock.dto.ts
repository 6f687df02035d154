import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

export class SetStockDto {
  @ApiProperty({ minimum: 0, maximum: 1_000_000_000, example: 10, description: 'units available for sale' })
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  stock!: number;
}

export class ProductResponse {
  @ApiProperty() sku!: string;
  @ApiProperty({ description: 'on sale now' }) available!: number;
  @ApiProperty({ description: 'held by orders not yet confirmed or cancelled' }) reserved!: number;
  @ApiProperty({ description: 'taken by confirmed orders' }) sold!: number;
}
