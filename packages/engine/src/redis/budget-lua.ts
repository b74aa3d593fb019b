/**
 * The run's budget books in Lua, shared by the budget scripts (`budget-store.ts`) and the completing script
 * (`scripts.ts`), which admits a Stripe call's follow-up in the same step. `budgetLua(key)` binds the helpers to
 * the budget hash named by `key` (a `KEYS[n]` of the including script). Each answer is remembered per owner
 * (`o:`/`d:` + execution id), so a job that runs again after a crash spends nothing twice. Each admission reads
 * the fields it needs in one HMGET and writes in one HSET; a missing limit means the run has no books (settled).
 */
export function budgetLua(key: string): string {
  return `
local b = ${key}
local function limit_of(name) return tonumber(redis.call('HGET', b, 'max_' .. name)) end
-- Writes the answer with the books' new values (\`write\`: field, value…), stopping the run at \`stop\` unless
-- another budget stopped it first.
local function answer(write, key, value, stop, stopped)
  if stop and not stopped then
    write[#write + 1] = 'stopped'
    write[#write + 1] = stop
  end
  write[#write + 1] = key
  write[#write + 1] = cjson.encode(value)
  redis.call('HSET', b, unpack(write))
  return value
end
-- A follow-up execution about to be dispatched by \`owner\` → { 'ok' | budget, limit }.
local function admit_dispatch(owner)
  local key = 'd:' .. owner
  local m = redis.call('HMGET', b, key, 'max_executions', 'executions', 'stopped')
  if m[1] then return cjson.decode(m[1]) end
  if not m[2] then return { 'ok', 0 } end
  local max, used, stopped = tonumber(m[2]), tonumber(m[3] or '0'), m[4]
  if stopped then return answer({}, key, { stopped, limit_of(stopped) }) end
  if used + 1 > max then return answer({}, key, { 'executions', max }, 'executions', stopped) end
  return answer({ 'executions', tostring(used + 1) }, key, { 'ok', 0 })
end
-- An execution's logs and Stripe calls → { 'ok' | budget, log bytes allowed, limit }.
local function admit_output(owner, want, calls)
  local key = 'o:' .. owner
  local m = redis.call('HMGET', b, key, 'max_log_bytes', 'log_bytes', 'stopped', 'max_stripe_calls', 'stripe_calls')
  if m[1] then return cjson.decode(m[1]) end
  if not m[2] then return { 'ok', want, 0 } end
  local max_log, used, stopped = tonumber(m[2]), tonumber(m[3] or '0'), m[4]
  if used + want > max_log then
    local allowed = math.max(0, max_log - used)
    return answer({ 'log_bytes', tostring(used + allowed) }, key, { 'log_bytes', allowed, max_log }, 'log_bytes', stopped)
  end
  local write = { 'log_bytes', tostring(used + want) }
  if calls == 0 then return answer(write, key, { 'ok', want, 0 }) end
  if stopped then return answer(write, key, { stopped, want, limit_of(stopped) }) end
  local max_calls, made = tonumber(m[5] or '0'), tonumber(m[6] or '0')
  if made + calls > max_calls then return answer(write, key, { 'stripe_calls', want, max_calls }, 'stripe_calls') end
  write[#write + 1] = 'stripe_calls'
  write[#write + 1] = tostring(made + calls)
  return answer(write, key, { 'ok', want, 0 })
end
`;
}
