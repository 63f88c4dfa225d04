// Test double of WeChat's JS-SDK (jweixin) for H5LoginBrowserTest: served by the test's page server only, loaded where
// a real page loads jweixin (before the page's module). It records what wx.config received, and, like the real SDK,
// calls the ready callbacks after the configuration, asynchronously.
(function () {
  var readyCallbacks = []
  var stub = { configs: [] }
  window.wxStub = stub
  window.wx = {
    config: function (config) {
      stub.configs.push(JSON.parse(JSON.stringify(config)))
      setTimeout(function () {
        readyCallbacks.forEach(function (callback) { callback() })
      }, 0)
    },
    ready: function (callback) { readyCallbacks.push(callback) },
    error: function () {},
  }
})()
