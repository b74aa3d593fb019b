import type { Redis } from 'ioredis';

/**
 * The run's bookkeeping as Lua, so each step is atomic: an event gets its id (a per-run counter) and its stream
 * entry in one go, so ids order events across workers; a unit of work completes at most once, so a job that runs
 * twice after a crash cannot double-count; the run settles exactly once, when no unit is left pending.
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
 * A run's state is one hash (`RunKeys.meta`): its flow snapshot and identity, the event counter `seq`, the counts,
 * `pending` (how many units are not done) and one field per unit, `u:<unit>` = `p` (pending) or `d` (done) — one key
 * to create, expire and touch instead of one per kind of record. The run's budget hash is written here too.
 * KEYS meta, events, budget, active · ARGV channel, run_id, maxlen, ttl, bundle, bundle_digest, flow_id,
 * context_id, started, unit, budget_len, budget fields and values…, events…
 */
const START = `${APPEND}
local meta, stream, budget, active = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
if redis.call('EXISTS', meta) == 1 then return redis.error_reply('RUN_EXISTS run ' .. ARGV[2] .. ' already exists') end
local ttl = ARGV[4]
redis.call('HSET', meta, 'bundle', ARGV[5], 'bundle_digest', ARGV[6], 'flow_id', ARGV[7], 'context_id', ARGV[8],
  'started', ARGV[9], 'seq', 0, 'pending', 1, 'u:' .. ARGV[10], 'p', 'executions', 0, 'failed_executions', 0,
  'stripe_calls', 0, 'stripe_failures', 0)
redis.call('EXPIRE', meta, ttl)
local budget_len = tonumber(ARGV[11])
if budget_len > 0 then
  redis.call('HSET', budget, unpack(ARGV, 12, 11 + budget_len))
  redis.call('EXPIRE', budget, ttl)
end
append(meta, stream, ARGV[3], 12 + budget_len, #ARGV)
redis.call('EXPIRE', stream, ttl)
redis.call('ZADD', active, ARGV[9], ARGV[2])
announce(ARGV[1], ARGV[2])
return last
`;

/**
 * For the unit `owner` still running: appends its events and adds the units it is about to queue — before it
 * completes, so the run never runs out of pending units early. A unit already pending or done is not re-added. If
 * the owner is no longer pending (a re-run of finished work) or the run settled, nothing happens: a re-run leaves
 * no trace. KEYS meta, events · ARGV channel, run_id, maxlen, owner, unit_count, units…, events…
 * → 'ok' | 'stale' (also for a run Redis no longer knows).
 */
const STAGE = `${APPEND}
local meta, stream = KEYS[1], KEYS[2]
local m = redis.call('HMGET', meta, 'u:' .. ARGV[4], 'settled')
if m[1] ~= 'p' or m[2] then return 'stale' end
local n = tonumber(ARGV[5])
local added = 0
for i = 6, 5 + n do added = added + redis.call('HSETNX', meta, 'u:' .. ARGV[i], 'p') end
if added > 0 then redis.call('HINCRBY', meta, 'pending', added) end
append(meta, stream, ARGV[3], 6 + n, #ARGV)
announce(ARGV[1], ARGV[2])
return 'ok'
`;

/**
 * Appends the unit's last events and completes it, folding its count deltas — only if it is still pending, so a
 * re-run can neither double-count nor add events. A Stripe call's unit gives back its in-flight slot, re-run or
 * not. The completion that leaves no unit pending appends `run.settled` (guarded by HSETNX, so once), returns it and
 * drops the run's budget books, of no more use.
 * KEYS meta, events, budget, inflight, active · ARGV channel, run_id, maxlen, unit, now, d_executions,
 * d_failed_executions, d_stripe_calls, d_stripe_failures, events… → { 'ok' | 'stale', settled JSON? }.
 */
const COMPLETE = `${APPEND}
local meta, stream, budget, inflight, active = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local unit = ARGV[4]
if string.sub(unit, 1, 2) == 'c/' then redis.call('SREM', inflight, unit) end
if redis.call('HGET', meta, 'u:' .. unit) ~= 'p' then return { 'stale' } end
redis.call('HSET', meta, 'u:' .. unit, 'd')
local left = redis.call('HINCRBY', meta, 'pending', -1)
local run_id, now = ARGV[2], ARGV[5]
append(meta, stream, ARGV[3], 10, #ARGV)
local fields = { 'executions', 'failed_executions', 'stripe_calls', 'stripe_failures' }
for i, field in ipairs(fields) do
  local delta = tonumber(ARGV[5 + i])
  if delta ~= 0 then redis.call('HINCRBY', meta, field, delta) end
end
local settled = nil
if left == 0 then
  local m = redis.call('HMGET', meta, 'executions', 'failed_executions', 'stripe_calls', 'stripe_failures',
    'context_id', 'started', 'settled')
  if not m[7] then
    local status = 'succeeded'
    if tonumber(m[2]) > 0 then status = 'failed' end
    add_event(meta, stream, ARGV[3], '"type":"run.settled","ts":' .. now .. ',"run_id":' .. cjson.encode(run_id)
      .. ',"context_id":' .. cjson.encode(m[5]) .. ',"status":"' .. status .. '","counts":{"executions":' .. m[1]
      .. ',"failed_executions":' .. m[2] .. ',"stripe_calls":' .. m[3] .. ',"stripe_failures":' .. m[4]
      .. '},"duration_ms":' .. string.format('%d', tonumber(now) - tonumber(m[6])) .. '}')
    settled = lines[#lines]
    redis.call('HSETNX', meta, 'settled', settled)
    redis.call('ZREM', active, run_id)
    redis.call('DEL', budget, inflight)
  end
end
announce(ARGV[1], run_id)
return { 'ok', settled }
`;

/**
 * Before a job whose flow is not cached runs: 'unknown' (run expired or never started), 'stale' (unit done or run
 * settled), else 'ready' plus the flow snapshot and its digest (absent for runs stored before digests). One script,
 * not a pipeline: ioredis builds every pipeline anew from all scripts on the connection, which costs more than the
 * reads. KEYS meta · ARGV unit.
 */
const JOB_STATE = `
local m = redis.call('HMGET', KEYS[1], 'started', 'settled', 'u:' .. ARGV[1], 'bundle', 'bundle_digest')
if not m[1] then return { 'unknown' } end
if m[2] or m[3] == 'd' then return { 'stale' } end
return { 'ready', m[4], m[5] }
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
    ffStartRun: [START, 4],
    ffStageUnits: [STAGE, 2],
    ffCompleteUnit: [COMPLETE, 5],
    ffJobState: [JOB_STATE, 1],
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
