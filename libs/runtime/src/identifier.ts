import { applyDecorators, ArgumentMetadata, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { IsString, Length, Matches } from 'class-validator';

/** An identifier from a client (sku, customer id): 1-64 characters, letters, digits and . _ : - */
export const IDENTIFIER_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

/** The identifier rule for a body field. */
export const IsIdentifier = () =>
  applyDecorators(
    IsString(),
    Length(1, 64),
    Matches(IDENTIFIER_PATTERN, { message: '$property may contain only letters, digits and . _ : -' }),
  );

/** The identifier rule for a path or query parameter: 400 naming the parameter. */
@Injectable()
export class IdentifierPipe implements PipeTransform<unknown, string> {
  transform(value: unknown, metadata: ArgumentMetadata): string {
    if (typeof value === 'string' && IDENTIFIER_PATTERN.test(value)) return value;
    const field = metadata.data ?? 'parameter';
    throw new BadRequestException({
      code: 'VALIDATION_FAILED',
      message: [`${field} must be 1 to 64 letters, digits or . _ : - (starting with a letter or digit)`],
      fields: [field],
    });
  }
}
