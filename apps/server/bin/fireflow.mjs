#!/usr/bin/env node
// The `fireflow` command. Sources are TypeScript run through tsx, so there is no build step to forget.
import { register } from 'tsx/esm/api';
import { applyGcFlags } from './gc-flags.mjs';

applyGcFlags();
register();
const { main } = await import('../src/cli/main.ts');
const { exitQuietlyOnClosedPipe } = await import('../src/cli/pipe.ts');
exitQuietlyOnClosedPipe();
process.exitCode = await main(process.argv.slice(2));
