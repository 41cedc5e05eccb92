/**
 * The city gateway port. It lives in city-gateway-port.ts because the layer rules let services
 * import `*-port.ts` files from main/city but not adapters; this module re-exports it under
 * the name the design uses.
 */
export type * from './city-gateway-port.js';
