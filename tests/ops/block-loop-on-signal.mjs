// Loaded into the server process by the sd_notify test (NODE_OPTIONS=--import): SIGUSR2 blocks the event loop
// for BLOCK_LOOP_MS, as a runaway synchronous computation would. Signal handlers run on the event loop.
process.on('SIGUSR2', () => {
  const end = Date.now() + Number(process.env.BLOCK_LOOP_MS ?? 1500);
  while (Date.now() < end);
});
