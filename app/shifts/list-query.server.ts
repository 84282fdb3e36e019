// The shifts list page's query schema, for its loader. Imported from this server module so that zod stays out of
// the page's JavaScript: schemas.ts builds its schemas as it loads, which the bundler keeps wherever it is imported.
export { shiftListQuery } from './schemas';
