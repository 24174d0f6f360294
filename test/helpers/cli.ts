// Test helper: runs the genlab CLI from source (tsx), as `genlab ARGS…`.
import { main } from '../../src/cli/main.js';

await main(process.argv);
