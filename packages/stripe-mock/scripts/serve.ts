/** `tsx scripts/serve.ts [--port 12111] [--host] [--latency MS]`: the CLI without the fireflow wrapper. */
import { runStripeMockCommand } from '../src/index.ts';

process.exitCode = await runStripeMockCommand(process.argv.slice(2));
