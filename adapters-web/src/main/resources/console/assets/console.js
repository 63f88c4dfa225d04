// wxgate console: live countdowns and confirmations. No inline script (the content security policy forbids it).
(function () {
    "use strict";

    function format(seconds) {
        if (seconds <= 0) {
            return "0s";
        }
        var h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
        var pad = function (n) { return n < 10 ? "0" + n : "" + n; };
        if (h > 0) {
            return h + "h " + pad(m) + "m " + pad(s) + "s";
        }
        return m > 0 ? m + "m " + pad(s) + "s" : s + "s";
    }

    function tick() {
        var now = Date.now();
        document.querySelectorAll(".countdown[data-until]").forEach(function (element) {
            var until = Date.parse(element.getAttribute("data-until"));
            if (!isNaN(until)) {
                element.textContent = format(Math.round((until - now) / 1000));
            }
        });
    }

    document.addEventListener("DOMContentLoaded", function () {
        tick();
        setInterval(tick, 1000);
        document.querySelectorAll("form[data-confirm]").forEach(function (form) {
            form.addEventListener("submit", function (event) {
                if (!window.confirm(form.getAttribute("data-confirm"))) {
                    event.preventDefault();
                }
            });
        });
    });
})();
