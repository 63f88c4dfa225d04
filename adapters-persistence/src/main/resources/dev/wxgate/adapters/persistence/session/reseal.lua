-- KEYS: session. ARGV: the sealed session_key as read, the same sealed again by the sealing server key.
-- Replaces the sealed session_key only if it is still the one read: another node may have sealed it again, or a new
-- session_key may have replaced it, meanwhile. Answers {'1'} when replaced, {'0'} otherwise.
if redis.call('hget', KEYS[1], 'key') == ARGV[1] then
  redis.call('hset', KEYS[1], 'key', ARGV[2])
  return {'1'}
end
return {'0'}
