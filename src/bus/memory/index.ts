export { createMemoryBackend, type MemoryBackendOptions, MemoryBusBackend } from './memory-backend.js';
