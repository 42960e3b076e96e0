/*! upsell-shopify.js: upsell.js on a Shopify theme, through Shopify's Ajax Cart API. Load it after upsell.js. */
(function (window) {
  "use strict";

  // Calls the Ajax Cart API; an error answer (422 "sold out", 404 "no such variant") rejects with Shopify's own
  // description, which the card shows to the shopper.
  function call(url, body) {
    return fetch(url, {
      method: body ? "POST" : "GET",
      headers: body ? { "Content-Type": "application/json", Accept: "application/json" } : { Accept: "application/json" },
      body: body ? JSON.stringify(body) : undefined,
      credentials: "same-origin"
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) throw new Error(data.description || data.message || "The cart could not be updated (" + response.status + ").");
        return data;
      });
    });
  }

  // Shopify's cart lines as upsell.js reads them: prices are already in minor units (final_price, after discounts).
  function lines(cart) {
    return cart.items.filter(function (item) { return item.sku; }).map(function (item) {
      return { sku: item.sku, category: item.product_type || null, unitPrice: item.final_price, quantity: item.quantity, currency: cart.currency };
    });
  }

  function ready(then) {
    if (window.Upsell) return then(window.Upsell);
    var before = window.upsellReady;
    window.upsellReady = function (Upsell) {
      if (typeof before === "function") before(Upsell);
      then(Upsell);
    };
  }

  window.UpsellShopify = {
    // Reads the cart, starts upsell.js with it, and adds an accepted offer (its externalId is the variant id) with
    // its decision token as a hidden line property, so the order carries the token back. The cart attribute
    // _upsell_visitor names the visitor on the order for the holdout view. Settings are upsell.js's, plus
    // `root` (Shopify.routes.root by default, for locale-aware URLs) and `onAdded(offer, cart)`.
    init: function (settings) {
      settings = settings || {};
      var root = settings.root || (window.Shopify && Shopify.routes && Shopify.routes.root) || "/", current = [], own = {};
      for (var key in settings) own[key] = settings[key];
      own.cart = function () { return current; };
      own.onAccept = function (offer) {
        if (!offer.externalId) return Promise.reject(new Error("This offer has no Shopify variant id (externalId)."));
        var id = /^\d+$/.test(offer.externalId) ? Number(offer.externalId) : offer.externalId;
        return call(root + "cart/add.js", { items: [{ id: id, quantity: 1, properties: { _upsell_token: offer.token } }] })
          .then(function () { return call(root + "cart.js"); })
          .then(function (cart) {
            current = lines(cart);
            if (settings.onAdded) settings.onAdded(offer, cart);
          });
      };
      return new Promise(function (done) { ready(done); }).then(function (Upsell) {
        return call(root + "cart.js").then(function (cart) {
          current = lines(cart);
          var visitor = Upsell.visitorId();
          if ((cart.attributes || {})._upsell_visitor !== visitor) {
            call(root + "cart/update.js", { attributes: { _upsell_visitor: visitor } }).catch(function () {});
          }
          return Upsell.init(own);
        });
      }).catch(function (error) {
        console.warn("upsell-shopify.js: the cart could not be read, so no offers are asked for: " + error.message);
        return null;
      });
    },
    lines: lines
  };
})(window);
