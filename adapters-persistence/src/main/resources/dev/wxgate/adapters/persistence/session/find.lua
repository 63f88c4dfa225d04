-- KEYS: token key. ARGV: the prefix of the user's keys up to the user id ('<prefix>user:{').
-- The session the token's pointer leads to, as HGETALL answers it, in one round trip; an empty list when there is no
-- pointer. Whether the token opens it is decided by the caller from the fields. Like touch.lua, it reads a key it does
-- not declare: single Redis or Sentinel only.
local pointer = redis.call('get', KEYS[1])
if not pointer then return {} end
local user, id = string.match(pointer, '^([^:]+):([^:]+)')
if not user then return {} end
return redis.call('hgetall', ARGV[1] .. user .. '}:session:' .. id)
