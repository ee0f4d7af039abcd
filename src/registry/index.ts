export * from './countries.js';
export * from './model.js';
export * from './organisations.js';
export * from './presidency.js';
export * from './sectors.js';
