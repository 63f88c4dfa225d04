// wxgate web login for H5 pages of an official account (or a website app's QR login): one ES module, no build step, no
// dependency. It also fetches the signed wx.config of the page (JS-SDK) from wxgate.
//
// The page sends the browser to wxgate's /oauth/{appId}/authorize with its own URL as redirect_uri; WeChat asks the
// user, wxgate checks everything and sends the browser back to the page with a one-time ?wxgate_code=..., which this
// module exchanges (POST /api/v1/oauth/exchange) for a wxgate session token, the same kind a mini-program gets. The
// token lives in sessionStorage (this tab only) and goes to wxgate as "Authorization: Bearer"; it never appears in a
// URL. The page's origin must be one of the app's wxgate.apps[N].web.allowed-origins (CORS and redirect_uri both).

const CODE = 'wxgate_code'
const ERROR = 'wxgate_error'
const STORAGE_KEY = 'wxgate.session'

/** A wxgate error answer, as thrown by every call: err.error is wxgate's stable code ("invalid_code", ...). */
export class WxgateError extends Error {
  constructor(status, body) {
    super((body && body.message) || `wxgate answered HTTP ${status}`)
    this.status = status
    this.error = (body && body.error) || 'http_' + status
  }
}

/**
 * @param {object} options
 * @param {string} options.wxgateUrl where wxgate is, e.g. "https://login.example.com"
 * @param {string} options.appId the official account (or website app)
 * @param {string} [options.scope] "snsapi_base" (default: openid only, no consent screen) or "snsapi_userinfo"; a
 *     website app's is "snsapi_login" (its only one)
 * @param {Window} [options.window] for tests; defaults to the global window
 */
export function createWebLogin({ wxgateUrl, appId, scope = 'snsapi_base', window: win = globalThis.window }) {
  const base = wxgateUrl.replace(/\/+$/, '')
  const storage = win.sessionStorage

  /** The page's address without the handoff parameters: where WeChat and wxgate should come back to. */
  function pageUrl() {
    const url = new URL(win.location.href)
    url.searchParams.delete(CODE)
    url.searchParams.delete(ERROR)
    url.hash = ''
    return url.toString()
  }

  /** The link that starts a login (put it on a button, or assign it to location). */
  function loginUrl(returnTo = pageUrl()) {
    const query = new URLSearchParams({ scope, redirect_uri: returnTo })
    return `${base}/oauth/${encodeURIComponent(appId)}/authorize?${query}`
  }

  async function call(method, path, body) {
    const headers = {}
    const token = session() && session().token
    if (token) headers.Authorization = `Bearer ${token}`
    if (body !== undefined) headers['Content-Type'] = 'application/json'
    const response = await win.fetch(base + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await response.text()
    const json = text ? JSON.parse(text) : null
    if (!response.ok) throw new WxgateError(response.status, json)
    return json
  }

  /** The session this tab holds ({token, expiresAt, user}), or null. */
  function session() {
    const stored = storage.getItem(STORAGE_KEY)
    if (!stored) return null
    const parsed = JSON.parse(stored)
    return parsed.expiresAt > Date.now() ? parsed : null
  }

  /**
   * Finishes a login the page came back from: exchanges ?wxgate_code= (once; the parameter is then removed from the
   * address bar so a reload or a shared link does not carry it), or throws for ?wxgate_error= ("access_denied" when
   * the user declined). Returns the session, or null when the page was not coming back from a login.
   */
  async function complete() {
    const url = new URL(win.location.href)
    const code = url.searchParams.get(CODE)
    const error = url.searchParams.get(ERROR)
    if (code || error) win.history.replaceState(null, '', pageUrl())
    if (error) throw new WxgateError(400, { error, message: 'the login did not complete: ' + error })
    if (!code) return session()
    const answer = await call('POST', '/api/v1/oauth/exchange', { code })
    const value = { token: answer.token, expiresAt: Date.now() + answer.expiresIn * 1000, user: answer.user }
    storage.setItem(STORAGE_KEY, JSON.stringify(value))
    return value
  }

  /**
   * The page's signed JS-SDK configuration, ready for wx.config (GET /api/v1/jssdk-config, public: wxgate signs only
   * pages on the account's JS-safe domains, and answers CORS for them only). WeChat checks the signature against the
   * URL the page has when wx.config runs, without its #fragment: so call this after complete(), which may have
   * rewritten the address, and call it again after a history change (pushState) in a single-page app.
   */
  async function jssdkConfig(jsApiList, url = win.location.href.split('#')[0]) {
    const query = new URLSearchParams({ appId, url })
    // No Authorization header: the endpoint is public, and a simple GET needs no CORS preflight.
    const response = await win.fetch(`${base}/api/v1/jssdk-config?${query}`)
    const text = await response.text()
    const json = text ? JSON.parse(text) : null
    if (!response.ok) throw new WxgateError(response.status, json)
    return {
      debug: false,
      appId: json.appId,
      timestamp: json.timestamp,
      nonceStr: json.nonceStr,
      signature: json.signature,
      jsApiList,
    }
  }

  /** Who the session belongs to (GET /api/v1/me). */
  function me() {
    return call('GET', '/api/v1/me')
  }

  async function logout() {
    try {
      if (session()) await call('POST', '/api/v1/logout')
    } finally {
      storage.removeItem(STORAGE_KEY)
    }
  }

  return { loginUrl, complete, session, me, logout, call, jssdkConfig }
}
