// @ts-check
// The confirmation moment on the order-status page (customer accounts): as on the thank-you page.
import { renderAfterOrder } from "./offers.js";

export default async () => renderAfterOrder(shopify, "confirmation");
