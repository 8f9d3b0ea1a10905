// Entry point of dist/server.js: `node dist/server.js --stdio` or `--node-ipc`.
import { startServer } from './server';

startServer(process.argv.slice(2));
