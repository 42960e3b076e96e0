// @ts-check
// The confirmation moment on the order-status page (customer accounts): as on the thank-you page.
import { renderOffer } from "./offers.js";

export default async () => renderOffer(shopify, "confirmation", "after-order");
