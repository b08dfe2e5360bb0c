// A failure the caller can act on: HTTP status, a stable code and a Chinese message for a person.
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: string[],
    /** Extra machine-readable fields, e.g. the existing ticket when a person already has one. */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new ApiFailure(404, 'not-found', `${what}不存在`);
