// A failure the caller can act on, answered as the hall answers: {"error": {"code", "message", …extra}}.
export class DistrictFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
