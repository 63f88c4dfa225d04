-- (after opens.lua) KEYS: session. ARGV: token hash, now, expiry wanted (now + idle timeout), its ttl in ms.
-- Slides the session when the token opens it and answers its fields after the slide, as HGETALL does; an empty list
-- when the token opens nothing. Used where the token key and the session may live in different cluster slots.
local f = redis.call('hmget', KEYS[1], 'token', 'grace:' .. ARGV[1], 'expires', 'seen', 'absolute')
local now = tonumber(ARGV[2])
if not opens(f, ARGV[1], now) then return {} end
local expires, ttl = ARGV[3], ARGV[4]
if f[5] and tonumber(f[5]) < tonumber(expires) then
  expires = f[5]
  ttl = math.max(1, math.floor((tonumber(f[5]) - now) / 1000))
end
slide(KEYS[1], ARGV[2], expires, ttl, f)
return redis.call('hgetall', KEYS[1])
