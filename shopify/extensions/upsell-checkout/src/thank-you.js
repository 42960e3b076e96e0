// @ts-check
// The confirmation moment on the thank-you page: the order is placed, so an accepted offer opens a new checkout.
import { renderAfterOrder } from "./offers.js";

export default async () => renderAfterOrder(shopify, "confirmation");
