/*! upsell-embed.js: starts upsell-shopify.js as the Upsell offers app embed's settings say. */
(function (window, document) {
  "use strict";

  var settings = document.currentScript && document.currentScript.dataset;

  // The theme's own slot if it has one, else a new one after the element the setting names; none: nothing to fill.
  function slot() {
    var own = document.querySelector("[data-upsell-slot]");
    if (own) return own;
    var anchor = settings.after ? document.querySelector(settings.after) : null;
    if (!anchor) return null;
    var created = document.createElement("div");
    created.setAttribute("data-upsell-slot", settings.moment);
    anchor.insertAdjacentElement("afterend", created);
    return created;
  }

  function start() {
    var target = slot();
    if (!target) {
      console.warn("upsell-embed.js: no element with data-upsell-slot and nothing matches \"" + settings.after + "\", so no offers are shown here.");
      return;
    }
    window.UpsellShopify.init({
      endpoint: settings.endpoint.replace(/\/+$/, ""),
      moment: target.getAttribute("data-upsell-slot") || settings.moment,
      locale: settings.locale || undefined,
      exitIntent: settings.exitIntent === "true"
    });
  }

  if (!settings || !settings.endpoint) return;
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})(window, document);
