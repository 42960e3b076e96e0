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

  // The shop's theme, after the preview's own styles, so its fonts, colours and --upsell-* properties win.
  window.useStylesheet = function (url) {
    var link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = url;
    document.head.appendChild(link);
  };

  // The card as a 360 px phone lays it out (the page's 16 px margins on each side), measured off screen: which parts
  // of its copy the card's fixed layout cuts there.
  window.clippedOnPhone = function () {
    var row = document.querySelector('#slot .upsell-row');
    if (!row) return [];
    var probe = document.createElement('div');
    probe.style.cssText = 'position:absolute;left:-10000px;top:0;width:328px;visibility:hidden';
    probe.appendChild(row.cloneNode(true));
    document.body.appendChild(probe);
    var cut = [].slice.call(probe.querySelectorAll('.upsell-headline, .upsell-body')).filter(function (e) {
      return e.scrollHeight > e.clientHeight + 1;
    }).map(function (e) { return e.className.indexOf('headline') >= 0 ? 'headline' : 'body'; });
    probe.remove();
    return cut;
  };

  window.showOffer = function (next, moment, locale, cart) {
    answer = next;
    document.documentElement.lang = locale;
    document.getElementById('order').textContent = 'Your order: ' + (cart || 'Camera X100, €899.00');
    if (document.querySelector('.upsell-backdrop')) document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    var slot = document.getElementById('slot');
    slot.textContent = '';
    slot.removeAttribute('style');
    if (moment === 'exit-intent') slot.removeAttribute('data-upsell-slot');
    else slot.setAttribute('data-upsell-slot', moment);
    return window.Upsell.offers(moment);
  };
})();
