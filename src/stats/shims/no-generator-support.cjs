/**
 * Stands in for @stdlib/assert-has-generator-support (see vite.config.ts). That package decides
 * between two equivalent implementations of @stdlib's series and continued fractions by trying
 * to eval a generator function; the app's Content-Security-Policy forbids eval, so in the browser
 * the answer was always "no" after a refused eval and a CSP report. Answering "no" directly takes
 * the same, eval-free path without the report. Used by the browser build only.
 */
module.exports = function hasGeneratorSupport() {
  return false;
};
