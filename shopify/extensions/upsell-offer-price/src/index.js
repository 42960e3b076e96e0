// @ts-check
export * from "./cart_lines_discounts_generate_run.js";
