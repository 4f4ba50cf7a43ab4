import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { BuddieError } from '@buddie/domain';

const STATUS_BY_CODE: Record<string, number> = {
  INVALID_INPUT: 400,
  CONNECT_VALIDATION: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  UNSUPPORTED_MEDIA_TYPE: 415,
};

/** Framework errors (Nest's HttpException, Fastify's own) get the same stable codes as ours. */
const CODE_BY_STATUS: Record<number, string> = {
  400: 'INVALID_INPUT',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

interface ReplyLike {
  status(code: number): ReplyLike;
  send(body: unknown): void;
}

/**
 * The one global exception filter (DESIGN.md 8): typed errors become HTTP statuses with a stable
 * body `{ error: { code, message, details? } }`; anything unexpected is a 500 that leaks nothing.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<ReplyLike>();
    const { status, body } = this.translate(exception);
    if (status >= 500) this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    reply.status(status).send(body);
  }

  private translate(exception: unknown): { status: number; body: { error: { code: string; message: string; details?: unknown } } } {
    const codeOf = (exception as { code?: unknown })?.code;
    if (exception instanceof BuddieError || (typeof codeOf === 'string' && codeOf in STATUS_BY_CODE)) {
      const error = exception as Error & { code: string; details?: unknown; issues?: unknown };
      return {
        status: STATUS_BY_CODE[error.code] ?? (exception instanceof BuddieError && exception.permanent ? 400 : 503),
        body: { error: { code: error.code, message: error.message, details: error.details ?? error.issues } },
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const message =
        typeof response === 'string'
          ? response
          : Array.isArray((response as { message?: unknown }).message)
            ? ((response as { message: string[] }).message.join('; '))
            : String((response as { message?: unknown }).message ?? exception.message);
      const code = CODE_BY_STATUS[status] ?? `HTTP_${status}`;
      return { status, body: { error: { code, message } } };
    }
    // Fastify's own errors (body too large, bad JSON) carry statusCode.
    const fastifyStatus = (exception as { statusCode?: unknown })?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      const code = CODE_BY_STATUS[fastifyStatus] ?? 'INVALID_INPUT';
      return { status: fastifyStatus, body: { error: { code, message: (exception as Error).message } } };
    }
    return { status: 500, body: { error: { code: 'INTERNAL', message: 'Internal error' } } };
  }
}
