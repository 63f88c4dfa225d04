'use strict'

const nodeTest = require('node:test')
const assert = require('node:assert/strict')
const wxgate = require('../wxgate.js')
const { BASE_URL, fakeWxgate, fakeWx } = require('../testing/fake-wx.js')

// A client that loops must fail a test, not hang the run.
const test = (name, fn) => nodeTest(name, { timeout: 5000 }, fn)

const KEY = 'wxgate.session'
const APP_ID = 'wxa1b2c3d4e5f60001'

function setup(serverOptions, clientOptions) {
  const server = fakeWxgate(serverOptions)
  const wx = fakeWx(server)
  const client = wxgate.createClient(Object.assign({ baseUrl: BASE_URL, appId: APP_ID, wx }, clientOptions))
  return { server, wx, client }
}

/** Moves the stored session's refresh point into the past, as if time had passed. */
function makeRefreshDue(wx) {
  const s = wx.getStorageSync(KEY)
  s.refreshAt = Date.now() - 1
  wx.setStorageSync(KEY, s)
}

function authOf(call) {
  return call.header && call.header.Authorization
}

test('login stores the token and its expiry, and resolves with the user', async () => {
  const { server, wx, client } = setup()
  const before = Date.now()

  const user = await client.login()

  assert.deepEqual(user, server.user)
  const stored = wx.getStorageSync(KEY)
  assert.equal(stored.token, server.issuedTokens[0])
  assert.ok(stored.expiresAt >= before + 1800 * 1000 && stored.expiresAt <= Date.now() + 1800 * 1000)
  assert.equal(client.token(), server.issuedTokens[0])
  const [call] = server.calls
  assert.equal(call.route, 'POST /api/v1/login')
  assert.equal(call.data.appId, APP_ID)
  assert.match(call.data.code, /^code-/)
  assert.equal(authOf(call), undefined)
})

test('login without a configured appId sends only the code', async () => {
  const { server, client } = setup({}, { appId: undefined })
  await client.login()
  assert.deepEqual(Object.keys(server.calls[0].data), ['code'])
})

test('request attaches the bearer token and keeps the caller headers', async () => {
  const { server, client } = setup()
  await client.login()

  const res = await client.request({ url: '/api/v1/me', header: { 'X-Trace': 't1' } })

  assert.equal(res.statusCode, 200)
  assert.deepEqual(res.data, server.user)
  const call = server.calls.at(-1)
  assert.equal(call.route, 'GET /api/v1/me')
  assert.equal(authOf(call), 'Bearer ' + server.issuedTokens[0])
  assert.equal(call.header['X-Trace'], 't1')
})

test('request logs in first when there is no token', async () => {
  const { server, client } = setup()

  await client.request({ url: '/api/v1/me' })

  assert.deepEqual(
    server.calls.map((c) => c.route),
    ['POST /api/v1/login', 'GET /api/v1/me'],
  )
})

test('concurrent first requests share one login', async () => {
  const { server, wx, client } = setup()

  await Promise.all([1, 2, 3, 4, 5].map(() => client.request({ url: '/api/v1/me' })))

  assert.equal(wx.loginCalls, 1)
  assert.equal(server.count('POST /api/v1/login'), 1)
  assert.equal(server.count('GET /api/v1/me'), 5)
})

test('concurrent login calls share one wx.login and one server login', async () => {
  const { server, wx, client } = setup()

  const users = await Promise.all([1, 2, 3, 4, 5].map(() => client.login()))

  assert.equal(wx.loginCalls, 1)
  assert.equal(server.count('POST /api/v1/login'), 1)
  users.forEach((u) => assert.deepEqual(u, server.user))
  // the flight is over: a later login is a new one, with a new code
  await client.login()
  assert.equal(wx.loginCalls, 2)
})

test('no refresh while plenty of time remains', async () => {
  const { server, client } = setup()
  await client.login()

  await client.request({ url: '/api/v1/me' })
  await client.request({ url: '/api/v1/me' })

  assert.equal(server.count('POST /api/v1/session/refresh'), 0)
})

test('concurrent requests near expiry cause one refresh and all use the new token', async () => {
  const { server, wx, client } = setup()
  await client.login()
  const oldToken = client.token()
  makeRefreshDue(wx)

  await Promise.all([1, 2, 3, 4, 5].map(() => client.request({ url: '/api/v1/me' })))

  assert.equal(server.count('POST /api/v1/session/refresh'), 1)
  assert.equal(server.count('POST /api/v1/login'), 1)
  const refreshCall = server.calls.find((c) => c.route === 'POST /api/v1/session/refresh')
  assert.equal(authOf(refreshCall), 'Bearer ' + oldToken)
  const newToken = server.issuedTokens[1]
  assert.equal(client.token(), newToken)
  const meCalls = server.calls.filter((c) => c.route === 'GET /api/v1/me')
  assert.equal(meCalls.length, 5)
  meCalls.forEach((c) => assert.equal(authOf(c), 'Bearer ' + newToken))
  // the refreshed token is not due again
  await client.request({ url: '/api/v1/me' })
  assert.equal(server.count('POST /api/v1/session/refresh'), 1)
})

test('refresh is due refreshMargin before expiry, or half-way for short-lived tokens', async () => {
  const long = setup({ expiresIn: 1800 }, { refreshMargin: 300 })
  await long.client.login()
  const l = long.wx.getStorageSync(KEY)
  assert.equal(l.expiresAt - l.refreshAt, 300 * 1000)

  // a 60 s token with a 5 min margin would otherwise be refreshed by every request
  const short = setup({ expiresIn: 60 }, { refreshMargin: 300 })
  await short.client.login()
  const s = short.wx.getStorageSync(KEY)
  assert.equal(s.expiresAt - s.refreshAt, 30 * 1000)
  await short.client.request({ url: '/api/v1/me' })
  assert.equal(short.server.count('POST /api/v1/session/refresh'), 0)
})

test('a refresh answered 401 logs in again', async () => {
  const { server, wx, client } = setup()
  await client.login()
  makeRefreshDue(wx)
  server.revokeAll()

  const res = await client.request({ url: '/api/v1/me' })

  assert.equal(res.statusCode, 200)
  assert.equal(server.count('POST /api/v1/login'), 2)
  assert.equal(authOf(server.calls.at(-1)), 'Bearer ' + server.issuedTokens[1])
})

test('a failed refresh keeps the current token and is not retried on every request', async (t) => {
  t.mock.method(console, 'warn', () => {})
  const { server, wx, client } = setup()
  await client.login()
  const token = client.token()
  makeRefreshDue(wx)
  server.on('POST /api/v1/session/refresh', () => ({ statusCode: 503, data: { error: 'unavailable' }, header: {} }))

  await client.request({ url: '/api/v1/me' })
  await client.request({ url: '/api/v1/me' })

  assert.equal(server.count('POST /api/v1/session/refresh'), 1)
  assert.equal(client.token(), token)
  server.calls.filter((c) => c.route === 'GET /api/v1/me').forEach((c) => assert.equal(authOf(c), 'Bearer ' + token))
  assert.equal(console.warn.mock.callCount(), 1)
})

test('401 invalid_session causes one re-login and one retry', async () => {
  const { server, client } = setup()
  await client.login()
  server.revokeAll() // e.g. the session was revoked from the console

  const res = await client.request({ url: '/api/v1/orders', method: 'POST', data: { item: 1 } })

  assert.equal(res.statusCode, 200)
  assert.deepEqual(
    server.calls.map((c) => c.route),
    ['POST /api/v1/login', 'POST /api/v1/orders', 'POST /api/v1/login', 'POST /api/v1/orders'],
  )
  const retry = server.calls.at(-1)
  assert.equal(authOf(retry), 'Bearer ' + server.issuedTokens[1])
  assert.deepEqual(retry.data, { item: 1 })
})

test('a second 401 rejects instead of looping', async () => {
  const { server, client } = setup()
  await client.login()
  // 401 twice, then 200: a client that kept retrying would end up resolving instead of hanging the test
  server.on('GET /api/v1/me', (req, fallback) =>
    server.count('GET /api/v1/me') <= 2
      ? { statusCode: 401, data: { error: 'invalid_session', message: 'no' }, header: {} }
      : fallback(),
  )

  await assert.rejects(client.request({ url: '/api/v1/me' }), { statusCode: 401, error: 'invalid_session' })

  assert.equal(server.count('GET /api/v1/me'), 2)
  assert.equal(server.count('POST /api/v1/login'), 2)
})

test('concurrent requests hitting 401 share one re-login', async () => {
  const { server, wx, client } = setup()
  await client.login()
  server.revokeAll()

  const results = await Promise.all([1, 2, 3, 4, 5].map(() => client.request({ url: '/api/v1/me' })))

  results.forEach((r) => assert.equal(r.statusCode, 200))
  assert.equal(wx.loginCalls, 2)
  assert.equal(server.count('POST /api/v1/login'), 2)
})

test('a 401 after another caller already logged in again retries with the new token, without a third login', async () => {
  const { server, client } = setup()
  await client.login()
  const stale = client.token()
  let releaseSlow
  // the first /me is answered only after the client has logged in again for another reason
  server.on('GET /api/v1/slow', (req, fallback) =>
    authOf(req) === 'Bearer ' + stale ? new Promise((resolve) => (releaseSlow = resolve)).then(fallback) : fallback(),
  )
  const slow = client.request({ url: '/api/v1/slow' })
  await new Promise((r) => setImmediate(r))
  server.revokeAll()
  await client.request({ url: '/api/v1/me' }) // 401, re-login
  releaseSlow()

  const res = await slow

  assert.equal(res.statusCode, 200)
  assert.equal(server.count('POST /api/v1/login'), 2)
  assert.equal(authOf(server.calls.at(-1)), 'Bearer ' + client.token())
})

test('server errors map to WxgateError with statusCode, error and message', async () => {
  const cases = [
    [400, 'invalid_code'],
    [409, 'code_used'],
    [403, 'user_blocked'],
    [503, 'wechat_unavailable'],
    [404, 'unknown_app'],
  ]
  for (const [statusCode, error] of cases) {
    const { server, client } = setup()
    server.on('POST /api/v1/login', () => ({ statusCode, data: { error, message: 'because ' + error }, header: {} }))

    const err = await client.login().then(
      () => assert.fail('login should fail'),
      (e) => e,
    )

    assert.ok(err instanceof wxgate.WxgateError)
    assert.ok(err instanceof Error)
    assert.equal(err.statusCode, statusCode)
    assert.equal(err.error, error)
    assert.equal(err.message, 'because ' + error)
    assert.equal(err.retryAfter, undefined)
    assert.equal(client.token(), null)
  }
})

test('request errors other than invalid_session reject without logging in again', async () => {
  const { server, client } = setup()
  await client.login()
  server.on('PUT /api/v1/me/profile', () => ({
    statusCode: 400,
    data: { error: 'invalid_nickname', message: 'too long' },
    header: {},
  }))
  server.on('GET /api/v1/gone', () => ({ statusCode: 502, data: '<html>Bad Gateway</html>', header: {} }))

  await assert.rejects(client.request({ url: '/api/v1/me/profile', method: 'PUT', data: { nickname: 'x' } }), {
    name: 'WxgateError',
    statusCode: 400,
    error: 'invalid_nickname',
    message: 'too long',
  })
  await assert.rejects(client.request({ url: '/api/v1/gone' }), { statusCode: 502, error: 'http_502', message: 'HTTP 502' })
  assert.equal(server.count('POST /api/v1/login'), 1)
})

test('transport and wx.login failures reject with statusCode 0', async () => {
  const { server, wx, client } = setup()
  wx.loginFailure = 'login:fail auth deny'
  await assert.rejects(client.login(), { statusCode: 0, error: 'wx_login_failed', message: 'login:fail auth deny' })
  assert.equal(server.count('POST /api/v1/login'), 0)

  wx.loginFailure = null
  await client.login()
  server.on('GET /api/v1/me', () => 'network-error')
  await assert.rejects(client.request({ url: '/api/v1/me' }), {
    statusCode: 0,
    error: 'network_error',
    message: 'request:fail timeout',
  })
})

test('429 from login rejects with retryAfter and holds further logins until then', async () => {
  const { server, wx, client } = setup()
  server.on('POST /api/v1/login', () => ({
    statusCode: 429,
    data: { error: 'rate_limited', message: 'slow down' },
    header: { 'retry-after': '7' },
  }))

  await assert.rejects(client.login(), { statusCode: 429, error: 'rate_limited', retryAfter: 7 })
  // no retry storm: neither login() nor a request that needs a login reaches wx.login or the server
  const again = await client.login().then(assert.fail, (e) => e)
  assert.equal(again.error, 'rate_limited')
  assert.ok(again.retryAfter > 0 && again.retryAfter <= 7)
  await assert.rejects(client.request({ url: '/api/v1/me' }), { statusCode: 429, error: 'rate_limited' })
  assert.equal(server.count('POST /api/v1/login'), 1)
  assert.equal(wx.loginCalls, 1)
})

test('Retry-After as an HTTP date is turned into seconds', async () => {
  const { server, client } = setup()
  const at = new Date(Date.now() + 120 * 1000).toUTCString()
  server.on('POST /api/v1/login', () => ({ statusCode: 429, data: { error: 'rate_limited' }, header: { 'Retry-After': at } }))

  const err = await client.login().then(assert.fail, (e) => e)

  assert.ok(err.retryAfter >= 118 && err.retryAfter <= 121, 'retryAfter ' + err.retryAfter)
})

test('logout calls the server with the token and clears storage', async () => {
  const { server, wx, client } = setup()
  await client.login()
  const token = client.token()

  await client.logout()

  const call = server.calls.at(-1)
  assert.equal(call.route, 'POST /api/v1/logout')
  assert.equal(authOf(call), 'Bearer ' + token)
  assert.equal(wx.storage.has(KEY), false)
  assert.equal(client.token(), null)
  assert.equal(server.live.has(token), false)
})

test('logout clears storage even when the call fails', async () => {
  const { server, wx, client } = setup()
  await client.login()
  server.on('POST /api/v1/logout', () => 'network-error')
  await assert.rejects(client.logout(), { error: 'network_error' })
  assert.equal(wx.storage.has(KEY), false)

  await client.login()
  server.on('POST /api/v1/logout', () => ({ statusCode: 500, data: { error: 'internal' }, header: {} }))
  await assert.rejects(client.logout(), { statusCode: 500 })
  assert.equal(client.token(), null)
})

test('logout of a session the server already forgot succeeds', async () => {
  const { server, client } = setup()
  await client.login()
  server.revokeAll()
  await client.logout()
  assert.equal(client.token(), null)
})

test('logout without a session makes no call', async () => {
  const { server, client } = setup()
  await client.logout()
  assert.equal(server.calls.length, 0)
})

test('a login still in flight when the user logs out does not store its token', async () => {
  const { client } = setup()
  const pending = client.login()
  await client.logout()

  await assert.rejects(pending, { error: 'logged_out' })
  assert.equal(client.token(), null)
})

test('the token is never sent to another origin', async () => {
  const { server, client } = setup()
  await client.login()

  await assert.rejects(client.request({ url: 'https://evil.example/steal' }), TypeError)
  await assert.rejects(client.request({ url: 'api/v1/me' }), TypeError)
  const res = await client.request({ url: BASE_URL + '/api/v1/me' })

  assert.equal(res.statusCode, 200)
  assert.ok(server.calls.every((c) => !c.route.includes('evil')))
})

test('unreadable storage counts as no session', async () => {
  const { server, wx, client } = setup()
  wx.setStorageSync(KEY, 'garbage')
  assert.equal(client.token(), null)
  await client.request({ url: '/api/v1/me' })
  assert.equal(server.count('POST /api/v1/login'), 1)
})

test('createClient uses the global wx of a mini-program and refuses to run without one', async () => {
  const server = fakeWxgate()
  assert.throws(() => wxgate.createClient({ baseUrl: BASE_URL }), /no wx object/)
  assert.throws(() => wxgate.createClient({ baseUrl: 'wxgate.test', wx: fakeWx(server) }), /baseUrl/)
  globalThis.wx = fakeWx(server)
  try {
    const client = wxgate.createClient({ baseUrl: BASE_URL })
    await client.login()
    assert.equal(globalThis.wx.loginCalls, 1)
  } finally {
    delete globalThis.wx
  }
})

test('the token never appears in console output or in errors', async (t) => {
  const output = []
  for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
    t.mock.method(console, level, (...args) => output.push(args.map(String).join(' ')))
  }
  const errors = []
  const catching = (p) => p.catch((e) => errors.push(e))
  const { server, wx, client } = setup()

  // every path that logs or builds an error while holding a token
  await client.login()
  makeRefreshDue(wx)
  server.on('POST /api/v1/session/refresh', () => 'network-error')
  await client.request({ url: '/api/v1/me' }) // failed refresh: warns
  server.revokeAll()
  await client.request({ url: '/api/v1/me' }) // 401: re-login
  server.on('GET /api/v1/me', (req) => ({ statusCode: 401, data: { error: 'invalid_session' }, header: req.header }))
  await catching(client.request({ url: '/api/v1/me' }))
  server.on('GET /api/v1/other', () => 'network-error')
  await catching(client.request({ url: '/api/v1/other' }))
  server.on('POST /api/v1/logout', () => ({ statusCode: 500, data: {}, header: {} }))
  await catching(client.logout())

  assert.ok(output.length > 0, 'the scenario should have logged something') // else this test proves nothing
  assert.equal(errors.length, 3)
  assert.ok(server.issuedTokens.length >= 3)
  const visible = output.concat(errors.map((e) => [String(e), e.stack, JSON.stringify(e)].join('\n')))
  for (const token of server.issuedTokens) {
    for (const text of visible) assert.ok(!text.includes(token), 'a token leaked into: ' + text)
  }
})
