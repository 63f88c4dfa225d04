-- (after opens.lua) KEYS: session. ARGV: current hash, next hash, now, grace end, seen, expires, ttl.
local f = redis.call('hmget', KEYS[1], 'token', 'grace:' .. ARGV[1], 'expires', 'seen')
local now = tonumber(ARGV[3])
if not opens(f, ARGV[1], now) then return {} end
local out = {'rotated', f[1]}
local fields = redis.call('hgetall', KEYS[1])
for i = 1, #fields, 2 do
  if string.sub(fields[i], 1, 6) == 'grace:' and tonumber(fields[i + 1]) <= now then
    redis.call('hdel', KEYS[1], fields[i])
    table.insert(out, 't:' .. string.sub(fields[i], 7))
  end
end
redis.call('hset', KEYS[1], 'grace:' .. f[1], ARGV[4], 'token', ARGV[2])
slide(KEYS[1], ARGV[5], ARGV[6], ARGV[7], f)
return out
