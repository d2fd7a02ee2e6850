/**
 * What the two HTTP edges (api and dashboard) share and nothing else uses: how failures become
 * answers. It owns no table and no endpoint.
 */
@org.jspecify.annotations.NullMarked
package cascade.edge;
