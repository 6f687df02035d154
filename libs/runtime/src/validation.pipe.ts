import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

/** Unknown fields are rejected, types are not coerced, and every message names its field path (items[0].sku). */
export function strictValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => {
      const problems = flatten(errors);
      return new BadRequestException({
        code: 'VALIDATION_FAILED',
        message: problems.map((p) => p.message),
        fields: [...new Set(problems.map((p) => p.field))],
      });
    },
  });
}

function flatten(errors: ValidationError[], parent = ''): Array<{ field: string; message: string }> {
  return errors.flatMap((error) => {
    const field = !parent
      ? error.property
      : /^\d+$/.test(error.property)
        ? `${parent}[${error.property}]`
        : `${parent}.${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((text) => ({
      field,
      message: text.replace(new RegExp(`^(property )?${escape(error.property)}\\b`), field),
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
