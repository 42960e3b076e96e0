// @ts-check
// The shipping moment inside checkout: the offer, added to the order being placed.
import { renderInCheckout } from "./offers.js";

export default async () => renderInCheckout(shopify, "shipping");
