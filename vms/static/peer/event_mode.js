/* Event mode: redraw the countdown each second from the server's clock, not the browser's.
 *
 * Every few seconds the page asks the server for the clock (peer.event_clock) and measures
 * how far the browser's clock is from the server's (half the round trip counted). When the
 * phase or the clock's version changes (a coordinator's move on any screen, or a
 * phase whose time ran out), the page reloads, so its seats and buttons are the
 * server's. Without this script the page refreshes itself every 15 seconds.
 */
(function () {
  "use strict";
  var root = document.getElementById("event-mode");
  if (!root) { return; }
  var countdown = document.getElementById("mode-countdown");
  var POLL_MS = 4000;
  var offsetMs = Date.parse(root.dataset.serverNow) - Date.now();
  var endsAt = root.dataset.endsAt ? Date.parse(root.dataset.endsAt) : null;
  var secondsLeft = parseInt(root.dataset.secondsLeft, 10) || 0;
  var polling = false;

  function format(seconds) {
    var minutes = Math.floor(seconds / 60);
    var rest = seconds % 60;
    return minutes + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function left() {
    if (endsAt === null) { return secondsLeft; }
    return Math.max(0, Math.ceil((endsAt - (Date.now() + offsetMs)) / 1000));
  }

  function draw() {
    var seconds = left();
    var text = format(seconds);
    if (countdown.textContent !== text) { countdown.textContent = text; }
    return seconds;
  }

  function changed(clock) {
    var ranOut = clock.seconds_left === 0 && root.dataset.secondsLeft !== "0";
    return ranOut || String(clock.version) !== root.dataset.version ||
      clock.phase !== root.dataset.phase;
  }

  function poll() {
    if (polling) { return; }
    polling = true;
    var sentAt = Date.now();
    fetch(root.dataset.clockUrl, { credentials: "same-origin", cache: "no-store",
                                   headers: { "Accept": "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error("clock answered " + response.status); }
        return response.json();
      })
      .then(function (clock) {
        var receivedAt = Date.now();
        offsetMs = Date.parse(clock.now) - (sentAt + receivedAt) / 2;
        if (changed(clock)) { window.location.reload(); return; }
        endsAt = clock.ends_at ? Date.parse(clock.ends_at) : null;
        secondsLeft = clock.seconds_left;
        draw();
      })
      .catch(function () { /* offline for a moment: keep counting, ask again later */ })
      .then(function () { polling = false; });
  }

  var wasRunning = draw() > 0;
  window.setInterval(function () {
    var seconds = draw();
    // Time just ran out: the server has moved on (a change after a conversation); ask now.
    if (wasRunning && seconds === 0) { poll(); }
    wasRunning = seconds > 0;
  }, 1000);
  window.setInterval(poll, POLL_MS);
  poll();
}());
