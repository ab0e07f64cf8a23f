/**
 * Stands in for the `debug` logger that @stdlib's gammaincinv requires (see vite.config.ts): its
 * messages are only ever shown when a developer enables them in localStorage, and loading the
 * real package cost ~7 ms of a cold start. Same interface: a factory of loggers that do nothing.
 */
module.exports = function createDebug() {
  function log() {}
  log.enabled = false;
  return log;
};
