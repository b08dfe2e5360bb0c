// The wire protocol (errors): types that cross HTTP or the WebSocket, shared by the server and the pages.
// No Node imports and nothing outside server/contract/ (docs/architecture.md, "the contract rule").

// ---- errors ---------------------------------------------------------------------------------------

export interface ApiError {
  error: { code: string; message: string; details?: string[] };
}
