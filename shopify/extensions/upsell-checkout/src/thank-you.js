// @ts-check
// The confirmation moment on the thank-you page: the order is placed, so an accepted offer opens a new checkout.
import { renderOffer } from "./offers.js";

export default async () => renderOffer(shopify, "confirmation", "after-order");
