-- (after drop.lua) KEYS: session, index. ARGV: now, cap, id, created, session ttl, index ttl, user's session key
-- prefix, fields... Evicts the user's ended and oldest sessions to make room, then stores the session.
if redis.call('exists', KEYS[1]) == 1 then return {'exists'} end
local now = tonumber(ARGV[1])
local out = {'saved'}
local live = {}
for _, id in ipairs(redis.call('zrange', KEYS[2], 0, -1)) do
  local expires = redis.call('hget', ARGV[7] .. id, 'expires')
  if expires and tonumber(expires) > now then
    table.insert(live, id)
  else
    drop(ARGV[7] .. id, id, KEYS[2], out)
  end
end
local cap = tonumber(ARGV[2])
local oldest = 1
while #live - oldest + 1 >= cap do
  drop(ARGV[7] .. live[oldest], live[oldest], KEYS[2], out)
  oldest = oldest + 1
end
redis.call('hset', KEYS[1], unpack(ARGV, 8))
redis.call('pexpire', KEYS[1], ARGV[5])
redis.call('zadd', KEYS[2], ARGV[4], ARGV[3])
redis.call('pexpire', KEYS[2], ARGV[6])
return out
