/**
 * Cascade: scaling-law experiments on hierarchical feature learning as a service. {@code
 * CascadeApplication} hands command-line verbs to {@code cli} or starts Spring; every capability
 * lives in a direct sub-package (a module), and what may depend on what is checked by
 * {@code ArchitectureTests}. Nothing but the application class lives here.
 */
@NullMarked
package cascade;

import org.jspecify.annotations.NullMarked;
