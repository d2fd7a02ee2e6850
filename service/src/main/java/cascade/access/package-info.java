/**
 * Who may do what: API tokens (table {@code api_token}, stored as SHA-256 only), roles, per-token
 * limits and queue quotas, and ownership of experiments ({@link cascade.access.ExperimentChanges}).
 * Decides; never speaks HTTP (the api module's filter and handlers do) and never writes another
 * module's table.
 */
@NullMarked
package cascade.access;

import org.jspecify.annotations.NullMarked;
