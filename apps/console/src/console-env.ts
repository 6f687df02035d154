import { plainToInstance } from 'class-transformer';
import { IsInt, IsNotEmpty, IsString, Max, Min, validateSync } from 'class-validator';

/** The console's environment; defaults suit the local stack (npm run stack:up). */
export class ConsoleEnv {
  @IsInt() @Min(1) @Max(65535) PORT: number = 3000;
  @IsString() @IsNotEmpty() HOST: string = '127.0.0.1';
  @IsString() @IsNotEmpty() ORDER_SERVICE_URL: string = 'http://127.0.0.1:3001';
  @IsString() @IsNotEmpty() INVENTORY_SERVICE_URL: string = 'http://127.0.0.1:3002';
  @IsString() @IsNotEmpty() PAYMENT_SERVICE_URL: string = 'http://127.0.0.1:3003';
  /** How often the server reads the services and pushes what changed to the pages. */
  @IsInt() @Min(200) @Max(60000) REFRESH_MS: number = 1000;
}

/** Refuses to start on a bad variable, naming it. */
export function validateConsoleEnv(raw: Record<string, unknown>): ConsoleEnv {
  const env = plainToInstance(ConsoleEnv, raw, { enableImplicitConversion: true, exposeDefaultValues: true });
  const errors = validateSync(env);
  if (errors.length > 0) {
    const details = errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join(', ')}`);
    throw new Error(`Invalid environment: ${details.join('; ')}`);
  }
  return env;
}
