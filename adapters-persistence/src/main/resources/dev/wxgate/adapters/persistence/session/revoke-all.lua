-- (after drop.lua) KEYS: index. ARGV: user's session key prefix, now.
local live = 0
local out = {}
for _, id in ipairs(redis.call('zrange', KEYS[1], 0, -1)) do
  local expires = redis.call('hget', ARGV[1] .. id, 'expires')
  if expires and tonumber(expires) > tonumber(ARGV[2]) then live = live + 1 end
  drop(ARGV[1] .. id, id, KEYS[1], out)
end
redis.call('del', KEYS[1])
table.insert(out, 1, tostring(live))
return out
