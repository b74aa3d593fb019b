import type { Redis } from 'ioredis';
import { budgetLua } from './budget-lua.ts';
import { SETTLED_EVENTS_TTL_SECONDS, SETTLED_STATE_TTL_SECONDS } from './keys.ts';

/**
 * The run's bookkeeping as Lua, so each step is atomic: an event gets its id (a per-run counter) and its stream
 * entry in one go, so ids order events across workers; a unit of work completes at most once, so a job that runs
 * twice after a crash cannot double-count; the run settles exactly once, when no unit is left pending.
 *
 * Events arrive as JSON text without `id` and without their opening brace; the id goes in front (`{"id":7,` + the
 * rest). The events of one script call become one stream entry, one JSON text per line, whose id is the id of its
 * last event — so reading after an event id (`readPage`) finds every entry that holds a later one — and one
 * announcement of the same text. The entry is joined once from its pieces: Lua interns every string it makes, so a
 * string per event (a trimmed copy, a numbered line) would cost more than the joining.
 */
const APPEND = `
local parts = {}
local first, last = 0, 0
local function add_line(seq, body)
  if first == 0 then first = seq else parts[#parts + 1] = '\\n' end
  last = seq
  parts[#parts + 1] = '{"id":'
  parts[#parts + 1] = seq
  parts[#parts + 1] = ','
  parts[#parts + 1] = body
end
-- Numbers the events ARGV[from..to] after the id seq; returns the last id taken.
local function number_events(seq, from, to)
  for i = from, to do add_line(seq + 1 + i - from, ARGV[i]) end
  return seq + math.max(0, to - from + 1)
end
-- One HINCRBY reserves the ids of all the events at once.
local function append(meta, from, to)
  if to < from then return end
  number_events(redis.call('HINCRBY', meta, 'seq', to - from + 1) - (to - from + 1), from, to)
end
local function flush(stream, maxlen, channel, run_id)
  if first == 0 then return end
  local text = table.concat(parts)
  redis.call('XADD', stream, 'MAXLEN', '~', maxlen, last .. '-0', 'e', text)
  redis.call('PUBLISH', channel, first .. ' ' .. last .. ' ' .. run_id .. '\\n' .. text)
end
`;

/**
 * A run's state is one hash (`RunKeys.meta`): its flow snapshot and identity, the event counter `seq`, the counts,
 * `pending` (how many units are not done) and one field per unit, `u:<unit>` (see `UNIT_STATE`) — one key to
 * create, expire and touch instead of one per kind of record. The entry's job is kept like a follow-up's (`k`, and
 * its text in `j:<unit>`), so a worker queues it if the producer dies before it does (orphans.ts); without one the
 * entry is `p`. The run's budget hash is written here too.
 * KEYS meta, events, budget, active · ARGV channel, run_id, maxlen, ttl, bundle, bundle_digest, flow_id,
 * context_id, started, unit, entry job text ('' for none), budget_len, budget fields and values…, events…
 */
const START = `${APPEND}
local meta, stream, budget, active = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
if redis.call('EXISTS', meta) == 1 then return redis.error_reply('RUN_EXISTS run ' .. ARGV[2] .. ' already exists') end
local ttl = ARGV[4]
local budget_len = tonumber(ARGV[12])
local from = 13 + budget_len
local entry = 'p'
if ARGV[11] ~= '' then entry = 'k' end
-- Numbers reach Redis as text: the run's counters start as strings rather than Lua numbers Redis would format.
redis.call('HSET', meta, 'bundle', ARGV[5], 'bundle_digest', ARGV[6], 'flow_id', ARGV[7], 'context_id', ARGV[8],
  'started', ARGV[9], 'seq', tostring(math.max(0, #ARGV - from + 1)), 'pending', '1', 'u:' .. ARGV[10], entry,
  'executions', '0', 'failed_executions', '0', 'stripe_calls', '0', 'stripe_failures', '0')
if entry == 'k' then redis.call('HSET', meta, 'j:' .. ARGV[10], ARGV[11]) end
redis.call('EXPIRE', meta, ttl)
if budget_len > 0 then
  redis.call('HSET', budget, unpack(ARGV, 13, 12 + budget_len))
  redis.call('EXPIRE', budget, ttl)
end
number_events(0, from, #ARGV)
flush(stream, ARGV[3], ARGV[1], ARGV[2])
redis.call('EXPIRE', stream, ttl)
redis.call('ZADD', active, ARGV[9], ARGV[2])
return last
`;

/**
 * A unit's own state, first thing in the scripts that write for it, from its field `u:<unit>`: pending — `p` (the
 * entry execution) or `k` (a follow-up, whose job's JSON text is kept in `j:<unit>` until it completes, so that a
 * re-run of the unit that queued it queues that very job again); done — `d`, then the units it queued,
 * space-separated (`d c/req_1 c/req_2`), to find its follow-ups still pending. `ok` (pending: it may write), `done`
 * (finished before, and the run goes on: a re-run, which writes nothing but queues again its follow-ups still
 * pending) or `stale` (run settled, expired or never started, or a unit it never had). The job text sits in a field
 * of its own because Redis's Lua hashes every byte of every string it is handed: the completion that reads its
 * unit's state would otherwise read the whole job back.
 */
const UNIT_STATE = `
local function state_of(unit_field, settled)
  if settled or not unit_field then return 'stale' end
  if string.byte(unit_field, 1) == 100 then return 'done' end -- 'd', then the units it queued
  return 'ok'
end
local function unit_state(meta, unit)
  local m = redis.call('HMGET', meta, 'u:' .. unit, 'settled')
  return state_of(m[1], m[2])
end
-- Adds to \`result\` the unit and kept job text of each follow-up of a done unit still pending.
local function pending_follow_ups(meta, done, result)
  if #done == 1 then return result end
  local units, fields = {}, {}
  for follow in string.gmatch(string.sub(done, 3), '%S+') do
    units[#units + 1] = follow
    fields[#fields + 1] = 'j:' .. follow
  end
  local jobs = redis.call('HMGET', meta, unpack(fields))
  for i = 1, #units do
    if jobs[i] then
      result[#result + 1] = units[i]
      result[#result + 1] = jobs[i]
    end
  end
  return result
end
`;

/**
 * For the unit `owner` still running (a Stripe call in flight, or waiting for its retry): appends its events.
 * KEYS meta, events · ARGV channel, run_id, maxlen, owner, events… → 'ok' | 'done' | 'stale' (nothing written).
 */
const APPEND_EVENTS = `${APPEND}${UNIT_STATE}
local state = unit_state(KEYS[1], ARGV[4])
if state ~= 'ok' then return state end
append(KEYS[1], 5, #ARGV)
flush(KEYS[2], ARGV[3], ARGV[1], ARGV[2])
return 'ok'
`;

/**
 * Completes a pending unit in one step: appends its last events, adds the units it is about to queue (its
 * follow-ups, each with its job's text; one already known is not re-added), folds its count deltas and marks it done
 * with the units it added; its own kept job goes. Its follow-ups are pending before any of their jobs exists, and
 * the caller queues them after this: a crash in between leaves the unit's job to run again, and this script (or
 * `JOB_STATE`, which a re-delivered job asks first) then answers `done` with the kept jobs of the follow-ups still
 * pending, to queue again — nothing else (a re-run neither double-counts nor adds events, and what it computed
 * again is ignored). A Stripe call's unit gives back its in-flight slot, whatever the answer. The completion that
 * leaves no unit pending appends `run.settled` (once: a settled run takes no more writes), returns it, drops the
 * run's budget books, of no more use, and cuts its state down to when and how it ended; state and events then expire
 * sooner than a running run's (keys.ts). With an `admit` owner, the follow-up's dispatch is admitted first
 * (`admit_dispatch`); a refusal writes nothing else and is answered, for the caller to complete again with the
 * refusal's events and no follow-up.
 * KEYS meta, events, budget, inflight, active · ARGV channel, run_id, maxlen, unit, now, d_executions,
 * d_failed_executions, d_stripe_calls, d_stripe_failures, admit ('' for none), follow_up_count, (unit, job text)
 * per follow-up…, events… → { 'ok', settled JSON or '', units added… } | { 'done', '', (unit, job text) per
 * follow-up still pending… } | { 'stale', '' } | { 'refused', '', budget, limit }.
 */
const COMPLETE = `${APPEND}${UNIT_STATE}${budgetLua('KEYS[3]')}
local meta, stream, budget, inflight, active = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local unit, n = ARGV[4], tonumber(ARGV[11])
local after = 12 + 2 * n
if string.sub(unit, 1, 2) == 'c/' then redis.call('SREM', inflight, unit) end
-- Everything the step needs is read at once and written at once.
local fields = { 'executions', 'failed_executions', 'stripe_calls', 'stripe_failures' }
local read = { 'u:' .. unit, 'settled', 'pending', 'seq', 'context_id', 'started', unpack(fields) }
for i = 12, after - 1, 2 do read[#read + 1] = 'u:' .. ARGV[i] end
local m = redis.call('HMGET', meta, unpack(read))
local state = state_of(m[1], m[2])
if state == 'stale' then return { 'stale', '' } end
if state == 'done' then return pending_follow_ups(meta, m[1], { 'done', '' }) end
if ARGV[10] ~= '' then
  local verdict = admit_dispatch(ARGV[10])
  if verdict[1] ~= 'ok' then return { 'refused', '', verdict[1], verdict[2] } end
end
local done = { 'd' }
local write = { 'u:' .. unit, '' }
local result = { 'ok', '' }
local added = {}
for k = 1, n do
  local follow = ARGV[10 + 2 * k]
  if not m[10 + k] and not added[follow] then
    added[follow] = true
    done[#done + 1] = follow
    result[#result + 1] = follow
    write[#write + 1] = 'u:' .. follow
    write[#write + 1] = 'k'
    write[#write + 1] = 'j:' .. follow
    write[#write + 1] = ARGV[11 + 2 * k]
  end
end
write[2] = table.concat(done, ' ')
local left = tonumber(m[3]) + #result - 3
local run_id, now = ARGV[2], ARGV[5]
local seq = number_events(tonumber(m[4]), after, #ARGV)
local counts = {}
for i, field in ipairs(fields) do
  counts[i] = tonumber(m[6 + i] or '0') + tonumber(ARGV[5 + i])
  if ARGV[5 + i] ~= '0' then
    write[#write + 1] = field
    write[#write + 1] = tostring(counts[i])
  end
end
if left == 0 then
  local status = 'succeeded'
  if counts[2] > 0 then status = 'failed' end
  seq = seq + 1
  local body = '"type":"run.settled","ts":' .. now .. ',"run_id":' .. cjson.encode(run_id)
    .. ',"context_id":' .. cjson.encode(m[5]) .. ',"status":"' .. status .. '","counts":{"executions":' .. counts[1]
    .. ',"failed_executions":' .. counts[2] .. ',"stripe_calls":' .. counts[3] .. ',"stripe_failures":' .. counts[4]
    .. '},"duration_ms":' .. string.format('%d', tonumber(now) - tonumber(m[6])) .. '}'
  add_line(seq, body)
  result[2] = '{"id":' .. seq .. ',' .. body
  -- Settled, the run takes no more writes: all its state needs is when and how it ended.
  redis.call('ZREM', active, run_id)
  redis.call('DEL', budget, inflight, meta)
  redis.call('HSET', meta, 'started', m[6], 'settled', result[2])
  redis.call('EXPIRE', meta, ${SETTLED_STATE_TTL_SECONDS})
  redis.call('EXPIRE', stream, ${SETTLED_EVENTS_TTL_SECONDS})
else
  write[#write + 1] = 'pending'
  write[#write + 1] = tostring(left)
  write[#write + 1] = 'seq'
  write[#write + 1] = tostring(seq)
  redis.call('HSET', meta, unpack(write))
  if m[1] == 'k' then redis.call('HDEL', meta, 'j:' .. unit) end
end
flush(stream, ARGV[3], ARGV[1], run_id)
return result
`;

/**
 * Whether a job should run, read before it does (a re-delivered job, or one whose flow snapshot the worker has not
 * parsed): its run's flow snapshot, and for a unit done before, the kept jobs of its follow-ups still pending — to
 * queue again instead of running the unit a second time.
 * KEYS meta · ARGV unit → { 'unknown_run' } | { 'stale' } | { 'ready', bundle, digest } |
 * { 'done', bundle, digest, (unit, job text) per follow-up still pending… }.
 */
const JOB_STATE = `${UNIT_STATE}
local m = redis.call('HMGET', KEYS[1], 'started', 'settled', 'bundle', 'bundle_digest', 'u:' .. ARGV[1])
if not m[1] then return { 'unknown_run' } end
if m[2] then return { 'stale' } end
local result = { 'ready', m[3] or '', m[4] or '' }
if state_of(m[5], false) ~= 'done' then return result end
result[1] = 'done'
return pending_follow_ups(KEYS[1], m[5], result)
`;

type ScriptArg = string | number;
type ScriptCall = (...args: ScriptArg[]) => Promise<unknown>;

export interface RunScripts {
  start: ScriptCall;
  append: ScriptCall;
  complete: ScriptCall;
  jobState: ScriptCall;
}

/** Registers the scripts on a connection (EVALSHA, re-sent as EVAL after a Redis restart flushed the cache). */
export function defineRunScripts(client: Redis): RunScripts {
  const definitions = {
    ffStartRun: [START, 4],
    ffAppendEvents: [APPEND_EVENTS, 2],
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
    append: bound('ffAppendEvents'),
    complete: bound('ffCompleteUnit'),
    jobState: bound('ffJobState'),
  };
}
