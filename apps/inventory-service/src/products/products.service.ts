import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ServiceError } from '@app/runtime';
import { Product } from './product.entity';

export class ProductNotFoundError extends ServiceError {
  readonly code = 'PRODUCT_NOT_FOUND';
  readonly httpStatus = 404;
  constructor(sku: string) {
    super(`product ${sku} not found`);
  }
}

@Injectable()
export class ProductsService {
  constructor(@InjectRepository(Product) private readonly products: Repository<Product>) {}

  /** Sets the units on sale; what orders hold (reserved) or took (sold) is left as it is. */
  async setStock(sku: string, stock: number): Promise<Product> {
    await this.products
      .createQueryBuilder()
      .insert()
      .values({ sku, available: stock, reserved: 0, sold: 0 })
      .orUpdate(['available'], ['sku'])
      .execute();
    return this.getProduct(sku);
  }

  /** The most recently changed products first (the live console shows them). */
  recentProducts(limit: number): Promise<Product[]> {
    return this.products.find({ order: { updatedAt: 'DESC', sku: 'ASC' }, take: limit });
  }

  async getProduct(sku: string): Promise<Product> {
    const product = await this.products.findOneBy({ sku });
    if (!product) throw new ProductNotFoundError(sku);
    return product;
  }
}
