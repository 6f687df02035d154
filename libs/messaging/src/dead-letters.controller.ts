import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import { DeadLetterDetailResponse, DeadLetterResponse, ReplayResponse } from './dead-letter.response';
import { DeadLettersService } from './dead-letters.service';

/** Operator endpoints of a consuming service. Demo simplification: no authentication; keep them off the internet. */
@ApiTags('admin')
@Controller('admin/dead-letters')
export class DeadLettersController {
  constructor(private readonly deadLetters: DeadLettersService) {}

  @Get()
  @ApiResponse({ status: 200, type: [DeadLetterResponse], description: 'newest first, at most 200' })
  list(): Promise<DeadLetterResponse[]> {
    return this.deadLetters.list();
  }

  @Get(':id')
  @ApiResponse({ status: 200, type: DeadLetterDetailResponse })
  @ApiResponse({ status: 404, description: 'unknown id' })
  async deadLetter(@Param('id') id: string): Promise<DeadLetterDetailResponse> {
    const { body, ...letter } = await this.deadLetters.deadLetter(id);
    return { ...letter, body: body.toString('utf8') };
  }

  @Post(':id/replay')
  @HttpCode(200)
  @ApiResponse({ status: 200, type: ReplayResponse, description: 'handled now, or it had been already' })
  @ApiResponse({ status: 404, description: 'unknown id' })
  @ApiResponse({ status: 422, description: 'failed again (poison or refused); recorded as its last error' })
  @ApiResponse({
    status: 503,
    description: 'the database or broker is unavailable; retry later',
    headers: { 'Retry-After': { description: 'seconds to wait', schema: { type: 'integer' } } },
  })
  replay(@Param('id') id: string): Promise<ReplayResponse> {
    return this.deadLetters.replay(id);
  }
}
