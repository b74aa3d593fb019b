import type { Redis } from 'ioredis';

/** CPU the Redis server has used, in seconds (from `INFO cpu`): user, system (its syscalls: network, AOF), and both. */
export async function redisCpu(client: Redis): Promise<{ user: number; sys: number; all: number }> {
  const info = await client.info('cpu');
  const value = (name: string) => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)?.[1] ?? 0);
  const user = value('used_cpu_user');
  const sys = value('used_cpu_sys');
  return { user, sys, all: user + sys };
}

/** CPU the Redis server has used (user + system), in seconds. */
export async function redisCpuSeconds(client: Redis): Promise<number> {
  return (await redisCpu(client)).all;
}
