#!/usr/bin/env node
// The `fireflow` command. Sources are TypeScript run through tsx, so there is no build step to forget.
import { register } from 'tsx/esm/api';
import { applyGcFlags } from './gc-flags.mjs';

applyGcFlags();
register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
// Once the command has returned, nothing it left behind may hold the process open: a Redis client of a library
// (BullMQ's blocking connection) keeps reconnecting to a Redis that is gone, so SIGTERM would never end it.
setTimeout(() => process.exit(), 1_000).unref();
