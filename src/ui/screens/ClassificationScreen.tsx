import { ComingScreen } from './ComingScreen.js';

export function ClassificationScreen() {
  return <ComingScreen screen="classification" />;
}
