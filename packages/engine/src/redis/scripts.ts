import type { Redis } from 'ioredis';

/**
 * The run's bookkeeping as Lua, so each step is atomic: an event gets its id (a per-run counter) and its stream
 * entry in one go, so ids order events across workers; a unit of work completes at most once, so a job that runs
 * twice after a crash cannot double-count; the run settles exactly once, when its pending set empties.
 *
 * Events arrive as JSON text without `id`; the id is spliced in front (`{"id":7,` + the rest).
 */
const APPEND = `
local lines = {}
local first, last = 0, 0
local function add_entry(stream, maxlen, seq, body)
  if first == 0 then first = seq end
  last = seq
  local json = '{"id":' .. seq .. ',' .. body
  redis.call('XADD', stream, 'MAXLEN', '~', maxlen, seq .. '-0', 'e', json)
  lines[#lines + 1] = json
end
local function add_event(meta, stream, maxlen, body)
  local seq = redis.call('HINCRBY', meta, 'seq', 1)
  add_entry(stream, maxlen, seq, body)
  return seq
end
-- One HINCRBY reserves the ids of all the events at once.
local function append(meta, stream, maxlen, from, to)
  if to < from then return end
  local seq = redis.call('HINCRBY', meta, 'seq', to - from + 1) - (to - from)
  for i = from, to do add_entry(stream, maxlen, seq + i - from, string.sub(ARGV[i], 2)) end
end
local function announce(channel, run_id)
  if first > 0 then
    redis.call('PUBLISH', channel, first .. ' ' .. last .. ' ' .. run_id .. '\\n' .. table.concat(lines, '\\n'))
  end
end
`;

/**
 * The done set starts with an empty-string member so it exists, with its TTL, before any unit completes.
 * KEYS meta, events, pending, done, counts, active · ARGV channel, run_id, maxlen, ttl, bundle, bundle_digest,
 * flow_id, context_id, started, unit, events…
 */
const START = `${APPEND}
local meta, stream, pending, done, counts, active = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6]
if redis.call('EXISTS', meta) == 1 then return redis.error_reply('RUN_EXISTS run ' .. ARGV[2] .. ' already exists') end
local ttl = ARGV[4]
redis.call('HSET', meta, 'bundle', ARGV[5], 'bundle_digest', ARGV[6], 'flow_id', ARGV[7], 'context_id', ARGV[8], 'started', ARGV[9], 'seq', 0)
redis.call('EXPIRE', meta, ttl)
redis.call('SADD', pending, ARGV[10])
redis.call('EXPIRE', pending, ttl)
redis.call('SADD', done, '')
redis.call('EXPIRE', done, ttl)
redis.call('HSET', counts, 'executions', 0, 'failed_executions', 0, 'stripe_calls', 0, 'stripe_failures', 0)
redis.call('EXPIRE', counts, ttl)
append(meta, stream, ARGV[3], 11, #ARGV)
redis.call('EXPIRE', stream, ttl)
redis.call('ZADD', active, ARGV[9], ARGV[2])
announce(ARGV[1], ARGV[2])
return last
`;

/**
 * For the unit `owner` still running: appends its events and adds the units it is about to queue — before it
 * completes, so the pending set never empties early. A unit already done is not re-added. If the owner is no
 * longer pending (a re-run of finished work) or the run settled, nothing happens: a re-run leaves no trace.
 * KEYS meta, events, pending, done · ARGV channel, run_id, maxlen, owner, unit_count, units…, events…
 * → 'ok' | 'stale' (also for a run Redis no longer knows).
 */
const STAGE = `${APPEND}
local meta, stream, pending, done = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
if redis.call('SISMEMBER', pending, ARGV[4]) == 0 or redis.call('HEXISTS', meta, 'settled') == 1 then return 'stale' end
local n = tonumber(ARGV[5])
for i = 6, 5 + n do
  if redis.call('SISMEMBER', done, ARGV[i]) == 0 then redis.call('SADD', pending, ARGV[i]) end
end
append(meta, stream, ARGV[3], 6 + n, #ARGV)
announce(ARGV[1], ARGV[2])
return 'ok'
`;

/**
 * Appends the unit's last events and completes it, folding its count deltas — only if it is still pending, so a
 * re-run can neither double-count nor add events. The completion that empties the pending set appends
 * `run.settled` (guarded by HSETNX, so once) and returns it.
 * KEYS meta, events, pending, done, counts, active · ARGV channel, run_id, maxlen, unit, now, d_executions,
 * d_failed_executions, d_stripe_calls, d_stripe_failures, events… → { 'ok' | 'stale', settled JSON? }.
 */
const COMPLETE = `${APPEND}
local meta, stream, pending, done, counts, active = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6]
if redis.call('SREM', pending, ARGV[4]) == 0 then return { 'stale' } end
local run_id, now = ARGV[2], ARGV[5]
append(meta, stream, ARGV[3], 10, #ARGV)
redis.call('SADD', done, ARGV[4])
local fields = { 'executions', 'failed_executions', 'stripe_calls', 'stripe_failures' }
for i, field in ipairs(fields) do
  local delta = tonumber(ARGV[5 + i])
  if delta ~= 0 then redis.call('HINCRBY', counts, field, delta) end
end
local settled = nil
if redis.call('SCARD', pending) == 0 and redis.call('HEXISTS', meta, 'settled') == 0 then
  local c = redis.call('HMGET', counts, 'executions', 'failed_executions', 'stripe_calls', 'stripe_failures')
  local m = redis.call('HMGET', meta, 'context_id', 'started')
  local status = 'succeeded'
  if tonumber(c[2]) > 0 then status = 'failed' end
  add_event(meta, stream, ARGV[3], '"type":"run.settled","ts":' .. now .. ',"run_id":' .. cjson.encode(run_id)
    .. ',"context_id":' .. cjson.encode(m[1]) .. ',"status":"' .. status .. '","counts":{"executions":' .. c[1]
    .. ',"failed_executions":' .. c[2] .. ',"stripe_calls":' .. c[3] .. ',"stripe_failures":' .. c[4]
    .. '},"duration_ms":' .. string.format('%d', tonumber(now) - tonumber(m[2])) .. '}')
  settled = lines[#lines]
  redis.call('HSETNX', meta, 'settled', settled)
  redis.call('ZREM', active, run_id)
end
announce(ARGV[1], run_id)
return { 'ok', settled }
`;

/**
 * Before a job whose flow is not cached runs: 'unknown' (run expired or never started), 'stale' (unit done or run
 * settled), else 'ready' plus the flow snapshot and its digest (absent for runs stored before digests). One script,
 * not a pipeline: ioredis builds every pipeline anew from all scripts on the connection, which costs more than the
 * reads. KEYS meta, done · ARGV unit.
 */
const JOB_STATE = `
local m = redis.call('HMGET', KEYS[1], 'started', 'settled')
if not m[1] then return { 'unknown' } end
if m[2] or redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 1 then return { 'stale' } end
local b = redis.call('HMGET', KEYS[1], 'bundle', 'bundle_digest')
return { 'ready', b[1], b[2] }
`;

type ScriptArg = string | number;
type ScriptCall = (...args: ScriptArg[]) => Promise<unknown>;

export interface RunScripts {
  start: ScriptCall;
  stage: ScriptCall;
  complete: ScriptCall;
  jobState: ScriptCall;
}

/** Registers the scripts on a connection (EVALSHA, re-sent as EVAL after a Redis restart flushed the cache). */
export function defineRunScripts(client: Redis): RunScripts {
  const definitions = {
    ffStartRun: [START, 6],
    ffStageUnits: [STAGE, 4],
    ffCompleteUnit: [COMPLETE, 6],
    ffJobState: [JOB_STATE, 2],
  } as const;
  for (const [name, [lua, numberOfKeys]] of Object.entries(definitions)) {
    if (!(name in client)) client.defineCommand(name, { lua, numberOfKeys });
  }
  const bound = (name: keyof typeof definitions): ScriptCall => {
    const command = (client as unknown as Record<string, ScriptCall>)[name] as ScriptCall;
    return (...args) => command.apply(client, args);
  };
  return {
    start: bound('ffStartRun'),
    stage: bound('ffStageUnits'),
    complete: bound('ffCompleteUnit'),
    jobState: bound('ffJobState'),
  };
}
