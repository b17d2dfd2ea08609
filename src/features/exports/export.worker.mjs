// Entry of the export worker thread: this thread gets its own TypeScript loader (tsx registers
// it per thread), then runs the worker itself. See export-thread.ts.
import { register } from 'tsx/esm/api';

register();
await import('./export.worker.ts');
