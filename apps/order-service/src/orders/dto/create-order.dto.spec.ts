import { BadRequestException } from '@nestjs/common';
import { strictValidationPipe } from '@app/runtime/validation.pipe';
import { CreateOrderDto } from './create-order.dto';

const pipe = strictValidationPipe();
const validate = (body: unknown) => pipe.transform(body, { type: 'body', metatype: CreateOrderDto });
const anItem = (overrides: Record<string, unknown> = {}) => ({
  sku: 'SKU-1',
  quantity: 1,
  unitPriceCents: 100,
  ...overrides,
});
const anOrder = (overrides: Record<string, unknown> = {}) => ({ customerId: 'alice', items: [anItem()], ...overrides });

async function fieldsRejected(body: unknown): Promise<string[]> {
  try {
    await validate(body);
  } catch (error) {
    if (error instanceof BadRequestException) return (error.getResponse() as { fields: string[] }).fields;
    throw error;
  }
  throw new Error('accepted');
}

describe('CreateOrderDto validation', () => {
  it('accepts a valid order', async () => {
    await expect(validate(anOrder())).resolves.toBeInstanceOf(CreateOrderDto);
  });

  it.each([
    ['missing customerId', anOrder({ customerId: undefined }), 'customerId'],
    ['empty customerId', anOrder({ customerId: '' }), 'customerId'],
    ['customerId of another type', anOrder({ customerId: 42 }), 'customerId'],
    ['unknown top-level field', anOrder({ coupon: 'FREE' }), 'coupon'],
    ['missing items', anOrder({ items: undefined }), 'items'],
    ['no items', anOrder({ items: [] }), 'items'],
    ['too many items', anOrder({ items: Array.from({ length: 101 }, (_, i) => anItem({ sku: `S${i}` })) }), 'items'],
    ['the same sku twice', anOrder({ items: [anItem(), anItem()] }), 'items'],
    ['zero quantity', anOrder({ items: [anItem({ quantity: 0 })] }), 'items[0].quantity'],
    ['negative quantity', anOrder({ items: [anItem({ quantity: -1 })] }), 'items[0].quantity'],
    ['quantity over 1000', anOrder({ items: [anItem({ quantity: 1001 })] }), 'items[0].quantity'],
    ['quantity as a string', anOrder({ items: [anItem({ quantity: '2' })] }), 'items[0].quantity'],
    ['fractional price', anOrder({ items: [anItem({ unitPriceCents: 1.5 })] }), 'items[0].unitPriceCents'],
    ['negative price', anOrder({ items: [anItem({ unitPriceCents: -1 })] }), 'items[0].unitPriceCents'],
    ['price over 10^9', anOrder({ items: [anItem({ unitPriceCents: 1_000_000_001 })] }), 'items[0].unitPriceCents'],
    ['unknown item field', anOrder({ items: [anItem({ color: 'red' })] }), 'items[0].color'],
    ['item that is not an object', anOrder({ items: ['SKU-1'] }), 'items[0]'],
  ])('rejects %s, naming the field', async (_case, body, field) => {
    expect(await fieldsRejected(body)).toContain(field);
  });

  it('names the field in the message itself', async () => {
    await expect(validate(anOrder({ items: [anItem({ quantity: 0 })] }))).rejects.toMatchObject({
      response: { message: ['items[0].quantity must not be less than 1'] },
    });
  });
});
