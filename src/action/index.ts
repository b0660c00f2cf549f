import { main } from "./main.js";

// Entry of the GitHub Action when run unbundled (`node lib/action/index.js`: templates read from
// templates/). The committed bundle, dist/action/index.js, is built by scripts/build-action.mjs
// from the same `main()` with every template embedded.
await main();
