export {
  isDuration,
  isIri,
  isIrl,
  isLanguageTag,
  isMailtoIri,
  isTimestamp,
} from './primitives.js';
export { type ValidateOptions, validateStatement, validateStatements } from './statement.js';
