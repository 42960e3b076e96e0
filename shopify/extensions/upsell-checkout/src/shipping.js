// @ts-check
// The shipping moment inside checkout: the offer, added to the order being placed.
import { renderOffer } from "./offers.js";

export default async () => renderOffer(shopify, "shipping", "checkout");
