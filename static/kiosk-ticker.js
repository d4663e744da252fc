// A once-a-second tick for the kiosk from a worker: browsers throttle timers in hidden or
// backgrounded tabs far less inside workers, so the stale flag and the clock stay honest.
setInterval(() => postMessage(Date.now()), 1000);
