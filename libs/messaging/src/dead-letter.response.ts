import { ApiProperty } from '@nestjs/swagger';

export class DeadLetterResponse {
  @ApiProperty() id!: number;
  @ApiProperty({ description: 'the consumer group that gave up on it' }) group!: string;
  @ApiProperty() eventId!: string;
  @ApiProperty() topic!: string;
  @ApiProperty({ description: 'the event type (message tag)' }) type!: string;
  @ApiProperty({ description: 'how often the handler ran before it was given up on' }) attempts!: number;
  @ApiProperty({ description: 'the failure that ended it (or its last replay), cut to 1000 characters' })
  lastError!: string;
  @ApiProperty() deadLetteredAt!: Date;
  @ApiProperty() replays!: number;
  @ApiProperty({ nullable: true, type: Date }) lastReplayAt!: Date | null;
  @ApiProperty({ nullable: true, enum: ['handled', 'already_handled', 'failed', 'unavailable'] })
  lastReplayOutcome!: string | null;
}

export class DeadLetterDetailResponse extends DeadLetterResponse {
  @ApiProperty({ description: 'the message body as received (UTF-8)' }) body!: string;
}

export class ReplayResponse {
  @ApiProperty({ enum: ['handled'] }) outcome!: 'handled';
  @ApiProperty({ description: 'its dedup record existed before the replay, so the replay changed nothing' })
  alreadyHandled!: boolean;
}
