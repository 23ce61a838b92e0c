/**
 * Loaded into WXT's process by `npm run dev` (node --import). An error nothing caught there,
 * such as the browser runner losing a Chromium that could not start ("read ECONNRESET"),
 * ends WXT with one sentence and exit code 75 instead of a stack trace; dev.ts then keeps the
 * backend running and starts WXT again without a browser.
 */
const stop = (error) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`\nWXT stopped: ${message}`);
  process.exit(75);
};
process.on('uncaughtException', stop);
process.on('unhandledRejection', stop);
