import { configureFastCheck } from './property/fcConfig.js';

configureFastCheck();
