export {
  isDuration,
  isIri,
  isIrl,
  isLanguageTag,
  isMailtoIri,
  isTimestamp,
  isUuid,
} from './primitives.js';
export { type ValidateOptions, validateStatement, validateStatements } from './statement.js';
