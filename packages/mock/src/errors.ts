// Errors a resolver throws; graphql.ts turns them into AppSync-shaped entries with `errorType`.

export class ApiError extends Error {
  readonly errorType: string;
  constructor(errorType: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.errorType = errorType;
  }
}

export const NOT_FOUND_MESSAGE = 'Resource not found in move-ugc-api.';

export function notFound(): ApiError {
  return new ApiError('MoveNotFoundError', NOT_FOUND_MESSAGE);
}

export function badRequest(message: string): ApiError {
  return new ApiError('BadRequestException', message);
}
