// node-thermal-printer ships no types for its per-model command tables (lib/types/*-config.js);
// they are CommonJS objects of Buffers. escpos-command-set.ts checks each key it uses at load.
declare module 'node-thermal-printer/lib/types/epson-config.js' {
  const config: Readonly<Record<string, unknown>>;
  export = config;
}
declare module 'node-thermal-printer/lib/types/star-config.js' {
  const config: Readonly<Record<string, unknown>>;
  export = config;
}
