/**
 * Test double: an in-process fake of wxgate's /api/v1 and a stub `wx` (login, request, storage) wired to it.
 * It lives outside test/ so `node --test clients/miniprogram/test/` doesn't run it as a test file.
 */
'use strict'

const crypto = require('node:crypto')

const BASE_URL = 'https://wxgate.test'

/** Fake wxgate: issues real-looking tokens, counts calls per route, and lets a test override any route. */
function fakeWxgate(options) {
  const opts = options || {}
  const server = {
    expiresIn: opts.expiresIn || 1800,
    issuedTokens: [], // every token ever handed out, to prove none of them leaks into logs
    live: new Set(),
    codes: new Map(), // code -> used?
    calls: [], // {route, header, data}
    overrides: new Map(),
    user: { id: 'u-1', openid: 'oTest123', unionid: 'uTest123', newUser: true, profileComplete: false },
  }

  server.newCode = () => {
    const code = 'code-' + crypto.randomBytes(8).toString('hex')
    server.codes.set(code, false)
    return code
  }

  server.count = (route) => server.calls.filter((c) => c.route === route).length

  /** Forget every session, as a restarted server without a shared store would. */
  server.revokeAll = () => server.live.clear()

  /** Replace a route's behaviour: handler(req, fallback) returns a response, a promise of one, or 'network-error'. */
  server.on = (route, handler) => server.overrides.set(route, handler)

  function issue() {
    const token = crypto.randomBytes(32).toString('base64url')
    server.issuedTokens.push(token)
    server.live.add(token)
    return token
  }

  function bearer(req) {
    const auth = Object.entries(req.header || {}).find(([k]) => k.toLowerCase() === 'authorization')
    const m = auth && /^Bearer (.+)$/.exec(auth[1])
    return m && server.live.has(m[1]) ? m[1] : null
  }

  const invalidSession = { statusCode: 401, data: { error: 'invalid_session', message: 'session invalid' }, header: {} }

  function standard(req) {
    const route = req.route
    if (route === 'POST /api/v1/login') {
      const code = req.data && req.data.code
      if (!server.codes.has(code)) return { statusCode: 400, data: { error: 'invalid_code', message: 'bad code' }, header: {} }
      if (server.codes.get(code)) return { statusCode: 409, data: { error: 'code_used', message: 'used' }, header: {} }
      server.codes.set(code, true)
      return { statusCode: 200, data: { token: issue(), expiresIn: server.expiresIn, user: server.user }, header: {} }
    }
    const token = bearer(req)
    if (!token) return invalidSession
    if (route === 'POST /api/v1/session/refresh') {
      // the old token stays live: the real server keeps it for a grace period
      return { statusCode: 200, data: { token: issue(), expiresIn: server.expiresIn }, header: {} }
    }
    if (route === 'POST /api/v1/logout') {
      server.live.delete(token)
      return { statusCode: 204, data: '', header: {} }
    }
    if (route === 'GET /api/v1/me') return { statusCode: 200, data: server.user, header: {} }
    return { statusCode: 200, data: { ok: true }, header: {} }
  }

  /** Answers one wx.request call. */
  server.handle = async (params) => {
    const path = params.url.startsWith(BASE_URL) ? params.url.slice(BASE_URL.length) : params.url
    const req = { route: (params.method || 'GET').toUpperCase() + ' ' + path, header: params.header, data: params.data }
    server.calls.push(req)
    const override = server.overrides.get(req.route)
    return override ? override(req, () => standard(req)) : standard(req)
  }

  return server
}

/** Stub of the mini-program `wx` API backed by a fake server; callbacks fire asynchronously, as wx's do. */
function fakeWx(server) {
  const storage = new Map()
  const wx = {
    storage,
    loginCalls: 0,
    loginFailure: null, // set to an errMsg to make wx.login fail

    login({ success, fail }) {
      wx.loginCalls++
      setImmediate(() => (wx.loginFailure ? fail({ errMsg: wx.loginFailure }) : success({ code: server.newCode() })))
    },

    requestCalls: 0,

    request(params) {
      // a client caught in a retry loop fails its test instead of spinning forever
      if (++wx.requestCalls > 200) {
        setImmediate(() => params.fail({ errMsg: 'fake wx: over 200 requests, the client is looping' }))
        return
      }
      setImmediate(async () => {
        const res = await server.handle(params)
        if (res === 'network-error') params.fail({ errMsg: 'request:fail timeout' })
        else params.success(res)
      })
    },

    // wx's storage keeps a copy of the value, so mutating what you read doesn't change what is stored
    setStorageSync(key, value) {
      storage.set(key, JSON.parse(JSON.stringify(value)))
    },
    getStorageSync(key) {
      return storage.has(key) ? JSON.parse(JSON.stringify(storage.get(key))) : ''
    },
    removeStorageSync(key) {
      storage.delete(key)
    },
  }
  return wx
}

module.exports = { BASE_URL, fakeWxgate, fakeWx }
