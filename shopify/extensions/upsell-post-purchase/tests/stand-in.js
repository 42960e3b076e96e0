// @ts-check
// A stand-in for Shopify's post-purchase host: the `shopify.extend` registry the extension registers with, the
// ShouldRender and Render APIs (their shape checked against the pinned @shopify/post-purchase-ui-extensions types by
// `npx tsc -p shopify`), and a real remote-ui root (@remote-ui/core) that the extension draws Shopify's components into.
import { createRemoteRoot } from "@remote-ui/core";

/**
 * @typedef {import("@shopify/post-purchase-ui-extensions").PostPurchaseShouldRenderApi} ShouldRenderApi
 * @typedef {import("@shopify/post-purchase-ui-extensions").PostPurchaseRenderApi} RenderApi
 * @typedef {ShouldRenderApi["inputData"]} InputData
 * @typedef {Awaited<ReturnType<RenderApi["calculateChangeset"]>>} Calculated
 * @typedef {Awaited<ReturnType<RenderApi["applyChangeset"]>>} Applied
 */

/** Installs the host's `shopify` global; the extension points registered on it come back by name. */
export function installHost() {
  /** @type {Record<string, Function>} */
  const points = {};
  Object.assign(globalThis, { self: globalThis, shopify: { extend: (/** @type {string} */ point, /** @type {Function} */ run) => { points[point] = run; }, reload() {} } });
  return points;
}

/** ShouldRender's API, keeping what the extension stores for Render. @param {InputData} inputData */
export function shouldRenderApi(inputData) {
  const kept = { data: /** @type {unknown} */ (undefined) };
  /** @type {ShouldRenderApi} */
  const api = {
    inputData,
    storage: { initialData: undefined, update: async (data) => { kept.data = data; } },
    version: "unstable",
    locale: inputData.locale,
    extensionPoint: "Checkout::PostPurchase::ShouldRender",
  };
  return { api, kept };
}

/**
 * Render's API and a remote-ui root. `calculateChangeset` answers `calculated`, `applyChangeset` answers `applied`;
 * both keep what they were given, and `done` is counted.
 * @param {InputData} inputData @param {unknown} initialData @param {{ calculated: Calculated, applied: Applied }} answers
 */
export function renderApi(inputData, initialData, answers) {
  const calls = { calculated: /** @type {unknown[]} */ ([]), applied: /** @type {string[]} */ ([]), done: 0 };
  /** @type {RenderApi} */
  const api = {
    inputData,
    storage: { initialData, update: async () => {} },
    calculateChangeset: async (changeset) => { calls.calculated.push(changeset); return answers.calculated; },
    applyChangeset: async (changeset) => { calls.applied.push(changeset); return answers.applied; },
    done: async () => { calls.done++; },
    version: "unstable",
    locale: inputData.locale,
    extensionPoint: "Checkout::PostPurchase::Render",
  };
  const root = createRemoteRoot(() => {});
  return { api, root, calls };
}

/**
 * The drawn page as text, one component per line with its props (functions left out), for assertions and docs.
 * @param {{ children: ReadonlyArray<any> }} node @param {string} [indent]
 * @returns {string}
 */
export function tree(node, indent = "") {
  return node.children.map((child) => {
    if (child.kind === 2 || typeof child.text === "string") return `${indent}"${child.text}"`;
    const props = Object.entries(child.props ?? {}).filter(([, v]) => typeof v !== "function").map(([k, v]) => ` ${k}=${JSON.stringify(v)}`).join("");
    const inner = tree(child, indent + "  ");
    return `${indent}<${child.type}${props}>${inner ? "\n" + inner : ""}`;
  }).join("\n");
}

/** Every component of a type, depth first. @param {{ children: ReadonlyArray<any> }} node @param {string} type @returns {any[]} */
export function find(node, type) {
  return node.children.flatMap((child) => [...(child.type === type ? [child] : []), ...(child.children ? find(child, type) : [])]);
}
