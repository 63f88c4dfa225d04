-- Whether hash opens the session whose fields are {token, grace:hash, expires, seen} at now; and the slide of
-- such a session (never backwards).
local function opens(f, hash, now)
  if not f[3] or tonumber(f[3]) <= now then return false end
  return f[1] == hash or (f[2] and tonumber(f[2]) > now)
end
local function slide(key, seen, expires, ttl, f)
  if tonumber(expires) > tonumber(f[3]) then
    redis.call('hset', key, 'expires', expires)
    redis.call('pexpire', key, ttl)
  end
  if tonumber(seen) > tonumber(f[4]) then redis.call('hset', key, 'seen', seen) end
end
