import { HttpException, HttpStatus } from '@nestjs/common';

export interface FieldProblem {
  readonly path: string;
  readonly message: string;
}

/** The one error body of the HTTP API: { error: { code, message, fields? } } (API.md). */
export class ApiError extends HttpException {
  constructor(
    status: HttpStatus,
    readonly code: string,
    message: string,
    readonly fields?: readonly FieldProblem[],
    readonly extra?: Readonly<Record<string, unknown>>,
  ) {
    super(
      { error: { code, message, ...(fields === undefined ? {} : { fields }), ...(extra ?? {}) } },
      status,
    );
    // HttpException would name the class here; keep the human sentence for logs and gRPC.
    this.message = message;
  }

  static badRequest(message: string, fields?: readonly FieldProblem[]): ApiError {
    return new ApiError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', message, fields);
  }

  static field(path: string, message: string): ApiError {
    return ApiError.badRequest(`${path}: ${message}`, [{ path, message }]);
  }
}
