// In-process loggers take LOG_LEVEL as the CLI's do (src/ reads no environment below the CLI).
import { parseLogLevel } from '../../src/config/env.schema';
import { setLogLevel } from '../../src/log';

setLogLevel(parseLogLevel(process.env));
