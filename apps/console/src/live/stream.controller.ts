import { Controller, Get, OnModuleDestroy, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LiveState } from './live-state.service';

const ORDER_ID = /^[0-9A-Za-z-]{1,64}$/;
/** A comment line now and then keeps proxies from closing a quiet stream. */
const KEEPALIVE_MS = 15000;

@Controller()
export class StreamController implements OnModuleDestroy {
  private readonly open = new Set<FastifyReply>();

  constructor(private readonly live: LiveState) {}

  /** Open streams would hold the HTTP server open at shutdown: end them (the pages reconnect). */
  onModuleDestroy(): void {
    for (const reply of this.open) reply.raw.end();
  }

  /** Server-Sent Events: `snapshot` on every change, `timeline` for the watched order (?order=<id>). */
  @Get('api/stream')
  stream(@Query('order') order: string | undefined, @Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    reply.hijack();
    reply.raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
    });
    reply.raw.write('retry: 1000\n\n');
    this.open.add(reply);
    const unsubscribe = this.live.subscribe(order && ORDER_ID.test(order) ? order : undefined, (event, data) =>
      reply.raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`),
    );
    const keepalive = setInterval(() => reply.raw.write(': keepalive\n\n'), KEEPALIVE_MS);
    request.raw.on('close', () => {
      clearInterval(keepalive);
      unsubscribe();
      this.open.delete(reply);
    });
  }

  /** For the image's HEALTHCHECK and probes: the console itself answers (the services may be down). */
  @Get('health')
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
