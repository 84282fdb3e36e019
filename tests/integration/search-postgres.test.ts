// The PostgreSQL engine passes the search contract on whichever driver this run uses (PGlite, or the server
// named by DATABASE_URL).
import { PostgresSearchEngine } from '../../search/postgres-engine';
import { searchEngineContract } from '../contract/search-engine';
import { useTestDatabase } from '../helpers/db';

useTestDatabase();

searchEngineContract(`postgres (${process.env.DATABASE_URL ? 'server' : 'PGlite'})`, {
  makeEngine: async () => new PostgresSearchEngine(),
});
