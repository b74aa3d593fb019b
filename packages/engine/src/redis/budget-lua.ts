/**
 * The run's budget books in Lua, shared by the budget scripts (`budget-store.ts`) and the completing script
 * (`scripts.ts`), which admits a Stripe call's follow-up in the same step. `budgetLua(key)` binds the helpers to
 * the budget hash named by `key` (a `KEYS[n]` of the including script). Each answer is remembered per owner
 * (`o:`/`d:` + execution id), so a job that runs again after a crash spends nothing twice.
 */
export function budgetLua(key: string): string {
  return `
local b = ${key}
local function stop(name)
  redis.call('HSETNX', b, 'stopped', name)
  return { name, tonumber(redis.call('HGET', b, 'max_' .. name)) }
end
local function stopped()
  local name = redis.call('HGET', b, 'stopped')
  if not name then return nil end
  return { name, tonumber(redis.call('HGET', b, 'max_' .. name)) }
end
local function num(field) return tonumber(redis.call('HGET', b, field) or '0') end
local function answer(key, value)
  redis.call('HSET', b, key, cjson.encode(value))
  return value
end
-- A follow-up execution about to be dispatched by \`owner\` → { 'ok' | budget, limit }.
local function admit_dispatch(owner)
  local key = 'd:' .. owner
  local memo = redis.call('HGET', b, key)
  if memo then return cjson.decode(memo) end
  if redis.call('EXISTS', b) == 0 then return { 'ok', 0 } end
  local s = stopped()
  if s then return answer(key, s) end
  if num('executions') + 1 > num('max_executions') then return answer(key, stop('executions')) end
  redis.call('HINCRBY', b, 'executions', 1)
  return answer(key, { 'ok', 0 })
end
`;
}
