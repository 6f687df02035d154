import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import { IdentifierPipe, LimitQuery } from '@app/runtime';
import { ProductResponse, SetStockDto } from './dto/set-stock.dto';
import { ProductsService } from './products.service';

@ApiTags('products')
@Controller('products')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  @Put(':sku')
  @ApiResponse({ status: 200, type: ProductResponse })
  @ApiResponse({ status: 400, description: 'invalid sku or stock; the message names the field' })
  async setStock(@Param('sku', IdentifierPipe) sku: string, @Body() dto: SetStockDto): Promise<ProductResponse> {
    return view(await this.products.setStock(sku, dto.stock));
  }

  @Get()
  @ApiResponse({ status: 200, type: [ProductResponse], description: 'the most recently changed products first' })
  async recentProducts(@Query() query: LimitQuery): Promise<ProductResponse[]> {
    return (await this.products.recentProducts(query.limit)).map(view);
  }

  @Get(':sku')
  @ApiResponse({ status: 200, type: ProductResponse })
  @ApiResponse({ status: 404, description: 'unknown sku' })
  async getProduct(@Param('sku', IdentifierPipe) sku: string): Promise<ProductResponse> {
    return view(await this.products.getProduct(sku));
  }
}

const view = ({ sku, available, reserved, sold }: ProductResponse): ProductResponse => ({
  sku,
  available,
  reserved,
  sold,
});
