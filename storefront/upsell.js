/*! upsell.js: offers at checkout moments and on exit intent, for UpsellFunctions. No dependencies. */
(function (window, document) {
  "use strict";

  var defaults = {
    endpoint: "/api",       // the Functions app's API base
    moment: null,           // ask for this moment's offer as soon as init runs (cart, shipping, payment, ...)
    cart: [],               // lines [{ sku, category, unitPrice, quantity, currency }] or a function returning them
    locale: document.documentElement.lang || "en",
    device: null,           // desktop | mobile | tablet; guessed from the viewport when not given
    country: null,
    customer: null,         // { firstTime, orderCount }
    onAccept: null,         // function (offer): the shop adds offer.offerId to its cart
    exitIntent: true,       // watch for exit intent and ask for the exit-intent offer once per session
    dwellMs: 10000,         // no exit intent before the shopper has been on the page this long
    exitDelayMs: 300,       // a top-edge leave fires after this delay unless the pointer comes back
    flushMs: 2000           // events are sent in batches at most this often
  };
  var options, queue = [], flushTimer = 0, started = 0, open = null;

  function id() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16)), s = "";
    for (var i = 0; i < 16; i++) s += (b[i] + 256).toString(16).slice(1);
    return s;
  }

  function stored(area, key) {
    try {
      var value = area.getItem(key);
      if (!value) area.setItem(key, value = id());
      return value;
    } catch (e) {
      return id();
    }
  }

  function flag(key, set) {
    try {
      if (set) sessionStorage.setItem(key, "1");
      return sessionStorage.getItem(key) === "1";
    } catch (e) {
      return false;
    }
  }

  function cart() {
    var lines = typeof options.cart === "function" ? options.cart() : options.cart;
    return lines || [];
  }

  function device() {
    return options.device || (window.matchMedia("(pointer: coarse)").matches ? (Math.min(screen.width, screen.height) < 600 ? "mobile" : "tablet") : "desktop");
  }

  // Asks for offers at a moment and shows them; resolves true when something was shown. Never throws.
  function offers(moment, signal) {
    if (open) return Promise.resolve(false);
    var body = {
      sessionId: stored(sessionStorage, "upsell-session"),
      visitorId: stored(localStorage, "upsell-visitor"),
      cart: cart(),
      device: device(),
      locale: options.locale
    };
    if (options.country) body.country = options.country;
    if (options.customer) body.customer = options.customer;
    if (signal) body.signal = signal;
    return fetch(options.endpoint + "/offers/" + moment, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.status === 200 ? response.json() : null;
    }).then(function (answer) {
      if (!answer || !answer.offers || !answer.offers.length) return false;
      show(answer);
      return true;
    }).catch(function () {
      return false;
    });
  }

  function track(type, offer) {
    queue.push({ id: id(), type: type, at: new Date().toISOString(), token: offer.token });
    if (queue.length >= 50) flush();
    else if (!flushTimer) flushTimer = setTimeout(flush, options.flushMs);
  }

  // Sends queued events as one batch: sendBeacon survives leaving the page; fetch with keepalive if it refuses.
  function flush() {
    clearTimeout(flushTimer);
    flushTimer = 0;
    if (!queue.length) return;
    var url = options.endpoint + "/events", body = JSON.stringify({ events: queue.splice(0, 50) });
    var sent = false;
    try {
      sent = navigator.sendBeacon && navigator.sendBeacon(url, new Blob([body], { type: "text/plain" }));
    } catch (e) { /* fall through to fetch */ }
    if (!sent) {
      fetch(url, { method: "POST", body: body, keepalive: true, headers: { "Content-Type": "text/plain" } }).catch(function () {});
    }
    if (queue.length) flush();
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function show(answer) {
    var before = document.activeElement;
    var backdrop = el("div", "upsell-backdrop");
    var dialog = el("div", "upsell-dialog");
    dialog.setAttribute("role", "dialog");
    dialog.setAttribute("aria-modal", "true");
    dialog.setAttribute("aria-labelledby", "upsell-title");
    dialog.tabIndex = -1;
    var list = answer.offers;
    list.forEach(function (offer, i) {
      var card = el("section", "upsell-offer");
      var title = el("h2", "upsell-headline", offer.headline);
      if (!i) title.id = "upsell-title";
      card.appendChild(title);
      if (offer.body) {
        var text = card.appendChild(el("p", "upsell-body", offer.body));
        if (!i) {
          text.id = "upsell-text";
          dialog.setAttribute("aria-describedby", "upsell-text");
        }
      }
      card.appendChild(el("p", "upsell-price", offer.price.formatted));
      var accept = el("button", "upsell-accept", offer.callToAction);
      accept.type = "button";
      accept.onclick = function () {
        track("click", offer);
        track("accept", offer);
        close();
        if (options.onAccept) {
          try { options.onAccept(offer); } catch (e) { /* the shop's callback must not break the page */ }
        }
      };
      card.appendChild(accept);
      dialog.appendChild(card);
    });
    var decline = el("button", "upsell-decline", list[0].declineText);
    decline.type = "button";
    decline.onclick = function () {
      list.forEach(function (offer) { track("decline", offer); });
      close();
    };
    dialog.appendChild(decline);
    backdrop.appendChild(dialog);

    function keydown(e) {
      if (e.key === "Escape") {
        list.forEach(function (offer) { track("dismiss", offer); });
        close();
      } else if (e.key === "Tab") {
        var items = dialog.querySelectorAll("button");
        var first = items[0], last = items[items.length - 1];
        if (e.shiftKey && document.activeElement === first) { last.focus(); e.preventDefault(); }
        else if (!e.shiftKey && document.activeElement === last) { first.focus(); e.preventDefault(); }
        else if (!dialog.contains(document.activeElement)) { first.focus(); e.preventDefault(); }
      }
    }

    function close() {
      document.removeEventListener("keydown", keydown, true);
      backdrop.remove();
      open = null;
      if (before && before.focus) before.focus();
      flush();
    }

    style();
    document.addEventListener("keydown", keydown, true);
    document.body.appendChild(backdrop);
    open = backdrop;
    dialog.querySelector("button").focus();
    list.forEach(function (offer) { track("impression", offer); });
  }

  // Fixed-position overlay (no layout shift); every colour and size a shop may change is a custom property.
  function style() {
    if (document.getElementById("upsell-style")) return;
    var css = el("style");
    css.id = "upsell-style";
    css.textContent =
      ".upsell-backdrop{position:fixed;inset:0;z-index:2147483000;display:flex;align-items:center;justify-content:center;padding:16px;background:var(--upsell-backdrop,rgba(15,23,42,.55));font-family:var(--upsell-font,inherit)}" +
      ".upsell-dialog{box-sizing:border-box;width:100%;max-width:var(--upsell-width,420px);max-height:calc(100vh - 32px);overflow:auto;background:var(--upsell-bg,#fff);color:var(--upsell-text,#1d2330);border-radius:var(--upsell-radius,12px);padding:24px;box-shadow:0 12px 40px rgba(0,0,0,.3)}" +
      ".upsell-offer+.upsell-offer{border-top:1px solid var(--upsell-border,#e2e5ec);margin-top:16px;padding-top:16px}" +
      ".upsell-headline{font-size:1.25rem;margin:0 0 8px}.upsell-body{margin:0 0 8px}.upsell-price{font-weight:700;font-size:1.125rem;margin:0 0 12px}" +
      ".upsell-dialog button{font:inherit;min-height:44px;width:100%;border-radius:var(--upsell-button-radius,8px);cursor:pointer}" +
      ".upsell-accept{background:var(--upsell-accent,#1d4ed8);color:var(--upsell-accent-text,#fff);border:0;font-weight:600}" +
      ".upsell-decline{margin-top:12px;background:transparent;color:inherit;border:1px solid var(--upsell-border,#c5cad5)}" +
      ".upsell-dialog button:focus-visible{outline:3px solid var(--upsell-focus,#f59e0b);outline-offset:2px}";
    document.head.appendChild(css);
  }

  // Exit intent, once per session: a deliberate top-edge leave on desktop; a fast scroll up near the top, or the
  // page hidden and shown again, on touch devices. The server still decides whether anything is shown.
  function watchExitIntent() {
    var pending = 0, menuAt = -1e9, lastY = window.scrollY, lastAt = 0, startY = 0, startAt = 0, hiddenAt = 0;
    var touch = device() !== "desktop";

    function fire(signal) {
      if (open || flag("upsell-exit-intent") || Date.now() - started < options.dwellMs || !cart().length) return;
      flag("upsell-exit-intent", true);
      offers("exit-intent", signal);
    }

    document.addEventListener("contextmenu", function () { menuAt = Date.now(); });
    document.addEventListener("mouseout", function (e) {
      var target = e.target, tag = target && target.tagName;
      if (touch || e.relatedTarget || e.clientY > 0) return;
      // Leaves caused by an open select, an autocomplete list or the context menu are not exit intent.
      if (tag === "SELECT" || tag === "OPTION" || tag === "INPUT" || tag === "TEXTAREA" || Date.now() - menuAt < 3000) return;
      clearTimeout(pending);
      pending = setTimeout(function () { fire("top-edge"); }, options.exitDelayMs);
    });
    document.addEventListener("mouseover", function () { clearTimeout(pending); });
    window.addEventListener("scroll", function () {
      var now = Date.now(), y = window.scrollY;
      // A gesture starts where the page rested; it counts when it climbs 200 px at more than 1 px/ms to near the top.
      if (now - lastAt > 250) {
        startY = lastY;
        startAt = now - 16;
      }
      if (touch && y < 400 && startY - y > 200 && (startY - y) / (now - startAt) > 1) fire("scroll-up");
      lastY = y;
      lastAt = now;
    }, { passive: true });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") {
        hiddenAt = Date.now();
        flush();
      } else if (touch && hiddenAt) {
        fire("tab-return");
      }
    });
  }

  window.Upsell = {
    init: function (settings) {
      options = {};
      for (var key in defaults) options[key] = settings && settings[key] !== undefined ? settings[key] : defaults[key];
      started = Date.now();
      window.addEventListener("pagehide", flush);
      if (options.exitIntent) watchExitIntent();
      if (options.moment) offers(options.moment);
      return window.Upsell;
    },
    offers: offers,
    flush: flush
  };
  // Loaded async: a page that defined upsellReady before this script ran is called back now.
  if (typeof window.upsellReady === "function") window.upsellReady(window.Upsell);
})(window, document);
