import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { validateConsoleEnv } from './console-env';
import { LiveState } from './live/live-state.service';
import { SnapshotReader } from './live/snapshot.reader';
import { StreamController } from './live/stream.controller';
import { ConsoleOrdersController } from './orders/console-orders.controller';
import { Placements } from './orders/placements.service';
import { ShopClient } from './shop.client';

/** The live console: no database and no broker, only the services' HTTP APIs and a page. */
@Module({
  imports: [ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: validateConsoleEnv })],
  controllers: [StreamController, ConsoleOrdersController],
  providers: [ShopClient, Placements, SnapshotReader, LiveState],
})
export class ConsoleModule {}
