// The document loaders of the lists, for processes that feed the index (the worker, the reindex command).
// Each list's capability registers its loader with registerDocumentLoader (search/loaders.ts) in a module of its
// own that maps entities to public SearchDocuments; importing that module here makes it known to both.
// Lists without a registered loader are not indexed.
import '../app/needs/search.server';
import '../app/resources/search.server';
import '../app/projects/search.server';
