-- Removes a session hash and its index entry, collecting 't:'..token hash and 's:'..id into out.
local function drop(key, id, index, out)
  local fields = redis.call('hgetall', key)
  for i = 1, #fields, 2 do
    local field = fields[i]
    if field == 'token' then
      table.insert(out, 't:' .. fields[i + 1])
    elseif string.sub(field, 1, 6) == 'grace:' then
      table.insert(out, 't:' .. string.sub(field, 7))
    end
  end
  redis.call('del', key)
  redis.call('zrem', index, id)
  table.insert(out, 's:' .. id)
end
