// Which API each module's `shopify` global is, by the target it is registered for (as `shopify app dev` writes it).
/// <reference types="preact" />
import '@shopify/ui-extensions';

declare module './src/cart.js' {
  const shopify: import('@shopify/ui-extensions/purchase.checkout.cart-line-list.render-after').Api;
}
declare module './src/form.js' {
  const shopify: import('@shopify/ui-extensions/purchase.checkout.contact.render-after').Api;
}
declare module './src/shipping.js' {
  const shopify: import('@shopify/ui-extensions/purchase.checkout.shipping-option-list.render-after').Api;
}
declare module './src/payment.js' {
  const shopify: import('@shopify/ui-extensions/purchase.checkout.payment-method-list.render-after').Api;
}
declare module './src/thank-you.js' {
  const shopify: import('@shopify/ui-extensions/purchase.thank-you.block.render').Api;
}
declare module './src/order-status.js' {
  const shopify: import('@shopify/ui-extensions/customer-account.order-status.block.render').Api;
}
