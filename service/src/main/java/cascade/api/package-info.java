/**
 * The HTTP edge: controllers that parse a request, call one module front door and map the answer,
 * the access filter, server-sent progress events, and failures as problem details. Holds no
 * business rule and touches no table; nothing depends on it.
 */
@NullMarked
package cascade.api;

import org.jspecify.annotations.NullMarked;
