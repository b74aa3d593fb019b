// `pnpm start -- --port N` hands the `--` through to the script; `pnpm start --port N` does not. Both mean
// `fireflow serve --port N`, so a leading `--` is dropped.
export function serveArgs(argv) {
  return argv[0] === '--' ? argv.slice(1) : argv;
}
