#!/usr/bin/env node
// `pnpm bench`: the Fireflow benchmark suite (bench/main.ts), run through tsx like the `fireflow` command.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../../../bench/main.ts');
process.exitCode = await main(process.argv.slice(2));
