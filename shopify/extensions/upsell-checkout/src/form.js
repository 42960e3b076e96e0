// @ts-check
// The form moment inside checkout: the offer, added to the order being placed.
import { renderOffer } from "./offers.js";

export default async () => renderOffer(shopify, "form", "checkout");
