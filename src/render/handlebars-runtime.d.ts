// Types for the handlebars runtime as one file (the package types only the full compiler and an empty `handlebars/runtime`).
declare module 'handlebars/dist/handlebars.runtime.js' {
  import type Handlebars from 'handlebars';
  const runtime: typeof Handlebars;
  export default runtime;
}
