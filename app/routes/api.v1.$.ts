import { apiError } from '../api/errors.server';

// Anything under /api/v1 that is not an endpoint answers in the API's error shape, not with an HTML page.
const notFound = () => apiError(404, 'not_found', 'There is no such endpoint. See /api/v1/openapi.json.');
export const loader = notFound;
export const action = notFound;
