-- (after drop.lua) KEYS: session, index. ARGV: id, now.
local expires = redis.call('hget', KEYS[1], 'expires')
local out = {(expires and tonumber(expires) > tonumber(ARGV[2])) and 'live' or 'ended'}
drop(KEYS[1], ARGV[1], KEYS[2], out)
return out
