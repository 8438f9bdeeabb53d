import { runConsumerSuite } from './consumer-suite.js';

// The consumer runtime on the durable backends: the same behaviour as on memory.
runConsumerSuite('redis');
runConsumerSuite('sqlite');
