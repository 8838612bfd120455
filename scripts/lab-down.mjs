// npm run lab:down — runs scripts/lab-down.ts from the lab's bundle (scripts/bundled.mjs).
import { runBundled } from './bundled.mjs'

await runBundled('lab-down')
