// Side-effect imports of stylesheets, resolved by Vite.
declare module '*.css';
