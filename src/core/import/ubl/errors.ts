import { FormatError } from '../format-error.js';

/** A file that is not a readable invoice; its message is written for people (in Danish), its reason for the app's languages. */
export class UblFormatError extends FormatError {
  override name = 'UblFormatError';
}
