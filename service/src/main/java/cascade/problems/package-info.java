/**
 * RFC 9457 problem details for the HTTP edges: the one list of problem types (URI and status) and
 * the one factory that the API's and the dashboard's exception handlers and the access filter
 * build failures with. Only the edges may use it; it knows nothing of the modules.
 */
@NullMarked
package cascade.problems;

import org.jspecify.annotations.NullMarked;
