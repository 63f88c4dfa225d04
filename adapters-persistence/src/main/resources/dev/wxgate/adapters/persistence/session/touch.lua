-- (after opens.lua) KEYS: token key, active set. ARGV: token hash, now, expiry wanted (now + idle timeout), its ttl
-- in ms, the prefix of the user's keys up to the user id ('<prefix>user:{').
-- The whole touch in one round trip: follows the token's pointer to the session, slides the session when the token
-- opens it (never past its absolute expiry, never backwards), moves the token key's TTL to when the token stops
-- opening it and the session's score in the console's active set, and answers the session's fields after the slide,
-- as HGETALL does. An empty list when the token opens nothing; its pointer is then deleted.
-- The session key is derived from the pointer, so the keys this script touches are not all declared: it runs on a
-- single Redis or a Sentinel set-up; on Redis Cluster the store uses touch-session.lua behind a read of the pointer.
local pointer = redis.call('get', KEYS[1])
if not pointer then return {} end
local user, id = string.match(pointer, '^([^:]+):([^:]+)')
if not user then return {} end
local key = ARGV[5] .. user .. '}:session:' .. id
local f = redis.call('hmget', key, 'token', 'grace:' .. ARGV[1], 'expires', 'seen', 'absolute')
local now = tonumber(ARGV[2])
if not opens(f, ARGV[1], now) then
  redis.call('del', KEYS[1])
  return {}
end
local expires, ttl = ARGV[3], ARGV[4]
if f[5] and tonumber(f[5]) < tonumber(expires) then
  expires = f[5]
  ttl = math.max(1, math.floor((tonumber(f[5]) - now) / 1000))
end
slide(key, ARGV[2], expires, ttl, f)
local final = f[3]
if tonumber(expires) > tonumber(f[3]) then final = expires end
local ends = final
if f[1] ~= ARGV[1] then ends = f[2] end
redis.call('pexpire', KEYS[1], math.max(1, math.floor((tonumber(ends) - now) / 1000)))
redis.call('zadd', KEYS[2], 'XX', final, user .. ':' .. id)
return redis.call('hgetall', key)
