import { runConsumerSuite } from './consumer-suite.js';

runConsumerSuite('memory');
