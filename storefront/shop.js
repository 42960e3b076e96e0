// The demo shop around upsell.js: a cart in localStorage and five checkout pages, each with a slot for its moment's
// offer beside the call to action. ?soldout=SKU makes adding that SKU fail, as a sold-out item does.
(function () {
  var params = new URLSearchParams(location.search);
  var remembered = function (name, fallback) {
    if (params.get(name)) localStorage.setItem("demo-" + name, params.get(name));
    return localStorage.getItem("demo-" + name) || fallback;
  };
  var api = remembered("api", "http://localhost:7071/api");
  var locale = remembered("locale", "en-US");
  var soldOut = params.get("soldout");

  var products = [
    { sku: "CAM-X100", name: "Camera X100", category: "cameras", price: 89900 },
    { sku: "LAP-14", name: "Laptop 14\"", category: "laptops", price: 99900 },
    { sku: "PHN-S", name: "Phone S", category: "phones", price: 69900 },
    { sku: "BIKE-CITY", name: "City bike", category: "bikes", price: 79900 },
    { sku: "TENT-2P", name: "Tent for two", category: "camping", price: 19900 },
    { sku: "HDP-PRO", name: "Headphones Pro", category: "audio", price: 24900 },
    { sku: "COF-BAR", name: "Coffee machine", category: "kitchen", price: 34900 },
    { sku: "SHOE-TRAIL", name: "Trail shoes", category: "footwear", price: 12900 }
  ];
  var euro = new Intl.NumberFormat(locale, { style: "currency", currency: "EUR" });

  function cart() { return JSON.parse(localStorage.getItem("demo-cart") || "[]"); }
  function save(lines) { localStorage.setItem("demo-cart", JSON.stringify(lines)); render(); }
  function add(line) {
    var lines = cart(), same = lines.filter(function (l) { return l.sku === line.sku; })[0];
    if (same) same.quantity++; else lines.push(line);
    save(lines);
  }

  function render() {
    var table = document.getElementById("cart");
    if (!table) return;
    var lines = cart(), total = 0;
    table.innerHTML = "<tr><th>Item</th><th>Qty</th><th>Price</th></tr>";
    lines.forEach(function (l) {
      var row = table.insertRow();
      row.insertCell().textContent = l.name;
      row.insertCell().textContent = l.quantity;
      row.insertCell().textContent = euro.format(l.unitPrice * l.quantity / 100);
      total += l.unitPrice * l.quantity;
    });
    document.getElementById("total").textContent = euro.format(total / 100);
  }

  window.DemoShop = {
    products: products,
    cart: cart,
    addProduct: function (sku) {
      var p = products.filter(function (x) { return x.sku === sku; })[0];
      add({ sku: p.sku, name: p.name, category: p.category, unitPrice: p.price, quantity: 1 });
    },
    clear: function () { save([]); }
  };

  // Runs at the end of the body, so the cart is drawn before the first paint and nothing shifts later.
  (function () {
    var grid = document.getElementById("products");
    if (grid) {
      products.forEach(function (p) {
        var card = document.createElement("div");
        card.className = "card";
        card.innerHTML = "<h2></h2><p class=muted></p><button type=button>Add to cart</button>";
        card.querySelector("h2").textContent = p.name;
        card.querySelector("p").textContent = euro.format(p.price / 100);
        card.querySelector("button").onclick = function () { DemoShop.addProduct(p.sku); location.href = "cart.html"; };
        grid.appendChild(card);
      });
    }
    render();
    if (window.Upsell) start(window.Upsell);
    else window.upsellReady = start;
  })();

  // A page with data-ask-after asks for its moment once the shopper has filled that field (the address, say).
  function start(Upsell) {
    var moment = document.body.getAttribute("data-moment"), after = document.body.getAttribute("data-ask-after");
    if (after) {
      document.querySelector(after).addEventListener("change", function asked(event) {
        if (!event.target.value.trim()) return;
        event.target.removeEventListener("change", asked);
        Upsell.offers(moment);
      });
    }
    Upsell.init({
      endpoint: api,
      moment: after ? null : moment,
      locale: locale,
      cart: function () {
        return cart().map(function (l) {
          return { sku: l.sku, category: l.category, unitPrice: l.unitPrice, quantity: l.quantity, currency: "EUR" };
        });
      },
      customer: { firstTime: true, orderCount: 0 },
      dwellMs: Number(remembered("dwell", "10000")),
      // The cart line is the offer's SKU and carries its decision token, so the order attributes the upsell.
      onAccept: function (offer) {
        return new Promise(function (done, fail) {
          setTimeout(function () {
            if (offer.sku === soldOut) return fail(new Error("Sorry, that just sold out."));
            add({ sku: offer.sku, name: offer.headline, category: null, unitPrice: offer.price.amount, quantity: 1, token: offer.token });
            done();
          }, 250);
        });
      }
    });
  }
})();
