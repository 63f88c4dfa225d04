-- KEYS: index. ARGV: the user's session key prefix, now, then the snapshot's field, value pairs ('': no value).
-- Rewrites the user snapshot in each of the user's live sessions and answers how many; ended ones are left to expire.
-- The session keys are not declared, but they share the index's hash tag {<userId>}, so on Redis Cluster too they are
-- in the slot of KEYS[1] (as in revoke-all.lua).
local now = tonumber(ARGV[2])
local updated = 0
for _, id in ipairs(redis.call('zrange', KEYS[1], 0, -1)) do
  local key = ARGV[1] .. id
  local expires = redis.call('hget', key, 'expires')
  if expires and tonumber(expires) > now then
    for i = 3, #ARGV, 2 do
      if ARGV[i + 1] == '' then
        redis.call('hdel', key, ARGV[i])
      else
        redis.call('hset', key, ARGV[i], ARGV[i + 1])
      end
    end
    updated = updated + 1
  end
end
return {tostring(updated)}
