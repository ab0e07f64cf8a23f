export * from './absolute-effects';
export * from './certainty';
export * from './optimal-information-size';
export * from './plain-language';
export * from './summary-params';
export * from './summary-of-findings';
