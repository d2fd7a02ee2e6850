/**
 * What the two HTTP edges (api and dashboard) share and nothing else uses: how failures become
 * answers. {@link cascade.edge.ProblemType} is the one list of RFC 9457 problem types (URI and
 * status) and {@link cascade.edge.Problems} the one factory that exception handlers and servlet
 * filters build them with; {@link cascade.edge.DatabaseFailures} says which failures are a 503. It
 * owns no table and no endpoint, and knows nothing of the modules.
 */
@NullMarked
package cascade.edge;

import org.jspecify.annotations.NullMarked;
