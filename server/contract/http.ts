// The wire protocol (http): types that cross HTTP or the WebSocket, shared by the server and the pages.
// No Node imports and nothing outside server/contract/ (docs/architecture.md, "the contract rule").

// ---- HTTP ---------------------------------------------------------------------------------------

/** Largest HTTP JSON body the server accepts. */
export const MAX_BODY_BYTES = 64 * 1024;
