// The script-tag build: `<script src="tacit.js"></script>` defines the global `Tacit`, then
// `Tacit.init({ key, endpoint })`.
import { init } from './index.ts';

(globalThis as { Tacit?: unknown }).Tacit = { init };
