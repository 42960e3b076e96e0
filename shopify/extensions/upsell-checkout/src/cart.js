// @ts-check
// The cart moment inside checkout: the offer, added to the order being placed.
import { renderInCheckout } from "./offers.js";

export default async () => renderInCheckout(shopify, "cart");
