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
    onAccept: null,         // function (offer): the shop adds offer.sku / offer.externalId to its cart; may return a promise
    exitIntent: true,       // watch for exit intent and ask for the exit-intent offer once per session
    dwellMs: 10000,         // no exit intent before the shopper has been on the page this long
    exitDelayMs: 300,       // a top-edge leave fires after this delay unless the pointer comes back
    flushMs: 2000,          // events are sent in batches at most this often
    headingLevel: 2,        // the level of an inline card's heading (the cart row's cards are one below)
    texts: {                // what the script itself says; the offer's copy comes from the catalog
      row: "Complete your order",
      save: "Save {amount}",
      was: "Was",
      added: "Added",
      failed: "Sorry, this could not be added.",
      close: "Close"
    }
  };
  var options, queue = [], flushTimer = 0, started = 0, open = null, ids = 0, seen = {}, shown = {}, sending = 0, backoff = 0, KEPT = "upsell-events";

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

  function visitor() { return stored(localStorage, "upsell-visitor"); }

  function cart() {
    var lines = typeof options.cart === "function" ? options.cart() : options.cart;
    return lines || [];
  }

  function device() {
    return options.device || (window.matchMedia("(pointer: coarse)").matches ? (Math.min(screen.width, screen.height) < 600 ? "mobile" : "tablet") : "desktop");
  }

  // Asks for offers at a moment and shows them; resolves true when something was shown. Never throws. A checkout
  // moment renders inline into the shop's [data-upsell-slot="moment"]; exit intent alone opens a dialog.
  function offers(moment, signal) {
    var exit = moment === "exit-intent";
    var slot = !exit && document.querySelector('[data-upsell-slot="' + moment + '"]');
    if (exit ? open : !slot) {
      if (!exit) console.warn('upsell.js: no [data-upsell-slot="' + moment + '"] here');
      return Promise.resolve(false);
    }
    var body = {
      sessionId: stored(sessionStorage, "upsell-session"),
      visitorId: visitor(),
      cart: cart(),
      device: device(),
      locale: options.locale
    };
    if (options.country) body.country = options.country;
    if (options.customer) body.customer = options.customer;
    if (signal) body.signal = signal;
    // The offers this page shows, so the server offers none of their products at another price beside them.
    var page = Object.keys(shown).map(function (token) { return shown[token]; }).slice(0, 10);
    if (page.length) body.onPage = page;
    return fetch(options.endpoint + "/offers/" + moment, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body)
    }).then(function (response) {
      if (response.status === 204) quiet(response.headers.get("X-Upsell-Reason"));
      return response.status === 200 ? response.json() : null;
    }).then(function (answer) {
      var list = answer && answer.offers;
      if (!list || !list.length) {
        if (slot) empty(slot);
        return false;
      }
      style();
      if (exit) dialog(list); else inline(slot, list);
      return true;
    }).catch(function () {
      return false;
    });
  }

  // A slot that gets nothing: below the fold it gives its space back; in view it keeps it, so nothing moves, and
  // shows the shop's own <template data-upsell-fallback> there (a delivery promise, say) rather than a gap.
  // A slot that reserved no space (a quiet session) stays as it is.
  function empty(slot) {
    var fallback = slot.querySelector("template[data-upsell-fallback]"), box = slot.getBoundingClientRect();
    if (!box.height) return;
    if (box.top > innerHeight) slot.style.minHeight = "0";
    else if (fallback) slot.replaceChildren(el("div", "upsell-fallback")), slot.firstChild.appendChild(fallback.content);
  }

  // Reasons that hold for the rest of the session (the prompt cap, the holdout, an opt-out) are kept in it, so the
  // shop's next pages reserve no slot (the head snippet in the shop developer's guide marks them before first paint;
  // this page keeps its slot, so nothing moves).
  function quiet(reason) {
    if (/^(session-cap|holdout|opted-out)$/.test(reason)) flag("upsell-quiet", true);
  }

  function track(type, offer) {
    if (type === "impression") seen[offer.token] = 1;
    else if (!seen[offer.token]) track("impression", offer); // a shopper who answered an offer saw it
    queue.push({ id: id(), type: type, at: new Date().toISOString(), token: offer.token });
    keep();
    if (queue.length >= 50) flush();
    else later(options.flushMs);
  }

  // Events stay in the tab's sessionStorage until the server has taken them, so a failed batch, or one cut off by
  // leaving the page, is sent again with the same ids (here or on the next page); the server counts an id once.
  function keep() {
    try { sessionStorage.setItem(KEPT, JSON.stringify(queue)); } catch (e) { /* storage off: memory only */ }
  }

  function later(ms) {
    if (!flushTimer) flushTimer = setTimeout(flush, ms);
  }

  // Sends the first 50 kept events; on a network error, 408, 429 or 5xx they are kept and tried again, later each time.
  function flush() {
    clearTimeout(flushTimer);
    flushTimer = 0;
    if (!queue.length || sending) return;
    var batch = queue.slice(0, 50);
    sending = 1;
    fetch(options.endpoint + "/events", { method: "POST", body: JSON.stringify({ events: batch }), keepalive: true, headers: { "Content-Type": "text/plain" } })
      .then(function (r) {
        if (r.status > 499 || r.status == 429 || r.status == 408) throw r;
        queue.splice(0, batch.length);
        keep();
        sending = backoff = 0;
        flush();
      })
      .catch(function () {
        sending = 0;
        later(backoff = Math.min(2 * (backoff || options.flushMs / 2), 6e4));
      });
  }

  // Leaving the page: what is kept goes by sendBeacon, which outlives the page; it stays kept until a fetch confirms.
  function leave() {
    for (var i = 0; i < queue.length && navigator.sendBeacon; i += 50) {
      navigator.sendBeacon(options.endpoint + "/events", new Blob([JSON.stringify({ events: queue.slice(i, i + 50) })], { type: "text/plain" }));
    }
  }

  function el(tag, className, text, parent) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }

  function button(className, text, label, parent) {
    var node = el("button", className, text, parent);
    node.type = "button";
    node.setAttribute("aria-label", label);
    return node;
  }

  // One offer as a product card: image, headline, copy, price (and the usual price struck through with the saving),
  // accept and "No thanks". Its buttons name the product and price, so a screen reader knows what they add.
  // Inline, each card is a region named by its headline; in the dialog, the dialog is.
  function card(offer, level, accepted, declined, region) {
    var node = el(region ? "section" : "div", "upsell-card"), info, price, title = "upsell-offer-" + ++ids, status, accept;
    shown[offer.token] = { sku: offer.sku, externalId: offer.externalId, unitPrice: offer.price.amount, currency: offer.price.currency };
    if (region) node.setAttribute("aria-labelledby", title);
    if (offer.imageUrl) {
      var image = el("img", "upsell-image", "", node);
      image.src = offer.imageUrl;
      image.alt = "";
      image.width = image.height = 72;
    } else node.className += " upsell-plain";
    info = el("div", "upsell-info", "", node);
    el("h" + level, "upsell-headline", offer.headline, info).id = title;
    if (offer.body) el("p", "upsell-body", offer.body, info);
    price = el("p", "upsell-price", "", info);
    el("strong", "", offer.price.formatted, price);
    if (offer.saving) {
      var was = el("s", "", "", price);
      el("span", "upsell-sr", options.texts.was + " ", was);
      was.appendChild(document.createTextNode(offer.compareAtPrice.formatted));
      el("span", "upsell-saving", options.texts.save.replace("{amount}", offer.saving.formatted), price);
    }
    var actions = el("div", "upsell-actions", "", node);
    accept = button("upsell-accept", offer.callToAction, offer.callToAction + ": " + offer.headline + ", " + offer.price.formatted, actions);
    var decline = button("upsell-decline", offer.declineText, offer.declineText + ": " + offer.headline, actions);
    status = el("p", "upsell-status", "", node);
    status.setAttribute("role", "status");

    accept.onclick = function () {
      if (accept.getAttribute("aria-disabled")) return;
      track("click", offer);
      busy(accept, true);
      status.textContent = "";
      new Promise(function (done) { done(options.onAccept && options.onAccept(offer)); }).then(function () {
        track("accept", offer);
        accept.textContent = options.texts.added;
        accept.setAttribute("aria-label", options.texts.added + ": " + offer.headline);
        accept.removeAttribute("aria-busy");
        decline.remove();
        node.className += " upsell-added";
        accepted();
        flush();
      }, function (error) {
        busy(accept, false);
        status.textContent = (error && error.message) || (typeof error === "string" && error) || options.texts.failed;
        flush();
      });
    };
    decline.onclick = function () {
      delete shown[offer.token];
      declined();
    };
    return node;
  }

  function busy(node, on) {
    if (on) {
      node.setAttribute("aria-busy", "true");
      node.setAttribute("aria-disabled", "true");
    } else {
      node.removeAttribute("aria-busy");
      node.removeAttribute("aria-disabled");
    }
  }

  // A checkout moment: cards in the shop's slot, a row of up to three in the cart. Focus stays where the shopper is.
  function inline(slot, list) {
    var level = options.headingLevel, row = el("section", "upsell-row"), cards;
    if (list.length > 1 || slot.getAttribute("data-upsell-slot") === "cart") {
      row.setAttribute("aria-labelledby", el("h" + level, "upsell-row-title", options.texts.row, row).id = "upsell-row-" + ++ids);
      level++;
    }
    cards = el("div", "upsell-cards", "", row);
    list.forEach(function (offer) {
      var node = card(offer, level, function () {}, function () {
        var focused = node.contains(document.activeElement), next;
        track("decline", offer);
        node.remove();
        next = cards.querySelector(".upsell-card:not(.upsell-added) .upsell-accept");
        if (!cards.children.length) {
          slot.style.minHeight = "0";
          row.remove();
        }
        if (focused) (next || slot).focus();
        flush();
      }, true);
      cards.appendChild(node);
      viewable(node, offer);
    });
    slot.tabIndex = -1;
    slot.textContent = "";
    slot.appendChild(row);
  }

  // The IAB viewability rule: an impression once at least half of the card has been in view for one second.
  function viewable(node, offer) {
    if (!window.IntersectionObserver) return track("impression", offer);
    var timer = 0, watcher = new IntersectionObserver(function (entries) {
      var entry = entries[entries.length - 1];
      clearTimeout(timer);
      timer = entry.isIntersecting && entry.intersectionRatio >= 0.5 && setTimeout(function () {
        watcher.disconnect();
        if (!seen[offer.token] && node.isConnected && !document.hidden) track("impression", offer);
      }, 1000);
    }, { threshold: [0, 0.5, 1] });
    watcher.observe(node);
  }

  // Exit intent: the one interrupting prompt, a modal dialog that takes focus, keeps it and gives it back.
  function dialog(list) {
    var before = document.activeElement;
    var backdrop = el("div", "upsell-backdrop");
    var box = el("div", "upsell-dialog", "", backdrop);
    box.setAttribute("role", "dialog");
    box.setAttribute("aria-modal", "true");
    box.tabIndex = -1;
    list.forEach(function (offer) {
      box.appendChild(card(offer, 2, close, function () {
        list.forEach(function (o) { track("decline", o); });
        close();
      }));
    });
    box.setAttribute("aria-labelledby", box.querySelector("h2").id);
    var text = box.querySelector(".upsell-body");
    if (text) box.setAttribute("aria-describedby", text.id = "upsell-text-" + ids);
    // A visible way out beside Escape, last in the tab order so focus starts on the offer; it dismisses, as Escape does.
    button("upsell-close", "\u00d7", options.texts.close, box).onclick = dismiss;

    function dismiss() {
      list.forEach(function (offer) { track("dismiss", offer); });
      close();
    }

    function keydown(e) {
      if (e.key === "Escape") {
        dismiss();
      } else if (e.key === "Tab") {
        var items = box.querySelectorAll("button");
        var first = items[0], last = items[items.length - 1];
        if (e.shiftKey && document.activeElement === first) { last.focus(); e.preventDefault(); }
        else if (!e.shiftKey && document.activeElement === last) { first.focus(); e.preventDefault(); }
        else if (!box.contains(document.activeElement)) { first.focus(); e.preventDefault(); }
      }
    }

    function close() {
      list.forEach(function (offer) { delete shown[offer.token]; });
      document.removeEventListener("keydown", keydown, true);
      backdrop.remove();
      open = null;
      if (before && before.focus) before.focus();
      flush();
    }

    document.addEventListener("keydown", keydown, true);
    document.body.appendChild(backdrop);
    open = backdrop;
    box.querySelector("button").focus();
    list.forEach(function (offer) { track("impression", offer); });
  }

  // Every colour and size a shop may change is a custom property. The dialog is a fixed overlay; an inline card
  // has a fixed layout (two lines of headline and of copy at most) so it fits the slot's reserved height.
  function style() {
    if (document.getElementById("upsell-style")) return;
    var css = el("style");
    css.id = "upsell-style";
    css.textContent =
      ".upsell-backdrop{position:fixed;inset:0;z-index:2147483000;display:flex;align-items:center;justify-content:center;padding:16px;background:var(--upsell-backdrop,rgba(15,23,42,.55))}" +
      ".upsell-dialog{position:relative;box-sizing:border-box;width:100%;max-width:var(--upsell-width,460px);max-height:calc(100vh - 32px);overflow:auto;border-radius:var(--upsell-radius,12px);box-shadow:0 12px 40px rgba(0,0,0,.3);background:var(--upsell-bg,#fff)}" +
      ".upsell-dialog .upsell-card{border:0;padding:24px;padding-right:52px}.upsell-dialog .upsell-card+.upsell-card{border-top:1px solid var(--upsell-border,#e2e5ec)}" +
      // The dialog has no reserved height: its copy is never cut, and its buttons take the card's width and wrap.
      ".upsell-dialog .upsell-actions{grid-column:1/-1;flex-wrap:wrap}.upsell-dialog .upsell-actions button{flex:1 1 120px;white-space:normal;padding:8px 12px}" +
      ".upsell-close{position:absolute;top:8px;right:8px;width:44px;height:44px;padding:0;border:0;background:0;color:inherit;font-size:1.5rem;line-height:1;cursor:pointer}" +
      ".upsell-row,.upsell-card{box-sizing:border-box;font-family:var(--upsell-font,inherit);color:var(--upsell-text,#1d2330)}" +
      ".upsell-row-title{font-size:1.05rem;margin:0 0 8px}.upsell-cards{display:flex;gap:12px;overflow-x:auto}" +
      ".upsell-card{position:relative;display:grid;grid-template-columns:72px minmax(0,1fr);gap:8px 12px;align-items:start;flex:1 1 0;min-width:min(248px,80%);background:var(--upsell-bg,#fff);border:1px solid var(--upsell-border,#e2e5ec);border-radius:var(--upsell-radius,12px);padding:12px}" +
      ".upsell-card>*{grid-column:2}.upsell-card>.upsell-image{grid-column:1;grid-row:1/span 2;width:72px;height:72px;border-radius:8px;object-fit:cover}.upsell-plain{grid-template-columns:minmax(0,1fr)}.upsell-plain>*{grid-column:1}" +
      ".upsell-cards .upsell-card{grid-template-columns:56px minmax(0,1fr);grid-template-rows:1fr auto}.upsell-cards .upsell-image{grid-row:1;width:56px;height:56px}.upsell-cards .upsell-card>.upsell-actions,.upsell-cards .upsell-status{grid-column:1/-1}" +
      ".upsell-card:only-child{max-width:var(--upsell-card-width,560px)}" +
      ".upsell-headline,.upsell-body{margin:0 0 4px;overflow-wrap:break-word}.upsell-row .upsell-headline,.upsell-row .upsell-body{display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical;overflow:hidden}" +
      ".upsell-headline{font-size:1rem;line-height:1.3}.upsell-body{font-size:.875rem;line-height:1.4}" +
      ".upsell-price{margin:0;line-height:1.4}.upsell-price>*{display:inline-block;margin-right:6px;white-space:nowrap}.upsell-price s,.upsell-saving{font-size:.875rem}.upsell-price s{color:var(--upsell-muted,#5b6475)}.upsell-saving{color:var(--upsell-saving,#b91c1c);font-weight:600}" +
      ".upsell-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}" +
      ".upsell-actions{display:flex;gap:8px;align-self:end}.upsell-actions button{flex:1 1 auto;min-width:0;min-height:44px;padding:0 12px;font:inherit;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;border-radius:var(--upsell-button-radius,8px);cursor:pointer}" +
      ".upsell-accept{background:var(--upsell-accent,#1d4ed8);color:var(--upsell-accent-text,#fff);border:0;font-weight:600}.upsell-accept[aria-busy]{opacity:.7;cursor:progress}" +
      ".upsell-added .upsell-accept{background:var(--upsell-added,#166534);cursor:default}" +
      ".upsell-decline{background:transparent;color:inherit;border:1px solid var(--upsell-border,#c5cad5)}" +
      ".upsell-status{margin:0;font-size:.875rem}.upsell-status:empty{display:none}" +
      ".upsell-backdrop button:focus-visible,.upsell-card button:focus-visible{outline:3px solid var(--upsell-focus,#f59e0b);outline-offset:2px}";
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
      for (key in defaults.texts) if (!options.texts[key]) options.texts[key] = defaults.texts[key];
      started = Date.now();
      window.addEventListener("pagehide", leave);
      try { queue = JSON.parse(sessionStorage.getItem(KEPT)) || []; } catch (e) { /* none kept */ }
      if (queue.length) later(options.flushMs);
      if (options.exitIntent) watchExitIntent();
      if (options.moment) offers(options.moment);
      return window.Upsell;
    },
    offers: offers,
    flush: flush,
    visitorId: visitor
  };
  // Loaded async: a page that defined upsellReady before this script ran is called back now.
  if (typeof window.upsellReady === "function") window.upsellReady(window.Upsell);
})(window, document);
