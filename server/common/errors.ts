// A failure the caller can act on: a stable code (ErrorCode, server/contract/errors.ts), a Chinese message for a
// person, optional details and extra machine-readable fields. Stores and rules throw it without knowing HTTP:
// the HTTP layer answers with the status from its one table (server/http/error-status.ts).
import type { ErrorCode } from '../contract/errors.ts';

export class DomainError extends Error {
  /**
   * Set only where one code has historically answered with two statuses (the API keeps them identical):
   * 'wrong-window' is 403 (not your window) but 409 for a ticket whose category the window does not serve,
   * 'unknown-matter' is 404 but 400 in a ticket request, 'extension-too-late' is 400 but 409 when printing.
   */
  legacyStatus?: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: string[],
    /** Extra machine-readable fields, e.g. the existing ticket when a person already has one. */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }

  static withLegacyStatus(
    status: number,
    code: ErrorCode,
    message: string,
    details?: string[],
    extra?: Record<string, unknown>,
  ): DomainError {
    const e = new DomainError(code, message, details, extra);
    e.legacyStatus = status;
    return e;
  }
}

export const notFound = (what: string) => new DomainError('not-found', `${what}不存在`);
