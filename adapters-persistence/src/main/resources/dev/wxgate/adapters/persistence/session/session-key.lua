-- KEYS: index. ARGV: the user's session key prefix, now, the app id, then session id, sealed session_key pairs.
-- Writes each sealed key into its session if that session is still live and of the app, and answers how many. The keys
-- are sealed per session id by the caller, which read the ids from the index just before; a session saved meanwhile
-- is not in the pairs and keeps the key its own login brought. The session keys share the index's hash tag
-- {<userId>}, so on Redis Cluster too they are in the slot of KEYS[1] (as in user-snapshot.lua).
local now = tonumber(ARGV[2])
local updated = 0
for i = 4, #ARGV, 2 do
  local key = ARGV[1] .. ARGV[i]
  local fields = redis.call('hmget', key, 'expires', 'app')
  if fields[1] and tonumber(fields[1]) > now and fields[2] == ARGV[3]
      and redis.call('zscore', KEYS[1], ARGV[i]) then
    redis.call('hset', key, 'key', ARGV[i + 1])
    updated = updated + 1
  end
end
return {tostring(updated)}
