'use strict'

// End to end against a running wxgate with its built-in WeChat sandbox:
//   WXGATE_URL=http://localhost:8080 node --test clients/miniprogram/test/
// Without WXGATE_URL every test here is skipped, so the unit tests run anywhere.

const test = require('node:test')
const assert = require('node:assert/strict')
const crypto = require('node:crypto')
const wxgate = require('../wxgate.js')

const WXGATE_URL = (process.env.WXGATE_URL || '').replace(/\/+$/, '')
const APP_ID = 'wxa1b2c3d4e5f60001' // the sandbox's default mini-program
const KEY = 'wxgate.session'
const SKIP = 'WXGATE_URL is not set; start wxgate and set WXGATE_URL=http://localhost:8080 to run the end-to-end tests'

function newOpenid() {
  return 'oE2e' + crypto.randomBytes(6).toString('hex')
}

/** A login code from the sandbox, i.e. what wx.login() gives that user's mini-program. */
async function sandboxCode(openid) {
  const res = await fetch(`${WXGATE_URL}/_sandbox/apps/${APP_ID}/users/${openid}/login-code`, { method: 'POST' })
  if (!res.ok) throw new Error('sandbox login-code answered HTTP ' + res.status)
  return (await res.json()).code
}

/** wx for Node: login() asks the sandbox for a code (or uses codeFor), request() is fetch. */
function nodeWx(openid, codeFor) {
  const storage = new Map()
  const getCode = codeFor || (() => sandboxCode(openid))
  return {
    storage,
    login({ success, fail }) {
      getCode().then(
        (code) => success({ code }),
        (e) => fail({ errMsg: 'login:fail ' + e.message }),
      )
    },
    request({ url, method = 'GET', data, header = {}, success, fail }) {
      let target = url
      let body
      if (method === 'GET') {
        if (data) target += '?' + new URLSearchParams(data)
      } else if (data !== undefined) {
        body = JSON.stringify(data) // wx.request's default: JSON with content-type application/json
      }
      const headers = Object.assign({ 'content-type': 'application/json' }, header)
      fetch(target, { method, headers, body })
        .then(async (res) => {
          const text = await res.text()
          let parsed = text
          try {
            parsed = text ? JSON.parse(text) : ''
          } catch (e) {
            // not JSON: wx hands over the text
          }
          success({ statusCode: res.status, data: parsed, header: Object.fromEntries(res.headers) })
        })
        .catch((e) => fail({ errMsg: 'request:fail ' + e.message }))
    },
    setStorageSync: (k, v) => storage.set(k, JSON.parse(JSON.stringify(v))),
    getStorageSync: (k) => (storage.has(k) ? JSON.parse(JSON.stringify(storage.get(k))) : ''),
    removeStorageSync: (k) => storage.delete(k),
  }
}

function getMe(token) {
  return fetch(WXGATE_URL + '/api/v1/me', { headers: { Authorization: 'Bearer ' + token } })
}

test('e2e: login, me, refresh before expiry, logout, then the token is refused', async (t) => {
  if (!WXGATE_URL) return t.skip(SKIP)
  const openid = newOpenid()
  const wx = nodeWx(openid)
  const client = wxgate.createClient({ baseUrl: WXGATE_URL, appId: APP_ID, wx })

  const user = await client.login()
  assert.equal(user.openid, openid)
  assert.equal(user.newUser, true)
  const first = client.token()
  assert.ok(first, 'a token is stored')
  assert.ok(wx.getStorageSync(KEY).expiresAt > Date.now())

  const me = await client.request({ url: '/api/v1/me' })
  assert.equal(me.statusCode, 200)
  assert.equal(me.data.openid, openid)
  assert.equal(me.data.id, user.id)

  // let the refresh point pass, as if the app had been open for a while: the next request refreshes first
  const s = wx.getStorageSync(KEY)
  s.refreshAt = Date.now() - 1
  wx.setStorageSync(KEY, s)
  const again = await client.request({ url: '/api/v1/me' })
  assert.equal(again.data.id, user.id)
  const second = client.token()
  assert.notEqual(second, first, 'the request refreshed the token')
  assert.ok(wx.getStorageSync(KEY).refreshAt > Date.now(), 'the new token is not due for refresh')
  assert.equal((await getMe(first)).status, 200, 'the old token works during the grace period')

  await client.logout()
  assert.equal(client.token(), null)
  const after = await getMe(second)
  assert.equal(after.status, 401)
  assert.equal((await after.json()).error, 'invalid_session')

  // the user is known now
  assert.equal((await client.login()).newUser, false)
  await client.logout()
})

test('e2e: an unknown token leads to one re-login and a successful retry', async (t) => {
  if (!WXGATE_URL) return t.skip(SKIP)
  const openid = newOpenid()
  const wx = nodeWx(openid)
  const client = wxgate.createClient({ baseUrl: WXGATE_URL, appId: APP_ID, wx })
  const far = Date.now() + 3600 * 1000
  // well-formed (256 bits, URL-safe) but not a session wxgate knows: e.g. revoked from the console
  wx.setStorageSync(KEY, { token: crypto.randomBytes(32).toString('base64url'), expiresAt: far, refreshAt: far })

  const me = await client.request({ url: '/api/v1/me' })

  assert.equal(me.statusCode, 200)
  assert.equal(me.data.openid, openid)
  await client.logout()
})

test('e2e: wxgate error codes reach the caller', async (t) => {
  if (!WXGATE_URL) return t.skip(SKIP)
  const openid = newOpenid()
  const code = await sandboxCode(openid)
  const reused = wxgate.createClient({ baseUrl: WXGATE_URL, appId: APP_ID, wx: nodeWx(openid, async () => code) })
  await reused.login()
  await assert.rejects(reused.login(), { statusCode: 409, error: 'code_used' })
  await reused.logout()

  const bogus = wxgate.createClient({ baseUrl: WXGATE_URL, appId: APP_ID, wx: nodeWx(openid, async () => 'not-a-code') })
  await assert.rejects(bogus.login(), { statusCode: 400, error: 'invalid_code' })

  const unknown = wxgate.createClient({ baseUrl: WXGATE_URL, appId: 'wx00000000000000ff', wx: nodeWx(openid) })
  await assert.rejects(unknown.login(), { statusCode: 404, error: 'unknown_app' })
})
