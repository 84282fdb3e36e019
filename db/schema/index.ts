export * from './places';
export * from './users';
export * from './households';
export * from './auth';
export * from './audit';
export * from './outbox';
export * from './resources';
export * from './needs';
