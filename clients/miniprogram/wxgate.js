/**
 * wxgate client for WeChat mini-programs: logs in with wx.login(), keeps wxgate's session token in storage,
 * attaches it to wx.request, refreshes it shortly before it expires and logs in again once when the server
 * no longer knows it.
 *
 * Plain CommonJS, no build step, no dependencies:
 *
 *   const wxgate = require('./wxgate.js')
 *   const api = wxgate.createClient({ baseUrl: 'https://api.example.com' })
 *   const { data: me } = await api.request({ url: '/api/v1/me' })
 *
 * The token is a bearer credential: this module never logs it and never puts it in an error.
 */
'use strict'

const DEFAULT_STORAGE_KEY = 'wxgate.session'
const DEFAULT_REFRESH_MARGIN = 300 // seconds
const REFRESH_RETRY_DELAY = 30 // seconds between refresh attempts after one failed

/** An HTTP or transport failure: `statusCode` (0 when no HTTP answer), `error` (wxgate's code), `message`. */
class WxgateError extends Error {
  constructor(statusCode, error, message, retryAfter) {
    super(message || error)
    this.name = 'WxgateError'
    this.statusCode = statusCode
    this.error = error
    if (retryAfter !== undefined) this.retryAfter = retryAfter
  }
}

function createClient(options) {
  const opts = options || {}
  if (typeof opts.baseUrl !== 'string' || !/^https?:\/\//.test(opts.baseUrl)) {
    throw new TypeError('createClient: baseUrl must be an http(s) URL')
  }
  const baseUrl = opts.baseUrl.replace(/\/+$/, '')
  const appId = opts.appId
  const storageKey = opts.storageKey || DEFAULT_STORAGE_KEY
  const refreshMargin = opts.refreshMargin === undefined ? DEFAULT_REFRESH_MARGIN : opts.refreshMargin
  const wx = opts.wx || globalWx()
  if (!wx) throw new TypeError('createClient: no wx object (pass options.wx outside a mini-program)')

  let loginInFlight = null
  let refreshInFlight = null
  let loginBlockedUntil = 0 // after a 429, login() refuses until then instead of hammering the server
  let refreshHeldUntil = 0 // after a failed refresh, requests use the current token until then
  // Bumped by logout(): a login or refresh that was in flight when the user logged out must not store its token.
  let epoch = 0

  // --- storage: the single source of truth, so several clients with one storageKey agree ---

  function load() {
    let s
    try {
      s = wx.getStorageSync(storageKey)
    } catch (e) {
      return null
    }
    return s && typeof s.token === 'string' && typeof s.expiresAt === 'number' ? s : null
  }

  function save(token, expiresIn) {
    const now = Date.now()
    // Timestamps come from the local clock at receipt, so a phone whose clock is off doesn't matter.
    // Refresh `refreshMargin` before expiry, but never earlier than half-way through the token's life:
    // with a short-lived token and the default margin every request would otherwise refresh.
    const margin = Math.min(refreshMargin, expiresIn / 2)
    const session = { token, expiresAt: now + expiresIn * 1000, refreshAt: now + (expiresIn - margin) * 1000 }
    wx.setStorageSync(storageKey, session)
    return session
  }

  function clear() {
    try {
      if (typeof wx.removeStorageSync === 'function') wx.removeStorageSync(storageKey)
      else wx.setStorageSync(storageKey, '')
    } catch (e) {
      // nothing more we can do; the server-side session is gone or going anyway
    }
  }

  // --- transport ---

  /** wx.request as a promise; resolves with wx's response for every HTTP status, rejects only when there is none. */
  function send(params) {
    return new Promise((resolve, reject) => {
      wx.request(
        Object.assign({}, params, {
          success: resolve,
          fail: (res) => reject(new WxgateError(0, 'network_error', (res && res.errMsg) || 'request failed')),
        }),
      )
    })
  }

  function isOk(res) {
    return res.statusCode >= 200 && res.statusCode < 300
  }

  function toError(res) {
    const body = res.data && typeof res.data === 'object' ? res.data : {}
    const code = typeof body.error === 'string' ? body.error : 'http_' + res.statusCode
    const message = typeof body.message === 'string' ? body.message : 'HTTP ' + res.statusCode
    const retryAfter = res.statusCode === 429 ? parseRetryAfter(headerValue(res.header, 'retry-after')) : undefined
    return new WxgateError(res.statusCode, code, message, retryAfter)
  }

  function isSession(body) {
    return !!body && typeof body.token === 'string' && typeof body.expiresIn === 'number'
  }

  function isInvalidSession(res) {
    return res.statusCode === 401 && !!res.data && res.data.error === 'invalid_session'
  }

  function bearer(token) {
    return { Authorization: 'Bearer ' + token }
  }

  // --- login and refresh, each single-flight ---

  function wxLoginCode() {
    return new Promise((resolve, reject) => {
      wx.login({
        success: (res) =>
          res && res.code ? resolve(res.code) : reject(new WxgateError(0, 'wx_login_failed', 'wx.login gave no code')),
        fail: (res) => reject(new WxgateError(0, 'wx_login_failed', (res && res.errMsg) || 'wx.login failed')),
      })
    })
  }

  async function doLogin() {
    const startEpoch = epoch
    const code = await wxLoginCode() // a code is single-use: fetch a fresh one for every attempt
    const data = appId ? { appId, code } : { code }
    const res = await send({ url: baseUrl + '/api/v1/login', method: 'POST', data, header: {} })
    if (!isOk(res)) {
      const err = toError(res)
      if (err.retryAfter !== undefined) loginBlockedUntil = Date.now() + err.retryAfter * 1000
      throw err
    }
    if (!isSession(res.data)) throw new WxgateError(res.statusCode, 'bad_response', 'login answered no session')
    if (startEpoch !== epoch) throw new WxgateError(0, 'logged_out', 'logged out while logging in')
    refreshHeldUntil = 0
    return { token: save(res.data.token, res.data.expiresIn).token, user: res.data.user }
  }

  /** Single-flight login resolving with {token, user}; the public login() hands out only the user. */
  function loginShared() {
    const wait = Math.ceil((loginBlockedUntil - Date.now()) / 1000)
    if (wait > 0) return Promise.reject(new WxgateError(429, 'rate_limited', 'login rate limited; retry later', wait))
    if (!loginInFlight) {
      loginInFlight = doLogin().finally(() => {
        loginInFlight = null
      })
    }
    return loginInFlight
  }

  /** Logs in with a fresh wx.login() code; concurrent callers share one attempt. Resolves with the user. */
  function login() {
    return loginShared().then((r) => r.user)
  }

  async function doRefresh(current) {
    const startEpoch = epoch
    let res
    try {
      const url = baseUrl + '/api/v1/session/refresh'
      res = await send({ url, method: 'POST', data: {}, header: bearer(current.token) })
    } catch (e) {
      res = null
    }
    if (res && isOk(res) && isSession(res.data)) {
      if (startEpoch !== epoch) throw new WxgateError(0, 'logged_out', 'logged out while refreshing')
      return save(res.data.token, res.data.expiresIn).token
    }
    if (res && isInvalidSession(res)) {
      return (await loginShared()).token // the session ended (expired, revoked): only a new login helps
    }
    // Refreshing early is an optimisation: on a network error or a 5xx keep using the current token, which is
    // still valid (or, if not, the request's own 401 handling logs in), and don't ask again for a while, so an
    // outage doesn't double every request.
    refreshHeldUntil = Date.now() + REFRESH_RETRY_DELAY * 1000
    const why = res ? 'HTTP ' + res.statusCode : 'no response'
    console.warn('[wxgate] session refresh failed (' + why + '); keeping the current session')
    return current.token
  }

  function refresh(current) {
    if (!refreshInFlight) {
      refreshInFlight = doRefresh(current).finally(() => {
        refreshInFlight = null
      })
    }
    return refreshInFlight
  }

  /** A token fit to send: logs in when there is none, refreshes when it is close to expiry. */
  async function validToken() {
    if (loginInFlight) return (await loginInFlight).token
    const current = load()
    if (!current) return (await loginShared()).token
    const now = Date.now()
    const due = now >= (current.refreshAt || current.expiresAt - refreshMargin * 1000)
    if (due && (now >= refreshHeldUntil || now >= current.expiresAt)) return refresh(current)
    return current.token
  }

  // --- public API ---

  /**
   * wx.request with the session attached. `url` is a path under baseUrl ("/api/v1/me"); the token is never sent
   * to another origin. Resolves with wx's response ({statusCode, data, header}) for 2xx, rejects with a
   * WxgateError otherwise.
   */
  async function request(reqOptions) {
    const ro = Object.assign({}, reqOptions)
    let url = ro.url
    if (typeof url !== 'string') throw new TypeError('request: url is required')
    if (url.startsWith(baseUrl + '/')) url = url.slice(baseUrl.length)
    if (!url.startsWith('/')) throw new TypeError('request: url must be a path under baseUrl, got ' + url)
    delete ro.success
    delete ro.fail
    delete ro.complete

    const call = (token) =>
      send(
        Object.assign({}, ro, {
          url: baseUrl + url,
          method: ro.method || 'GET',
          header: Object.assign({}, ro.header, bearer(token)),
        }),
      )

    const token = await validToken()
    let res = await call(token)
    if (isInvalidSession(res)) {
      // One re-login and one retry, never more. If another caller already replaced the token we were using,
      // retry with theirs instead of logging in a second time.
      const latest = load()
      let retryToken
      if (latest && latest.token !== token) {
        retryToken = latest.token
      } else {
        clear()
        retryToken = (await loginShared()).token
      }
      res = await call(retryToken)
    }
    if (!isOk(res)) throw toError(res)
    return res
  }

  /** Ends the session on the server and forgets it locally; storage is cleared even when the call fails. */
  async function logout() {
    epoch++
    const current = load()
    clear()
    if (!current) return
    const res = await send({ url: baseUrl + '/api/v1/logout', method: 'POST', data: {}, header: bearer(current.token) })
    // A session the server no longer knows is as logged out as it gets.
    if (!isOk(res) && !isInvalidSession(res)) throw toError(res)
  }

  /** The current token, or null. For passing to code that can't use request(); keep it out of logs. */
  function token() {
    const s = load()
    return s ? s.token : null
  }

  return { login, request, logout, token }
}

/** The mini-program's global `wx`, if this runs inside one. */
function globalWx() {
  return typeof wx !== 'undefined' ? wx : undefined // eslint-disable-line no-undef
}

function headerValue(header, name) {
  if (!header) return undefined
  for (const k of Object.keys(header)) if (k.toLowerCase() === name) return header[k]
  return undefined
}

/** Retry-After is either delta-seconds or an HTTP date; defaults to 1 s when absent or unreadable. */
function parseRetryAfter(value) {
  if (value === undefined || value === null || value === '') return 1
  const s = String(value).trim()
  if (/^\d+$/.test(s)) return Number(s)
  const at = Date.parse(s)
  return isNaN(at) ? 1 : Math.max(0, Math.ceil((at - Date.now()) / 1000))
}

module.exports = { createClient, WxgateError }
