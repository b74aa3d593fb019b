// Run with `node --import tsx`: proves the pool's worker bootstrap works outside vitest.
import { createSandboxPool } from '../pool.ts';
import { messages, task } from './tasks.ts';

const pool = await createSandboxPool({ threads: 2 });
const results = await Promise.all([0, 1, 2, 3].map((i) => pool.run(task(`print(${i})`))));
await pool.close();
process.stdout.write(JSON.stringify(results.map((result) => messages(result)[0])));
