// Inside the preview frame: upsell.js runs as on a shop, but its offer request is answered with the offer being
// edited and its events go nowhere. The parent calls showOffer(answer, moment, locale) on every change.
(function () {
  'use strict';
  var answer = null;
  window.fetch = function (url) {
    var body = String(url).indexOf('/offers/') >= 0 ? JSON.stringify(answer) : '{}';
    return Promise.resolve(new Response(body, { status: 200, headers: { 'Content-Type': 'application/json' } }));
  };
  navigator.sendBeacon = function () { return true; };

  window.upsellReady = function (Upsell) {
    Upsell.init({ endpoint: '/preview', exitIntent: false, flushMs: 3600000, onAccept: function () { return Promise.resolve(); } });
  };

  window.showOffer = function (next, moment, locale) {
    answer = next;
    document.documentElement.lang = locale;
    if (document.querySelector('.upsell-backdrop')) document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    var slot = document.getElementById('slot');
    slot.textContent = '';
    slot.removeAttribute('style');
    if (moment === 'exit-intent') slot.removeAttribute('data-upsell-slot');
    else slot.setAttribute('data-upsell-slot', moment);
    return window.Upsell.offers(moment);
  };
})();
