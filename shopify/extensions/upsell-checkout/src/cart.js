// @ts-check
// The cart moment inside checkout: the offer, added to the order being placed.
import { renderOffer } from "./offers.js";

export default async () => renderOffer(shopify, "cart", "checkout");
