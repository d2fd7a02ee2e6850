/**
 * The dashboard's server side: plots of a result (SVG, PNG) drawn from the results module; the page
 * itself is static and talks to the API. Reads through front doors only, never the database.
 */
@NullMarked
package cascade.dashboard;

import org.jspecify.annotations.NullMarked;
