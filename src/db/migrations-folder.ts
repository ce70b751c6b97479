// Where the committed migrations are: the engine applies them, and the PGlite template is keyed by their hash.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
